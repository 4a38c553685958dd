"""Thread-safe circular (ring) buffer."""

import threading  # noqa: F401
from typing import Any


class BufferFullError(Exception):
    """put(overwrite=False) on a full buffer."""


class BufferEmptyError(Exception):
    """get() or peek() on an empty buffer."""


class CircularBuffer:
    """A fixed-size FIFO ring buffer over a preallocated list; all methods are thread-safe.

    CircularBuffer(size): raises ``ValueError`` if ``size < 1``.
    ``put``/``get``/``peek``/``len``/``is_full`` are O(1); ``to_list`` is O(n).
    """

    def __init__(self, size: int) -> None:
        raise NotImplementedError

    def put(self, item: Any, overwrite: bool = False) -> None:
        """Append ``item``. When full: ``BufferFullError`` (overwrite=False) or drop the oldest."""
        raise NotImplementedError

    def get(self) -> Any:
        """Remove and return the oldest item; ``BufferEmptyError`` if empty."""
        raise NotImplementedError

    def peek(self) -> Any:
        """Return the oldest item without removing it; ``BufferEmptyError`` if empty."""
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def is_full(self) -> bool:
        raise NotImplementedError

    def to_list(self) -> list:
        """Items from oldest to newest."""
        raise NotImplementedError
