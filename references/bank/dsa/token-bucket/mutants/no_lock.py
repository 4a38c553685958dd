# mutant: no lock: refill, check and debit race, so concurrent callers are granted more tokens than the bucket holds
import threading
import time
from collections.abc import Callable


class TokenBucket:
    """Allows bursts of up to ``capacity`` tokens and a sustained ``refill_rate`` tokens/second."""

    def __init__(
        self,
        capacity: float,
        refill_rate: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if capacity <= 0:
            raise ValueError(f"capacity must be > 0, got {capacity}")
        if refill_rate <= 0:
            raise ValueError(f"refill_rate must be > 0, got {refill_rate}")
        self.capacity = capacity
        self.refill_rate = refill_rate
        self._clock = clock
        self._tokens = float(capacity)
        self._updated_at = clock()
        self._lock = threading.Lock()

    def _refill(self) -> None:
        """Credit the tokens earned since the last update. Call with the lock held."""
        now = self._clock()
        elapsed = max(0.0, now - self._updated_at)
        self._tokens = min(self.capacity, self._tokens + elapsed * self.refill_rate)
        # Always move the timestamp forward, including after a failed request, so the same
        # interval is never credited twice; never move it back if the clock does.
        self._updated_at = max(self._updated_at, now)

    def _check_request(self, tokens: float) -> None:
        if tokens <= 0 or tokens > self.capacity:
            raise ValueError(f"tokens must be in (0, {self.capacity}], got {tokens}")

    def try_consume(self, tokens: float = 1) -> bool:
        self._check_request(tokens)
        self._refill()
        if self._tokens < tokens:
            return False
        self._tokens -= tokens
        return True

    def available(self) -> float:
        with self._lock:
            self._refill()
            return self._tokens

    def wait_time(self, tokens: float = 1) -> float:
        self._check_request(tokens)
        with self._lock:
            self._refill()
            missing = tokens - self._tokens
            return 0.0 if missing <= 0 else missing / self.refill_rate
