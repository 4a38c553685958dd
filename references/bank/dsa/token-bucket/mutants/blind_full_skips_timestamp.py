# mutant: when the bucket is already full the refill returns early without moving the timestamp, so idle time spent full is credited again after the next consumption.
import threading
import time
from collections.abc import Callable


def _positive_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and x > 0


class TokenBucket:
    def __init__(
        self,
        capacity: float,
        refill_rate: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not _positive_number(capacity):
            raise ValueError("capacity must be a number > 0")
        if not _positive_number(refill_rate):
            raise ValueError("refill_rate must be a number > 0")
        self._capacity = capacity
        self._rate = refill_rate
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens = float(capacity)
        self._last = clock()

    def _refill(self):
        if self._tokens >= self._capacity:
            return
        now = self._clock()
        elapsed = now - self._last
        if elapsed > 0:
            self._tokens = min(self._capacity, self._tokens + elapsed * self._rate)
        self._last = now

    def _check(self, tokens):
        if not tokens > 0:
            raise ValueError("tokens must be > 0")
        if tokens > self._capacity:
            raise ValueError("tokens exceeds capacity")

    def try_consume(self, tokens: float = 1) -> bool:
        self._check(tokens)
        with self._lock:
            self._refill()
            if self._tokens >= tokens:
                self._tokens -= tokens
                return True
            return False

    def available(self) -> float:
        with self._lock:
            self._refill()
            return float(self._tokens)

    def wait_time(self, tokens: float = 1) -> float:
        self._check(tokens)
        with self._lock:
            self._refill()
            missing = tokens - self._tokens
            if missing <= 0:
                return 0.0
            return missing / self._rate
