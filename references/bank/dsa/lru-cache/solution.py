"""LRU cache with O(1) get and put: a hash map into a doubly linked list.

The list is ordered by recency: the node right after the head sentinel is the most recently
used, the node right before the tail sentinel is the next to be evicted. The dict maps each
key to its node, so finding, unlinking and relinking a node are all O(1).
"""

from collections.abc import Hashable
from typing import Any


class _Node:
    __slots__ = ("key", "value", "prev", "next")

    def __init__(self, key: Hashable = None, value: Any = None) -> None:
        self.key = key
        self.value = value
        self.prev: _Node | None = None
        self.next: _Node | None = None


class LRUCache:
    """A fixed-capacity cache that evicts the least recently used key.

    LRUCache(capacity): raises ``ValueError`` if ``capacity < 1``.
    ``get`` and ``put`` are O(1); memory is O(capacity).
    """

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be >= 1, got {capacity}")
        self.capacity = capacity
        self._nodes: dict[Hashable, _Node] = {}
        # Sentinels remove every "is this the first/last node?" special case.
        self._head = _Node()
        self._tail = _Node()
        self._head.next = self._tail
        self._tail.prev = self._head

    def get(self, key: Hashable) -> Any:
        node = self._nodes.get(key)
        if node is None:
            return -1
        self._unlink(node)
        self._push_front(node)
        return node.value

    def put(self, key: Hashable, value: Any) -> None:
        node = self._nodes.get(key)
        if node is not None:
            node.value = value
            self._unlink(node)
            self._push_front(node)
            return
        if len(self._nodes) == self.capacity:
            lru = self._tail.prev
            self._unlink(lru)
            del self._nodes[lru.key]
        node = _Node(key, value)
        self._nodes[key] = node
        self._push_front(node)

    def __len__(self) -> int:
        return len(self._nodes)

    def _unlink(self, node: _Node) -> None:
        node.prev.next = node.next
        node.next.prev = node.prev

    def _push_front(self, node: _Node) -> None:
        first = self._head.next
        node.prev = self._head
        node.next = first
        first.prev = node
        self._head.next = node
