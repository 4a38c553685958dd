"""Replicated cache with tunable consistency (an in-process model)."""

import hashlib  # noqa: F401  -- ring positions use md5, see the question
import threading  # noqa: F401
import time
from collections.abc import Callable, Iterable
from typing import Any


class UnavailableError(Exception):
    """Fewer live replicas than the consistency level requires."""


class DistributedCache:
    """A replicated key-value cache over named nodes.

    DistributedCache(nodes, consistency_level, *, replication_factor=3, vnodes=16,
    clock=time.monotonic): ``ValueError`` for empty/duplicate nodes, a level other than
    "one"/"quorum"/"all", or replication_factor outside [1, len(nodes)].
    Levels need 1, N // 2 + 1 or N replicas (N = replication_factor).
    Placement: md5 ring with ``vnodes`` virtual nodes per node, ``h(f"{node}#{i}")``.
    All methods are thread-safe; ``replicas_for`` is O(log(nodes * vnodes)) plus the walk.
    """

    def __init__(
        self,
        nodes: Iterable[str],
        consistency_level: str,
        *,
        replication_factor: int = 3,
        vnodes: int = 16,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        raise NotImplementedError

    def replicas_for(self, key: str) -> list[str]:
        """The key's N distinct replica nodes, clockwise from h(key) (down nodes included)."""
        raise NotImplementedError

    def put(self, key: str, value: Any, ttl: float | None = None, consistency: str | None = None) -> None:
        """Write a new version to every live replica; ``UnavailableError`` (writing nothing)
        if fewer live replicas than the level requires; ``ValueError`` if ``ttl <= 0``."""
        raise NotImplementedError

    def delete(self, key: str, consistency: str | None = None) -> None:
        """Write a versioned tombstone, with the same rules as ``put``."""
        raise NotImplementedError

    def get(self, key: str, consistency: str | None = None) -> Any:
        """Newest value among the first R live replicas (after read repair), or ``None``."""
        raise NotImplementedError

    def fail_node(self, node: str) -> None:
        """Mark ``node`` down; ``KeyError`` if unknown."""
        raise NotImplementedError

    def recover_node(self, node: str) -> None:
        """Mark ``node`` up again (its data is kept); ``KeyError`` if unknown."""
        raise NotImplementedError

    def node_entry(self, node: str, key: str) -> Any:
        """Raw value on ``node`` (``None`` if absent or a tombstone; TTL ignored)."""
        raise NotImplementedError
