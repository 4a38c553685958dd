# mutant: refills one whole token per tick in a loop: O(elapsed * rate) per call, and drops fractional tokens
import threading
import time


class TokenBucket:
    def __init__(self, capacity, refill_rate, clock=time.monotonic):
        if capacity <= 0 or refill_rate <= 0:
            raise ValueError("capacity and refill_rate must be > 0")
        self.capacity = capacity
        self.refill_rate = refill_rate
        self.clock = clock
        self.tokens = capacity
        self.last = clock()
        self.lock = threading.Lock()

    def _refill(self):
        now = self.clock()
        ticks = int(max(0.0, now - self.last) * self.refill_rate)
        for _ in range(ticks):
            if self.tokens < self.capacity:
                self.tokens += 1
        self.last += ticks / self.refill_rate

    def _check(self, tokens):
        if tokens <= 0 or tokens > self.capacity:
            raise ValueError("tokens out of range")

    def try_consume(self, tokens=1):
        self._check(tokens)
        with self.lock:
            self._refill()
            if self.tokens < tokens:
                return False
            self.tokens -= tokens
            return True

    def available(self):
        with self.lock:
            self._refill()
            return float(self.tokens)

    def wait_time(self, tokens=1):
        self._check(tokens)
        with self.lock:
            self._refill()
            missing = tokens - self.tokens
            return 0.0 if missing <= 0 else missing / self.refill_rate
