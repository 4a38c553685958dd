"""LRU cache with O(1) get and put."""

from collections.abc import Hashable
from typing import Any


class LRUCache:
    """A fixed-capacity cache that evicts the least recently used key.

    LRUCache(capacity): ``capacity`` is the maximum number of keys; raises ``ValueError``
    if ``capacity < 1``.

    Complexity: ``get`` and ``put`` in O(1) average time; O(capacity) memory.
    """

    def __init__(self, capacity: int) -> None:
        raise NotImplementedError

    def get(self, key: Hashable) -> Any:
        """Return the value for ``key`` and mark it most recently used; ``-1`` if absent."""
        raise NotImplementedError

    def put(self, key: Hashable, value: Any) -> None:
        """Insert or update ``key`` and mark it most recently used.

        Inserting a new key into a full cache first evicts the least recently used key;
        updating an existing key never evicts. Returns ``None``.
        """
        raise NotImplementedError

    def __len__(self) -> int:
        """Number of keys currently stored."""
        raise NotImplementedError
