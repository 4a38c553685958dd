# mutant: replicas_for sorts every virtual node by clockwise distance from h(key) on each call (O(V log V)) instead of binary-searching the sorted ring.
import bisect
import hashlib
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any


class UnavailableError(Exception):
    """Fewer live replicas than the consistency level requires."""


_TOMBSTONE = object()


def _h(s):
    return int.from_bytes(hashlib.md5(s.encode()).digest()[:8], "big")


class DistributedCache:
    def __init__(
        self,
        nodes: Iterable[str],
        consistency_level: str,
        *,
        replication_factor: int = 3,
        vnodes: int = 16,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        nodes = list(nodes)
        if not nodes:
            raise ValueError("nodes must not be empty")
        if len(set(nodes)) != len(nodes):
            raise ValueError("duplicate node")
        if not 1 <= replication_factor <= len(nodes):
            raise ValueError("replication_factor out of range")
        if vnodes < 1:
            raise ValueError("vnodes must be >= 1")
        self._n = replication_factor
        self._levels = {"one": 1, "quorum": replication_factor // 2 + 1, "all": replication_factor}
        if consistency_level not in self._levels:
            raise ValueError(f"unknown consistency level {consistency_level!r}")
        self._default = consistency_level
        self._clock = clock
        self._lock = threading.Lock()
        self._store = {n: {} for n in nodes}
        self._up = {n: True for n in nodes}
        self._distinct = len(nodes)
        self._ring = sorted((_h(f"{n}#{i}"), n) for n in nodes for i in range(vnodes))
        self._pos = [p for p, _ in self._ring]
        self._version = 0

    def _required(self, consistency):
        level = self._default if consistency is None else consistency
        try:
            return self._levels[level]
        except (KeyError, TypeError):
            raise ValueError(f"unknown consistency level {level!r}")

    def replicas_for(self, key: str) -> list[str]:
        hk = _h(key)
        walk = sorted(self._ring, key=lambda e: (e[0] - hk) % (1 << 64))
        out = []
        seen = set()
        for _pos, node in walk:
            if node not in seen:
                seen.add(node)
                out.append(node)
                if len(out) == self._n:
                    break
        return out

    def _write(self, key, value, expiry, consistency):
        need = self._required(consistency)
        with self._lock:
            live = [n for n in self.replicas_for(key) if self._up[n]]
            if len(live) < need:
                raise UnavailableError(f"{len(live)} live replicas, {need} required")
            self._version += 1
            entry = (self._version, value, None if expiry is None else self._clock() + expiry)
            for n in live:
                self._store[n][key] = entry

    def put(self, key: str, value: Any, ttl: float | None = None, consistency: str | None = None) -> None:
        if ttl is not None and not ttl > 0:
            raise ValueError("ttl must be > 0")
        self._write(key, value, ttl, consistency)

    def delete(self, key: str, consistency: str | None = None) -> None:
        self._write(key, _TOMBSTONE, None, consistency)

    def get(self, key: str, consistency: str | None = None) -> Any:
        need = self._required(consistency)
        with self._lock:
            live = [n for n in self.replicas_for(key) if self._up[n]]
            if len(live) < need:
                raise UnavailableError(f"{len(live)} live replicas, {need} required")
            consulted = live[:need]
            newest = None
            for n in consulted:
                e = self._store[n].get(key)
                if e is not None and (newest is None or e[0] > newest[0]):
                    newest = e
            if newest is None:
                return None
            for n in consulted:
                e = self._store[n].get(key)
                if e is None or e[0] < newest[0]:
                    self._store[n][key] = newest
            _, value, expiry = newest
            if value is _TOMBSTONE:
                return None
            if expiry is not None and self._clock() >= expiry:
                return None
            return value

    def _check(self, node):
        if node not in self._store:
            raise KeyError(node)

    def fail_node(self, node: str) -> None:
        with self._lock:
            self._check(node)
            self._up[node] = False

    def recover_node(self, node: str) -> None:
        with self._lock:
            self._check(node)
            self._up[node] = True

    def node_entry(self, node: str, key: str) -> Any:
        with self._lock:
            self._check(node)
            e = self._store[node].get(key)
            if e is None or e[1] is _TOMBSTONE:
                return None
            return e[1]
