# alternative: two parallel lists (one dict and one threading.Lock per stripe), segment index hash(key) % stripes.
import threading
from collections.abc import Hashable
from typing import Any

_MISSING = object()


class StripedHashMap:
    def __init__(self, stripes: int = 16) -> None:
        if stripes < 1:
            raise ValueError("stripes must be >= 1")
        self._n = stripes
        self._maps = [{} for _ in range(stripes)]
        self._locks = [threading.Lock() for _ in range(stripes)]

    def _idx(self, key):
        return hash(key) % self._n

    def put(self, key: Hashable, value: Any) -> None:
        i = self._idx(key)
        with self._locks[i]:
            self._maps[i][key] = value

    def get(self, key: Hashable, default: Any = None) -> Any:
        i = self._idx(key)
        with self._locks[i]:
            return self._maps[i].get(key, default)

    def remove(self, key: Hashable) -> Any:
        i = self._idx(key)
        with self._locks[i]:
            value = self._maps[i].pop(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def increment(self, key: Hashable, delta: int = 1) -> int:
        i = self._idx(key)
        with self._locks[i]:
            d = self._maps[i]
            new = d.get(key, 0) + delta
            d[key] = new
            return new

    def __contains__(self, key: Hashable) -> bool:
        i = self._idx(key)
        with self._locks[i]:
            return key in self._maps[i]

    def __len__(self) -> int:
        total = 0
        for lock, d in zip(self._locks, self._maps):
            with lock:
                total += len(d)
        return total

    def snapshot(self) -> dict:
        out = {}
        for lock, d in zip(self._locks, self._maps):
            with lock:
                out.update(d)
        return out
