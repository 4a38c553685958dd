"""Allocation patterns with known sizes; observations are in megabytes (1e6 bytes), rounded."""

import os
import tracemalloc

RETAINED = []
PREEXISTING = []


def _mb(size):
    return round(size / 1e6, 1)


def _temporary(megabytes):
    buffer = bytearray(int(megabytes * 1e6))
    return len(buffer)


def _two_phases(first, kept):
    buffer = bytearray(int(first * 1e6))
    del buffer
    kept_buffer = bytearray(int(kept * 1e6))
    return len(kept_buffer)


def _add(a, b, *, scale=1):
    return (a + b) * scale


def _explode(megabytes):
    buffer = bytearray(int(megabytes * 1e6))
    raise ValueError(f"bad batch of {len(buffer)} bytes")


def peak_temporary(module, megabytes):
    result, peak = module.measure_peak(_temporary, megabytes)
    return {"result": result, "peak_mb": _mb(peak), "tracing_after": tracemalloc.is_tracing()}


def peak_two_phases(module, first, kept):
    result, peak = module.measure_peak(_two_phases, first, kept)
    return {"result": result, "peak_mb": _mb(peak)}


def peak_args(module):
    result, peak = module.measure_peak(_add, 2, 3, scale=4)
    return {"result": result, "peak_is_int": isinstance(peak, int), "peak_mb": _mb(peak)}


def peak_already_tracing(module, held, megabytes):
    tracemalloc.start()
    try:
        PREEXISTING.append(bytearray(int(held * 1e6)))
        result, peak = module.measure_peak(_temporary, megabytes)
        return {"result": result, "peak_mb": _mb(peak), "tracing_after": tracemalloc.is_tracing()}
    finally:
        PREEXISTING.clear()
        tracemalloc.stop()


def peak_after_earlier_spike(module, spike, megabytes):
    # Someone else is tracing and already saw a big spike before our call.
    tracemalloc.start()
    try:
        _temporary(spike)
        result, peak = module.measure_peak(_temporary, megabytes)
        return {"result": result, "peak_mb": _mb(peak)}
    finally:
        tracemalloc.stop()


def peak_raises(module, megabytes, tracing_before):
    if tracing_before:
        tracemalloc.start()
    try:
        module.measure_peak(_explode, megabytes)
        propagated = None
    except Exception as error:
        propagated = type(error).__name__
    observation = {"propagated": propagated, "tracing_after": tracemalloc.is_tracing()}
    tracemalloc.stop()
    return observation


def peak_pipelines(module, n):
    # The same reduction, streamed through a generator versus materialised as a list.
    streamed, streamed_peak = module.measure_peak(lambda: sum(x * x for x in range(n)))
    listed, listed_peak = module.measure_peak(lambda: sum([x * x for x in range(n)]))
    return {
        "same_result": streamed == listed,
        "streamed_mb": _mb(streamed_peak),
        "listed_mb": _mb(listed_peak),
    }


def _leaky():
    RETAINED.append(bytearray(3_000_000))
    RETAINED.append(bytearray(1_000_000))
    scratch = bytearray(5_000_000)
    RETAINED.append(bytearray(2_000_000))
    del scratch


def _frees_and_leaks():
    PREEXISTING.clear()
    RETAINED.append(bytearray(1_000_000))


def _nothing():
    return None


def _lines(stats, fn):
    # Only lines of this file are observed: the interpreter may allocate a few bytes elsewhere.
    first = fn.__code__.co_firstlineno
    return [
        [os.path.basename(filename), lineno - first, _mb(size)]
        for filename, lineno, size in stats
        if os.path.basename(filename) == "scenarios.py"
    ]


def top_leaky(module, limit):
    RETAINED.clear()
    try:
        stats = module.top_allocations(_leaky, limit)
        return {"lines": _lines(stats, _leaky), "count": len(stats), "tracing_after": tracemalloc.is_tracing()}
    finally:
        RETAINED.clear()


def top_default_limit(module):
    RETAINED.clear()
    try:
        return _lines(module.top_allocations(_leaky), _leaky)
    finally:
        RETAINED.clear()


