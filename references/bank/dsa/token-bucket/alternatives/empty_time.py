# alternative: no stored token count; the state is the clock instant at which the bucket was (virtually) empty, tokens(now) = min(capacity, (now - empty_at) * rate), rebased on consumption, capping and backward clock jumps; guarded by an RLock.
# (bank: adapted to the clarified contract: a backwards clock keeps the last update time; the blind
#  version moved it back, see docs/BANK-QUALITY.md)
import threading
import time
from collections.abc import Callable


class TokenBucket:
    def __init__(
        self,
        capacity: float,
        refill_rate: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        for name, v in (("capacity", capacity), ("refill_rate", refill_rate)):
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not v > 0:
                raise ValueError(f"{name} must be a number > 0")
        self._cap = capacity
        self._rate = refill_rate
        self._clock = clock
        self._guard = threading.RLock()
        now = clock()
        self._seen = now                       # latest clock reading
        self._empty_at = now - capacity / refill_rate   # starts full

    def _tokens(self):
        """Tokens now; rebases _empty_at so that the result is what is stored."""
        now = self._clock()
        if now < self._seen:
            # backwards: no time elapsed and the last update stays where it was
            now = self._seen
        self._seen = now
        level = (now - self._empty_at) * self._rate
        if level >= self._cap:
            self._empty_at = now - self._cap / self._rate
            return float(self._cap)
        return level

    def _validate(self, tokens):
        if tokens <= 0 or tokens > self._cap:
            raise ValueError("tokens must be in (0, capacity]")

    def try_consume(self, tokens: float = 1) -> bool:
        self._validate(tokens)
        with self._guard:
            have = self._tokens()
            if have < tokens:
                return False
            self._empty_at += tokens / self._rate
            return True

    def available(self) -> float:
        with self._guard:
            return float(self._tokens())

    def wait_time(self, tokens: float = 1) -> float:
        self._validate(tokens)
        with self._guard:
            have = self._tokens()
            return 0.0 if have >= tokens else (tokens - have) / self._rate
