"""No lost work, no stuck pages: what a careful candidate hits, through the pages, the API and the
services, with rows made by the factories.

- one size limit per kind of answer: a code draft that can be saved can be submitted;
- finishing is idempotent and never raises because of what a candidate wrote, and the expiry
  sweep finishes every expired interview;
- a final submission that could not be graded (SE) is "not counted" and the report stops polling;
- at most one interview in progress per candidate (a partial unique index);
- the page's Run and Submit share the API's quota;
- finishing through the API after the deadline records "deadline";
- the deadline labelled UTC is rendered in UTC.

Races between real concurrent transactions are in test_concurrency.py (PostgreSQL).
"""

from __future__ import annotations

import random
import re
from datetime import UTC, timedelta

import pytest
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from grader import services as grader_services
from grader.models import Mode, Status, Submission, Verdict
from interviews import services, tasks
from interviews.models import Interview, InterviewItem, InterviewStatus
from interviews.tracks import TRACKS, custom_track
from references.models import Question
from tests.factories import InterviewFactory, InterviewItemFactory, SubmissionFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
KIB = 1024


def version_of(key: str):
    section, slug = key.split("/")
    return Question.objects.select_related("current").get(section=section, slug=slug).current


@pytest.fixture
def interview(alice, mini_bank) -> Interview:
    """alice's interview in progress: 1 = lru-cache (code), 2 = production-incident (written)."""
    interview = InterviewFactory(owner=alice)
    InterviewItemFactory(interview=interview, position=1, version=version_of("dsa/lru-cache"))
    InterviewItemFactory(interview=interview, position=2, version=version_of("behavioral/production-incident"))
    return interview


def url(name: str, interview: Interview, position: int | None = None) -> str:
    return reverse(name, args=[interview.pk] if position is None else [interview.pk, position])


def code_of_size(size: int) -> str:
    """Valid Python of exactly `size` bytes (a comment pads it)."""
    head = "class LRUCache:\n    pass\n#"
    return head + "x" * (size - len(head) - 1) + "\n"


@pytest.fixture
def no_broker(monkeypatch):
    """Submissions are stored and stay queued; these tests are about the rows, not the grading."""
    monkeypatch.setattr("grader.services.submission_enqueue", lambda **kwargs: True)


# --- One limit, used everywhere ---------------------------------------------------------------


@pytest.mark.sqlite_smoke
def test_a_code_draft_over_the_submission_limit_is_refused_when_saved(alice_client: Client, interview) -> None:
    too_long = code_of_size(grader_services.MAX_CODE_BYTES + 1)

    response = alice_client.post(url("item-draft", interview, 1), {"draft": too_long}, **HTMX)

    assert response.status_code == 409
    assert "Your code is over 64 KiB; shorten it." in response.content.decode()
    assert InterviewItem.objects.get(interview=interview, position=1).draft != too_long


def test_the_api_refuses_the_same_code_draft_with_the_same_message(alice, interview) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=alice).key}")

    response = client.put(f"/api/interviews/{interview.pk}/items/1/draft/",
                          {"draft": code_of_size(grader_services.MAX_CODE_BYTES + 1)}, format="json")

    assert response.status_code == 409
    assert response.json()["error"]["message"] == "Your code is over 64 KiB; shorten it."


