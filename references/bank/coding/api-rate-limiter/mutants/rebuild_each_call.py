# mutant: rebuilds the client's deque with a comprehension on every call: O(n) per request
import threading
import time
from collections import deque


class RateLimiter:
    """Sliding-window-log limiter: at most max_requests accepted per client per window."""

    def __init__(self, max_requests, window_seconds, clock=time.monotonic):
        if isinstance(max_requests, bool) or not isinstance(max_requests, int) or max_requests < 1:
            raise ValueError(f"max_requests must be an int >= 1, got {max_requests!r}")
        if not window_seconds > 0:
            raise ValueError(f"window_seconds must be > 0, got {window_seconds!r}")
        self.max_requests = max_requests
        self.window_seconds = window_seconds
        self._clock = clock
        self._accepted = {}  # client_id -> deque of accepted timestamps, oldest first
        self._lock = threading.Lock()

    def _current(self, client_id, now):
        """The client's timestamps still inside the window (expired ones dropped from the left)."""
        times = self._accepted.get(client_id)
        if times is None:
            return deque()
        times = deque(t for t in times if now - t < self.window_seconds)
        self._accepted[client_id] = times
        if not times:
            del self._accepted[client_id]  # idle clients cost no memory
        return times

    def allow(self, client_id):
        with self._lock:
            now = self._clock()
            times = self._current(client_id, now)
            if len(times) >= self.max_requests:
                return False
            times.append(now)
            self._accepted[client_id] = times
            return True

    def remaining(self, client_id):
        with self._lock:
            return self.max_requests - len(self._current(client_id, self._clock()))

    def retry_after(self, client_id):
        with self._lock:
            now = self._clock()
            times = self._current(client_id, now)
            if len(times) < self.max_requests:
                return 0.0
            return times[0] + self.window_seconds - now
