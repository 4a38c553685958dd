# mutant: recency is tracked in a Python list with list.remove/list.pop(0), making get and put O(capacity).
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

_MISSING = object()


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be >= 1")
        self._capacity = capacity
        self._data = {}
        self._order = []

    def get(self, key: Hashable) -> Any:
        value = self._data.get(key, _MISSING)
        if value is _MISSING:
            return -1
        self._order.remove(key)
        self._order.append(key)
        return value

    def put(self, key: Hashable, value: Any) -> None:
        if key in self._data:
            self._data[key] = value
            self._order.remove(key)
            self._order.append(key)
            return
        if len(self._data) >= self._capacity:
            del self._data[self._order.pop(0)]
        self._data[key] = value
        self._order.append(key)

    def __len__(self) -> int:
        return len(self._data)
