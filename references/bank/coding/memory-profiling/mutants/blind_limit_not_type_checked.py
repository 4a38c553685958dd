# mutant: limit is only compared with 1, so True is accepted and a float such as 2.0 raises TypeError instead of ValueError.
import tracemalloc


def measure_peak(fn, *args, **kwargs):
    """Call fn(*args, **kwargs); return (result, peak_bytes) relative to memory traced at the start."""
    started_here = not tracemalloc.is_tracing()
    if started_here:
        tracemalloc.start()
    try:
        baseline, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        result = fn(*args, **kwargs)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        if started_here:
            tracemalloc.stop()
    return result, max(0, peak - baseline)


def top_allocations(fn, limit=3):
    """Call fn(); return up to `limit` (filename, lineno, size_bytes) for lines whose memory grew."""
    if limit < 1:
        raise ValueError("limit must be an int >= 1")
    started_here = not tracemalloc.is_tracing()
    if started_here:
        tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        fn()
        after = tracemalloc.take_snapshot()
    finally:
        if started_here:
            tracemalloc.stop()
    ignore = [tracemalloc.Filter(False, tracemalloc.__file__)]
    before = before.filter_traces(ignore)
    after = after.filter_traces(ignore)
    grown = [s for s in after.compare_to(before, "lineno") if s.size_diff > 0]
    grown.sort(key=lambda s: s.size_diff, reverse=True)
    out = []
    for stat in grown[:limit]:
        frame = stat.traceback[0]
        out.append((frame.filename, frame.lineno, stat.size_diff))
    return out
