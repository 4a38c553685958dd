"""The candidate's pages through Django's test client: dashboard, room, report, history, and who
may see and change what (alice owns the interview, bob is another candidate, staff may look)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grader.models import Mode, Status, Submission
from interviews import services, tasks
from interviews.models import Interview, InterviewStatus
from interviews.tracks import custom_track
from references.models import QuestionVersion
from tests.factories import InterviewFactory, SubmissionFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def interview(alice, mini_bank) -> Interview:
    """alice's interview: 1 = a DSA coding question (lru-cache), 2 = a behavioral question."""
    return services.interview_start(user=alice, track=custom_track(sections=["dsa", "behavioral"], count=2,
                                                                   minutes=30))


def url(name: str, interview: Interview, position: int | None = None) -> str:
    args = [interview.pk] if position is None else [interview.pk, position]
    return reverse(name, args=args)


def expire(interview: Interview, *, seconds_ago: int = 3600) -> None:
    Interview.objects.filter(pk=interview.pk).update(deadline=timezone.now() - timedelta(seconds=seconds_ago))


# --- Dashboard and starting -------------------------------------------------------------------


def test_dashboard_lists_the_tracks_and_the_custom_form(alice_client: Client, mini_bank) -> None:
    response = alice_client.get(reverse("dashboard"))

    html = response.content.decode()
    for name in ("Full loop", "Coding screen", "Infra deep dive", "System design", "Behavioral"):
        assert name in html
    assert "Custom track" in html and 'name="minutes"' in html
    assert "Finish an interview and we will suggest" in html


@pytest.mark.sqlite_smoke
def test_alice_starts_a_track_and_lands_in_the_room(alice_client: Client, alice, mini_bank) -> None:
    response = alice_client.post(reverse("interview-start"), {"track": "system-design"})

    interview = Interview.objects.get(owner=alice)
    assert response.status_code == 302
    assert response.url == url("interview-room", interview, 1)
    assert interview.track == "system-design" and interview.minutes == 45


def test_unknown_track_is_refused_with_a_message(alice_client: Client, alice, mini_bank) -> None:
    response = alice_client.post(reverse("interview-start"), {"track": "nope"}, follow=True)

    assert "Choose one of the tracks." in response.content.decode()
    assert not Interview.objects.filter(owner=alice).exists()


def test_custom_track_starts_with_the_chosen_sections_count_and_minutes(alice_client: Client, alice,
                                                                         mini_bank) -> None:
    response = alice_client.post(reverse("interview-start-custom"),
                                 {"sections": ["dsa", "behavioral"], "count": 2, "minutes": 1})

    interview = Interview.objects.get(owner=alice)
    assert response.status_code == 302
    assert interview.minutes == 1
    assert [item.section for item in interview.items.all()] == ["dsa", "behavioral"]


def test_custom_track_form_errors_are_shown_and_nothing_starts(alice_client: Client, alice, mini_bank) -> None:
    response = alice_client.post(reverse("interview-start-custom"), {"count": 0, "minutes": 500})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose at least one section." in html
    assert "Ensure this value is less than or equal to 180." in html
    assert not Interview.objects.filter(owner=alice).exists()


def test_a_second_interview_cannot_start_while_one_is_in_progress(alice_client: Client, interview) -> None:
    dashboard = alice_client.get(reverse("dashboard")).content.decode()
    assert "Resume interview" in dashboard

    response = alice_client.post(reverse("interview-start"), {"track": "behavioral"}, follow=True)

    assert "You already have an interview in progress" in response.content.decode()
    assert Interview.objects.filter(owner=interview.owner).count() == 1


def test_practise_weakest_section_starts_a_custom_track_of_that_section(alice_client: Client, alice,
                                                                          mini_bank) -> None:
    InterviewFactory(owner=alice, finished=True, score=0.5, section_scores={"dsa": 0.9, "behavioral": 0.1})
    assert "Practise Behavioral" in alice_client.get(reverse("dashboard")).content.decode()

    response = alice_client.post(reverse("interview-start-weakest"))

    started = Interview.objects.get(owner=alice, status=InterviewStatus.ACTIVE)
    assert response.status_code == 302
    assert {item.section for item in started.items.all()} == {"behavioral"}


def test_practise_weakest_without_history_explains_why(alice_client: Client, alice, mini_bank) -> None:
    response = alice_client.post(reverse("interview-start-weakest"), follow=True)

    assert "Finish an interview first" in response.content.decode()
    assert not Interview.objects.filter(owner=alice).exists()


