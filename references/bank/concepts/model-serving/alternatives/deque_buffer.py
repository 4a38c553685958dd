# alternative: a collections.deque buffer with an explicit counter and deadline computed at the first arrival; batches are materialised with list() only when flushed.
import time
from collections import deque


class DynamicBatcher:
    """Groups single requests into batches for the model."""

    def __init__(self, max_batch_size, timeout_s, clock=time.monotonic):
        if type(max_batch_size) is bool or not isinstance(max_batch_size, int):
            raise ValueError("max_batch_size must be an integer")
        if max_batch_size < 1:
            raise ValueError("max_batch_size must be >= 1")
        if timeout_s < 0:
            raise ValueError("timeout_s must not be negative")
        self.max_batch_size = max_batch_size
        self.timeout_s = timeout_s
        self.clock = clock
        self._buffer = deque()
        self._count = 0
        self._deadline = None

    def _drain(self):
        batch = list(self._buffer)
        self._buffer.clear()
        self._count = 0
        self._deadline = None
        return batch

    def submit(self, item):
        if self._count == 0:
            self._arrival = self.clock()
            self._deadline = self._arrival + self.timeout_s
        self._buffer.append(item)
        self._count += 1
        if self._count == self.max_batch_size:
            return self._drain()
        return None

    def poll(self):
        if self._count == 0:
            return None
        if self.clock() - self._arrival >= self.timeout_s:
            return self._drain()
        return None

    def next_deadline(self):
        return self._deadline if self._count else None

    def flush(self):
        return self._drain()

    def pending(self):
        return self._count
