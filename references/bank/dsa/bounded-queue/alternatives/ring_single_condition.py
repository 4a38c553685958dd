# alternative: preallocated ring array (head index + count) with a single Condition, notify_all on every state change and Condition.wait_for with a timeout.
import queue
import threading
from typing import Any


class BoundedQueue:
    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("size must be >= 1")
        self._cap = size
        self._slots = [None] * size
        self._head = 0
        self._count = 0
        self._cond = threading.Condition()

    def put(self, item: Any, timeout: float | None = None) -> None:
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must be >= 0")
        with self._cond:
            if not self._cond.wait_for(lambda: self._count < self._cap, timeout):
                raise queue.Full
            self._slots[(self._head + self._count) % self._cap] = item
            self._count += 1
            self._cond.notify_all()

    def get(self, timeout: float | None = None) -> Any:
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must be >= 0")
        with self._cond:
            if not self._cond.wait_for(lambda: self._count > 0, timeout):
                raise queue.Empty
            item = self._slots[self._head]
            self._slots[self._head] = None
            self._head = (self._head + 1) % self._cap
            self._count -= 1
            self._cond.notify_all()
            return item

    def __len__(self) -> int:
        with self._cond:
            return self._count
