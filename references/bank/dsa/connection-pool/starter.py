"""Thread-safe connection pool."""

import threading  # noqa: F401
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class PoolExhausted(Exception):
    """acquire() found no connection and could not create one within its timeout."""


class PoolClosed(Exception):
    """acquire() on a pool that has been closed."""


class ConnectionPool:
    """A bounded, thread-safe pool of reusable connections.

    ConnectionPool(factory, max_connections, *, validate=None, max_idle_seconds=None,
    clock=time.monotonic): ``factory()`` creates a connection (an object with ``close()``);
    ``validate(conn) -> bool`` checks an idle connection before reuse; idle connections older
    than ``max_idle_seconds`` (by ``clock()``) are closed instead of reused.
    Raises ``ValueError`` if ``max_connections < 1`` or ``max_idle_seconds <= 0``.

    acquire/release are O(1) apart from waiting and discarding stale connections.
    """

    def __init__(
        self,
        factory: Callable[[], Any],
        max_connections: int,
        *,
        validate: Callable[[Any], bool] | None = None,
        max_idle_seconds: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        raise NotImplementedError

    def acquire(self, timeout: float | None = None) -> Any:
        """Check out a connection: the most recently released healthy idle one, else a new one.

        Idle connections that are expired or fail ``validate`` are closed and skipped. If all
        ``max_connections`` are checked out, wait (``None``: forever; ``0``: not at all) and
        raise ``PoolExhausted`` on timeout. ``ValueError`` if ``timeout < 0``; ``PoolClosed``
        if the pool is closed. An exception from ``factory`` propagates and uses no slot.
        """
        raise NotImplementedError

    def release(self, conn: Any) -> None:
        """Return a checked-out connection; ``ValueError`` if it is not checked out from here.

        After ``close()``, released connections are closed instead of pooled.
        """
        raise NotImplementedError

    @contextmanager
    def connection(self, timeout: float | None = None) -> Iterator[Any]:
        """``with pool.connection() as conn:`` — acquire, and always release."""
        raise NotImplementedError

    def close(self) -> None:
        """Close idle connections, refuse new acquires, wake waiters (they raise PoolClosed)."""
        raise NotImplementedError

    def in_use(self) -> int:
        """Number of connections currently checked out."""
        raise NotImplementedError

    def idle(self) -> int:
        """Number of idle connections held by the pool."""
        raise NotImplementedError
