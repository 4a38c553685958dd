"""Issue #15 in a real browser: the Try console runs the candidate's own lines with their code
(daphne, a real Celery worker, Redis and the Docker sandbox), streamed like a Run, kept on reload.

Set ONSITE_SCREENSHOTS=1 to also save docs/screenshots/try-console.png and room-dark.png.
"""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Page, expect

from grader.models import Mode, Submission
from interviews.models import InterviewItem
from tests.e2e.room_helpers import (
    FLATTEN_SOLUTION,
    GRADING_TIMEOUT,
    log_in,
    room_bank,  # noqa: F401 (fixture)
    start_coding,
    type_into_editor,
)
from tests.e2e.test_interview import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True)

SNIPPET = 'print("trying my flatten")\nflatten([1, [2, [3, [4]]]])'


@pytest.mark.usefixtures("room_bank")
def test_candidate_tries_their_own_input_and_sees_value_output_cpu_and_memory(
        asgi_server: str, celery_worker_proc, page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, asgi_server, "tina")
    start_coding(page)
    assert page.locator("#room").get_attribute("data-question") == "coding/flatten"
    type_into_editor(page, FLATTEN_SOLUTION)

    snippet = page.get_by_label(re.compile("A few lines of Python that use your code"))
    snippet.fill(SNIPPET)
    snippet.press("Control+Enter")  # the console's shortcut; the button does the same
    console = page.locator("#try-results")
    expect(console.locator(".submission-summary")).to_have_attribute("data-status", "done", timeout=GRADING_TIMEOUT)
    expect(console.get_by_test_id("try-value")).to_have_text("[1, 2, 3, 4]")
    expect(console.get_by_test_id("try-stdout")).to_have_text("trying my flatten\n")
    expect(console.get_by_test_id("try-cpu")).to_have_text(re.compile(r"^\d+ ms$"))
    expect(console.get_by_test_id("try-memory")).to_have_text(re.compile(r"\d"))
    expect(console.locator(".submission-summary")).to_contain_text("not scored")
    # The Run / Submit results are untouched by a try.
    expect(page.locator("#results tr.case-row")).to_have_count(0)
    if os.environ.get("ONSITE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator(".try-console").screenshot(path=str(SCREENSHOTS / "try-console.png"))

    # An exception: its verdict, message and the traceback pointing at the snippet's line.
    snippet.fill("total = 0\nflatten(total)")
    page.get_by_role("button", name="Try it").click()
    expect(console.locator("tr.try-row")).to_have_attribute("data-verdict", "RE", timeout=GRADING_TIMEOUT)
    expect(console.get_by_test_id("try-error")).to_contain_text("TypeError")
    expect(console.get_by_test_id("try-stderr")).to_contain_text('File "<try>", line 2')

    # The last snippet and its result are kept per question, and a try is never the graded answer.
    page.reload()
    expect(page.get_by_label(re.compile("A few lines of Python"))).to_have_value("total = 0\nflatten(total)")
    expect(page.locator("#try-results tr.try-row")).to_have_attribute("data-verdict", "RE")
    item = InterviewItem.objects.get(interview__owner__username="tina")
    assert item.final_submission_id is None
    assert list(Submission.objects.filter(item_id=item.pk).values_list("mode", "score")) == [
        (Mode.TRY, None), (Mode.TRY, None)]


@pytest.mark.usefixtures("room_bank")
def test_the_dark_room_with_a_try_for_the_readme(asgi_server: str, celery_worker_proc, page: Page) -> None:
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, asgi_server, "dora")
    start_coding(page)
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    type_into_editor(page, FLATTEN_SOLUTION)
    page.get_by_role("button", name="Run sample cases").click()
    expect(page.locator("#results .submission-summary")).to_have_attribute("data-verdict", "AC",
                                                                           timeout=GRADING_TIMEOUT)
    page.get_by_label(re.compile("A few lines of Python")).fill(SNIPPET)
    page.get_by_role("button", name="Try it").click()
    expect(page.get_by_test_id("try-value")).to_have_text("[1, 2, 3, 4]", timeout=GRADING_TIMEOUT)
    assert page.evaluate("window.onsiteEditor.getTheme()") == "ace/theme/one_dark"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(15, 20, 26)", background
    if os.environ.get("ONSITE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(SCREENSHOTS / "room-dark.png"), full_page=True)
