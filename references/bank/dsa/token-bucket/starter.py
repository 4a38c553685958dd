"""Token bucket rate limiter."""

import threading  # noqa: F401
import time
from collections.abc import Callable


class TokenBucket:
    """Allows bursts of up to ``capacity`` tokens and a sustained ``refill_rate`` tokens/second.

    TokenBucket(capacity, refill_rate, clock=time.monotonic): starts full; raises
    ``ValueError`` unless ``capacity > 0`` and ``refill_rate > 0``. Tokens refill continuously
    from ``clock()`` (seconds); a clock going backwards counts as no elapsed time (and the last update time
    stays where it was).
    All methods are O(1) and thread-safe.
    """

    def __init__(
        self,
        capacity: float,
        refill_rate: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        raise NotImplementedError

    def try_consume(self, tokens: float = 1) -> bool:
        """Take ``tokens`` if available and return ``True``; otherwise take nothing, return ``False``.

        Raises ``ValueError`` if ``tokens <= 0`` or ``tokens > capacity``.
        """
        raise NotImplementedError

    def available(self) -> float:
        """Tokens available now."""
        raise NotImplementedError

    def wait_time(self, tokens: float = 1) -> float:
        """Seconds until ``tokens`` would be available (``0.0`` if they are now).

        Raises ``ValueError`` if ``tokens <= 0`` or ``tokens > capacity``.
        """
        raise NotImplementedError
