# mutant: ignores replicas: each node gets one point at h(node), no virtual nodes
import bisect
import hashlib
from collections.abc import Iterable


def ring_position(label: str) -> int:
    """A stable 64-bit position; unlike hash(), it is the same in every process."""
    return int.from_bytes(hashlib.md5(label.encode("utf-8")).digest()[:8], "big")


class ConsistentHashing:
    """A hash ring mapping string keys to nodes (see the question for the exact contract)."""

    def __init__(self, nodes: Iterable[str] | None = None, replicas: int = 3) -> None:
        if replicas < 1:
            raise ValueError(f"replicas must be >= 1, got {replicas}")
        self.replicas = replicas
        self._nodes: set[str] = set()
        points: list[tuple[int, str]] = []
        for node in nodes or ():
            if node in self._nodes:
                raise ValueError(f"duplicate node {node!r}")
            self._nodes.add(node)
            points.extend(self._virtual_nodes(node))
        self._ring = sorted(points)  # one sort instead of N*R insertions

    def _virtual_nodes(self, node: str) -> list[tuple[int, str]]:
        return [(ring_position(node), node)]

    def add_node(self, node: str) -> None:
        if node in self._nodes:
            raise ValueError(f"node {node!r} is already on the ring")
        self._nodes.add(node)
        for point in self._virtual_nodes(node):
            bisect.insort(self._ring, point)

    def remove_node(self, node: str) -> None:
        if node not in self._nodes:
            raise KeyError(node)
        self._nodes.remove(node)
        self._ring = [point for point in self._ring if point[1] != node]

    def _first_index(self, key: str) -> int:
        # (h,) sorts before every (h, node), so this finds the first position >= h.
        index = bisect.bisect_left(self._ring, (ring_position(key),))
        return index if index < len(self._ring) else 0  # wrap around

    def get_node(self, key: str) -> str | None:
        if not self._ring:
            return None
        return self._ring[self._first_index(key)][1]

    def get_nodes(self, key: str, count: int) -> list[str]:
        if count < 1:
            raise ValueError(f"count must be >= 1, got {count}")
        if not self._ring:
            return []
        wanted = min(count, len(self._nodes))
        start = self._first_index(key)
        found: list[str] = []
        for offset in range(len(self._ring)):
            node = self._ring[(start + offset) % len(self._ring)][1]
            if node not in found:
                found.append(node)
                if len(found) == wanted:
                    break
        return found

    def __len__(self) -> int:
        return len(self._nodes)

    def __contains__(self, node: object) -> bool:
        return node in self._nodes
