# mutant: no lock: concurrent put/get read-modify-write head and count, so items are lost, duplicated or overfilled
import threading
from typing import Any


class BufferFullError(Exception):
    """put(overwrite=False) on a full buffer."""


class BufferEmptyError(Exception):
    """get() or peek() on an empty buffer."""


class CircularBuffer:
    """A fixed-size FIFO ring buffer over a preallocated list; all methods are thread-safe."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError(f"size must be >= 1, got {size}")
        self._slots: list[Any] = [None] * size
        self._head = 0  # index of the oldest item
        self._count = 0
        self._lock = threading.Lock()

    def _next(self, index: int) -> int:
        return (index + 1) % len(self._slots)

    def put(self, item: Any, overwrite: bool = False) -> None:
        size = len(self._slots)
        if self._count == size:
            if not overwrite:
                raise BufferFullError(f"buffer of size {size} is full")
            self._slots[self._head] = item
            self._head = self._next(self._head)
            return
        self._slots[(self._head + self._count) % size] = item
        self._count += 1

    def get(self) -> Any:
        if self._count == 0:
            raise BufferEmptyError("buffer is empty")
        item = self._slots[self._head]
        self._slots[self._head] = None
        self._head = self._next(self._head)
        self._count -= 1
        return item

    def peek(self) -> Any:
        with self._lock:
            if self._count == 0:
                raise BufferEmptyError("buffer is empty")
            return self._slots[self._head]

    def __len__(self) -> int:
        with self._lock:
            return self._count

    def is_full(self) -> bool:
        with self._lock:
            return self._count == len(self._slots)

    def to_list(self) -> list:
        size = len(self._slots)
        with self._lock:
            return [self._slots[(self._head + i) % size] for i in range(self._count)]