def test_a_written_answer_keeps_its_larger_limit(alice_client: Client, interview) -> None:
    answer = "I owned the rollback. " * (80 * KIB // 22)  # ~80 KiB: over the code limit, under the text one

    response = alice_client.post(url("item-draft", interview, 2), {"draft": answer}, **HTMX)

    assert response.status_code == 200
    assert InterviewItem.objects.get(interview=interview, position=2).draft == answer


@pytest.mark.sqlite_smoke
def test_a_code_draft_at_the_limit_is_saved_and_submitted_when_the_interview_finishes(
        alice_client: Client, interview, no_broker) -> None:
    at_limit = code_of_size(grader_services.MAX_CODE_BYTES)
    assert alice_client.post(url("item-draft", interview, 1), {"draft": at_limit}, **HTMX).status_code == 200

    response = alice_client.post(url("interview-finish", interview))

    assert response.status_code == 302
    submission = Submission.objects.get(item_id=interview.items.get(position=1).pk)
    assert submission.code == at_limit and submission.mode == Mode.SUBMIT and submission.status == Status.QUEUED


@pytest.mark.parametrize("position, what", [(1, "Your code"), (2, "Your answer")])
def test_a_draft_with_a_nul_character_is_refused_with_a_clear_message(alice_client: Client, interview,
                                                                      position, what) -> None:
    response = alice_client.post(url("item-draft", interview, position), {"draft": "before\x00after"}, **HTMX)

    assert response.status_code == 409
    assert f"{what} contains a NUL character; remove it and try again." in response.content.decode()


def test_a_draft_with_a_lone_surrogate_is_refused_not_a_traceback(interview) -> None:
    # The API's parser refuses these already; the service is the last line for any other caller.
    with pytest.raises(services.InterviewRefused, match="not valid text"):
        services.item_save_draft(item=interview.items.get(position=2), draft="half a pair: \ud800")


# --- Finishing never raises, and only once ------------------------------------------------------


def test_finishing_with_a_code_draft_saved_under_an_older_limit_notes_it_instead_of_raising(
        alice_client: Client, interview, no_broker) -> None:
    # A draft stored before the limits were one (up to 100 KiB was accepted for code).
    InterviewItem.objects.filter(interview=interview, position=1).update(draft=code_of_size(80 * KIB))

    response = alice_client.post(url("interview-finish", interview))

    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.FINISHED
    code_item = interview.items.get(position=1)
    assert code_item.final_submission is None and not Submission.objects.exists()
    assert "Your code was not submitted: Your code is over 64 KiB" in code_item.feedback["refused"]
    report = alice_client.get(url("interview-report", interview)).content.decode()
    assert "Your code was not submitted" in report
    assert re.search(r'data-testid="item-score-1" data-state="graded">.*?0%', report)


def test_finishing_twice_changes_nothing(alice, interview, no_broker) -> None:
    InterviewItem.objects.filter(interview=interview, position=1).update(draft="class LRUCache:\n    x = 1\n")
    services.interview_finish(interview=interview)
    first = Interview.objects.get(pk=interview.pk)

    again = services.interview_finish(interview=Interview.objects.get(pk=interview.pk), reason="deadline")

    assert again.finished_at == first.finished_at and again.finished_reason == "candidate"
    assert Submission.objects.count() == 1


@pytest.mark.sqlite_smoke
def test_the_expiry_sweep_finishes_every_expired_interview_even_after_one_that_used_to_fail(
        alice, bob, mini_bank, no_broker) -> None:
    version = version_of("dsa/lru-cache")
    past = timezone.now() - timedelta(hours=2)
    # alice's expires first and holds a code draft over the submission limit (an older row).
    first = InterviewFactory(owner=alice, started_at=past - timedelta(minutes=30), minutes=30)
    InterviewItemFactory(interview=first, position=1, version=version, draft=code_of_size(90 * KIB))
    second = InterviewFactory(owner=bob, started_at=past - timedelta(minutes=20), minutes=30)
    InterviewItemFactory(interview=second, position=1, version=version, draft=version.solution)

    outcome = tasks.expire()

    assert outcome["expired"] == 2 and outcome["failed"] == 0
    assert set(Interview.objects.values_list("status", "finished_reason")) == {("finished", "deadline")}
    assert Submission.objects.get().item_id == second.items.get().pk


def test_a_bug_finishing_one_expired_interview_does_not_stop_the_others(alice, bob, mini_bank, no_broker,
                                                                         monkeypatch, caplog) -> None:
    past = timezone.now() - timedelta(hours=2)
    broken = InterviewFactory(owner=alice, started_at=past - timedelta(minutes=30))
    fine = InterviewFactory(owner=bob, started_at=past)
    for interview in (broken, fine):
        InterviewItemFactory(interview=interview, position=1, version=version_of("behavioral/production-incident"))
    real_grade_items = services._grade_items

    def grade_items(interview):  # an injected fault: a bug that hits one interview only
        if interview.pk == broken.pk:
            raise RuntimeError("a bug in grading")
        return real_grade_items(interview)

    monkeypatch.setattr(services, "_grade_items", grade_items)

    outcome = tasks.expire()

    assert outcome == {"expired": 1, "refreshed": 0, "failed": 1}
    assert Interview.objects.get(pk=fine.pk).status == InterviewStatus.FINISHED
    assert Interview.objects.get(pk=broken.pk).status == InterviewStatus.ACTIVE  # rolled back: retried next time
    assert f"could not finish interview {broken.pk}" in caplog.text


# --- A submission that could not be graded ------------------------------------------------------


def fail_with_se(submission: Submission) -> Submission:
    """Take the submission through the grading room's own path to a visible SE failure."""
    Submission.objects.filter(pk=submission.pk).update(
        status=Status.RUNNING, attempts=grader_services.MAX_ATTEMPTS, claimed_by="elsewhere:1",
        started_at=timezone.now())
    status = grader_services.submission_requeue_or_fail(
        submission_id=submission.pk, reason="the sandbox stopped", attempt=grader_services.MAX_ATTEMPTS)
    assert status == Status.FAILED
    return Submission.objects.get(pk=submission.pk)


STAR = ("Situation: our model server missed its latency target. Task: I owned the fix. Action: I profiled "
        "the batching code and I rolled out dynamic batching. Result: p99 latency fell from 900 ms to 200 ms.")


@pytest.mark.sqlite_smoke
def test_a_final_submission_that_failed_after_its_retries_is_not_counted_and_the_report_stops_polling(
        alice, alice_client: Client, interview, no_broker) -> None:
    alice_client.post(url("item-draft", interview, 2), {"draft": STAR}, **HTMX)
    alice_client.post(url("item-submit", interview, 1), {"code": "class LRUCache:\n    pass\n"}, **HTMX)
    services.interview_finish(interview=interview)
    submission = fail_with_se(Submission.objects.get())
    assert submission.verdict == Verdict.SE and "press Submit again" not in submission.message
    tasks.submission_finished(submission.pk)  # what the worker sends after failing it

    report = alice_client.get(url("interview-report", interview)).content.decode()
    scores = alice_client.get(url("interview-report-scores", interview)).content.decode()

    assert "could not be graded — not counted" in report
    assert 'data-pending="false"' in scores and "every 2s" not in scores
    assert "press Submit again" not in report
    written = InterviewItem.objects.get(interview=interview, position=2).score
    interview.refresh_from_db()
    assert written > 0 and interview.score == pytest.approx(written)  # scored on what was graded
    assert interview.section_scores == {"behavioral": pytest.approx(written)}
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=alice).key}")
    api_scores = client.get(f"/api/interviews/{interview.pk}/report/").json()["scores"]
    assert api_scores["pending"] is False and api_scores["overall"] == pytest.approx(written)


