"""A candidate's interview in a real browser: Playwright drives Debian's Chromium against daphne,
with a real Celery worker, real Redis and the real Docker sandbox.

Set ONSITE_SCREENSHOTS=1 to also save the README's screenshots to docs/screenshots/.
"""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Page, expect

from interviews.models import Interview, InterviewStatus
from references.loader import BANK_ROOT
from references.models import Question
from tests.factories import DEFAULT_PASSWORD, InterviewFactory, UserFactory

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "docs" / "screenshots"
GRADING_TIMEOUT = 180_000  # ms: a cold sandbox container plus every case of a question
STAR_ANSWER = (
    "Situation: at my previous company our recommendation model started returning stale results "
    "after a feature pipeline silently broke on a Friday evening.\n\n"
    "Task: I was the on-call engineer and I was responsible for restoring correct predictions.\n\n"
    "Action: I rolled back to the previous model version first to stop the damage. Then I compared "
    "the feature distributions against the training data, found the drift in one upstream table, "
    "and fixed the pipeline. I added a freshness check and an alert on every input feature.\n\n"
    "Result: we restored correct predictions in 25 minutes and the new alert caught two later "
    "incidents before users noticed. I learned to monitor model inputs, not just outputs."
)


def screenshot(page: Page, name: str) -> None:
    if os.environ.get("ONSITE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def seed_past_interviews(user) -> None:
    """Earlier finished interviews, so the history screenshot shows a progression."""
    now = timezone.now()
    for days, score, sections in ((9, 0.42, {"dsa": 0.35, "behavioral": 0.5, "concepts": 0.4}),
                                  (6, 0.55, {"dsa": 0.6, "design": 0.45, "concepts": 0.55}),
                                  (3, 0.66, {"dsa": 0.8, "behavioral": 0.55, "design": 0.6})):
        InterviewFactory(owner=user, finished=True, minutes=45, started_at=now - timedelta(days=days),
                         score=score, section_scores=sections)


def sign_up(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_label("Password confirmation").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(f"{base_url}/dashboard/")


def start_custom(page: Page, *, sections: list[str], count: int, minutes: int) -> None:
    for section in sections:
        page.get_by_label(section, exact=True).check()
    page.get_by_label("Questions").fill(str(count))
    page.get_by_label("Minutes").fill(str(minutes))
    page.get_by_role("button", name="Start custom interview").click()
    expect_room_ready(page, 1)


def expect_room_ready(page: Page, position: int) -> None:
    """The room at `position`, wired up by htmx and room.js (data-ready), so typing is saved."""
    expect(page).to_have_url(re.compile(rf"/interviews/\d+/q/{position}/$"))
    expect(page.locator("#room")).to_have_attribute("data-ready", "true")


def type_into_editor(page: Page, code: str) -> None:
    """Select all in ACE and insert the text as typed input (insert_text: no auto-indent)."""
    page.locator("#editor .ace_content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)


@pytest.mark.django_db(transaction=True)
def test_candidate_codes_runs_submits_answers_and_reads_the_report(
    asgi_server: str, celery_worker_proc, bank, page: Page
) -> None:
    page.set_viewport_size({"width": 1360, "height": 900})
    sign_up(page, asgi_server, "carol")
    start_custom(page, sections=["Data structures & algorithms", "Behavioral"], count=2, minutes=30)

    # The coding question: the page names it, so the test knows its canonical solution.
    room = page.locator("#room")
    key = room.get_attribute("data-question")
    assert key and key.startswith("dsa/")
    question = Question.objects.select_related("current").get(section="dsa", slug=key.split("/", 1)[1])
    sample_count = len(question.current.sample_cases)
    all_count = len(question.current.cases)
    expect(page.locator("#editor .ace_content")).to_be_visible()
    expect(page.locator("#countdown")).to_have_text(re.compile(r"^(29|30):\d\d$"))

    solution = (BANK_ROOT / key / "solution.py").read_text()
    type_into_editor(page, solution)
    assert page.evaluate("window.onsiteEditor.getValue()").strip() == solution.strip()
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved", timeout=15_000)

    # Run: the sample rows are there at once (pending), and fill in as each case is judged.
    page.get_by_role("button", name="Run sample cases").click()
    expect(page.locator("#results tr.case-row")).to_have_count(sample_count, timeout=15_000)
    expect(page.locator('#results tr.case-row[data-verdict="AC"]')).to_have_count(sample_count,
                                                                                  timeout=GRADING_TIMEOUT)
    expect(page.locator("#results .submission-summary")).to_have_attribute("data-verdict", "AC",
                                                                           timeout=GRADING_TIMEOUT)

    # Submit: every case, streamed live over the WebSocket.
    page.get_by_role("button", name="Submit (all cases)").click()
    expect(page.locator("#results tr.case-row")).to_have_count(all_count, timeout=15_000)
    summary = page.locator("#results .submission-summary")
    expect(summary).to_have_attribute("data-status", "done", timeout=GRADING_TIMEOUT)
    expect(summary).to_have_attribute("data-verdict", "AC")
    expect(summary).to_contain_text(f"{all_count}/{all_count} cases passed")
    expect(page.locator('#results tr.case-row[data-verdict="AC"]')).to_have_count(all_count)
    screenshot(page, "room.png")

    # The behavioral question: write, autosave, preview.
    page.get_by_role("link", name=re.compile(r"^2\.")).click()
    expect_room_ready(page, 2)
    page.get_by_label("Your answer").fill(STAR_ANSWER)
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved", timeout=15_000)
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#preview")).to_contain_text("I was the on-call engineer")
    expect(page.get_by_role("link", name=re.compile(r"^1\."))).to_contain_text("answered")

    # Finish, confirming the dialog.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Finish interview").click()
    expect(page).to_have_url(re.compile(r"/interviews/\d+/report/$"))

    expect(page.get_by_test_id("overall-score")).to_have_text(re.compile(r"^\d+%$"), timeout=GRADING_TIMEOUT)
    expect(page.get_by_test_id("item-score-1")).to_have_text("100%")
    code_item = page.locator("#item-1")
    expect(code_item.locator(".submission-summary")).to_have_attribute("data-verdict", "AC")
    expect(code_item).to_contain_text("Canonical solution")
    behavioral = page.locator("#item-2")
    expect(behavioral.get_by_role("heading", name="STAR breakdown")).to_be_visible()
    expect(behavioral.locator('tr[data-star="action"] mark.evidence').first).to_contain_text("I rolled back")
    expect(behavioral.get_by_text("Model answer")).to_be_visible()
    screenshot(page, "report.png")

    interview = Interview.objects.get(owner__username="carol")
    assert interview.status == InterviewStatus.FINISHED and interview.finished_reason == "candidate"

    if os.environ.get("ONSITE_SCREENSHOTS"):
        seed_past_interviews(interview.owner)
    page.goto(f"{asgi_server}/history/")
    expect(page.locator("svg.chart-svg")).to_have_count(2)
    expect(page.get_by_role("img", name=re.compile("Score per section over time"))).to_be_visible()
    screenshot(page, "history.png")
    page.goto(f"{asgi_server}/dashboard/")
    expect(page.get_by_role("heading", name="Recent results")).to_be_visible()
    screenshot(page, "dashboard.png")


@pytest.mark.django_db(transaction=True)
def test_room_locks_when_time_runs_out_and_the_report_appears(
    asgi_server: str, celery_worker_proc, bank, page: Page
) -> None:
    UserFactory(username="dave")
    page.goto(f"{asgi_server}/accounts/login/")
    page.get_by_label("Username").fill("dave")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{asgi_server}/dashboard/")
    start_custom(page, sections=["Data structures & algorithms"], count=1, minutes=1)

    page.locator("#editor .ace_content").click()
    page.keyboard.press("Control+End")
    page.keyboard.insert_text("\n# my first idea: a dict and a linked list\n")

    # Hold the page's finish request so the locked room can be inspected before it moves on.
    held = []
    page.route("**/finish/", lambda route: held.append(route))
    with page.expect_request(re.compile(r"/finish/$"), timeout=100_000):
        pass
    expect(page.locator("#lock-banner")).to_be_visible()
    expect(page.locator("#countdown")).to_have_text("0:00")
    expect(page.get_by_role("button", name="Run sample cases")).to_be_disabled()
    expect(page.get_by_role("button", name="Submit (all cases)")).to_be_disabled()
    expect(page.get_by_role("button", name="Finish interview")).to_be_disabled()
    assert page.evaluate("window.onsiteEditor.getReadOnly()") is True
    assert held, "the finish request reached the route handler"
    held[0].continue_()

    expect(page).to_have_url(re.compile(r"/interviews/\d+/report/$"), timeout=30_000)
    interview = Interview.objects.get(owner=get_user_model().objects.get(username="dave"))
    assert interview.status == InterviewStatus.FINISHED and interview.finished_reason == "deadline"
    assert "my first idea" in interview.items.get().draft
    # The draft was submitted for grading at the deadline; its result streams into the report.
    expect(page.locator("#item-1 .submission-summary")).to_have_attribute(
        "data-status", re.compile("done|failed"), timeout=GRADING_TIMEOUT)
    expect(page.get_by_test_id("overall-score")).to_have_text(re.compile(r"^\d+%$"), timeout=GRADING_TIMEOUT)
