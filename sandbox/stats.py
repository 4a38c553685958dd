"""Pool events for whoever watches: plain callbacks, no dependencies (grader.metrics listens).

A backend calls ``emit(event, ready=...)``: ``"refilled"`` (a warm container was added),
``"refill_failed"``, ``"taken"`` (a job took a warm container), ``"miss"`` (a job found none
and started a cold one); ``ready`` is the number of warm containers left. A listener must be
quick and must not raise (what it raises is logged and dropped: the pool never stops for it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger("sandbox")
_listeners: list[Callable[..., None]] = []


def add_listener(listener: Callable[..., None]) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def remove_listener(listener: Callable[..., None]) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def emit(event: str, *, ready: int | None = None) -> None:
    for listener in list(_listeners):
        try:
            listener(event, ready=ready)
        except Exception:  # noqa: BLE001 - observability must never break grading
            log.warning("sandbox stats listener %r failed on %s", listener, event, exc_info=True)
