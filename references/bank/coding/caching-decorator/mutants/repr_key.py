# mutant: keys by the string form of the arguments (like hash(str(args))), so equal reprs collide
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
        entries = OrderedDict()  # key -> (stored_at, result); order = least recently used first
        stats = {"hits": 0, "misses": 0}
        lock = threading.Lock()

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            # Sorting makes keyword order irrelevant; hash() raises TypeError when unhashable.
            key = str((args, sorted(kwargs.items())))
            now = clock()
            with lock:
                entry = entries.get(key)
                if entry is not None and now - entry[0] < ttl:
                    entries.move_to_end(key)
                    stats["hits"] += 1
                    return entry[1]
                stats["misses"] += 1
            # Call outside the lock: a slow model call must not block cache hits.
            result = func(*args, **kwargs)
            with lock:
                entries[key] = (clock(), result)
                entries.move_to_end(key)
                if maxsize is not None and len(entries) > maxsize:
                    entries.popitem(last=False)
            return result

        def cache_info():
            with lock:
                return {"hits": stats["hits"], "misses": stats["misses"], "size": len(entries)}

        def cache_clear():
            with lock:
                entries.clear()
                stats["hits"] = stats["misses"] = 0

        wrapper.cache_info = cache_info
        wrapper.cache_clear = cache_clear
        return wrapper

    return decorator
