# mutant: tracks last use with timestamps and evicts with min() over all entries: O(maxsize) per miss
import functools
import threading
import time
from collections import OrderedDict


def cache_predictions(ttl=3600.0, maxsize=None, clock=time.monotonic):
    """Return a decorator caching results by (args, kwargs in any order), with TTL and LRU."""
    if ttl <= 0:
        raise ValueError(f"ttl must be > 0, got {ttl!r}")
    if maxsize is not None and maxsize < 1:
        raise ValueError(f"maxsize must be None or >= 1, got {maxsize!r}")

    def decorator(func):
        entries = {}  # key -> (stored_at, result)
        last_used = {}
        ticks = [0]
        stats = {"hits": 0, "misses": 0}
        lock = threading.Lock()

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            # Sorting makes keyword order irrelevant; hash() raises TypeError when unhashable.
            key = (args, tuple(sorted(kwargs.items())))
            hash(key)
            now = clock()
            with lock:
                entry = entries.get(key)
                if entry is not None and now - entry[0] < ttl:
                    ticks[0] += 1
                    last_used[key] = ticks[0]
                    stats["hits"] += 1
                    return entry[1]
                stats["misses"] += 1
            # Call outside the lock: a slow model call must not block cache hits.
            result = func(*args, **kwargs)
            with lock:
                if maxsize is not None and key not in entries and len(entries) >= maxsize:
                    oldest = min(last_used, key=last_used.get)
                    del entries[oldest], last_used[oldest]
                entries[key] = (clock(), result)
                ticks[0] += 1
                last_used[key] = ticks[0]
            return result

        def cache_info():
            with lock:
                return {"hits": stats["hits"], "misses": stats["misses"], "size": len(entries)}

        def cache_clear():
            with lock:
                entries.clear()
                last_used.clear()
                stats["hits"] = stats["misses"] = 0

        wrapper.cache_info = cache_info
        wrapper.cache_clear = cache_clear
        return wrapper

    return decorator
