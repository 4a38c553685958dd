# mutant: An entry is still served at exactly clock() - t == ttl (freshness check uses <= instead of <).
import functools
import time
from collections import OrderedDict


def cache_predictions(ttl=3600.0, maxsize=None, clock=time.monotonic):
    """Return a decorator caching results by (args, kwargs in any order), with TTL and LRU."""
    if ttl <= 0:
        raise ValueError("ttl must be > 0")
    if maxsize is not None and maxsize < 1:
        raise ValueError("maxsize must be None or >= 1")

    def decorator(func):
        cache = OrderedDict()
        stats = {"hits": 0, "misses": 0}

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = (args, frozenset(kwargs.items()))
            hash(key)  # TypeError for unhashable arguments, before calling func
            entry = cache.get(key)
            if entry is not None:
                stored_at, value = entry
                if clock() - stored_at <= ttl:
                    cache.move_to_end(key)
                    stats["hits"] += 1
                    return value
                del cache[key]
            stats["misses"] += 1
            value = func(*args, **kwargs)
            if maxsize is not None:
                while len(cache) >= maxsize:
                    cache.popitem(last=False)
            cache[key] = (clock(), value)
            return value

        def cache_info():
            return {"hits": stats["hits"], "misses": stats["misses"], "size": len(cache)}

        def cache_clear():
            cache.clear()
            stats["hits"] = 0
            stats["misses"] = 0

        wrapper.cache_info = cache_info
        wrapper.cache_clear = cache_clear
        return wrapper

    return decorator
