"""Real-browser tests: Playwright drives Debian's Chromium (never `playwright install`)."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM (factories,
# assertions on rows) refuses to run there unless told it is safe, which it is in a test.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM}
