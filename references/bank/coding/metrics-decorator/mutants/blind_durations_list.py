# mutant: every duration is appended to a list and summary() recomputes sum/max over it, which is O(n) per summary instead of O(1).
import functools
import threading
import time


class MetricsRecorder:
    """Records call counts, errors and durations of decorated functions, per metric name."""

    def __init__(self, clock=time.perf_counter):
        self._clock = clock
        self._lock = threading.Lock()
        self._durations = {}
        self._errors = {}

    def _record(self, name, seconds, failed):
        with self._lock:
            self._durations.setdefault(name, []).append(seconds)
            self._errors[name] = self._errors.get(name, 0) + (1 if failed else 0)

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
        """Return {"count", "errors", "total_seconds", "mean_seconds", "max_seconds"}."""
        with self._lock:
            if name not in self._durations:
                raise KeyError(name)
            durations = self._durations[name]
            total = sum(durations)
            return {
                "count": len(durations),
                "errors": self._errors[name],
                "total_seconds": total,
                "mean_seconds": total / len(durations),
                "max_seconds": max(durations),
            }

    def names(self):
        """Return the sorted list of recorded metric names."""
        with self._lock:
            return sorted(self._durations)