def test_dashboard_reads_an_interview_whose_time_ran_out_as_over_without_writing(alice_client: Client,
                                                                                interview) -> None:
    expire(interview)

    html = alice_client.get(reverse("dashboard")).content.decode()

    interview.refresh_from_db()
    assert "Resume interview" not in html  # over on read ...
    assert interview.status == InterviewStatus.ACTIVE  # ... but a GET wrote nothing: the sweep finishes it
    assert tasks.expire()["expired"] == 1
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.FINISHED and interview.finished_reason == "deadline"
    assert "Recent results" in alice_client.get(reverse("dashboard")).content.decode()


# --- The room ---------------------------------------------------------------------------------


def test_room_shows_the_coding_question_with_editor_countdown_and_navigation(alice_client: Client,
                                                                             interview) -> None:
    response = alice_client.get(url("interview-room", interview, 1))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-question="dsa/lru-cache"' in html
    assert "<strong>least recently used</strong>" in html  # the prompt's markdown, rendered
    assert 'id="editor"' in html and "django_ace/ace/ace.js" in html and "js/room.js" in html
    assert "class LRUCache" in html  # the starter code preloaded from the draft
    assert "Run sample cases" in html and "Submit (all cases)" in html
    remaining = response.context["remaining_seconds"]
    assert 1790 <= remaining <= 1800 and f'data-remaining-seconds="{remaining}"' in html
    assert interview.deadline.isoformat()[:19] in html
    assert html.count('data-save-before') >= 2 and "Handling a major production incident" in html
    assert "hx-ws" in html  # htmx's ws extension, from our static files


def test_room_shows_a_textarea_with_preview_for_a_written_question(alice_client: Client, interview) -> None:
    html = alice_client.get(url("interview-room", interview, 2)).content.decode()

    assert 'id="editor"' not in html and "ace.js" not in html
    assert 'class="written-input"' in html and "Preview" in html
    assert url("item-preview", interview, 2) in html


def test_unknown_position_is_404(alice_client: Client, interview) -> None:
    assert alice_client.get(url("interview-room", interview, 9)).status_code == 404


def test_draft_autosave_stores_the_text_and_the_time_spent(alice_client: Client, interview) -> None:
    response = alice_client.post(url("item-draft", interview, 2), {"draft": "I led it.", "seconds_spent": 42}, **HTMX)

    item = interview.items.get(position=2)
    assert response.status_code == 200
    assert 'data-state="saved"' in response.content.decode()
    assert item.draft == "I led it." and item.time_spent_seconds == 42
    nav = alice_client.get(url("interview-room", interview, 1)).content.decode()
    assert "✓ answered" in nav


def test_draft_after_the_deadline_is_refused_with_a_message_not_a_traceback(alice_client: Client,
                                                                             interview) -> None:
    expire(interview, seconds_ago=60)

    response = alice_client.post(url("item-draft", interview, 2), {"draft": "late"}, **HTMX)

    assert response.status_code == 409
    assert "Time is up for this interview" in response.content.decode()
    assert 'id="save-status"' in response.content.decode()
    assert interview.items.get(position=2).draft == ""


def test_draft_within_the_grace_period_is_accepted(alice_client: Client, interview) -> None:
    expire(interview, seconds_ago=2)

    response = alice_client.post(url("item-draft", interview, 2), {"draft": "just in time"}, **HTMX)

    assert response.status_code == 200


def test_run_stores_a_run_submission_and_answers_with_the_live_results(alice_client: Client, interview) -> None:
    response = alice_client.post(url("item-run", interview, 1), {"code": "class LRUCache: pass\n"}, **HTMX)

    submission = Submission.objects.get(item_id=interview.items.get(position=1).pk)
    html = response.content.decode()
    assert response.status_code == 200
    assert submission.mode == Mode.RUN and submission.status == Status.QUEUED
    assert f'ws-connect="/ws/submissions/{submission.pk}/"' in html
    assert html.count('class="case-row') == len(submission.version.sample_cases)
    assert interview.items.get(position=1).draft == "class LRUCache: pass\n"


