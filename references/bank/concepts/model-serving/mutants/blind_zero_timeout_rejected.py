# mutant: timeout_s == 0 is rejected (checks <= 0), although only negative timeouts are errors.
import time


class DynamicBatcher:
    """Groups single requests into batches for the model."""

    def __init__(self, max_batch_size, timeout_s, clock=time.monotonic):
        if isinstance(max_batch_size, bool) or not isinstance(max_batch_size, int) or max_batch_size < 1:
            raise ValueError("max_batch_size must be an int >= 1")
        if timeout_s <= 0:
            raise ValueError("timeout_s must be >= 0")
        self._max = max_batch_size
        self._timeout = timeout_s
        self._clock = clock
        self._items = []
        self._first_arrival = None

    def _take(self):
        batch = self._items
        self._items = []
        self._first_arrival = None
        return batch

    def submit(self, item):
        if not self._items:
            self._first_arrival = self._clock()
        self._items.append(item)
        if len(self._items) >= self._max:
            return self._take()
        return None

    def poll(self):
        if self._items and self._clock() - self._first_arrival >= self._timeout:
            return self._take()
        return None

    def next_deadline(self):
        if not self._items:
            return None
        return self._first_arrival + self._timeout

    def flush(self):
        return self._take()

    def pending(self):
        return len(self._items)
