# mutant: timeout=0 is treated like None (truthiness test), so acquire(timeout=0) on an exhausted pool blocks instead of raising PoolExhausted.
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class PoolExhausted(Exception):
    """acquire() found no connection and could not create one within its timeout."""


class PoolClosed(Exception):
    """acquire() on a pool that has been closed."""


def _safe_close(conn):
    try:
        conn.close()
    except Exception:
        pass


class ConnectionPool:
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
            raise ValueError("max_connections must be >= 1")
        if max_idle_seconds is not None and max_idle_seconds <= 0:
            raise ValueError("max_idle_seconds must be > 0")
        self._factory = factory
        self._max = max_connections
        self._validate = validate
        self._max_idle = max_idle_seconds
        self._clock = clock
        self._cond = threading.Condition(threading.Lock())
        self._idle = deque()          # (conn, released_at); right end = most recently released
        self._out = {}                # id(conn) -> conn
        self._existing = 0            # checked out + idle + being created
        self._closed = False

    def acquire(self, timeout: float | None = None) -> Any:
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must be >= 0")
        deadline = time.monotonic() + timeout if timeout else None
        while True:
            candidate = None
            create = False
            with self._cond:
                while True:
                    if self._closed:
                        raise PoolClosed("pool is closed")
                    if self._idle:
                        candidate, released_at = self._idle.pop()
                        if self._max_idle is not None and self._clock() - released_at > self._max_idle:
                            self._existing -= 1
                            stale = candidate
                            candidate = None
                            _safe_close(stale)
                            continue
                        # reserve it as checked out while it is validated
                        self._out[id(candidate)] = candidate
                        break
                    if self._existing < self._max:
                        self._existing += 1
                        create = True
                        break
                    if deadline is None:
                        self._cond.wait()
                    else:
                        remaining = deadline - time.monotonic()
                        if remaining <= 0:
                            raise PoolExhausted("no connection available")
                        self._cond.wait(remaining)
            if create:
                try:
                    conn = self._factory()
                except BaseException:
                    with self._cond:
                        self._existing -= 1
                        self._cond.notify()
                    raise
                with self._cond:
                    self._out[id(conn)] = conn
                return conn
            if self._validate is None:
                return candidate
            try:
                ok = self._validate(candidate)
            except Exception:
                ok = False
            if ok:
                return candidate
            with self._cond:
                del self._out[id(candidate)]
                self._existing -= 1
                self._cond.notify()
            _safe_close(candidate)

    def release(self, conn: Any) -> None:
        with self._cond:
            if self._out.get(id(conn)) is not conn:
                raise ValueError("connection is not checked out from this pool")
            del self._out[id(conn)]
            if self._closed:
                self._existing -= 1
                to_close = conn
            else:
                self._idle.append((conn, self._clock()))
                self._cond.notify()
                return
        _safe_close(to_close)

    @contextmanager
    def connection(self, timeout: float | None = None) -> Iterator[Any]:
        conn = self.acquire(timeout)
        try:
            yield conn
        finally:
            self.release(conn)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            idle = [c for c, _ in self._idle]
            self._idle.clear()
            self._existing -= len(idle)
            self._cond.notify_all()
        for c in idle:
            _safe_close(c)

    def in_use(self) -> int:
        with self._cond:
            return len(self._out)

    def idle(self) -> int:
        with self._cond:
            return len(self._idle)
