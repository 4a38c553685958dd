"""The live results WebSocket: one per submission, for its owner (and staff) only.

On connect it sends everything known so far (each case row, then the summary), so a page
opened late or reconnected misses nothing; then each case as it is judged. Messages are HTML
fragments swapped out of band by htmx's ws extension, rendered from the report's partials.
"""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.http import Http404
from django.template.loader import render_to_string

from grader import selectors
from grader.events import submission_group
from grader.models import CaseResult


def render_case_row(result=None, *, submission=None, row=None) -> str:
    if row is None:
        row = {"case_id": result.case_id, "sample": result.sample, "description": result.description,
               "position": result.position, "result": result}
        submission_id = result.submission_id
    else:
        submission_id = submission.pk
    return render_to_string("grader/_case_row.html", {"row": row, "submission_id": submission_id, "oob": True})


def render_summary(submission) -> str:
    return render_to_string("grader/_submission_summary.html", {"submission": submission, "oob": True})


class SubmissionConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        submission_id = self.scope["url_route"]["kwargs"]["submission_id"]
        try:
            self.submission = await database_sync_to_async(selectors.access_submission)(
                self.scope.get("user"), submission_id
            )
        except Http404:
            await self.close(code=4404)
            return
        self.group = submission_group(self.submission.pk)
        # Join before reading the state, so nothing published in between is missed; rows are
        # replaced by id, so an event that also made it into the state is harmless.
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        for fragment in await database_sync_to_async(self._state)():
            await self.send(text_data=fragment)

    def _state(self) -> list[str]:
        submission = selectors.access_submission(self.scope["user"], self.submission.pk)
        fragments = [render_case_row(submission=submission, row=row)
                     for row in selectors.submission_rows(submission)]
        fragments.append(render_summary(submission))
        return fragments

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        """The stream is one-way; whatever the browser sends is ignored."""

    async def submission_case(self, event):
        fragment = await database_sync_to_async(self._case_fragment)(event["result_id"])
        if fragment:
            await self.send(text_data=fragment)

    def _case_fragment(self, result_id: int) -> str | None:
        try:
            result = selectors.case_result(result_id)
        except CaseResult.DoesNotExist:  # dropped by a run that started over; its state follows
            return None
        if result.submission_id != self.submission.pk:
            return None
        return render_case_row(result)

    async def submission_state(self, event):
        for fragment in await database_sync_to_async(self._state)():
            await self.send(text_data=fragment)

    async def submission_status(self, event):
        submission = await database_sync_to_async(selectors.access_submission)(
            self.scope["user"], self.submission.pk
        )
        await self.send(text_data=await database_sync_to_async(render_summary)(submission))
