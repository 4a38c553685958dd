"""Celery tasks of the grading room: thin wrappers that take ids and call one service."""

from __future__ import annotations

import logging

from celery import current_app, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_process_shutdown

import sandbox
from grader import metrics, selectors, services

logger = logging.getLogger(__name__)


@shared_task(name="grader.tasks.ping", ignore_result=False)
def ping() -> str:
    """Answer "pong": proves a worker consumes a queue (route per call with queue=...)."""
    return "pong"


# Sent (by name: the grading room does not import the rooms that use it) when a submission that
# answers an interview item is finished, so that the interview's stored scores follow its grades.
SUBMISSION_FINISHED_TASK = "interviews.tasks.submission_finished"


def _announce_finished(submission_id: int) -> None:
    if not selectors.submission_answers_an_item(submission_id):
        return
    try:
        current_app.send_task(SUBMISSION_FINISHED_TASK, args=[submission_id], queue="run")
    except Exception:  # the broker: the interviews sweep stores scores still missing
        logger.warning("could not announce submission %s as finished", submission_id, exc_info=True)


@shared_task(bind=True, name="grader.tasks.grade_submission", max_retries=services.MAX_ATTEMPTS)
def grade_submission(self, submission_id: int) -> str:
    try:
        submission = services.submission_grade(submission_id=submission_id)
    except services.GradingInterrupted as error:
        logger.warning("sandbox error on submission %s: %s", submission_id, error)
        metrics.sandbox_system_error()
        status = services.submission_requeue_or_fail(submission_id=submission_id, reason=str(error),
                                                     attempt=error.attempt)
    except SoftTimeLimitExceeded:
        logger.error("submission %s ran past the task's time limit", submission_id)
        status = services.submission_requeue_or_fail(submission_id=submission_id, reason="it ran too long")
    except Exception:  # a bug or the database: never leave the row running until the sweep
        logger.exception("grading submission %s failed", submission_id)
        status = services.submission_requeue_or_fail(submission_id=submission_id, reason="an internal error")
    else:
        if submission is not None:
            _announce_finished(submission_id)
        return submission.status if submission else "skipped"
    if status == services.Status.QUEUED:
        raise self.retry(countdown=min(30, 2 ** self.request.retries), max_retries=None)
    if status == services.Status.FAILED:
        _announce_finished(submission_id)
    return status


@shared_task(name="grader.tasks.sweep")
def sweep() -> dict:
    return services.submissions_sweep()


@worker_process_shutdown.connect
def close_sandbox_pools(**kwargs) -> None:
    """Remove this pool process's warm containers: prefork children exit without atexit."""
    sandbox.close_all()
