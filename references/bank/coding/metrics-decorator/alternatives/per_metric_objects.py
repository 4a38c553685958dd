# alternative: one _Metric object per name, each with its own lock, created under a registry RLock; decorator implemented as a class with __get__.
import functools
import threading
import time


class _Metric:
    __slots__ = ("lock", "count", "errors", "total", "max")

    def __init__(self):
        self.lock = threading.Lock()
        self.count = 0
        self.errors = 0
        self.total = 0.0
        self.max = None

    def add(self, seconds, failed):
        with self.lock:
            self.count += 1
            self.errors += failed
            self.total += seconds
            if self.max is None or seconds > self.max:
                self.max = seconds

    def snapshot(self):
        with self.lock:
            return {
                "count": self.count,
                "errors": self.errors,
                "total_seconds": self.total,
                "mean_seconds": self.total / self.count,
                "max_seconds": self.max,
            }


class _Tracked:
    def __init__(self, recorder, func, metric_name):
        functools.update_wrapper(self, func)
        self._recorder = recorder
        self._func = func
        self._metric_name = metric_name

    def __call__(self, *args, **kwargs):
        clock = self._recorder._clock
        failed = True
        t0 = clock()
        try:
            result = self._func(*args, **kwargs)
            failed = False
            return result
        finally:
            elapsed = clock() - t0
            self._recorder._record(self._metric_name, elapsed, int(failed))

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return functools.partial(self, obj)


class MetricsRecorder:
    """Records call counts, errors and durations of decorated functions, per metric name."""

    def __init__(self, clock=time.perf_counter):
        self._clock = clock
        self._registry_lock = threading.RLock()
        self._metrics = {}

    def _record(self, name, seconds, failed):
        metric = self._metrics.get(name)
        if metric is None:
            with self._registry_lock:
                metric = self._metrics.get(name)
                if metric is None:
                    # publish the metric only once it holds its first call
                    metric = _Metric()
                    metric.add(seconds, failed)
                    self._metrics[name] = metric
                    return
        metric.add(seconds, failed)

    def track(self, name=None):
        """Decorator (usable as @track, @track() and @track("name"))."""
        if name is not None and not isinstance(name, str) and callable(name):
            func = name
            return _Tracked(self, func, func.__qualname__)

        def decorate(func):
            return _Tracked(self, func, func.__qualname__ if name is None else name)

        return decorate

    def summary(self, name):
        """Return {"count", "errors", "total_seconds", "mean_seconds", "max_seconds"} in O(1)."""
        with self._registry_lock:
            metric = self._metrics.get(name)
        if metric is None:
            raise KeyError(name)
        return metric.snapshot()

    def names(self):
        """Return the sorted list of recorded metric names."""
        with self._registry_lock:
            return sorted(self._metrics)
