# mutant: waits with "if" instead of re-checking in a loop, so a thread woken after another one took the slot/item proceeds anyway
import queue
import threading
from collections import deque


class BoundedQueue:
    def __init__(self, size):
        if size < 1:
            raise ValueError("size must be >= 1")
        self.size = size
        self.items = deque()
        self.lock = threading.Lock()
        self.not_full = threading.Condition(self.lock)
        self.not_empty = threading.Condition(self.lock)

    def put(self, item, timeout=None):
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must be >= 0")
        with self.not_full:
            if len(self.items) >= self.size:
                if timeout == 0 or not self.not_full.wait(timeout):
                    raise queue.Full
            self.items.append(item)
            self.not_empty.notify()

    def get(self, timeout=None):
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must be >= 0")
        with self.not_empty:
            if not self.items:
                if timeout == 0 or not self.not_empty.wait(timeout):
                    raise queue.Empty
            item = self.items.popleft()
            self.not_full.notify()
            return item

    def __len__(self):
        with self.lock:
            return len(self.items)
