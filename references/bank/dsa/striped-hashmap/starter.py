"""Concurrent hash map with lock striping."""

import threading  # noqa: F401
from collections.abc import Hashable
from typing import Any


class StripedHashMap:
    """A thread-safe map split into ``stripes`` segments, each with its own lock.

    StripedHashMap(stripes=16): raises ``ValueError`` if ``stripes < 1``. A key belongs to
    segment ``hash(key) % stripes``. Single-key operations are O(1) average and hold exactly
    one segment lock; ``len``/``snapshot`` are O(stripes + n).
    """

    def __init__(self, stripes: int = 16) -> None:
        raise NotImplementedError

    def put(self, key: Hashable, value: Any) -> None:
        """Insert or overwrite ``key``."""
        raise NotImplementedError

    def get(self, key: Hashable, default: Any = None) -> Any:
        """The value for ``key``, or ``default`` if absent."""
        raise NotImplementedError

    def remove(self, key: Hashable) -> Any:
        """Delete ``key`` and return its value; ``KeyError`` if absent."""
        raise NotImplementedError

    def increment(self, key: Hashable, delta: int = 1) -> int:
        """Atomically add ``delta`` (missing key = 0) and return the new value."""
        raise NotImplementedError

    def __contains__(self, key: Hashable) -> bool:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def snapshot(self) -> dict:
        """A plain dict copy of the entries."""
        raise NotImplementedError