def test_submit_makes_the_final_submission_and_is_shown_again_on_reload(alice_client: Client, interview) -> None:
    alice_client.post(url("item-submit", interview, 1), {"code": "class LRUCache: pass\n"}, **HTMX)

    item = interview.items.get(position=1)
    assert item.final_submission.mode == Mode.SUBMIT
    room = alice_client.get(url("interview-room", interview, 1)).content.decode()
    assert f"submission-{item.final_submission_id}-summary" in room
    assert f'ws-connect="/ws/submissions/{item.final_submission_id}/"' in room


def test_running_empty_code_is_refused_inline(alice_client: Client, interview) -> None:
    response = alice_client.post(url("item-run", interview, 1), {"code": "  "}, **HTMX)

    assert response.status_code == 409
    assert "There is no code to run" in response.content.decode()


def test_running_code_on_a_written_question_is_refused(alice_client: Client, interview) -> None:
    response = alice_client.post(url("item-run", interview, 2), {"code": "print(1)"}, **HTMX)

    assert response.status_code == 409
    assert "written answer" in response.content.decode()


def test_submit_after_the_deadline_is_refused(alice_client: Client, interview) -> None:
    expire(interview, seconds_ago=60)

    response = alice_client.post(url("item-submit", interview, 1), {"code": "x = 1"}, **HTMX)

    assert response.status_code == 409
    assert "Time is up" in response.content.decode()
    assert not Submission.objects.exists()


def test_refused_write_without_htmx_redirects_with_a_message(alice_client: Client, interview) -> None:
    expire(interview, seconds_ago=60)

    response = alice_client.post(url("item-draft", interview, 2), {"draft": "late"}, follow=True)

    assert "Time is up for this interview" in response.content.decode()


def test_preview_renders_markdown_and_strips_scripts(alice_client: Client, interview) -> None:
    response = alice_client.post(url("item-preview", interview, 2),
                                 {"draft": "**bold** <script>alert(1)</script> <img src=x onerror=alert(1)>"}, **HTMX)

    html = response.content.decode()
    assert "<strong>bold</strong>" in html
    assert "<script" not in html and "onerror" not in html


def test_room_after_the_deadline_shows_the_report_without_finishing_on_a_get(alice_client: Client,
                                                                             interview) -> None:
    expire(interview)

    response = alice_client.get(url("interview-room", interview, 1))

    assert response.status_code == 302 and response.url == url("interview-report", interview)
    report = alice_client.get(response.url).content.decode()
    assert "time is up: finishing" in report and 'hx-trigger="every 2s"' in report
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.ACTIVE  # the sweep finishes it, not a GET
    tasks.expire()
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.FINISHED and interview.finished_reason == "deadline"


def test_interview_link_goes_to_the_room_then_the_report(alice_client: Client, interview) -> None:
    assert alice_client.get(url("interview", interview)).url == url("interview-room", interview, 1)
    services.interview_finish(interview=interview)
    assert alice_client.get(url("interview", interview)).url == url("interview-report", interview)


# --- Finish and report ------------------------------------------------------------------------

STAR_ANSWER = (
    "Situation: at my previous company our recommendation model started returning stale results "
    "after a feature pipeline broke. Task: I was the on-call engineer and I was responsible for "
    "restoring service. Action: I rolled back the model, I compared feature distributions to find "
    "the drift, and I added a freshness alert. Result: we restored service in 25 minutes and the "
    "alert caught two later incidents. I learned to monitor inputs, not just outputs."
)


@pytest.mark.sqlite_smoke
def test_finish_grades_the_written_answer_and_the_report_shows_star_evidence(alice_client: Client,
                                                                             interview) -> None:
    alice_client.post(url("item-draft", interview, 2), {"draft": STAR_ANSWER}, **HTMX)

    response = alice_client.post(url("interview-finish", interview))

    assert response.status_code == 302 and response.url == url("interview-report", interview)
    report = alice_client.get(response.url)
    html = report.content.decode()
    assert report.status_code == 200
    assert "STAR breakdown" in html and 'data-star="action"' in html
    assert '<mark class="evidence">' in html
    assert "Model answer" in html and "Canonical solution" in html
    assert "No code was submitted for this question." in html
    assert "class _Node" in html  # the canonical LRU solution
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.FINISHED and interview.finished_reason == "candidate"
    behavioral = interview.items.get(position=2)
    assert behavioral.score is not None and behavioral.feedback["star"]["action"]["evidence"]


