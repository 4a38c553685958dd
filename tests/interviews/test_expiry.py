"""An interview whose time ran out is finished by the periodic task even with no browser open:
code drafts are submitted for grading, written answers graded, scores stored."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from grader.models import Mode, Status, Submission
from interviews import services, tasks
from interviews.models import Interview, InterviewStatus
from interviews.tracks import custom_track

pytestmark = pytest.mark.django_db


@pytest.mark.sqlite_smoke
def test_the_periodic_task_finishes_an_expired_interview_and_grades_what_was_written(
        alice, bank, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr("grader.services.submission_enqueue", lambda **kwargs: True)  # no broker needed here
    track = custom_track(sections=["coding", "behavioral"], count=2, minutes=30)
    interview = services.interview_start(user=alice, track=track, rng=random.Random(3))
    code_item, text_item = interview.items.order_by("position")
    assert code_item.is_code and not text_item.is_code
    services.item_save_draft(item=code_item, draft=code_item.version.solution)
    services.item_save_draft(item=text_item, draft=(
        "Situation: our model server missed its latency target. Task: I owned the fix. "
        "Action: I profiled the batching code and I rolled out dynamic batching. "
        "Result: p99 latency fell from 900 ms to 200 ms and I learned to load-test first."))
    Interview.objects.filter(pk=interview.pk).update(deadline=timezone.now() - timedelta(minutes=5))

    assert tasks.expire()["expired"] == 1

    interview.refresh_from_db()
    assert interview.status == InterviewStatus.FINISHED and interview.finished_reason == "deadline"
    submission = Submission.objects.get(item_id=code_item.pk)
    assert submission.mode == Mode.SUBMIT and submission.status == Status.QUEUED
    assert submission.code == code_item.version.solution
    text_item.refresh_from_db()
    assert text_item.feedback["kind"] == "behavioral" and text_item.score > 0
    # The code is still being graded: no partial score is stored as if it were final.
    assert interview.score is None and interview.section_scores == {} and interview.scored_at is None
    assert tasks.expire()["expired"] == 0  # finishing happens once

    # The code is graded: the grading room announces it and the interview stores its scores.
    Submission.objects.filter(pk=submission.pk).update(status=Status.DONE, verdict="AC", score=1.0)
    tasks.submission_finished(submission.pk)
    interview.refresh_from_db()
    assert interview.section_scores == {"behavioral": pytest.approx(text_item.score), "coding": 1.0}
    assert interview.score == pytest.approx((text_item.score + 1.0) / 2, abs=1e-4)
    assert interview.scored_at is not None
