# alternative: a plain dict from key to node of a hand-written circular doubly linked list (sentinel root), key built from args plus kwargs sorted by name.
import time


class _Node:
    __slots__ = ("prev", "next", "key", "value", "stored_at")


_MISSING = object()


def cache_predictions(ttl=3600.0, maxsize=None, clock=time.monotonic):
    """Return a decorator caching results by (args, kwargs in any order), with TTL and LRU."""
    if not ttl > 0:
        raise ValueError("ttl must be positive")
    if maxsize is not None and not maxsize >= 1:
        raise ValueError("maxsize must be at least 1")

    def decorator(func):
        table = {}
        root = _Node()
        root.prev = root.next = root
        counters = [0, 0]  # hits, misses

        def unlink(node):
            node.prev.next = node.next
            node.next.prev = node.prev

        def push_back(node):  # most recently used sits just before root
            last = root.prev
            last.next = node
            node.prev = last
            node.next = root
            root.prev = node

        def wrapper(*args, **kwargs):
            if kwargs:
                key = (args, _KW, tuple(sorted(kwargs.items(), key=lambda kv: kv[0])))
            else:
                key = args
            node = table.get(key, _MISSING)  # hashing here raises TypeError first
            if node is not _MISSING:
                if clock() - node.stored_at < ttl:
                    unlink(node)
                    push_back(node)
                    counters[0] += 1
                    return node.value
                unlink(node)
                del table[key]
            counters[1] += 1
            value = func(*args, **kwargs)
            if maxsize is not None and len(table) >= maxsize:
                oldest = root.next
                unlink(oldest)
                del table[oldest.key]
            node = _Node()
            node.key = key
            node.value = value
            node.stored_at = clock()
            push_back(node)
            table[key] = node
            return value

        def cache_info():
            return {"hits": counters[0], "misses": counters[1], "size": len(table)}

        def cache_clear():
            table.clear()
            root.prev = root.next = root
            counters[0] = counters[1] = 0

        wrapper.__name__ = getattr(func, "__name__", wrapper.__name__)
        wrapper.__qualname__ = getattr(func, "__qualname__", wrapper.__qualname__)
        wrapper.__doc__ = getattr(func, "__doc__", None)
        wrapper.__module__ = getattr(func, "__module__", wrapper.__module__)
        wrapper.__wrapped__ = func
        wrapper.__dict__.update(getattr(func, "__dict__", {}))
        wrapper.cache_info = cache_info
        wrapper.cache_clear = cache_clear
        return wrapper

    return decorator


class _KwMark:
    """Separator so positional tuples can never collide with keyword-argument keys."""

    __slots__ = ()

    def __repr__(self):
        return "<kwargs>"


_KW = _KwMark()
