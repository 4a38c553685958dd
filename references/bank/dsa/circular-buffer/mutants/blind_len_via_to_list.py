# mutant: len() is computed as len(self.to_list()), which copies the buffer, O(n) per call.
import threading
from typing import Any


class BufferFullError(Exception):
    """put(overwrite=False) on a full buffer."""


class BufferEmptyError(Exception):
    """get() or peek() on an empty buffer."""


class CircularBuffer:
    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("size must be >= 1")
        self._size = size
        self._slots = [None] * size
        self._head = 0
        self._count = 0
        self._lock = threading.Lock()

    def put(self, item: Any, overwrite: bool = False) -> None:
        with self._lock:
            if self._count == self._size:
                if not overwrite:
                    raise BufferFullError("buffer is full")
                self._slots[self._head] = item
                self._head = (self._head + 1) % self._size
                return
            self._slots[(self._head + self._count) % self._size] = item
            self._count += 1

    def get(self) -> Any:
        with self._lock:
            if self._count == 0:
                raise BufferEmptyError("buffer is empty")
            item = self._slots[self._head]
            self._slots[self._head] = None
            self._head = (self._head + 1) % self._size
            self._count -= 1
            return item

    def peek(self) -> Any:
        with self._lock:
            if self._count == 0:
                raise BufferEmptyError("buffer is empty")
            return self._slots[self._head]

    def __len__(self) -> int:
        return len(self.to_list())

    def is_full(self) -> bool:
        with self._lock:
            return self._count == self._size

    def to_list(self) -> list:
        with self._lock:
            h, n, s = self._head, self._count, self._size
            end = h + n
            if end <= s:
                return self._slots[h:end]
            return self._slots[h:] + self._slots[: end - s]
