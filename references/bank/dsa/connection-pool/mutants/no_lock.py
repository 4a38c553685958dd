# mutant: no lock — peeks at the top idle connection, checks it, then pops (and checks for a free slot, then creates) in separate steps, so threads share connections and exceed max_connections
import time
from contextlib import contextmanager


class PoolExhausted(Exception):
    pass


class PoolClosed(Exception):
    pass


class ConnectionPool:
    def __init__(self, factory, max_connections, *, validate=None, max_idle_seconds=None, clock=time.monotonic):
        if max_connections < 1:
            raise ValueError("max_connections must be >= 1")
        if max_idle_seconds is not None and max_idle_seconds <= 0:
            raise ValueError("max_idle_seconds must be > 0")
        self.factory = factory
        self.max_connections = max_connections
        self.validate = validate
        self.max_idle = max_idle_seconds
        self.clock = clock
        self.idle_conns = []
        self.checked_out = {}
        self.closed = False

    def _usable(self, conn, released_at):
        if self.max_idle is not None and self.clock() - released_at > self.max_idle:
            return False
        return self.validate is None or self.validate(conn)

    def acquire(self, timeout=None):
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must be >= 0")
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            if self.closed:
                raise PoolClosed("closed")
            while self.idle_conns:
                conn, released_at = self.idle_conns[-1]
                usable = self._usable(conn, released_at)
                self.idle_conns.pop()
                if usable:
                    self.checked_out[id(conn)] = conn
                    return conn
                conn.close()
            if len(self.idle_conns) + len(self.checked_out) < self.max_connections:
                conn = self.factory()
                self.checked_out[id(conn)] = conn
                return conn
            if deadline is not None and time.monotonic() >= deadline:
                raise PoolExhausted("exhausted")
            time.sleep(0)

    def release(self, conn):
        if id(conn) not in self.checked_out:
            raise ValueError("not checked out")
        del self.checked_out[id(conn)]
        if self.closed:
            conn.close()
        else:
            self.idle_conns.append((conn, self.clock()))

    @contextmanager
    def connection(self, timeout=None):
        conn = self.acquire(timeout)
        try:
            yield conn
        finally:
            self.release(conn)

    def close(self):
        self.closed = True
        for conn, _ in self.idle_conns:
            conn.close()
        self.idle_conns = []

    def in_use(self):
        return len(self.checked_out)

    def idle(self):
        return len(self.idle_conns)
