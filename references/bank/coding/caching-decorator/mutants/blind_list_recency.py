# mutant: recency is tracked in a Python list with list.remove()/pop(0), making hits and evictions O(n) instead of O(1).
import functools
import time


def cache_predictions(ttl=3600.0, maxsize=None, clock=time.monotonic):
    """Return a decorator caching results by (args, kwargs in any order), with TTL and LRU."""
    if ttl <= 0:
        raise ValueError("ttl must be > 0")
    if maxsize is not None and maxsize < 1:
        raise ValueError("maxsize must be None or >= 1")

    def decorator(func):
        cache = {}
        order = []
        stats = {"hits": 0, "misses": 0}

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = (args, frozenset(kwargs.items()))
            hash(key)
            if key in cache:
                stored_at, value = cache[key]
                if clock() - stored_at < ttl:
                    order.remove(key)
                    order.append(key)
                    stats["hits"] += 1
                    return value
                del cache[key]
                order.remove(key)
            stats["misses"] += 1
            value = func(*args, **kwargs)
            if maxsize is not None and len(cache) >= maxsize:
                oldest = order.pop(0)
                del cache[oldest]
            cache[key] = (clock(), value)
            order.append(key)
            return value

        def cache_info():
            return {"hits": stats["hits"], "misses": stats["misses"], "size": len(cache)}

        def cache_clear():
            cache.clear()
            order.clear()
            stats["hits"] = 0
            stats["misses"] = 0

        wrapper.cache_info = cache_info
        wrapper.cache_clear = cache_clear
        return wrapper

    return decorator
