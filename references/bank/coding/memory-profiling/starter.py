import tracemalloc


def measure_peak(fn, *args, **kwargs):
    """Call fn(*args, **kwargs); return (result, peak_bytes).

    peak_bytes is the highest traced memory during the call minus the traced memory when the
    call started (memory allocated before the call does not count).
    Tracing is started and stopped around the call if it was off; left on if it was on —
    also when fn raises. Exceptions from fn propagate unchanged.
    """
    raise NotImplementedError


def top_allocations(fn, limit=3):
    """Call fn(); return up to `limit` (filename, lineno, size_bytes) tuples for the source
    lines whose still-allocated memory grew during the call, largest first, size_bytes > 0.

    Allocations by tracemalloc itself are ignored; lines whose memory shrank are omitted.
    Raises ValueError if limit is not an int >= 1. Same tracing start/stop rule as
    measure_peak.
    """
    raise NotImplementedError
