"""Helpers of the grading tests: people, bank questions, the live stream, waiting on the database.

The live stream is read through ``channels.testing.WebsocketCommunicator`` against the real
ASGI application (origin check + session auth), with the channel layer on the test Redis, so
the events come from the real Celery worker process.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client

ROW = re.compile(r'<tr id="case-(?P<sid>\d+)-(?P<case>[a-z0-9-]+)"[^>]*data-verdict="(?P<verdict>[A-Za-z]+)"')
SUMMARY = re.compile(r'<div id="submission-(?P<sid>\d+)-summary"[^>]*data-status="(?P<status>\w+)"'
                     r'[^>]*data-verdict="(?P<verdict>\w*)"')

# A correct coding/flatten that takes a fixed wall time per case, so a run lasts long enough
# to disconnect, kill a worker or reconnect in the middle of it. It sleeps on its first call
# only: each case runs in a fresh process, and a case may call flatten many times (the seeded
# random workloads do).
SLOW_FLATTEN = '''
import time

_slept = False


def flatten(items):
    global _slept
    if not _slept:
        _slept = True
        time.sleep({delay})
    if not isinstance(items, list):
        raise TypeError("flatten expects a list")
    flat, stack = [], [iter(items)]
    while stack:
        for item in stack[-1]:
            if isinstance(item, list):
                stack.append(iter(item))
                break
            flat.append(item)
        else:
            stack.pop()
    return flat
'''


# The questions these tests grade against, copied from the real bank: the tests then do not
# depend on folders other people are still writing, and loading stays fast.
GRADER_BANK = ("coding/flatten", "behavioral/production-incident", "concepts/model-serving")


@pytest.fixture
def bank(tmp_path):
    """These real questions of the bank, loaded into the test database (needs a django_db mark)."""
    from references.loader import BANK_ROOT
    from references.services import bank_sync

    for key in GRADER_BANK:
        shutil.copytree(BANK_ROOT / key, tmp_path / "bank" / key)
    return bank_sync(root=tmp_path / "bank")





def current_version(key: str):
    from references.models import Question

    section, slug = key.split("/")
    return Question.objects.select_related("current").get(section=section, slug=slug).current


def wait_for(predicate: Callable[[], object], *, timeout: float, what: str, every: float = 0.1):
    """Poll until predicate() is truthy and return it; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


def cookie_headers(user) -> list[tuple[bytes, bytes]]:
    client = Client()
    client.force_login(user)
    return [(b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())]


def session_headers(user) -> list[tuple[bytes, bytes]]:
    return [(b"origin", b"http://localhost"), *cookie_headers(user)]


def parse_rows(fragment: str) -> list[tuple[str, str]]:
    return [(m["case"], m["verdict"]) for m in ROW.finditer(fragment)]


def parse_summaries(fragment: str) -> list[tuple[str, str]]:
    return [(m["status"], m["verdict"]) for m in SUMMARY.finditer(fragment)]


@dataclass
class Stream:
    """What one WebSocket connection received, parsed: case rows and summaries in arrival order."""

    fragments: list[str] = field(default_factory=list)
    closed: bool = False

    @property
    def rows(self) -> list[tuple[str, str]]:
        return [row for fragment in self.fragments for row in parse_rows(fragment)]

    @property
    def summaries(self) -> list[tuple[str, str]]:
        return [summary for fragment in self.fragments for summary in parse_summaries(fragment)]

    def final_rows(self) -> dict[str, str]:
        return dict(self.rows)  # a later fragment for a row replaces the earlier one, as htmx does

    @property
    def finished(self) -> bool:
        return bool(self.summaries) and self.summaries[-1][0] in ("done", "failed")


class LoopThread:
    """One event loop in a background thread: a communicator and its application live in it
    across the test's synchronous steps (async_to_sync would start a new loop per call and
    cancel the application at the end of each)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="ws-test-loop", daemon=True)
        self.thread.start()

    def run(self, coroutine, timeout: float):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


@pytest.fixture
def ws_loop():
    loop = LoopThread()
    yield loop
    loop.stop()


class LiveStream:
    """A WebSocket on /ws/submissions/<id>/ driven from synchronous test code."""

    parse_rows = staticmethod(parse_rows)
    parse_summaries = staticmethod(parse_summaries)
    cookie_headers = staticmethod(cookie_headers)

    def __init__(self, loop: LoopThread, submission_id: int, user=None, headers=None) -> None:
        from channels.testing import WebsocketCommunicator

        from config.asgi import application

        self.loop = loop
        self.headers = headers if headers is not None else session_headers(user)

        async def make():
            return WebsocketCommunicator(application, f"/ws/submissions/{submission_id}/", headers=self.headers)

        self.communicator = loop.run(make(), 5)
        self.stream = Stream()
        self.accepted, self.close_code = loop.run(self.communicator.connect(timeout=10), 15)

    def receive(self, *, until: Callable[[Stream], bool], timeout: float) -> Stream:
        async def pump():
            deadline = time.monotonic() + timeout
            while not until(self.stream):
                left = deadline - time.monotonic()
                try:
                    if left <= 0:
                        raise TimeoutError
                    message = await self.communicator.receive_output(timeout=left)
                except TimeoutError:
                    raise AssertionError(f"stream did not reach the expected state in {timeout:.0f} s; "
                                         f"received {self.stream.rows} {self.stream.summaries}") from None
                if message["type"] == "websocket.close":
                    self.stream.closed = True
                    raise AssertionError(f"the server closed the stream: {message}")
                self.stream.fragments.append(message.get("text", ""))

        self.loop.run(pump(), timeout + 5)
        return self.stream

    def receive_state(self, n_rows: int, timeout: float = 10) -> Stream:
        """The state sent on connect: one fragment per case row, then the summary."""
        return self.receive(until=lambda s: len(s.rows) >= n_rows and len(s.summaries) >= 1, timeout=timeout)

    def close(self) -> None:
        self.loop.run(self.communicator.disconnect(), 10)
