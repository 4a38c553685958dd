# mutant: when factory() raises, the reserved slot is never given back, so the pool shrinks permanently
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class PoolExhausted(Exception):
    """acquire() found no connection and could not create one within its timeout."""


class PoolClosed(Exception):
    """acquire() on a pool that has been closed."""


class ConnectionPool:
    """A bounded, thread-safe pool of reusable connections."""

    def __init__(
        self,
        factory: Callable[[], Any],
        max_connections: int,
        *,
        validate: Callable[[Any], bool] | None = None,
        max_idle_seconds: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_connections < 1:
            raise ValueError(f"max_connections must be >= 1, got {max_connections}")
        if max_idle_seconds is not None and max_idle_seconds <= 0:
            raise ValueError(f"max_idle_seconds must be > 0, got {max_idle_seconds}")
        self._factory = factory
        self._max = max_connections
        self._validate = validate
        self._max_idle = max_idle_seconds
        self._clock = clock
        self._idle: list[tuple[Any, float]] = []  # (connection, released_at); top = most recent
        # id -> connection: connections need not be hashable, and holding them keeps ids unique.
        self._checked_out: dict[int, Any] = {}
        self._reserved = 0  # slots held by acquirers currently running factory()
        self._closed = False
        self._available = threading.Condition(threading.Lock())

    def _total(self) -> int:
        return len(self._idle) + len(self._checked_out) + self._reserved

    def _is_stale(self, conn: Any, released_at: float) -> bool:
        if self._max_idle is not None and self._clock() - released_at > self._max_idle:
            return True
        return self._validate is not None and not self._validate(conn)

    def acquire(self, timeout: float | None = None) -> Any:
        if timeout is not None and timeout < 0:
            raise ValueError(f"timeout must be >= 0 or None, got {timeout}")
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._available:
            while True:
                if self._closed:
                    raise PoolClosed("pool is closed")
                while self._idle:
                    conn, released_at = self._idle.pop()
                    if self._is_stale(conn, released_at):
                        conn.close()
                        continue
                    self._checked_out[id(conn)] = conn
                    return conn
                if self._total() < self._max:
                    self._reserved += 1
                    break
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    raise PoolExhausted(f"all {self._max} connections are in use")
                self._available.wait(remaining)
        try:
            conn = self._factory()
        except BaseException:
            raise
        with self._available:
            self._reserved -= 1
            self._checked_out[id(conn)] = conn
        return conn

    def release(self, conn: Any) -> None:
        with self._available:
            if id(conn) not in self._checked_out:
                raise ValueError("connection is not checked out from this pool")
            del self._checked_out[id(conn)]
            if self._closed:
                conn.close()
                return
            self._idle.append((conn, self._clock()))
            self._available.notify()

    @contextmanager
    def connection(self, timeout: float | None = None) -> Iterator[Any]:
        conn = self.acquire(timeout)
        try:
            yield conn
        finally:
            self.release(conn)

    def close(self) -> None:
        with self._available:
            self._closed = True
            idle, self._idle = self._idle, []
            self._available.notify_all()
        for conn, _ in idle:
            conn.close()

    def in_use(self) -> int:
        with self._available:
            return len(self._checked_out)

    def idle(self) -> int:
        with self._available:
            return len(self._idle)
