import functools
import threading
import time


class _Stats:
    """Running aggregates of one metric: O(1) to update and to read."""

    __slots__ = ("count", "errors", "total", "longest")

    def __init__(self):
        self.count = 0
        self.errors = 0
        self.total = 0.0
        self.longest = 0.0


class MetricsRecorder:
    """Records call counts, errors and durations of decorated functions, per metric name."""

    def __init__(self, clock=time.perf_counter):
        self._clock = clock
        self._lock = threading.Lock()
        self._stats = {}  # name -> _Stats

    def track(self, name=None):
        """Decorator (usable as @track, @track() and @track("name"))."""
        if callable(name):  # used bare: @metrics.track
            return self.track()(name)

        def decorator(func):
            metric = name or func.__qualname__

            @functools.wraps(func)
            def wrapper(*args, **kwargs):
                started = self._clock()
                failed = False
                try:
                    return func(*args, **kwargs)
                except BaseException:
                    failed = True
                    raise
                finally:
                    self._record(metric, self._clock() - started, failed)

            return wrapper

        return decorator

    def _record(self, metric, seconds, failed):
        with self._lock:
            stats = self._stats.get(metric)
            if stats is None:
                stats = self._stats[metric] = _Stats()
            stats.count += 1
            stats.errors += failed
            stats.total += seconds
            stats.longest = max(stats.longest, seconds)

    def summary(self, name):
        """Return {"count", "errors", "total_seconds", "mean_seconds", "max_seconds"} in O(1)."""
        with self._lock:
            stats = self._stats[name]
            count, errors, total, longest = stats.count, stats.errors, stats.total, stats.longest
        return {
            "count": count,
            "errors": errors,
            "total_seconds": total,
            "mean_seconds": total / count,
            "max_seconds": longest,
        }

    def names(self):
        """Return the sorted list of recorded metric names."""
        with self._lock:
            return sorted(self._stats)
