"""Publishing a submission's progress to its channel-layer group, for the live results page.

Events carry ids only; the consumer renders them from the database with the same partial
templates the report uses. Callers publish after the row they describe is committed.
"""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


def submission_group(submission_id: int) -> str:
    return f"submission-{submission_id}"


async def _send(group: str, message: dict) -> None:
    layer = get_channel_layer()
    try:
        await layer.group_send(group, message)
    finally:
        # Each async_to_sync call runs a new event loop; pools bound to it must close with it.
        close = getattr(layer, "close_pools", None)
        if close is not None:
            await close()


def _publish(submission_id: int, message: dict) -> None:
    try:
        async_to_sync(_send)(submission_group(submission_id), message)
    except Exception:  # a lost live event is recovered by the state sent on (re)connect
        logger.warning("could not publish %s for submission %s", message["type"], submission_id, exc_info=True)


def publish_case(result) -> None:
    _publish(result.submission_id, {"type": "submission.case", "result_id": result.pk})


def publish_status(submission) -> None:
    _publish(submission.pk, {"type": "submission.status", "status": submission.status})


def publish_state(submission) -> None:
    """Ask open pages to re-render every row and the summary (a run that started over)."""
    _publish(submission.pk, {"type": "submission.state"})
