"""Real-browser tests: Playwright drives Debian's Chromium (never `playwright install`).

These tests run last in each pytest process (see tests/conftest.py): Playwright's sync API
keeps an event loop in the main thread for the rest of the session, which breaks
``async_to_sync`` in any test after it.
"""

import os
from collections.abc import Iterator

import pytest

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright() -> Iterator[None]:
    # Playwright's event loop runs in the test thread; Django's ORM (factories, assertions on
    # rows) refuses to run there unless told it is safe, which it is in a test. Subprocesses
    # (asgi_server, celery_worker_proc) do not inherit this.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"
    yield
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
