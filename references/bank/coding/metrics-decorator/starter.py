import time


class MetricsRecorder:
    """Records call counts, errors and durations of decorated functions, per metric name."""

    def __init__(self, clock=time.perf_counter):
        raise NotImplementedError

    def track(self, name=None):
        """Decorator (usable as @track, @track() and @track("name")).

        Records every call (count, errors, duration = clock() after - clock() before); the
        wrapped function's result is returned and its exceptions propagate unchanged.
        The metric name defaults to the function's __qualname__; __name__/__doc__ are kept.
        """
        raise NotImplementedError

    def summary(self, name):
        """Return {"count", "errors", "total_seconds", "mean_seconds", "max_seconds"} in O(1).

        Raises KeyError if nothing was recorded under `name`.
        """
        raise NotImplementedError

    def names(self):
        """Return the sorted list of recorded metric names."""
        raise NotImplementedError
