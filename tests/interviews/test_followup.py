"""A follow-up question (issue #16): asked from the most important rubric point a saved written
answer missed, answered within the interview's time, graded against that point, shown under its
question in the report; required in the full loop. Permissions: alice, bob, staff, anonymous."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from interviews import selectors, services
from interviews.models import FollowUp, Interview, InterviewItem
from interviews.tracks import custom_track

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}

# Covers batching, quantization, scaling and latency budget, but says nothing about caching.
PARTIAL_ANSWER = (
    "I would put dynamic batching in front of the GPU: requests queue until the batch reaches a max batch "
    "size of 32 or the oldest has waited a max wait of 5 ms, because the GPU is efficient only on batches. "
    "I size the batch by profiling latency versus batch size so that the p99 tail latency stays inside the "
    "latency budget. Before that I make each inference cheaper with quantization to int8 and TensorRT. "
    "Traffic is spread by a load balancer across GPU replicas with autoscaling on queue depth, and load "
    "shedding when the queue is too long.")
CACHING_ANSWER = (
    "I would add a response cache keyed by a hash of the normalized input, so repeated queries skip the "
    "model entirely; entries have a TTL and are invalidated when the model version changes. For LLMs, "
    "prefix caching of the KV cache avoids recomputing shared prompt prefixes.")


@pytest.fixture
def interview(alice, mini_bank) -> Interview:
    return services.interview_start(user=alice, track=custom_track(sections=["concepts"], count=1, minutes=60))


def written(interview: Interview) -> InterviewItem:
    return selectors.access_item(interview.owner, interview.pk, 1)


def ask_url(interview: Interview) -> str:
    return reverse("item-followup-ask", args=[interview.pk, 1])


def answer_url(interview: Interview) -> str:
    return reverse("item-followup-answer", args=[interview.pk, 1])


def test_the_followup_is_on_the_most_important_point_the_answer_missed(interview) -> None:
    item = written(interview)
    services.item_save_draft(item=item, draft=PARTIAL_ANSWER)
    grade = services.grader_services.answer_grade_text(version=item.version, text=PARTIAL_ANSWER)
    open_points = [point for point in grade["points"] if point["status"] in ("missed", "partly")]
    best = max(open_points, key=lambda point: point["weight"] * (1 - point["credit"]))

    followup = services.followup_ask(item=item)

    assert followup.point_id == best["id"]
    assert followup.question.startswith(("You did not say anything about", "You only touched on"))
    assert best["hint"][1:] in followup.question  # the rubric's hint, as the question
    assert services.followup_ask(item=item).pk == followup.pk  # one follow-up per question


def test_choice_of_point_weighs_importance_and_what_was_missed() -> None:
    grade = {"points": [
        {"id": "small", "weight": 1, "status": "missed", "credit": 0.0, "hint": "h"},
        {"id": "big-partly", "weight": 3, "status": "partly", "credit": 0.5, "hint": "h"},
        {"id": "big-covered", "weight": 5, "status": "covered", "credit": 1.0, "hint": "h"},
        {"id": "mid", "weight": 2, "status": "missed", "credit": 0.0, "hint": "How would you cache it?"},
    ]}

    point = services._followup_point(grade)

    assert point["id"] == "mid"  # 2 x 1.0 beats 3 x 0.5 and 1 x 1.0; covered points never
    assert services.followup_question_text(point) == "You did not say anything about mid — how would you cache it?"
    assert services._followup_point({"points": [grade["points"][2]]}) is None


def test_no_followup_before_an_answer_is_saved(interview) -> None:
    with pytest.raises(services.InterviewRefused, match="Save an answer first"):
        services.followup_ask(item=written(interview))
    assert not FollowUp.objects.exists()


def test_no_followup_on_code_or_behavioral(alice, mini_bank) -> None:
    interview = services.interview_start(user=alice, track=custom_track(sections=["dsa"], count=1, minutes=30))

    with pytest.raises(services.InterviewRefused, match="written concept and design"):
        services.followup_ask(item=selectors.access_item(alice, interview.pk, 1))


def test_the_followup_answer_is_graded_against_its_point_and_shown_in_the_report(alice_client, interview) -> None:
    item = written(interview)
    services.item_save_draft(item=item, draft=PARTIAL_ANSWER)
    followup = services.followup_ask(item=item)
    point = next(p for p in item.version.rubric["points"] if p["id"] == followup.point_id)
    good = CACHING_ANSWER if point["id"] == "caching" else " ".join(point["evidence"]) + ". " + point["statement"]
    services.followup_save_answer(item=item, answer=good)

    services.interview_finish(interview=interview)

    followup.refresh_from_db()
    assert followup.score is not None and followup.score > 0
    assert followup.feedback["id"] == point["id"]
    report = alice_client.get(reverse("interview-report", args=[interview.pk])).content.decode()
    assert 'data-testid="followup-1"' in report and followup.question.split(" — ")[0] in report
    interview.refresh_from_db()
    written_score = written(interview).score
    assert interview.section_scores["concepts"] == pytest.approx((written_score + followup.score) / 2, abs=1e-4)


def test_an_unanswered_followup_scores_zero(interview) -> None:
    item = written(interview)
    services.item_save_draft(item=item, draft=PARTIAL_ANSWER)
    services.followup_ask(item=item)

    services.interview_finish(interview=interview)

    assert FollowUp.objects.get(item=item).score == 0.0


def test_in_the_full_loop_a_followup_never_asked_is_asked_at_the_end_and_counts(alice, mini_bank) -> None:
    from interviews.tracks import TRACKS

    interview = services.interview_start(user=alice, track=TRACKS["full-loop"])
    concept = next(item for item in selectors.room_items(interview=interview) if item.version.kind == "concept")
    services.item_save_draft(item=concept, draft=PARTIAL_ANSWER)

    services.interview_finish(interview=interview)

    followup = FollowUp.objects.get(item=concept)
    assert followup.required and followup.score == 0.0


def test_the_followup_is_timed_within_the_interview(alice_client: Client, interview) -> None:
    item = written(interview)
    services.item_save_draft(item=item, draft=PARTIAL_ANSWER)
    services.followup_ask(item=item)
    Interview.objects.filter(pk=interview.pk).update(deadline=timezone.now() - timedelta(minutes=5))

    response = alice_client.post(answer_url(interview), {"answer": "late"}, **HTMX)

    assert response.status_code == 409
    assert FollowUp.objects.get(item=item).answer == ""


def test_alice_asks_and_answers_on_the_page(alice_client: Client, interview) -> None:
    services.item_save_draft(item=written(interview), draft=PARTIAL_ANSWER)
    room = alice_client.get(reverse("interview-room", args=[interview.pk, 1])).content.decode()
    assert 'data-testid="ask-followup"' in room

    asked = alice_client.post(ask_url(interview), **HTMX)
    answered = alice_client.post(answer_url(interview), {"answer": CACHING_ANSWER}, **HTMX)

    assert asked.status_code == 200 and 'data-testid="followup-question"' in asked.content.decode()
    assert answered.status_code == 200 and "saved" in answered.content.decode()
    assert FollowUp.objects.get().answer == CACHING_ANSWER


def test_bob_staff_and_anonymous_cannot_ask_or_answer(bob_client, staff_client, interview) -> None:
    services.item_save_draft(item=written(interview), draft=PARTIAL_ANSWER)

    assert bob_client.post(ask_url(interview), **HTMX).status_code == 404
    assert staff_client.post(ask_url(interview), **HTMX).status_code == 403
    anonymous = Client().post(ask_url(interview))
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    assert not FollowUp.objects.exists()
    services.followup_ask(item=written(interview))
    assert bob_client.post(answer_url(interview), {"answer": "x"}, **HTMX).status_code == 404
    assert staff_client.post(answer_url(interview), {"answer": "x"}, **HTMX).status_code == 403
    assert FollowUp.objects.get().answer == ""


def api_client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def test_api_ask_answer_and_report(alice, interview) -> None:
    base = f"/api/interviews/{interview.pk}/items/1/followup/"
    client = api_client(alice)
    assert client.get(base).status_code == 404
    assert client.post(base).status_code == 409  # nothing saved yet
    services.item_save_draft(item=written(interview), draft=PARTIAL_ANSWER)

    asked = client.post(base)
    answered = client.put(f"{base}answer/", {"answer": CACHING_ANSWER}, format="json")
    client.post(f"/api/interviews/{interview.pk}/finish/")
    report = client.get(f"/api/interviews/{interview.pk}/report/").json()

    assert asked.status_code == 200 and asked.json()["question"]
    assert answered.status_code == 200 and answered.json()["answer"] == CACHING_ANSWER
    assert report["items"][0]["followup"]["score"] is not None


@pytest.mark.parametrize("who, read, write", [("bob", 404, 404), ("staff", 200, 403), ("anonymous", 401, 401)])
def test_api_followup_permissions(request, interview, who, read, write) -> None:
    services.item_save_draft(item=written(interview), draft=PARTIAL_ANSWER)
    services.followup_ask(item=written(interview))
    client = api_client(None if who == "anonymous" else request.getfixturevalue(who))
    base = f"/api/interviews/{interview.pk}/items/1/followup/"

    assert client.get(base).status_code == read
    assert client.put(f"{base}answer/", {"answer": "x"}, format="json").status_code == write
    assert FollowUp.objects.get().answer == ""
