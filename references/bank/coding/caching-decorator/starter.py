import time


def cache_predictions(ttl=3600.0, maxsize=None, clock=time.monotonic):
    """Return a decorator caching results by (args, kwargs in any order), with TTL and LRU.

    An entry stored at t is fresh while clock() - t < ttl. With maxsize=n, inserting into a
    full cache evicts the least recently used entry. All results are cached (even None);
    exceptions are not. Unhashable arguments raise TypeError. The wrapper has cache_info()
    -> {"hits", "misses", "size"} and cache_clear(), and keeps __name__/__doc__.
    O(1) average per call. Raises ValueError if ttl <= 0 or maxsize < 1 (when not None).
    """
    raise NotImplementedError
