# mutant: max_requests is only checked for >= 1, so non-int values such as 2.5 or True are accepted.
import threading
import time
from collections import deque


class RateLimiter:
    """Sliding-window-log limiter: at most max_requests accepted per client per window."""

    def __init__(self, max_requests, window_seconds, clock=time.monotonic):
        if max_requests < 1:
            raise ValueError("max_requests must be an int >= 1")
        try:
            positive = window_seconds > 0
        except TypeError:
            raise ValueError("window_seconds must be a positive number") from None
        if isinstance(window_seconds, bool) or not positive:
            raise ValueError("window_seconds must be > 0")
        self._max = max_requests
        self._window = window_seconds
        self._clock = clock
        self._logs = {}
        self._lock = threading.Lock()

    def _prune(self, client_id, now):
        log = self._logs.get(client_id)
        if log is None:
            return None
        while log and now - log[0] >= self._window:
            log.popleft()
        if not log:
            del self._logs[client_id]
            return None
        return log

    def allow(self, client_id):
        with self._lock:
            now = self._clock()
            log = self._prune(client_id, now)
            if log is None:
                log = self._logs[client_id] = deque()
            if len(log) < self._max:
                log.append(now)
                return True
            return False

    def remaining(self, client_id):
        with self._lock:
            log = self._prune(client_id, self._clock())
            return self._max - (len(log) if log else 0)

    def retry_after(self, client_id):
        with self._lock:
            now = self._clock()
            log = self._prune(client_id, now)
            if log is None or len(log) < self._max:
                return 0.0
            return float(log[0] + self._window - now)
