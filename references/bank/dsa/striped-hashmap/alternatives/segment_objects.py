# alternative: a tuple of Segment objects, each bundling its own RLock and dict, with per-segment size counters summed by len().
import threading
from collections.abc import Hashable
from typing import Any


class _Segment:
    __slots__ = ("lock", "table", "size")

    def __init__(self):
        self.lock = threading.RLock()
        self.table = {}
        self.size = 0


class StripedHashMap:
    def __init__(self, stripes: int = 16) -> None:
        if not stripes >= 1:
            raise ValueError("need at least one stripe")
        self._segments = tuple(_Segment() for _ in range(stripes))

    def _seg(self, key) -> _Segment:
        segs = self._segments
        return segs[hash(key) % len(segs)]

    def put(self, key: Hashable, value: Any) -> None:
        s = self._seg(key)
        with s.lock:
            if key not in s.table:
                s.size += 1
            s.table[key] = value

    def get(self, key: Hashable, default: Any = None) -> Any:
        s = self._seg(key)
        with s.lock:
            try:
                return s.table[key]
            except KeyError:
                return default

    def remove(self, key: Hashable) -> Any:
        s = self._seg(key)
        with s.lock:
            value = s.table.pop(key)      # KeyError propagates when absent
            s.size -= 1
            return value

    def increment(self, key: Hashable, delta: int = 1) -> int:
        s = self._seg(key)
        with s.lock:
            if key in s.table:
                value = s.table[key] + delta
            else:
                value = 0 + delta
                s.size += 1
            s.table[key] = value
            return value

    def __contains__(self, key: Hashable) -> bool:
        s = self._seg(key)
        with s.lock:
            return key in s.table

    def __len__(self) -> int:
        n = 0
        for s in self._segments:
            with s.lock:
                n += s.size
        return n

    def snapshot(self) -> dict:
        result = {}
        for s in self._segments:
            with s.lock:
                result.update(s.table)
        return result
