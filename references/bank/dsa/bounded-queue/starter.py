"""Thread-safe bounded FIFO queue (producer-consumer)."""

import queue  # noqa: F401  -- raise queue.Full / queue.Empty
import threading  # noqa: F401
from typing import Any


class BoundedQueue:
    """A FIFO queue holding at most ``size`` items, safe for many producers and consumers.

    BoundedQueue(size): raises ``ValueError`` if ``size < 1``.
    ``put``/``get`` are O(1) apart from waiting; waiting threads sleep on a condition variable.
    """

    def __init__(self, size: int) -> None:
        raise NotImplementedError

    def put(self, item: Any, timeout: float | None = None) -> None:
        """Append ``item``, waiting while the queue is full.

        ``timeout=None`` waits forever; otherwise waits at most ``timeout`` seconds and then
        raises ``queue.Full`` (``timeout=0``: raise immediately if full).
        Raises ``ValueError`` if ``timeout < 0``.
        """
        raise NotImplementedError

    def get(self, timeout: float | None = None) -> Any:
        """Remove and return the oldest item, waiting while the queue is empty.

        Same timeout rules as ``put``; raises ``queue.Empty`` when the wait times out.
        """
        raise NotImplementedError

    def __len__(self) -> int:
        """Number of items currently in the queue."""
        raise NotImplementedError