def test_an_se_after_an_earlier_graded_submit_scores_the_earlier_one(alice_client: Client, interview,
                                                                     no_broker) -> None:
    code_item = interview.items.get(position=1)
    SubmissionFactory(item=code_item, status=Status.DONE, verdict="WA", score=0.25,
                      queued_at=timezone.now() - timedelta(minutes=5))
    alice_client.post(url("item-submit", interview, 1), {"code": "class LRUCache:\n    pass\n"}, **HTMX)
    services.interview_finish(interview=interview)
    fail_with_se(Submission.objects.filter(status=Status.QUEUED).get())

    report = alice_client.get(url("interview-report", interview)).content.decode()

    assert "could not be graded — not counted; scored on your previous graded submission" in report
    assert re.search(r'data-testid="item-score-1" data-state="graded">.*?25%', report)


# --- One interview in progress ------------------------------------------------------------------


def test_the_database_refuses_a_second_interview_in_progress_for_one_candidate(alice) -> None:
    InterviewFactory(owner=alice)
    InterviewFactory(owner=alice, finished=True)  # finished ones are not limited

    with pytest.raises(IntegrityError), transaction.atomic():
        InterviewFactory(owner=alice)
    assert Interview.objects.filter(owner=alice, status=InterviewStatus.ACTIVE).count() == 1


@pytest.mark.sqlite_smoke
def test_a_second_start_lands_in_the_interview_in_progress(alice_client: Client, alice, interview) -> None:
    response = alice_client.post(reverse("interview-start"), {"track": "behavioral"}, follow=True)

    assert response.redirect_chain[-1][0] == url("interview-room", interview, 1)
    assert "You already have an interview in progress" in response.content.decode()
    assert Interview.objects.filter(owner=alice).count() == 1


