# mutant: treats timeout=0 like None ("if timeout:"), so a non-blocking put/get on a full/empty queue blocks forever
import queue
import threading
from collections import deque
from typing import Any


class BoundedQueue:
    """A FIFO queue holding at most ``size`` items, safe for many producers and consumers."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError(f"size must be >= 1, got {size}")
        self.size = size
        self._items: deque[Any] = deque()
        self._lock = threading.Lock()
        self._not_full = threading.Condition(self._lock)
        self._not_empty = threading.Condition(self._lock)

    def put(self, item: Any, timeout: float | None = None) -> None:
        _check_timeout(timeout)
        with self._not_full:
            # wait_for re-checks the predicate after every wake-up (another producer may have
            # filled the slot first) and keeps track of the remaining timeout.
            if not self._not_full.wait_for(lambda: len(self._items) < self.size, timeout or None):
                raise queue.Full
            self._items.append(item)
            self._not_empty.notify()

    def get(self, timeout: float | None = None) -> Any:
        _check_timeout(timeout)
        with self._not_empty:
            if not self._not_empty.wait_for(lambda: self._items, timeout or None):
                raise queue.Empty
            item = self._items.popleft()
            self._not_full.notify()
            return item

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)


def _check_timeout(timeout: float | None) -> None:
    if timeout is not None and timeout < 0:
        raise ValueError(f"timeout must be >= 0 or None, got {timeout}")
