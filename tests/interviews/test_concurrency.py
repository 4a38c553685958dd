"""Races between two real concurrent transactions, on PostgreSQL.

SQLite serialises writers, so these interleavings cannot happen there (and the suite runs on
PostgreSQL under `make test`). Each test forces the interleaving: one thread opens a transaction
and stops inside it; the other runs the racing request on its own connection; the test checks
that the second one waits for the first (a row lock or the unique index) and then does the right
thing once the first commits.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from grader.models import Submission
from interviews import services
from interviews.models import Interview, InterviewItem, InterviewStatus
from interviews.tracks import custom_track
from tests.factories import InterviewFactory, InterviewItemFactory
from tests.interviews.test_persistence import STAR, version_of

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
                       reason="concurrent writers need PostgreSQL (SQLite serialises them); `make test` runs these"),
]
BLOCKED_FOR = 0.75  # seconds the second transaction must still be waiting (a lock, not a slow machine)


class InThread:
    """Run `call` in a thread with its own database connection; keep its result or exception."""

    def __init__(self, call: Callable[[], object]) -> None:
        self.result: object = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(call,), daemon=True)
        self.thread.start()

    def _run(self, call: Callable[[], object]) -> None:
        try:
            self.result = call()
        except BaseException as error:  # noqa: BLE001 (handed to the test)
            self.error = error
        finally:
            connection.close()

    def still_waiting(self) -> bool:
        self.thread.join(BLOCKED_FOR)
        return self.thread.is_alive()

    def join(self) -> object:
        self.thread.join(30)
        assert not self.thread.is_alive(), "the second transaction never finished"
        return self.result


def hold_open(work: Callable[[], object]) -> tuple[InThread, threading.Event]:
    """Run `work` in a transaction in a thread and keep it open until the returned event is set."""
    done, release = threading.Event(), threading.Event()

    def run() -> object:
        with transaction.atomic():
            value = work()
            done.set()
            assert release.wait(30), "the test never released the first transaction"
        return value

    holder = InThread(run)
    assert done.wait(30), f"the first transaction did not get going: {holder.error!r}"
    return holder, release


@pytest.fixture
def no_broker(monkeypatch):
    monkeypatch.setattr("grader.services.submission_enqueue", lambda **kwargs: True)


@pytest.fixture
def interview(alice, mini_bank) -> Interview:
    interview = InterviewFactory(owner=alice)
    InterviewItemFactory(interview=interview, position=1, version=version_of("dsa/lru-cache"))
    InterviewItemFactory(interview=interview, position=2, version=version_of("behavioral/production-incident"))
    return interview


def test_a_draft_save_racing_finish_waits_for_it_and_is_refused(interview, no_broker) -> None:
    item = InterviewItem.objects.select_related("interview", "version").get(interview=interview, position=2)
    finisher, release = hold_open(lambda: services.interview_finish(interview=Interview.objects.get(pk=interview.pk)))

    saver = InThread(lambda: services.item_save_draft(item=item, draft=STAR))  # its snapshot says "active"

    assert saver.still_waiting()  # the interview's row is locked by the finish in progress
    release.set()
    finisher.join()
    saver.join()
    assert isinstance(saver.error, services.InterviewRefused), saver.error
    assert "finished" in str(saver.error)
    item.refresh_from_db()
    assert item.draft == "" and item.score == 0  # what was graded is what is stored


def test_a_draft_saved_just_before_finish_is_the_one_graded(interview, no_broker) -> None:
    item = InterviewItem.objects.select_related("interview", "version").get(interview=interview, position=2)
    saver, release = hold_open(lambda: services.item_save_draft(item=item, draft=STAR))

    finisher = InThread(lambda: services.interview_finish(interview=Interview.objects.get(pk=interview.pk)))

    assert finisher.still_waiting()
    release.set()
    saver.join()
    finisher.join()
    assert finisher.error is None, finisher.error
    item.refresh_from_db()
    assert item.draft == STAR and item.score > 0 and item.feedback["kind"] == "behavioral"


def test_a_submit_racing_finish_is_refused_and_stores_nothing(interview, no_broker) -> None:
    item = InterviewItem.objects.select_related("interview", "version").get(interview=interview, position=1)
    finisher, release = hold_open(lambda: services.interview_finish(interview=Interview.objects.get(pk=interview.pk)))

    submitter = InThread(lambda: services.item_submit_code(item=item, code=item.version.solution, mode="submit"))

    assert submitter.still_waiting()
    release.set()
    finisher.join()
    submitter.join()
    assert isinstance(submitter.error, services.InterviewRefused), submitter.error
    assert not Submission.objects.exists()
    item.refresh_from_db()
    assert item.draft == item.version.starter and item.final_submission_id is None


def test_a_start_racing_an_uncommitted_start_gets_the_existing_interview(alice, mini_bank) -> None:
    first, release = hold_open(lambda: InterviewFactory(owner=alice))

    track = custom_track(sections=["behavioral"], count=1, minutes=10)
    second = InThread(lambda: services.interview_start(user=alice, track=track, rng=random.Random(2)))

    assert second.still_waiting()  # PostgreSQL holds the insert until the other transaction ends
    release.set()
    created = first.join()
    second.join()
    assert isinstance(second.error, services.InterviewInProgress), second.error
    assert second.error.interview.pk == created.pk
    assert list(Interview.objects.filter(owner=alice).values_list("pk", flat=True)) == [created.pk]


def test_a_double_clicked_start_makes_one_interview_and_both_clicks_land_in_it(alice, mini_bank) -> None:
    barrier = threading.Barrier(2)

    def click() -> str:
        client = Client()
        client.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
        barrier.wait(10)
        return client.post(reverse("interview-start-custom"),
                           {"sections": ["behavioral"], "count": 1, "minutes": 10})["Location"]

    clicks = [InThread(click), InThread(click)]
    landed = {click.join() for click in clicks}

    assert all(click.error is None for click in clicks), [click.error for click in clicks]
    interview = Interview.objects.get(owner=alice)  # exactly one
    assert interview.status == InterviewStatus.ACTIVE
    assert landed == {reverse("interview-room", args=[interview.pk, 1])}