def top_frees_and_leaks(module, held):
    RETAINED.clear()
    tracemalloc.start()
    PREEXISTING.append(bytearray(int(held * 1e6)))
    try:
        stats = module.top_allocations(_frees_and_leaks, 2)
        return {"lines": _lines(stats, _frees_and_leaks), "tracing_after": tracemalloc.is_tracing()}
    finally:
        PREEXISTING.clear()
        RETAINED.clear()
        tracemalloc.stop()


def top_preexisting_ignored(module, held):
    # A big buffer allocated (and traced) before the call must not be reported.
    RETAINED.clear()
    tracemalloc.start()
    PREEXISTING.append(bytearray(int(held * 1e6)))
    try:
        return _lines(module.top_allocations(_leaky, 1), _leaky)
    finally:
        PREEXISTING.clear()
        RETAINED.clear()
        tracemalloc.stop()


def top_nothing(module):
    stats = module.top_allocations(_nothing, 3)
    return [list(stat[:2]) + [_mb(stat[2])] for stat in stats if stat[2] >= 100_000]


def top_bad_limit(module, limit):
    return module.top_allocations(_nothing, limit)


def top_raises(module, tracing_before):
    """fn raises inside top_allocations: the exception propagates unchanged and tracing is back
    to how it was (stopped if top_allocations started it)."""
    if tracing_before:
        tracemalloc.start()
    error = KeyError("boom")

    def failing():
        RETAINED.append(bytearray(100_000))
        raise error

    try:
        module.top_allocations(failing, 2)
        outcome = "returned"
    except KeyError as caught:
        outcome = "same exception" if caught is error else "another KeyError"
    except Exception as caught:  # the type is the observation
        outcome = type(caught).__name__
    finally:
        RETAINED.clear()
    tracing_after = tracemalloc.is_tracing()
    tracemalloc.stop()
    return {"outcome": outcome, "tracing_after": tracing_after}


def top_ignores_tracemalloc_itself(module, objects):
    """With tracing already on and many traced objects, the 'before' snapshot is itself a big
    allocation: it must not be reported (nor anything else in tracemalloc's own file)."""
    tracemalloc.start()
    PREEXISTING.extend(str(i) * 2 for i in range(objects))
    try:
        stats = module.top_allocations(_leaky, 50)
        own = [stat for stat in stats if os.path.basename(stat[0]) == "tracemalloc.py"]
        return {"tracemalloc_lines": len(own), "leaky_lines": len(_lines(stats, _leaky)),
                "sizes_positive": all(stat[2] > 0 for stat in stats), "at_most_limit": len(stats) <= 50}
    finally:
        PREEXISTING.clear()
        RETAINED.clear()
        tracemalloc.stop()


def result_types(module) -> dict:
    """measure_peak returns a (result, peak_bytes) tuple and top_allocations a list of
    (filename, lineno, size_bytes) tuples (the encoder turns tuples into lists, so the types
    are observed here)."""
    RETAINED.clear()
    try:
        peak = module.measure_peak(_temporary, 1)
        stats = module.top_allocations(_leaky, 2)
    finally:
        RETAINED.clear()
    return {"measure_peak": [type(peak).__name__, len(peak), type(peak[1]).__name__],
            "top_allocations": [type(stats).__name__, sorted({type(item).__name__ for item in stats}),
                                sorted({",".join(type(x).__name__ for x in item) for item in stats})]}


def top_default_limit_count(module):
    """With no limit given, at most 3 lines are reported even when more lines grew."""
    def five_leaks():
        RETAINED.append(bytearray(1_000_000))
        RETAINED.append(bytearray(1_100_000))
        RETAINED.append(bytearray(1_200_000))
        RETAINED.append(bytearray(1_300_000))
        RETAINED.append(bytearray(1_400_000))

    RETAINED.clear()
    try:
        stats = module.top_allocations(five_leaks)
        return {"count": len(stats), "sizes_mb": [_mb(stat[2]) for stat in stats]}
    finally:
        RETAINED.clear()
