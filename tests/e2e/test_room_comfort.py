"""Issue #15 in a real browser: light and dark themes (prefers-color-scheme, a toggle remembered
for the user on every page), Vim and Emacs keys and the font size, from django-ace's ACE files."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from interviews.models import Preferences
from tests.e2e.room_helpers import (
    expect_room_ready,
    log_in,
    room_bank,  # noqa: F401 (fixture)
    start_coding,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("room_bank")]


def test_the_theme_follows_the_system_until_the_toggle_chooses_for_every_page(asgi_server: str, page: Page) -> None:
    page.emulate_media(color_scheme="dark")
    log_in(page, asgi_server, "theo")
    html = page.locator("html")
    toggle = page.get_by_role("button", name="Dark theme")
    expect(html).to_have_attribute("data-theme", "dark")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    page.emulate_media(color_scheme="light")  # "system" follows a change live
    expect(html).to_have_attribute("data-theme", "light")
    expect(toggle).to_have_attribute("aria-pressed", "false")

    toggle.focus()
    page.keyboard.press("Enter")  # the toggle works from the keyboard
    expect(html).to_have_attribute("data-theme", "dark")
    for _ in range(50):
        if Preferences.objects.filter(user__username="theo", theme="dark").exists():
            break
        page.wait_for_timeout(100)
    assert Preferences.objects.get(user__username="theo").theme == "dark"

    # Remembered for the user on every page, whatever the system says.
    page.emulate_media(color_scheme="light")
    for path in ("/history/", "/preferences/", "/dashboard/"):
        page.goto(f"{asgi_server}{path}")
        expect(html).to_have_attribute("data-theme", "dark")
    start_coding(page)
    expect(html).to_have_attribute("data-theme", "dark")
    assert page.evaluate("window.onsiteEditor.getTheme()") == "ace/theme/one_dark"
    page.get_by_role("button", name="Dark theme").click()
    expect(html).to_have_attribute("data-theme", "light")
    page.wait_for_function("window.onsiteEditor.getTheme() === 'ace/theme/textmate'")


def test_vim_and_emacs_keys_and_the_font_size_are_the_users_choice(asgi_server: str, page: Page) -> None:
    log_in(page, asgi_server, "vera")
    start_coding(page)
    keys = page.get_by_label("Keys", exact=True)
    expect(keys).to_have_value("default")
    keys.select_option("vim")
    page.wait_for_function("(window.onsiteEditor.getKeyboardHandler() || {}).$id === 'ace/keyboard/vim'")
    expect(page.locator("#preferences-status")).to_have_text("Keys saved for your account.")

    # Vim keys in the editor: Esc to normal mode, gg, O opens a line above, then insert text.
    page.locator("#editor .ace_content").click()
    page.keyboard.press("Escape")
    page.keyboard.type("ggO")
    page.keyboard.type("# typed in vim")
    page.keyboard.press("Escape")
    assert page.evaluate("window.onsiteEditor.getValue()").startswith("# typed in vim\n")
    # Esc belongs to Vim here; Ctrl+Alt+E leaves the editor, then Tab moves on through the page.
    page.keyboard.press("Control+Alt+E")
    assert page.evaluate("document.activeElement.classList.contains('ace_scroller')")
    page.keyboard.press("Tab")
    assert not page.evaluate("document.activeElement.closest('#editor')")

    page.get_by_label("Font size", exact=True).select_option("20")
    page.wait_for_function("window.onsiteEditor.getFontSize() === '20px'")
    # The status names what was saved: the reload below comes after the font size's save.
    expect(page.locator("#preferences-status")).to_have_text("Font size saved for your account.")

    page.reload()
    expect_room_ready(page, 1)
    page.wait_for_function("(window.onsiteEditor.getKeyboardHandler() || {}).$id === 'ace/keyboard/vim'")
    assert page.evaluate("window.onsiteEditor.getFontSize()") == "20px"
    page.get_by_label("Keys", exact=True).select_option("emacs")
    page.wait_for_function("(window.onsiteEditor.getKeyboardHandler() || {}).$id === 'ace/keyboard/emacs'")
    expect(page.locator("#preferences-status")).to_have_text("Keys saved for your account.")
    chosen = Preferences.objects.get(user__username="vera")
    assert (chosen.keybinding, chosen.font_size) == ("emacs", 20)