def test_starting_after_the_deadline_of_the_one_in_progress_finishes_it_first(alice, interview, no_broker) -> None:
    Interview.objects.filter(pk=interview.pk).update(deadline=timezone.now() - timedelta(minutes=5))

    started = services.interview_start(user=alice, track=custom_track(sections=["behavioral"], count=1, minutes=10),
                                       rng=random.Random(1))

    interview.refresh_from_db()
    assert interview.status == InterviewStatus.FINISHED and interview.finished_reason == "deadline"
    assert started.is_active and started.pk != interview.pk


def test_the_start_forms_disable_their_buttons_on_submit(alice_client: Client, mini_bank) -> None:
    html = alice_client.get(reverse("dashboard")).content.decode()

    assert html.count("data-start-form") == len(TRACKS) + 1  # every track, and the custom form
    assert "js/start.js" in html


# --- Throttling the page's Run and Submit --------------------------------------------------------


@pytest.fixture
def shared_throttle(redis_url):
    """The throttle counters in the test Redis (as in production), emptied around the test."""
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
                                   "throttle": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                                "LOCATION": redis_url, "KEY_PREFIX": "onsite-throttle"}},
                           API_THROTTLE_RATES={"interview_start": "10/hour", "submission": "3/minute"}):
        caches["throttle"].clear()
        yield
        caches["throttle"].clear()


def test_the_pages_run_and_submit_share_the_apis_submission_quota(alice, alice_client: Client, interview,
                                                                  shared_throttle, no_broker) -> None:
    code = {"code": "class LRUCache:\n    pass\n"}
    assert [alice_client.post(url(name, interview, 1), code, **HTMX).status_code
            for name in ("item-run", "item-submit", "item-run")] == [200, 200, 200]

    throttled = alice_client.post(url("item-run", interview, 1), code, **HTMX)

    assert throttled.status_code == 429 and 0 < int(throttled["Retry-After"]) <= 60
    assert "Too many runs and submits: try again in" in throttled.content.decode()
    assert Submission.objects.count() == 3
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=alice).key}")
    api = client.post(f"/api/interviews/{interview.pk}/items/1/submissions/", {**code, "mode": "run"}, format="json")
    assert api.status_code == 429  # one budget for the page and the API


# --- Finishing through the API; the deadline in UTC -----------------------------------------------


def test_finishing_through_the_api_after_the_deadline_records_the_deadline(alice, interview, no_broker) -> None:
    Interview.objects.filter(pk=interview.pk).update(deadline=timezone.now() - timedelta(seconds=3))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=alice).key}")

    body = client.post(f"/api/interviews/{interview.pk}/finish/").json()

    assert body["finished_reason"] == "deadline"
    assert Interview.objects.get(pk=interview.pk).finished_reason == "deadline"


def test_finishing_through_the_api_before_the_deadline_is_the_candidates(alice, interview, no_broker) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=alice).key}")

    assert client.post(f"/api/interviews/{interview.pk}/finish/").json()["finished_reason"] == "candidate"


@override_settings(TIME_ZONE="Asia/Kolkata")  # UTC+05:30: any hour:minute differs from UTC's
def test_the_deadline_labelled_utc_is_rendered_in_utc(alice_client: Client, interview) -> None:
    html = alice_client.get(url("interview-room", interview, 1)).content.decode()

    shown = re.search(r'data-testid="deadline-utc">(\d\d:\d\d:\d\d)</time> UTC', html)
    assert shown and shown.group(1) == interview.deadline.astimezone(UTC).strftime("%H:%M:%S")


# --- History never shows a partial score as final -----------------------------------------------


def test_history_says_grading_while_code_is_still_being_graded(alice_client: Client, interview,
                                                               no_broker) -> None:
    alice_client.post(url("item-draft", interview, 2), {"draft": STAR}, **HTMX)
    alice_client.post(url("item-submit", interview, 1), {"code": "class LRUCache:\n    pass\n"}, **HTMX)
    services.interview_finish(interview=interview)

    html = alice_client.get(reverse("history")).content.decode()

    assert "grading…" in html
    assert "Finish an interview to see your scores here." in html  # no chart point from a partial score
