"""Issue #15 in a real browser: the whole flow with the keyboard alone, no axe-core violations at
WCAG 2.x level A or AA (axe.min.js from the axe-playwright-python package, injected by Playwright)
on the dashboard, the room (light, dark, Try results) and the report, and the layout at tablet
(768 px) and phone (375 px) widths."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from interviews.models import Interview, InterviewStatus
from tests.e2e.room_helpers import (
    FLATTEN_SOLUTION,
    GRADING_TIMEOUT,
    axe_version,
    axe_violations,
    expect_room_ready,
    log_in,
    room_bank,  # noqa: F401 (fixture)
    tab_to,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("room_bank")]

ANSWER = ("Situation: our model served stale results. Task: I was on call. Action: I rolled back, then fixed "
          "the feature pipeline and added an alert. Result: fixed in 25 minutes; I learned to watch inputs.")


def too_wide(page: Page) -> list[str]:
    """The innermost elements that stick out on the right, to say what overflows."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        return [...document.querySelectorAll("body *")]
            .filter(e => e.getBoundingClientRect().right > width + 1 && ![...e.children].some(
                c => c.getBoundingClientRect().right > width + 1))
            .slice(0, 8).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right));
    }""")


def assert_no_axe_violations(page: Page, where: str) -> None:
    violations = axe_violations(page)
    assert axe_version(page).startswith("4."), "axe-core was injected"
    assert violations == [], f"axe-core found WCAG A/AA violations on {where}: {violations}"


def test_the_whole_flow_with_the_keyboard_alone_and_no_axe_violations(
        asgi_server: str, celery_worker_proc, page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, asgi_server, "kim")
    assert_no_axe_violations(page, "the dashboard")

    # Start: a custom track of one coding and one behavioral question, keyboard only.
    page.locator("body").focus()
    tab_to(page, 'input[name="sections"][value="coding"]')
    page.keyboard.press("Space")
    tab_to(page, 'input[name="sections"][value="behavioral"]')
    page.keyboard.press("Space")
    tab_to(page, 'input[name="count"]')
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    tab_to(page, '.custom-track button[type="submit"]')
    page.keyboard.press("Enter")
    expect_room_ready(page, 1)
    if page.locator("#room").get_attribute("data-question") != "coding/flatten":
        tab_to(page, '.question-nav a[href$="/q/2/"]')
        page.keyboard.press("Enter")
        expect_room_ready(page, 2)
    assert page.locator("#room").get_attribute("data-question") == "coding/flatten"
    code_url = page.url
    assert_no_axe_violations(page, "the room")

    # Answer: Tab to the editor (ACE's keyboard-accessibility mode), Enter goes in, Esc comes out.
    tab_to(page, "#editor .ace_scroller")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('ace_text-input')")
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(FLATTEN_SOLUTION)
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.classList.contains('ace_scroller')")

    # Run, then Try, then Submit, each from the keyboard.
    tab_to(page, "#run-button")
    page.keyboard.press("Enter")
    expect(page.locator("#results .submission-summary")).to_have_attribute("data-verdict", "AC",
                                                                           timeout=GRADING_TIMEOUT)
    tab_to(page, "#try-snippet")
    page.keyboard.type("flatten([[1], [[2]]])")
    page.keyboard.press("Control+Enter")
    expect(page.get_by_test_id("try-value")).to_have_text("[1, 2]", timeout=GRADING_TIMEOUT)
    assert_no_axe_violations(page, "the room with Run and Try results")
    tab_to(page, "#submit-button", backwards=True)
    page.keyboard.press("Enter")
    expect(page.locator("#results .submission-summary")).to_have_attribute("data-status", "done",
                                                                           timeout=GRADING_TIMEOUT)
    expect(page.locator("#results .submission-summary")).to_have_attribute("data-verdict", "AC")

    # The dark room has no violations either.
    tab_to(page, "#theme-toggle", backwards=True, limit=120)
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    assert_no_axe_violations(page, "the dark room")

    # Move to the written question and answer it.
    other = 1 if code_url.endswith("/q/2/") else 2
    tab_to(page, f'.question-nav a[href$="/q/{other}/"]', limit=120)
    page.keyboard.press("Enter")
    expect_room_ready(page, other)
    tab_to(page, "#answer")
    page.keyboard.insert_text(ANSWER)
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved", timeout=15_000)

    # Finish (the confirmation is accepted from the keyboard too: Enter on the dialog's OK).
    page.once("dialog", lambda dialog: dialog.accept())
    tab_to(page, "#finish-button", backwards=True, limit=120)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/interviews/\d+/report/$"))
    expect(page.get_by_test_id("overall-score")).to_have_text(re.compile(r"^\d+%$"), timeout=GRADING_TIMEOUT)
    assert_no_axe_violations(page, "the dark report")
    tab_to(page, "#theme-toggle", backwards=True, limit=200)
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("data-theme", "light")
    assert_no_axe_violations(page, "the report")
    # Read the report from the keyboard: its links and disclosures are in the Tab order.
    tab_to(page, "main a, main summary")
    assert Interview.objects.get(owner__username="kim").status == InterviewStatus.FINISHED

    # A phone reads the report without sideways scrolling.
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    expect(page.get_by_test_id("overall-score")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the report is {overflow} px wider than a 375 px phone: {too_wide(page)}"


def test_the_room_reflows_at_tablet_width(asgi_server: str, page: Page) -> None:
    page.set_viewport_size({"width": 768, "height": 1024})
    log_in(page, asgi_server, "tara")
    page.get_by_label("Python coding", exact=True).check()
    page.get_by_label("Questions").fill("1")
    page.get_by_role("button", name="Start custom interview").click()
    expect_room_ready(page, 1)
    nav = page.locator(".question-nav").bounding_box()
    question = page.locator("article.question").bounding_box()
    assert nav and question
    assert nav["y"] + nav["height"] <= question["y"] + 1, "the questions list stacks above the question"
    assert question["width"] >= 700, question
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the room is {overflow} px wider than 768 px"
    editor = page.locator("#editor").bounding_box()
    assert editor and editor["x"] + editor["width"] <= 768
    for control in ("#run-button", "#submit-button", "#try-button", "#try-snippet"):
        box = page.locator(control).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 768, control
