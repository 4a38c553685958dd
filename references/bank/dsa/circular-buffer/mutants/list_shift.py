# mutant: stores items in a growing list and removes the oldest with list.pop(0): O(n) per get/overwrite
import threading


class BufferFullError(Exception):
    pass


class BufferEmptyError(Exception):
    pass


class CircularBuffer:
    def __init__(self, size):
        if size < 1:
            raise ValueError("size must be >= 1")
        self.size = size
        self.items = []
        self.lock = threading.Lock()

    def put(self, item, overwrite=False):
        with self.lock:
            if len(self.items) == self.size:
                if not overwrite:
                    raise BufferFullError("full")
                self.items.pop(0)
            self.items.append(item)

    def get(self):
        with self.lock:
            if not self.items:
                raise BufferEmptyError("empty")
            return self.items.pop(0)

    def peek(self):
        with self.lock:
            if not self.items:
                raise BufferEmptyError("empty")
            return self.items[0]

    def __len__(self):
        return len(self.items)

    def is_full(self):
        return len(self.items) == self.size

    def to_list(self):
        with self.lock:
            return list(self.items)
