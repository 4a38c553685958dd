"""Starting an interview in a real browser: a double click sends one request, and every Start
button on the dashboard is disabled (and says so) once it is on its way."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_interview import sign_up

# Registered after the page's own listeners: it sees each submit the page let through, counts it
# as a request that would have been sent, and keeps the page here so the test can look at it.
COUNT_SUBMITS = """() => {
  window.onsiteSubmits = 0;
  window.addEventListener("submit", (event) => {
    if (!event.defaultPrevented) { window.onsiteSubmits += 1; event.preventDefault(); }
  });
}"""


@pytest.mark.django_db(transaction=True)
def test_a_double_clicked_start_sends_one_request_and_disables_every_start_button(
        asgi_server: str, bank, page: Page) -> None:
    sign_up(page, asgi_server, "dora")
    page.evaluate(COUNT_SUBMITS)

    page.get_by_role("button", name="Start Behavioral").dblclick()
    page.get_by_role("button", name="Start Coding screen").click(force=True)  # an impatient third press

    buttons = page.locator("form[data-start-form] button[type=submit]")
    assert buttons.count() >= 6
    for index in range(buttons.count()):
        expect(buttons.nth(index)).to_be_disabled()
        expect(buttons.nth(index)).to_have_text("Starting…")
    assert page.evaluate("window.onsiteSubmits") == 1
