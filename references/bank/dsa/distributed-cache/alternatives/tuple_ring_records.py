# alternative: ring as one sorted tuple list searched with bisect on a (hash,) probe; entries are small record objects with an explicit deleted flag; itertools.count versions; an RLock.
import hashlib
import itertools
import threading
import time
from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import Any


class UnavailableError(Exception):
    """Fewer live replicas than the consistency level requires."""


class _Entry:
    __slots__ = ("version", "value", "expires_at", "deleted")

    def __init__(self, version, value, expires_at, deleted):
        self.version = version
        self.value = value
        self.expires_at = expires_at
        self.deleted = deleted


def _ring_pos(label):
    return int.from_bytes(hashlib.md5(label.encode()).digest()[:8], "big")


class DistributedCache:
    _LEVELS = ("one", "quorum", "all")

    def __init__(
        self,
        nodes: Iterable[str],
        consistency_level: str,
        *,
        replication_factor: int = 3,
        vnodes: int = 16,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        names = list(nodes)
        if len(names) == 0 or len(names) != len(set(names)):
            raise ValueError("nodes must be non-empty and unique")
        if consistency_level not in self._LEVELS:
            raise ValueError("unknown consistency level")
        if replication_factor < 1 or replication_factor > len(names):
            raise ValueError("replication_factor must be in [1, len(nodes)]")
        if vnodes < 1:
            raise ValueError("vnodes must be >= 1")
        self._rf = replication_factor
        self._level = consistency_level
        self._clock = clock
        self._mutex = threading.RLock()
        self._versions = itertools.count(1)
        self._data = {}
        self._down = set()
        ring = []
        for name in names:
            self._data[name] = {}
            for i in range(vnodes):
                ring.append((_ring_pos(f"{name}#{i}"), name))
        ring.sort()
        self._ring = ring

    def _need(self, consistency):
        level = self._level if consistency is None else consistency
        if level == "one":
            return 1
        if level == "quorum":
            return self._rf // 2 + 1
        if level == "all":
            return self._rf
        raise ValueError("unknown consistency level")

    def replicas_for(self, key: str) -> list[str]:
        ring = self._ring
        size = len(ring)
        i = bisect_left(ring, (_ring_pos(key),))
        chosen = []
        met = set()
        while len(chosen) < self._rf:
            name = ring[i % size][1]
            if name not in met:
                met.add(name)
                chosen.append(name)
            i += 1
        return chosen

    def _live(self, key, need):
        live = [n for n in self.replicas_for(key) if n not in self._down]
        if len(live) < need:
            raise UnavailableError("not enough live replicas")
        return live

    def put(self, key: str, value: Any, ttl: float | None = None, consistency: str | None = None) -> None:
        if ttl is not None and ttl <= 0:
            raise ValueError("ttl must be positive")
        need = self._need(consistency)
        with self._mutex:
            live = self._live(key, need)
            expires = None if ttl is None else self._clock() + ttl
            entry = _Entry(next(self._versions), value, expires, False)
            for n in live:
                self._data[n][key] = entry

    def delete(self, key: str, consistency: str | None = None) -> None:
        need = self._need(consistency)
        with self._mutex:
            live = self._live(key, need)
            entry = _Entry(next(self._versions), None, None, True)
            for n in live:
                self._data[n][key] = entry

    def get(self, key: str, consistency: str | None = None) -> Any:
        need = self._need(consistency)
        with self._mutex:
            consulted = self._live(key, need)[:need]
            found = [(n, self._data[n].get(key)) for n in consulted]
            present = [e for _, e in found if e is not None]
            if not present:
                return None
            best = max(present, key=lambda e: e.version)
            for n, e in found:
                if e is None or e.version < best.version:
                    self._data[n][key] = best
            if best.deleted:
                return None
            if best.expires_at is not None and self._clock() >= best.expires_at:
                return None
            return best.value

    def fail_node(self, node: str) -> None:
        with self._mutex:
            if node not in self._data:
                raise KeyError(node)
            self._down.add(node)

    def recover_node(self, node: str) -> None:
        with self._mutex:
            if node not in self._data:
                raise KeyError(node)
            self._down.discard(node)

    def node_entry(self, node: str, key: str) -> Any:
        with self._mutex:
            if node not in self._data:
                raise KeyError(node)
            e = self._data[node].get(key)
            return None if e is None or e.deleted else e.value
