"""Consistent hashing ring with virtual nodes."""

import hashlib  # noqa: F401  -- positions use md5, see the class docstring
from collections.abc import Iterable


class ConsistentHashing:
    """A hash ring mapping string keys to nodes.

    Positions: ``h(s) = int.from_bytes(hashlib.md5(s.encode("utf-8")).digest()[:8], "big")``.
    Node ``n`` has virtual nodes at ``h(f"{n}#{i}")`` for ``i in range(replicas)``; key ``k``
    belongs to the first virtual node clockwise from ``h(k)`` (smallest position >= h(k),
    wrapping around). Equal positions are ordered by node name.

    ConsistentHashing(nodes=None, replicas=3): raises ``ValueError`` if ``replicas < 1`` or
    ``nodes`` contains a duplicate.

    Complexity: ``get_node`` O(log(N*R)); ``get_nodes`` O(log(N*R) + virtual nodes walked);
    ``add_node``/``remove_node`` O(N*R).
    """

    def __init__(self, nodes: Iterable[str] | None = None, replicas: int = 3) -> None:
        raise NotImplementedError

    def add_node(self, node: str) -> None:
        """Add ``node`` with its ``replicas`` virtual nodes; ``ValueError`` if already present."""
        raise NotImplementedError

    def remove_node(self, node: str) -> None:
        """Remove ``node`` and all its virtual nodes; ``KeyError`` if absent."""
        raise NotImplementedError

    def get_node(self, key: str) -> str | None:
        """The node owning ``key``, or ``None`` if the ring is empty."""
        raise NotImplementedError

    def get_nodes(self, key: str, count: int) -> list[str]:
        """The first ``count`` distinct nodes clockwise from ``key`` (fewer if the ring is small).

        Raises ``ValueError`` if ``count < 1``.
        """
        raise NotImplementedError

    def __len__(self) -> int:
        """Number of physical nodes on the ring."""
        raise NotImplementedError

    def __contains__(self, node: object) -> bool:
        """Whether ``node`` is on the ring."""
        raise NotImplementedError
