# alternative: per-client fixed-size circular buffer of max_requests slots (head index + count) instead of a deque.
import time


class _Ring:
    __slots__ = ("slots", "head", "count")

    def __init__(self, size):
        self.slots = [0.0] * size
        self.head = 0
        self.count = 0


class RateLimiter:
    """Sliding-window-log limiter backed by one ring buffer per client."""

    def __init__(self, max_requests, window_seconds, clock=time.monotonic):
        if type(max_requests) is not int or max_requests < 1:
            if not (isinstance(max_requests, int) and not isinstance(max_requests, bool) and max_requests >= 1):
                raise ValueError("max_requests must be an int >= 1")
        if isinstance(window_seconds, bool) or not isinstance(window_seconds, (int, float)) or not window_seconds > 0:
            raise ValueError("window_seconds must be > 0")
        self._n = max_requests
        self._w = window_seconds
        self._clock = clock
        self._rings = {}

    def _expire(self, ring, now):
        n = self._n
        while ring.count and now - ring.slots[ring.head] >= self._w:
            ring.head = (ring.head + 1) % n
            ring.count -= 1

    def allow(self, client_id):
        now = self._clock()
        ring = self._rings.get(client_id)
        if ring is None:
            ring = self._rings[client_id] = _Ring(self._n)
        self._expire(ring, now)
        if ring.count >= self._n:
            return False
        ring.slots[(ring.head + ring.count) % self._n] = now
        ring.count += 1
        return True

    def remaining(self, client_id):
        ring = self._rings.get(client_id)
        if ring is None:
            return self._n
        self._expire(ring, self._clock())
        return self._n - ring.count

    def retry_after(self, client_id):
        ring = self._rings.get(client_id)
        if ring is None:
            return 0.0
        now = self._clock()
        self._expire(ring, now)
        if ring.count < self._n:
            return 0.0
        return float(ring.slots[ring.head] + self._w - now)
