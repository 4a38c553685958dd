# mutant: stores items in a list and dequeues with list.pop(0), which is O(n) per get
import queue
import threading


class BoundedQueue:
    def __init__(self, size):
        if size < 1:
            raise ValueError("size must be >= 1")
        self.size = size
        self.items = []
        self.lock = threading.Lock()
        self.not_full = threading.Condition(self.lock)
        self.not_empty = threading.Condition(self.lock)

    def put(self, item, timeout=None):
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must be >= 0")
        with self.not_full:
            if not self.not_full.wait_for(lambda: len(self.items) < self.size, timeout):
                raise queue.Full
            self.items.append(item)
            self.not_empty.notify()

    def get(self, timeout=None):
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must be >= 0")
        with self.not_empty:
            if not self.not_empty.wait_for(lambda: self.items, timeout):
                raise queue.Empty
            item = self.items.pop(0)
            self.not_full.notify()
            return item

    def __len__(self):
        with self.lock:
            return len(self.items)
