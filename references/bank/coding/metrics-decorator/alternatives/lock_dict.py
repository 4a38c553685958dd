# alternative: one threading.Lock guarding a dict of name -> [count, errors, total, max] running aggregates, closure-based decorator.
import functools
import threading
import time


class MetricsRecorder:
    """Records call counts, errors and durations of decorated functions, per metric name."""

    def __init__(self, clock=time.perf_counter):
        self._clock = clock
        self._lock = threading.Lock()
        self._stats = {}

    def _record(self, name, seconds, failed):
        with self._lock:
            s = self._stats.get(name)
            if s is None:
                self._stats[name] = [1, 1 if failed else 0, seconds, seconds]
                return
            s[0] += 1
            if failed:
                s[1] += 1
            s[2] += seconds
            if seconds > s[3]:
                s[3] = seconds

    def track(self, name=None):
        """Decorator (usable as @track, @track() and @track("name"))."""
        if callable(name):
            return self._wrap(name, name.__qualname__)

        def decorator(func):
            return self._wrap(func, name if name is not None else func.__qualname__)

        return decorator

    def _wrap(self, func, metric):
        clock = self._clock

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            start = clock()
            try:
                result = func(*args, **kwargs)
            except BaseException:
                self._record(metric, clock() - start, True)
                raise
            self._record(metric, clock() - start, False)
            return result

        return wrapper

    def summary(self, name):
        """Return {"count", "errors", "total_seconds", "mean_seconds", "max_seconds"} in O(1)."""
        with self._lock:
            if name not in self._stats:
                raise KeyError(name)
            count, errors, total, peak = self._stats[name]
        return {
            "count": count,
            "errors": errors,
            "total_seconds": total,
            "mean_seconds": total / count,
            "max_seconds": peak,
        }

    def names(self):
        """Return the sorted list of recorded metric names."""
        with self._lock:
            return sorted(self._stats)
