# mutant: does not validate limit (0 returns [], a string fails with TypeError)
import tracemalloc

_IGNORED = (
    tracemalloc.Filter(False, tracemalloc.__file__),
    tracemalloc.Filter(False, "<frozen importlib._bootstrap>"),
    tracemalloc.Filter(False, "<unknown>"),
)


def measure_peak(fn, *args, **kwargs):
    """Call fn(*args, **kwargs); return (result, peak_bytes above the level at the start)."""
    started_here = not tracemalloc.is_tracing()
    if started_here:
        tracemalloc.start()
    try:
        baseline, _ = tracemalloc.get_traced_memory()
        # The peak is global to tracemalloc: reset it so earlier spikes do not count.
        tracemalloc.reset_peak()
        result = fn(*args, **kwargs)
        _, peak = tracemalloc.get_traced_memory()
        return result, max(0, peak - baseline)
    finally:
        if started_here:
            tracemalloc.stop()


def top_allocations(fn, limit=3):
    """Call fn(); return the lines whose retained memory grew most: [(file, line, bytes)]."""
    started_here = not tracemalloc.is_tracing()
    if started_here:
        tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot().filter_traces(_IGNORED)
        fn()
        after = tracemalloc.take_snapshot().filter_traces(_IGNORED)
    finally:
        if started_here:
            tracemalloc.stop()
    # compare_to sorts by the *absolute* difference, so freed memory would come first.
    grown = [stat for stat in after.compare_to(before, "lineno") if stat.size_diff > 0]
    grown.sort(key=lambda stat: (-stat.size_diff, stat.traceback[0].filename, stat.traceback[0].lineno))
    return [
        (stat.traceback[0].filename, stat.traceback[0].lineno, stat.size_diff)
        for stat in grown[:limit]
    ]
