# mutant: get re-checks emptiness with `if` instead of `while`, so a consumer woken after another consumer already took the item pops from an empty deque.
import queue
import threading
import time
from collections import deque
from typing import Any


class BoundedQueue:
    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("size must be >= 1")
        self._size = size
        self._items = deque()
        self._lock = threading.Lock()
        self._not_full = threading.Condition(self._lock)
        self._not_empty = threading.Condition(self._lock)

    def put(self, item: Any, timeout: float | None = None) -> None:
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must be >= 0")
        with self._not_full:
            if timeout is None:
                while len(self._items) >= self._size:
                    self._not_full.wait()
            else:
                deadline = time.monotonic() + timeout
                while len(self._items) >= self._size:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise queue.Full
                    self._not_full.wait(remaining)
            self._items.append(item)
            self._not_empty.notify()

    def get(self, timeout: float | None = None) -> Any:
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must be >= 0")
        with self._not_empty:
            if timeout is None:
                if not self._items:
                    self._not_empty.wait()
            else:
                deadline = time.monotonic() + timeout
                while not self._items:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise queue.Empty
                    self._not_empty.wait(remaining)
            item = self._items.popleft()
            self._not_full.notify()
            return item

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
