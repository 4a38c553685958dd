import time


class RateLimiter:
    """Sliding-window-log limiter: at most max_requests accepted per client per window.

    Raises ValueError unless max_requests is an int >= 1 and window_seconds > 0.
    A request accepted at t counts while clock() - t < window_seconds. Rejected requests are
    not recorded. All methods are amortised O(1).
    """

    def __init__(self, max_requests, window_seconds, clock=time.monotonic):
        raise NotImplementedError

    def allow(self, client_id):
        """Return True and record the request if the client is under its limit, else False."""
        raise NotImplementedError

    def remaining(self, client_id):
        """Return how many requests the client could make right now."""
        raise NotImplementedError

    def retry_after(self, client_id):
        """Return 0.0 if allowed now, else seconds until the oldest counted request expires."""
        raise NotImplementedError
