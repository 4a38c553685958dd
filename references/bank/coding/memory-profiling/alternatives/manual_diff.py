# alternative: peak read after a fresh start (or reset_peak when tracing is already on), and growth computed by hand from per-line statistics dictionaries, selected with heapq.nlargest.
import heapq
import tracemalloc

_TRACEMALLOC_FILE = tracemalloc.__file__


class _Tracing:
    """Context manager: start tracing if it is off, and stop it again on exit only in that case."""

    def __enter__(self):
        self.owner = not tracemalloc.is_tracing()
        if self.owner:
            tracemalloc.start()
        return self

    def __exit__(self, *exc):
        if self.owner:
            tracemalloc.stop()
        return False


def measure_peak(fn, *args, **kwargs):
    """Call fn(*args, **kwargs); return (result, peak_bytes) relative to memory traced at the start."""
    with _Tracing() as tr:
        if not tr.owner:
            tracemalloc.reset_peak()
        start_current, _ = tracemalloc.get_traced_memory()
        result = fn(*args, **kwargs)
        peak = tracemalloc.get_traced_memory()[1]
    growth = peak - start_current
    return result, growth if growth > 0 else 0


def _per_line(snapshot):
    sizes = {}
    for stat in snapshot.statistics("lineno"):
        frame = stat.traceback[0]
        if frame.filename == _TRACEMALLOC_FILE:
            continue
        key = (frame.filename, frame.lineno)
        sizes[key] = sizes.get(key, 0) + stat.size
    return sizes


def top_allocations(fn, limit=3):
    """Call fn(); return up to `limit` (filename, lineno, size_bytes) for lines whose memory grew."""
    if type(limit) is not int and not (isinstance(limit, int) and not isinstance(limit, bool)):
        raise ValueError("limit must be an int")
    if isinstance(limit, bool) or limit < 1:
        raise ValueError("limit must be >= 1")
    with _Tracing():
        before = tracemalloc.take_snapshot()
        fn()
        after = tracemalloc.take_snapshot()
    old = _per_line(before)
    new = _per_line(after)
    growth = []
    for key, size in new.items():
        diff = size - old.get(key, 0)
        if diff > 0:
            growth.append((key[0], key[1], diff))
    return heapq.nlargest(limit, growth, key=lambda t: t[2])
