# mutant: rebuilds the pending list on every submit: O(batch) per item, O(batch^2) per batch
import time


class DynamicBatcher:
    """Groups single requests into batches for the model.

    A batch is flushed by `submit` when it reaches `max_batch_size` items, or by `poll`
    once its oldest item has waited `timeout_s` seconds or more (measured with `clock`).
    Raises ValueError if max_batch_size is not an int >= 1 (bools rejected) or timeout_s < 0.
    All methods are O(1) amortized per item.
    """

    def __init__(self, max_batch_size, timeout_s, clock=time.monotonic):
        if isinstance(max_batch_size, bool) or not isinstance(max_batch_size, int) or max_batch_size < 1:
            raise ValueError(f"max_batch_size must be an integer >= 1, got {max_batch_size!r}")
        if timeout_s < 0:
            raise ValueError(f"timeout_s must be >= 0, got {timeout_s!r}")
        self._max_batch_size = max_batch_size
        self._timeout_s = timeout_s
        self._clock = clock
        self._items = []
        self._oldest_arrival = None

    def _take(self):
        batch, self._items, self._oldest_arrival = self._items, [], None
        return batch

    def submit(self, item):
        if not self._items:
            self._oldest_arrival = self._clock()
        self._items = self._items + [item]
        if len(self._items) >= self._max_batch_size:
            return self._take()
        return None

    def poll(self):
        if self._items and self._clock() - self._oldest_arrival >= self._timeout_s:
            return self._take()
        return None

    def next_deadline(self):
        if not self._items:
            return None
        return self._oldest_arrival + self._timeout_s

    def flush(self):
        return self._take()

    def pending(self):
        return len(self._items)
