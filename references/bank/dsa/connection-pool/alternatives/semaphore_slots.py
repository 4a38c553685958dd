# alternative: a threading.Semaphore of max_connections usage permits (taken per checkout, given back per release) plus a small lock for a list-based LIFO idle stack; close() floods the semaphore so blocked acquirers wake and raise PoolClosed.
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
    def __init__(
        self,
        factory: Callable[[], Any],
        max_connections: int,
        *,
        validate: Callable[[Any], bool] | None = None,
        max_idle_seconds: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not max_connections >= 1:
            raise ValueError("max_connections must be >= 1")
        if max_idle_seconds is not None and not max_idle_seconds > 0:
            raise ValueError("max_idle_seconds must be > 0")
        self._factory = factory
        self._limit = max_connections
        self._validate = validate
        self._ttl = max_idle_seconds
        self._clock = clock
        # one permit per connection that may be checked out (or being created) right now;
        # idle connections hold no permit, so idle + checked out + creating <= limit.
        self._permits = threading.Semaphore(max_connections)
        self._lock = threading.Lock()
        self._stack = []            # [conn, released_at] pairs, top = most recently released
        self._checked_out = {}      # id(conn) -> conn
        self._closed = False

    def _give_back_permit(self):
        self._permits.release()

    def acquire(self, timeout: float | None = None) -> Any:
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must be >= 0")
        if self._closed:
            raise PoolClosed()
        if timeout is None:
            got = self._permits.acquire()
        elif timeout == 0:
            got = self._permits.acquire(blocking=False)
        else:
            got = self._permits.acquire(timeout=timeout)
        if not got:
            raise PoolExhausted()
        try:
            while True:
                with self._lock:
                    if self._closed:
                        raise PoolClosed()
                    entry = self._stack.pop() if self._stack else None
                    if entry is not None:
                        conn = entry[0]
                        self._checked_out[id(conn)] = conn
                if entry is None:
                    conn = self._factory()
                    with self._lock:
                        self._checked_out[id(conn)] = conn
                    return conn
                stale = self._ttl is not None and self._clock() - entry[1] > self._ttl
                healthy = not stale
                if healthy and self._validate is not None:
                    try:
                        healthy = bool(self._validate(conn))
                    except Exception:
                        healthy = False
                if healthy:
                    return conn
                with self._lock:
                    self._checked_out.pop(id(conn), None)
                try:
                    conn.close()
                except Exception:
                    pass
        except BaseException:
            # factory failure, PoolClosed, ...: the permit goes back (for PoolClosed this
            # also passes the wake-up on to the next blocked acquirer)
            self._give_back_permit()
            raise

    def release(self, conn: Any) -> None:
        with self._lock:
            if self._checked_out.get(id(conn)) is not conn:
                raise ValueError("not checked out from this pool")
            del self._checked_out[id(conn)]
            closed = self._closed
            if not closed:
                self._stack.append([conn, self._clock()])
        if closed:
            try:
                conn.close()
            except Exception:
                pass
        self._give_back_permit()

    @contextmanager
    def connection(self, timeout: float | None = None) -> Iterator[Any]:
        conn = self.acquire(timeout)
        try:
            yield conn
        finally:
            self.release(conn)

    def close(self) -> None:
        with self._lock:
            already = self._closed
            self._closed = True
            idle, self._stack = self._stack, []
        for conn, _ in idle:
            try:
                conn.close()
            except Exception:
                pass
        if not already:
            # wake every blocked acquirer; each one re-releases its permit before raising
            self._permits.release(self._limit)

    def in_use(self) -> int:
        with self._lock:
            return len(self._checked_out)

    def idle(self) -> int:
        with self._lock:
            return len(self._stack)