def test_report_shows_grading_while_the_final_submission_is_queued(alice_client: Client, interview) -> None:
    alice_client.post(url("item-submit", interview, 1), {"code": "class LRUCache: pass\n"}, **HTMX)
    services.interview_finish(interview=interview)

    html = alice_client.get(url("interview-report", interview)).content.decode()
    scores = alice_client.get(url("interview-report-scores", interview)).content.decode()

    assert "grading…" in html and 'hx-trigger="every 2s"' in html
    assert "ws-connect=" in html  # the rows stream in while it grades
    assert 'data-pending="true"' in scores


def test_report_of_a_graded_interview_stops_polling_and_the_grading_callback_stores_the_scores(
        alice_client: Client, interview) -> None:
    alice_client.post(url("item-submit", interview, 1), {"code": "class LRUCache: pass\n"}, **HTMX)
    services.interview_finish(interview=interview)
    interview.refresh_from_db()
    assert interview.score is None and interview.section_scores == {}  # nothing partial stored as final
    Submission.objects.update(status=Status.DONE, verdict="WA", score=0.5, cases_passed=1, cases_total=2)

    scores = alice_client.get(url("interview-report-scores", interview)).content.decode()

    assert 'data-pending="false"' in scores and "every 2s" not in scores
    interview.refresh_from_db()
    assert interview.score is None  # the GET wrote nothing
    tasks.submission_finished(Submission.objects.get().pk)  # what the worker sends once it is graded
    interview.refresh_from_db()
    assert interview.section_scores["dsa"] == 0.5 and interview.scored_at is not None


def test_report_of_an_interview_in_progress_sends_alice_back_to_the_room(alice_client: Client, interview) -> None:
    response = alice_client.get(url("interview-report", interview))

    assert response.status_code == 302 and response.url == url("interview-room", interview, 1)


def test_report_of_a_concept_question_shows_rubric_points_with_evidence(alice_client: Client, alice,
                                                                         mini_bank) -> None:
    interview = services.interview_start(user=alice, track=custom_track(sections=["concepts"], count=1, minutes=30))
    answer = ("Use dynamic batching to raise GPU utilization, trading a little latency for throughput. "
              "Autoscale replicas on queue depth and keep a canary deployment for new model versions.")
    alice_client.post(url("item-draft", interview, 1), {"draft": answer}, **HTMX)
    alice_client.post(url("interview-finish", interview))

    html = alice_client.get(url("interview-report", interview)).content.decode()

    assert "Rubric: key points" in html
    assert "point-covered" in html and "point-missed" in html
    assert "<mark>" in html  # the evidence highlighted in the candidate's own answer


# --- History ----------------------------------------------------------------------------------


def test_history_lists_interviews_and_draws_the_charts_with_text_alternatives(alice_client: Client, alice,
                                                                               mini_bank) -> None:
    now = timezone.now()
    for days, scores in ((3, {"dsa": 0.25, "behavioral": 0.5}), (1, {"dsa": 0.75})):
        InterviewFactory(owner=alice, finished=True, started_at=now - timedelta(days=days), score=0.5,
                         section_scores=scores)
    version = QuestionVersion.objects.filter(kind="coding").first()
    for verdict in ("AC", "AC", "WA"):
        SubmissionFactory(owner=alice, version=version, mode=Mode.SUBMIT, status=Status.DONE, verdict=verdict)

    html = alice_client.get(reverse("history")).content.decode()

    assert html.count("<svg class=\"chart-svg\"") == 2
    assert 'role="img"' in html and "<desc" in html
    assert "<polyline" in html and 'data-section="dsa"' in html
    assert "Scores as a table" in html and "75%" in html
    assert 'data-verdict="AC"' in html and "AC 2, WA 1" in html
    assert html.count("Custom") >= 2


def test_history_without_interviews_says_so(alice_client: Client) -> None:
    html = alice_client.get(reverse("history")).content.decode()

    assert "Finish an interview to see your scores here." in html


def test_finish_from_the_pages_countdown_counts_as_the_deadline(alice_client: Client, interview) -> None:
    Interview.objects.filter(pk=interview.pk).update(deadline=timezone.now() + timedelta(seconds=2))

    alice_client.post(url("interview-finish", interview), {"reason": "deadline"})

    interview.refresh_from_db()
    assert interview.finished_reason == "deadline"


def test_finish_claiming_the_deadline_long_before_it_is_the_candidates(alice_client: Client, interview) -> None:
    alice_client.post(url("interview-finish", interview), {"reason": "deadline"})

    interview.refresh_from_db()
    assert interview.finished_reason == "candidate"
