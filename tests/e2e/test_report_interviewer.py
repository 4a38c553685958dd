"""Issue #16 in a real browser: a hint revealed at its stated cost in the room, then the report's
hints, the replay slider (an htmx swap of the server's diff) and a share link opened by someone
who is not signed in. Playwright drives Debian's Chromium against daphne; no code is run."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from interviews.models import HintReveal, ReportShare
from references.hints import coding_hints
from tests.factories import DEFAULT_PASSWORD, UserFactory


@pytest.mark.django_db(transaction=True)
def test_hint_at_a_cost_then_replay_and_share_of_the_report(asgi_server: str, bank, page: Page,
                                                           browser: Browser) -> None:
    UserFactory(username="erin")
    page.goto(f"{asgi_server}/accounts/login/")
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{asgi_server}/dashboard/")
    page.get_by_label("Data structures & algorithms", exact=True).check()
    page.get_by_label("Questions").fill("1")
    page.get_by_label("Minutes").fill("30")
    page.get_by_role("button", name="Start custom interview").click()
    expect(page).to_have_url(re.compile(r"/interviews/\d+/q/1/$"))
    expect(page.locator("#room")).to_have_attribute("data-ready", "true")
    question = page.locator("#room").get_attribute("data-question")
    section, slug = question.split("/")
    ladder = coding_hints(section=section, slug=slug)

    # The cost is stated on the button and again in the confirmation, before anything is shown.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    reveal = page.get_by_test_id("reveal-hint-0")
    expect(reveal).to_contain_text("costs 10%")
    expect(page.locator("#hints")).not_to_contain_text(ladder[0]["text"])
    reveal.click()
    expect(page.locator("#hints")).to_contain_text(ladder[0]["text"])
    expect(page.get_by_test_id("reveal-hint-1")).to_contain_text("costs 15%")
    assert any("costs 10%" in message for message in dialogs)
    assert HintReveal.objects.count() == 1

    page.locator("#editor .ace_content").click()
    page.keyboard.press("Control+End")
    page.keyboard.insert_text("\n# replay me: first idea\n")
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved", timeout=15_000)
    page.get_by_role("button", name="Finish interview").click()
    expect(page).to_have_url(re.compile(r"/interviews/\d+/report/$"), timeout=30_000)

    # The report: hints used, and the replay from the starter to the last autosave.
    expect(page.get_by_test_id("hints-used-1")).to_contain_text(ladder[0]["text"])
    expect(page.get_by_test_id("replay-diff-1")).to_contain_text("+# replay me: first idea")
    page.get_by_test_id("replay-to-1").fill("0")  # the slider back to the starter code
    expect(page.get_by_test_id("replay-code-1")).not_to_contain_text("replay me")
    expect(page.get_by_test_id("replay-diff-1")).to_contain_text("No change")

    # A share link, opened by someone not signed in: the report, read-only.
    page.get_by_test_id("share-create").click()
    share_url = page.get_by_test_id("share-url").input_value()
    assert ReportShare.objects.count() == 1
    stranger = browser.new_context()
    try:
        shared = stranger.new_page()
        shared.goto(share_url)
        expect(shared.get_by_test_id("shared-banner")).to_contain_text("shared by erin")
        expect(shared.get_by_test_id("hints-used-1")).to_be_visible()
        expect(shared.get_by_test_id("share-create")).to_have_count(0)
    finally:
        stranger.close()
