# mutant: lock-free ring buffer — producers and consumers read-modify-write head/tail/count without a lock and busy-wait instead of using conditions
import queue
import time


class BoundedQueue:
    def __init__(self, size):
        if size < 1:
            raise ValueError("size must be >= 1")
        self.size = size
        self.slots = [None] * size
        self.head = 0
        self.tail = 0
        self.count = 0

    def _next(self, index):
        return (index + 1) % self.size

    def _wait(self, ready, deadline, error):
        while not ready():
            if deadline is not None and time.monotonic() >= deadline:
                raise error
            time.sleep(0)

    def put(self, item, timeout=None):
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must be >= 0")
        deadline = None if timeout is None else time.monotonic() + timeout
        self._wait(lambda: self.count < self.size, deadline, queue.Full)
        self.slots[self.tail] = item
        self.tail = self._next(self.tail)
        self.count += 1

    def get(self, timeout=None):
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must be >= 0")
        deadline = None if timeout is None else time.monotonic() + timeout
        self._wait(lambda: self.count > 0, deadline, queue.Empty)
        item = self.slots[self.head]
        self.slots[self.head] = None
        self.head = self._next(self.head)
        self.count -= 1
        return item

    def __len__(self):
        return self.count
