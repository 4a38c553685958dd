"""Hints at a visible cost (issue #16): the bank's hint ladders, revealing (page and API), the cost
taken off the item's score in the one place item scores are computed, the report listing them,
and who may do what (alice owns, bob gets 404, staff reads but cannot reveal, anonymous logs in)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from interviews import selectors, services
from interviews.models import HintReveal, Interview, InterviewItem
from interviews.tracks import custom_track
from references.hints import HINT_LEVELS, coding_hints, read_hints
from references.loader import BANK_ROOT, BankError, question_folders

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


# --- Content: every coding part of the bank has a reviewed ladder ---------------------------------


def test_every_coding_part_of_the_bank_has_a_ladder_of_three_hints() -> None:
    coding_parts = [folder for folder in question_folders() if (folder / "solution.py").is_file()]

    assert len(coding_parts) == 28
    for folder in coding_parts:
        hints = read_hints(folder / "hints.yaml")
        assert [hint["level"] for hint in hints] == list(HINT_LEVELS), folder
        # A hint must not be the solution pasted in: short prose, no code block.
        assert all(20 <= len(hint["text"]) <= 400 and "def " not in hint["text"] for hint in hints), folder


def test_a_malformed_hints_file_is_a_clear_error(tmp_path) -> None:
    path = tmp_path / "hints.yaml"
    path.write_text("hints:\n  - level: edge cases\n    text: something long enough to be a hint\n")

    with pytest.raises(BankError, match="levels approach, data structure, edge cases"):
        read_hints(path)


def test_a_question_without_a_coding_part_has_no_coding_hints() -> None:
    assert coding_hints(section="behavioral", slug="production-incident") == []
    assert len(coding_hints(section="dsa", slug="lru-cache")) == 3
    assert (BANK_ROOT / "dsa" / "lru-cache" / "hints.yaml").is_file()


# --- Fixtures -------------------------------------------------------------------------------------


@pytest.fixture
def interview(alice, mini_bank) -> Interview:
    """dsa/lru-cache (code, position 1) then concepts/model-serving (written 2, its coding follow-up 3)."""
    interview = services.interview_start(user=alice, track=custom_track(sections=["dsa"], count=1, minutes=60))
    from references.models import Question

    serving = Question.objects.get(section="concepts", slug="model-serving").current
    InterviewItem.objects.create(interview=interview, position=2, version=serving, part="main")
    InterviewItem.objects.create(interview=interview, position=3, version=serving, part="followup",
                                 draft=serving.starter)
    return interview


def item(interview: Interview, position: int) -> InterviewItem:
    return selectors.access_item(interview.owner, interview.pk, position)


def reveal_url(interview: Interview, position: int, index: int) -> str:
    return reverse("item-hint-reveal", args=[interview.pk, position, index])


# --- Catalogue and costs --------------------------------------------------------------------------


def test_a_code_item_offers_the_ladder_with_costs_stated_and_text_hidden(interview) -> None:
    hints = selectors.item_hints(item(interview, 1))

    assert [hint["label"] for hint in hints] == list(HINT_LEVELS)
    assert [hint["cost"] for hint in hints] == list(selectors.CODING_HINT_COSTS)
    assert all(hint["text"] is None and not hint["revealed"] for hint in hints)
    assert [hint["available"] for hint in hints] == [True, False, False]  # a ladder: in order


def test_a_written_item_offers_one_hint_per_rubric_point_costing_half_its_share(interview) -> None:
    written = item(interview, 2)
    points = written.version.rubric["points"]
    total = sum(point["weight"] for point in points)

    hints = selectors.item_hints(written)

    assert [hint["label"] for hint in hints] == [point["id"] for point in points]
    batching = next(hint for hint in hints if hint["label"] == "dynamic-batching")
    assert batching["cost"] == round(0.5 * 3 / total, 2)
    assert all(hint["available"] for hint in hints)  # any order


def test_the_follow_up_code_item_offers_its_own_ladder(interview) -> None:
    hints = selectors.item_hints(item(interview, 3))

    assert [hint["label"] for hint in hints] == list(HINT_LEVELS)


# --- Revealing --------------------------------------------------------------------------------------


def test_alice_reveals_the_first_rung_on_the_page_and_sees_its_text(alice_client: Client, interview) -> None:
    page = alice_client.get(reverse("interview-room", args=[interview.pk, 1]))
    assert "Reveal (costs 10% of this question's score)" in page.content.decode()

    response = alice_client.post(reveal_url(interview, 1, 0), **HTMX)

    assert response.status_code == 200
    expected = coding_hints(section="dsa", slug="lru-cache")[0]["text"]
    assert expected in response.content.decode()
    reveal = HintReveal.objects.get(item=item(interview, 1))
    assert (reveal.index, reveal.label, reveal.cost, reveal.text) == (0, "approach", 0.10, expected)


def test_the_ladder_is_climbed_in_order(alice_client: Client, interview) -> None:
    response = alice_client.post(reveal_url(interview, 1, 2), **HTMX)

    assert response.status_code == 409
    assert "in order" in response.content.decode()
    assert not HintReveal.objects.exists()


def test_revealing_twice_costs_once(interview) -> None:
    first = services.hint_reveal(item=item(interview, 1), index=0)
    again = services.hint_reveal(item=item(interview, 1), index=0)

    assert first.pk == again.pk
    assert selectors.item_hint_penalty(item(interview, 1)) == 0.10


@pytest.mark.parametrize("index", [-1, 3, 99])
def test_a_hint_that_does_not_exist_is_refused(interview, index) -> None:
    with pytest.raises(services.InterviewRefused, match="no such hint"):
        services.hint_reveal(item=item(interview, 1), index=index)


def test_no_hint_after_the_deadline(alice_client: Client, interview) -> None:
    Interview.objects.filter(pk=interview.pk).update(deadline=timezone.now() - timedelta(minutes=5))

    response = alice_client.post(reveal_url(interview, 1, 0), **HTMX)

    assert response.status_code == 409
    assert not HintReveal.objects.exists()


def test_no_hint_once_finished(interview) -> None:
    services.interview_finish(interview=interview)

    with pytest.raises(services.InterviewRefused, match="finished"):
        services.hint_reveal(item=item(interview, 2), index=0)


# --- The cost is taken off the item's score ----------------------------------------------------------


def test_the_hints_cost_is_taken_off_a_written_items_score_and_the_report_lists_them(alice_client, interview):
    written = item(interview, 2)
    services.item_save_draft(item=written, draft=(
        "Use dynamic batching with a max batch size and a max wait timeout, quantization to int8, "
        "and autoscaling behind a load balancer with load shedding, watching p99 tail latency."))
    services.hint_reveal(item=written, index=0)
    services.hint_reveal(item=written, index=1)
    services.interview_finish(interview=interview)
    written.refresh_from_db()
    costs = [reveal.cost for reveal in HintReveal.objects.filter(item=written)]
    assert written.score > 0

    grade = selectors.item_grade(item(interview, 2))

    assert grade["raw_score"] == written.score
    assert grade["hint_penalty"] == pytest.approx(sum(costs))
    assert grade["score"] == pytest.approx(written.score * (1 - sum(costs)), abs=1e-4)
    report = alice_client.get(reverse("interview-report", args=[interview.pk])).content.decode()
    assert 'data-testid="hints-used-2"' in report
    assert written.version.rubric["points"][0]["hint"] in report
    interview.refresh_from_db()
    scores = selectors.interview_scores(interview)
    assert scores["sections"]["concepts"] < 1.0


def test_a_code_items_score_loses_the_ladders_share(interview) -> None:
    from grader.models import Submission
    from tests.factories import SubmissionFactory

    code_item = item(interview, 1)
    submission = SubmissionFactory(item=code_item, status="done", verdict="AC", score=1.0)
    InterviewItem.objects.filter(pk=code_item.pk).update(final_submission=submission)
    for index in range(3):
        services.hint_reveal(item=item(interview, 1), index=index)
    services.interview_finish(interview=interview)

    grade = selectors.item_grade(item(interview, 1))

    assert Submission.objects.get(pk=submission.pk).score == 1.0  # the submission itself is untouched
    assert grade["score"] == pytest.approx(1.0 - sum(selectors.CODING_HINT_COSTS))


# --- Permissions: page --------------------------------------------------------------------------------


def test_bob_gets_404_revealing_alices_hint(bob_client: Client, interview) -> None:
    assert bob_client.post(reveal_url(interview, 1, 0), **HTMX).status_code == 404
    assert not HintReveal.objects.exists()


def test_staff_sees_the_hints_but_cannot_reveal_one(staff_client: Client, interview) -> None:
    page = staff_client.get(reverse("interview-room", args=[interview.pk, 1])).content.decode()
    assert 'id="hints"' in page and "reveal-hint-0" not in page

    assert staff_client.post(reveal_url(interview, 1, 0), **HTMX).status_code == 403
    assert not HintReveal.objects.exists()


def test_anonymous_is_sent_to_log_in(interview) -> None:
    response = Client().post(reveal_url(interview, 1, 0))

    assert response.status_code == 302 and "/login" in response["Location"]
    assert not HintReveal.objects.exists()


# --- API --------------------------------------------------------------------------------------------


def api_client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def test_api_lists_and_reveals_hints_with_their_cost(alice, interview) -> None:
    base = f"/api/interviews/{interview.pk}/items/1/hints/"

    listed = api_client(alice).get(base)
    revealed = api_client(alice).post(f"{base}0/reveal/")
    out_of_order = api_client(alice).post(f"{base}2/reveal/")

    assert listed.status_code == 200
    assert [(hint["label"], hint["cost"], hint["text"]) for hint in listed.json()] == [
        ("approach", 0.1, None), ("data structure", 0.15, None), ("edge cases", 0.15, None)]
    assert revealed.status_code == 200
    assert revealed.json()[0]["text"] == coding_hints(section="dsa", slug="lru-cache")[0]["text"]
    assert revealed.json()[1]["available"] is True
    assert out_of_order.status_code == 409


def test_api_report_lists_hints_used(alice, interview) -> None:
    services.hint_reveal(item=item(interview, 1), index=0)
    services.interview_finish(interview=interview)

    report = api_client(alice).get(f"/api/interviews/{interview.pk}/report/").json()

    entry = next(entry for entry in report["items"] if entry["position"] == 1)
    assert entry["hint_penalty"] == 0.1
    assert [(hint["label"], hint["cost"]) for hint in entry["hints_used"]] == [("approach", 0.1)]


@pytest.mark.parametrize("who, listed, revealed", [("bob", 404, 404), ("staff", 200, 403), ("anonymous", 401, 401)])
def test_api_hint_permissions(request, interview, who, listed, revealed) -> None:
    client = api_client(None if who == "anonymous" else request.getfixturevalue(who))
    base = f"/api/interviews/{interview.pk}/items/1/hints/"

    assert client.get(base).status_code == listed
    assert client.post(f"{base}0/reveal/").status_code == revealed
    assert not HintReveal.objects.exists()


def test_api_schema_documents_the_hint_endpoints(alice) -> None:
    schema = api_client(alice).get("/api/schema/", HTTP_ACCEPT="application/json")
    text = schema.content.decode()

    assert schema.status_code == 200
    assert "items_hints_list" in text and "items_hints_reveal" in text and "hints_used" in text
