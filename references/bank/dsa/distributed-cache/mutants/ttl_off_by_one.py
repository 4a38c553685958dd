# mutant: an entry is still served at the exact expiry instant (uses > instead of >=)
import bisect
import hashlib
import threading
import time
from collections.abc import Callable, Hashable, Iterable
from typing import Any, NamedTuple


class UnavailableError(Exception):
    """Fewer live replicas than the consistency level requires."""


class _Entry(NamedTuple):
    version: int
    value: Any
    expires_at: float | None
    tombstone: bool


def ring_position(label: str) -> int:
    return int.from_bytes(hashlib.md5(label.encode("utf-8")).digest()[:8], "big")


class DistributedCache:
    """A replicated key-value cache over named nodes (see the question for the contract)."""

    LEVELS = ("one", "quorum", "all")

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
        if not names or len(set(names)) != len(names):
            raise ValueError("nodes must be a non-empty list of distinct names")
        if not 1 <= replication_factor <= len(names):
            raise ValueError(f"replication_factor must be in [1, {len(names)}], got {replication_factor}")
        if vnodes < 1:
            raise ValueError(f"vnodes must be >= 1, got {vnodes}")
        self.replication_factor = replication_factor
        self.consistency_level = consistency_level
        self._required(consistency_level)  # validates
        self._clock = clock
        self._stores: dict[str, dict[Hashable, _Entry]] = {name: {} for name in names}
        self._down: set[str] = set()
        self._ring = sorted((ring_position(f"{name}#{i}"), name) for name in names for i in range(vnodes))
        self._version = 0
        self._lock = threading.Lock()

    def _required(self, level: str | None) -> int:
        level = self.consistency_level if level is None else level
        n = self.replication_factor
        counts = {"one": 1, "quorum": n // 2 + 1, "all": n}
        if level not in counts:
            raise ValueError(f"consistency level must be one of {self.LEVELS}, got {level!r}")
        return counts[level]

    def replicas_for(self, key: str) -> list[str]:
        start = bisect.bisect_left(self._ring, (ring_position(key),))
        replicas: list[str] = []
        for offset in range(len(self._ring)):
            node = self._ring[(start + offset) % len(self._ring)][1]
            if node not in replicas:
                replicas.append(node)
                if len(replicas) == self.replication_factor:
                    break
        return replicas

    def _live_replicas(self, key: str, needed: int) -> list[str]:
        live = [node for node in self.replicas_for(key) if node not in self._down]
        if len(live) < needed:
            raise UnavailableError(f"{len(live)} live replicas for {key!r}, need {needed}")
        return live

    def _write(self, key: str, value: Any, ttl: float | None, tombstone: bool, level: str | None) -> None:
        needed = self._required(level)
        with self._lock:
            live = self._live_replicas(key, needed)  # check first: a failed write writes nothing
            self._version += 1
            expires_at = None if ttl is None else self._clock() + ttl
            entry = _Entry(self._version, value, expires_at, tombstone)
            for node in live:
                self._stores[node][key] = entry

    def put(self, key: str, value: Any, ttl: float | None = None, consistency: str | None = None) -> None:
        if ttl is not None and ttl <= 0:
            raise ValueError(f"ttl must be > 0, got {ttl}")
        self._write(key, value, ttl, False, consistency)

    def delete(self, key: str, consistency: str | None = None) -> None:
        self._write(key, None, None, True, consistency)

    def get(self, key: str, consistency: str | None = None) -> Any:
        needed = self._required(consistency)
        with self._lock:
            consulted = self._live_replicas(key, needed)[:needed]
            entries = {node: self._stores[node].get(key) for node in consulted}
            newest = max((e for e in entries.values() if e is not None), key=lambda e: e.version, default=None)
            if newest is None:
                return None
            for node, entry in entries.items():  # read repair
                if entry is None or entry.version < newest.version:
                    self._stores[node][key] = newest
            if newest.tombstone or (newest.expires_at is not None and self._clock() > newest.expires_at):
                return None
            return newest.value

    def _check_node(self, node: str) -> None:
        if node not in self._stores:
            raise KeyError(node)

    def fail_node(self, node: str) -> None:
        with self._lock:
            self._check_node(node)
            self._down.add(node)

    def recover_node(self, node: str) -> None:
        with self._lock:
            self._check_node(node)
            self._down.discard(node)

    def node_entry(self, node: str, key: str) -> Any:
        with self._lock:
            self._check_node(node)
            entry = self._stores[node].get(key)
            return None if entry is None or entry.tombstone else entry.value
