"""What the endpoints answer: tracks, starting (track or custom), state, items, drafts,
submissions (hidden cases stay hidden), the report and model answers after finishing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from grader.models import CaseResult, Mode, Status
from interviews.models import Interview
from interviews.services import interview_finish, item_submit_code
from interviews.tasks import expire
from tests.api.conftest import start_interview

pytestmark = pytest.mark.django_db


def test_tracks_lists_every_track_and_the_custom_parameters(clients):
    body = clients["alice"].get("/api/tracks/").json()
    assert {track["slug"] for track in body["tracks"]} >= {"full-loop", "coding-screen", "behavioral"}
    full_loop = next(track for track in body["tracks"] if track["slug"] == "full-loop")
    assert full_loop["question_count"] == 5 and full_loop["minutes"] == 75
    assert body["custom"]["count"] == {"min": 1, "max": 10}
    assert {section["slug"] for section in body["custom"]["sections"]} == {
        "concepts", "dsa", "design", "coding", "behavioral"}


@pytest.mark.sqlite_smoke
def test_alice_starts_a_track_and_gets_the_servers_deadline_and_items(clients, bank):
    response = clients["alice"].post("/api/interviews/", {"track": "coding-screen"}, format="json")
    assert response.status_code == 201
    body = response.json()
    interview = Interview.objects.get(pk=body["id"])
    assert body["status"] == "active" and body["track"] == "coding-screen"
    assert 44 * 60 < body["remaining_seconds"] <= 45 * 60
    assert body["deadline"].startswith(interview.deadline.strftime("%Y-%m-%dT%H:%M"))
    assert [item["position"] for item in body["items"]] == [1, 2]
    assert all(item["is_code"] and item["kind"] == "coding" for item in body["items"])


def test_alice_starts_a_custom_interview(clients, bank):
    response = clients["alice"].post(
        "/api/interviews/", {"track": "custom", "sections": ["behavioral"], "count": 2, "minutes": 20}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["track"] == "custom" and body["minutes"] == 20
    assert [item["section"] for item in body["items"]] == ["behavioral", "behavioral"]


def test_a_custom_interview_without_its_parameters_is_400_naming_the_fields(clients, bank):
    response = clients["alice"].post("/api/interviews/", {"track": "custom", "sections": ["dsa"]}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"count", "minutes"}


def test_an_unknown_track_is_400(clients, bank):
    response = clients["alice"].post("/api/interviews/", {"track": "nope"}, format="json")
    assert response.status_code == 400
    assert "track" in response.json()["error"]["fields"]


def test_a_second_interview_while_one_is_in_progress_is_409_with_the_services_message(clients, bank, alice):
    start_interview(alice)
    response = clients["alice"].post("/api/interviews/", {"track": "behavioral"}, format="json")
    assert response.status_code == 409
    assert response.json()["error"] == {
        "status": 409, "code": "conflict", "fields": {},
        "message": "You already have an interview in progress: finish it first."}


def test_item_shows_prompt_starter_and_draft_and_never_the_solution(clients, bank, alice):
    interview = start_interview(alice, "coding-screen")
    item = interview.items.get(position=1)
    body = clients["alice"].get(f"/api/interviews/{interview.pk}/items/1/").json()
    assert body["title"] == item.version.title and body["kind"] == "coding"
    assert body["prompt_md"] == item.version.prompt_md
    assert body["starter"] == item.version.starter == body["draft"]
    assert item.version.solution not in str(body)
    assert "model_answer" not in body and "canonical_solution" not in body


def test_saving_a_draft_stores_it(clients, full_loop):
    written = next(item for item in full_loop.items.all() if not item.is_code)
    url = f"/api/interviews/{full_loop.pk}/items/{written.position}/draft/"
    response = clients["alice"].put(url, {"draft": "Situation: ...", "seconds_spent": 30}, format="json")
    assert response.status_code == 200
    written.refresh_from_db()
    assert written.draft == "Situation: ..." and written.time_spent_seconds == 30
    assert response.json()["draft_saved_at"] is not None


def test_a_draft_after_the_deadline_is_409(clients, full_loop):
    Interview.objects.filter(pk=full_loop.pk).update(deadline=timezone.now() - timezone.timedelta(minutes=5))
    response = clients["alice"].put(f"/api/interviews/{full_loop.pk}/items/1/draft/", {"draft": "late"},
                                    format="json")
    assert response.status_code == 409
    assert "finished" in response.json()["error"]["message"] or "Time is up" in response.json()["error"]["message"]


def test_submitting_code_for_a_written_question_is_409(clients, full_loop):
    written = next(item for item in full_loop.items.all() if not item.is_code)
    response = clients["alice"].post(f"/api/interviews/{full_loop.pk}/items/{written.position}/submissions/",
                                     {"code": "print(1)", "mode": "run"}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["message"] == "This question takes a written answer, not code."


@pytest.mark.parametrize(("body", "field"), [
    ({"code": "   ", "mode": "run"}, "code"),
    ({"code": "x = 1\x00", "mode": "run"}, "code"),
    ({"code": "x" * (64 * 1024 + 1), "mode": "run"}, "code"),
    ({"code": "x = 1", "mode": "fast"}, "mode"),
    ({"mode": "run"}, "code"),
])
def test_invalid_submissions_are_400_naming_the_field(clients, bank, alice, body, field):
    interview = start_interview(alice, "coding-screen")
    response = clients["alice"].post(f"/api/interviews/{interview.pk}/items/1/submissions/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]


def test_a_submission_is_created_queued_and_its_cases_are_pending(clients, bank, alice):
    interview = start_interview(alice, "coding-screen")
    item = interview.items.get(position=1)
    response = clients["alice"].post(f"/api/interviews/{interview.pk}/items/1/submissions/",
                                     {"code": item.version.solution, "mode": "submit"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "queued" and body["finished"] is False and body["verdict"] is None
    assert body["item"] == {"interview": interview.pk, "position": 1}
    assert len(body["cases"]) == len(item.version.cases) and all(case["verdict"] is None for case in body["cases"])
    item.refresh_from_db()
    assert item.draft == item.version.solution and item.final_submission_id == body["id"]


def test_hidden_cases_never_show_inputs_expected_or_actual(clients, bank, alice):
    interview = start_interview(alice, "coding-screen")
    item = interview.items.get(position=1)
    submission = item_submit_code(item=item, code=item.version.solution, mode=Mode.SUBMIT)
    for position, case in enumerate(item.version.cases):
        # Even a row that (wrongly) stored them must not leak them through the API.
        CaseResult.objects.create(submission=submission, position=position, case_id=case["id"],
                                  sample=bool(case.get("sample")), verdict="AC", inputs={"args": ["secret"]},
                                  expected="secret-expected", actual="secret-actual")
    submission.status = Status.DONE
    submission.verdict = "AC"
    submission.save()
    cases = clients["alice"].get(f"/api/submissions/{submission.pk}/").json()["cases"]
    hidden = [case for case in cases if not case["sample"]]
    samples = [case for case in cases if case["sample"]]
    assert hidden and samples
    assert all(case["inputs"] is None and case["expected"] is None and case["actual"] is None for case in hidden)
    assert all(case["description"] == "" for case in hidden)
    assert all(case["expected"] == "secret-expected" for case in samples)


def test_model_answers_are_403_with_a_clear_message_before_finishing_and_shown_after(clients, bank, alice):
    interview = start_interview(alice, "coding-screen")
    url = f"/api/interviews/{interview.pk}/items/1/answer/"
    before = clients["alice"].get(url)
    assert before.status_code == 403
    assert before.json()["error"]["message"] == (
        "Model answers and canonical solutions are shown once the interview is finished.")
    interview_finish(interview=interview)
    after = clients["alice"].get(url)
    assert after.status_code == 200
    assert after.json()["canonical_solution"] == interview.items.get(position=1).version.solution


def test_finishing_grades_written_answers_and_the_report_has_feedback_and_model_answers(clients, full_loop):
    written = [item for item in full_loop.items.all() if not item.is_code]
    for item in written:
        clients["alice"].put(f"/api/interviews/{full_loop.pk}/items/{item.position}/draft/",
                             {"draft": "I measured GPU utilization and batch size, then fixed the bottleneck."},
                             format="json")
    assert clients["alice"].get(f"/api/interviews/{full_loop.pk}/report/").status_code == 409

    finished = clients["alice"].post(f"/api/interviews/{full_loop.pk}/finish/")
    assert finished.status_code == 200
    assert finished.json()["status"] == "finished" and finished.json()["remaining_seconds"] == 0
    assert finished.json()["finished_reason"] == "candidate"

    report = clients["alice"].get(f"/api/interviews/{full_loop.pk}/report/").json()
    assert report["interview"]["id"] == full_loop.pk
    assert set(report["scores"]) == {"overall", "sections", "pending"}
    by_position = {item["position"]: item for item in report["items"]}
    for item in written:
        entry = by_position[item.position]
        assert entry["score"] is not None and "points" in entry["feedback"] or "star" in str(entry["feedback"])
        assert entry["model_answer"] == (item.version.answer_md or None)
        assert entry["answer"].startswith("I measured")


def test_an_interview_past_its_deadline_reads_as_finished_without_a_get_writing(clients, full_loop):
    Interview.objects.filter(pk=full_loop.pk).update(deadline=timezone.now() - timezone.timedelta(minutes=5))
    body = clients["alice"].get(f"/api/interviews/{full_loop.pk}/").json()
    assert body["status"] == "finished" and body["finished_reason"] == "deadline"
    assert body["remaining_seconds"] == 0
    report = clients["alice"].get(f"/api/interviews/{full_loop.pk}/report/").json()
    assert report["scores"]["pending"] is True  # its answers are graded when the sweep finishes it
    full_loop.refresh_from_db()
    assert full_loop.status == "active"  # no GET finished it

    assert expire()["expired"] == 1
    full_loop.refresh_from_db()
    assert full_loop.status == "finished" and full_loop.finished_reason == "deadline"
