"""Helpers of the coding-room browser tests (issue #15): a small bank, signing in, keyboard moves, axe."""

from __future__ import annotations

import re
import shutil
from importlib import resources
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from references.loader import BANK_ROOT
from tests.factories import DEFAULT_PASSWORD, UserFactory

# The questions these tests use: coding/flatten is then the one "Python coding" question.
ROOM_BANK = ("coding/flatten", "behavioral/production-incident")
FLATTEN_SOLUTION = (BANK_ROOT / "coding/flatten/solution.py").read_text()
GRADING_TIMEOUT = 180_000
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def room_bank(tmp_path: Path):
    from references.services import bank_sync

    for key in ROOM_BANK:
        shutil.copytree(BANK_ROOT / key, tmp_path / "bank" / key)
    return bank_sync(root=tmp_path / "bank")


def log_in(page: Page, base_url: str, username: str) -> None:
    UserFactory(username=username)
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{base_url}/dashboard/")


def start_coding(page: Page, *, sections: tuple[str, ...] = ("Python coding",), count: int = 1) -> None:
    for section in sections:
        page.get_by_label(section, exact=True).check()
    page.get_by_label("Questions").fill(str(count))
    page.get_by_label("Minutes").fill("30")
    page.get_by_role("button", name="Start custom interview").click()
    expect_room_ready(page, 1)


def expect_room_ready(page: Page, position: int) -> None:
    expect(page).to_have_url(re.compile(rf"/interviews/\d+/q/{position}/$"))
    expect(page.locator("#room")).to_have_attribute("data-ready", "true")


def type_into_editor(page: Page, code: str) -> None:
    page.locator("#editor .ace_content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)


def tab_to(page: Page, selector: str, *, limit: int = 80, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches `selector`: reachable by keyboard."""
    for _ in range(limit):
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"{selector} is not reachable with Tab in {limit} presses")


def axe_violations(page: Page, *, context: str | None = None) -> list[dict]:
    """Inject axe-core (the axe.min.js shipped by the axe-playwright-python package) and run it on
    the page for WCAG 2.x A and AA; returns the violations (id, impact, help, targets)."""
    source = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(content=source)
    result = page.evaluate(
        """async ([context, tags]) => {
            const results = await window.axe.run(context || document, {runOnly: {type: "tag", values: tags}});
            return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                                 targets: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}));
        }""",
        [context, AXE_TAGS],
    )
    return result


def axe_version(page: Page) -> str:
    return page.evaluate("() => window.axe ? window.axe.version : ''")
