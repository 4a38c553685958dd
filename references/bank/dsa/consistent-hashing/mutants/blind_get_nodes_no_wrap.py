# mutant: get_nodes walks only to the end of the ring without wrapping around, returning too few nodes for keys near the end.
import bisect
import hashlib
from collections.abc import Iterable


def _h(s: str) -> int:
    return int.from_bytes(hashlib.md5(s.encode("utf-8")).digest()[:8], "big")


class ConsistentHashing:
    def __init__(self, nodes: Iterable[str] | None = None, replicas: int = 3) -> None:
        if replicas < 1:
            raise ValueError("replicas must be >= 1")
        self._replicas = replicas
        self._ring = []        # sorted (position, node)
        self._positions = []   # sorted positions, parallel to _ring
        self._nodes = set()
        if nodes is not None:
            nodes = list(nodes)
            if len(set(nodes)) != len(nodes):
                raise ValueError("duplicate node")
            for n in nodes:
                self.add_node(n)

    def add_node(self, node: str) -> None:
        if node in self._nodes:
            raise ValueError(f"node {node!r} already on the ring")
        self._nodes.add(node)
        for i in range(self._replicas):
            entry = (_h(f"{node}#{i}"), node)
            idx = bisect.bisect_left(self._ring, entry)
            self._ring.insert(idx, entry)
            self._positions.insert(idx, entry[0])

    def remove_node(self, node: str) -> None:
        if node not in self._nodes:
            raise KeyError(node)
        self._nodes.remove(node)
        self._ring = [e for e in self._ring if e[1] != node]
        self._positions = [p for p, _ in self._ring]

    def _start(self, key):
        idx = bisect.bisect_left(self._positions, _h(key))
        return 0 if idx == len(self._positions) else idx

    def get_node(self, key: str) -> str | None:
        if not self._ring:
            return None
        return self._ring[self._start(key)][1]

    def get_nodes(self, key: str, count: int) -> list[str]:
        if count < 1:
            raise ValueError("count must be >= 1")
        if not self._ring:
            return []
        want = min(count, len(self._nodes))
        out = []
        seen = set()
        idx = self._start(key)
        n = len(self._ring)
        for step in range(n - idx):
            node = self._ring[idx + step][1]
            if node not in seen:
                seen.add(node)
                out.append(node)
                if len(out) == want:
                    break
        return out

    def __len__(self) -> int:
        return len(self._nodes)

    def __contains__(self, node: object) -> bool:
        try:
            return node in self._nodes
        except TypeError:
            return False
