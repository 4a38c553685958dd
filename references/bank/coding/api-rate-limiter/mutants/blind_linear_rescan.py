# mutant: each call rebuilds the client's log with a linear scan over all stored timestamps (O(n) per call, not amortised O(1)).
import threading
import time


class RateLimiter:
    """Sliding-window-log limiter: at most max_requests accepted per client per window."""

    def __init__(self, max_requests, window_seconds, clock=time.monotonic):
        if isinstance(max_requests, bool) or not isinstance(max_requests, int) or max_requests < 1:
            raise ValueError("max_requests must be an int >= 1")
        if isinstance(window_seconds, bool) or not isinstance(window_seconds, (int, float)) or window_seconds <= 0:
            raise ValueError("window_seconds must be > 0")
        self._max = max_requests
        self._window = window_seconds
        self._clock = clock
        self._logs = {}
        self._lock = threading.Lock()

    def _live(self, client_id, now):
        log = [t for t in self._logs.get(client_id, []) if now - t < self._window]
        self._logs[client_id] = log
        return log

    def allow(self, client_id):
        with self._lock:
            now = self._clock()
            log = self._live(client_id, now)
            if len(log) < self._max:
                log.append(now)
                return True
            return False

    def remaining(self, client_id):
        with self._lock:
            return self._max - len(self._live(client_id, self._clock()))

    def retry_after(self, client_id):
        with self._lock:
            now = self._clock()
            log = self._live(client_id, now)
            if len(log) < self._max:
                return 0.0
            return float(log[0] + self._window - now)
