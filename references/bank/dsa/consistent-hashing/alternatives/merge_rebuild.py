# alternative: parallel position/owner arrays rebuilt with a linear heapq.merge on add and a filtered copy on remove; node -> its vnode positions kept in a dict.
import hashlib
import heapq
from bisect import bisect_left
from collections.abc import Iterable


def _position(label):
    digest = hashlib.md5(label.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


class ConsistentHashing:
    def __init__(self, nodes: Iterable[str] | None = None, replicas: int = 3) -> None:
        if not replicas >= 1:
            raise ValueError("replicas must be at least 1")
        self.replicas = replicas
        self._pos = []
        self._owner = []
        self._members = {}   # node -> sorted list of (pos, node) for its vnodes
        for n in (nodes or ()):
            if n in self._members:
                raise ValueError("duplicate node %r" % (n,))
            self.add_node(n)

    def add_node(self, node: str) -> None:
        if node in self._members:
            raise ValueError("node already present")
        mine = sorted((_position(f"{node}#{i}"), node) for i in range(self.replicas))
        self._members[node] = mine
        merged = list(heapq.merge(zip(self._pos, self._owner), mine))
        self._pos = [p for p, _ in merged]
        self._owner = [o for _, o in merged]

    def remove_node(self, node: str) -> None:
        if node not in self._members:
            raise KeyError(node)
        del self._members[node]
        keep = [i for i, o in enumerate(self._owner) if o != node]
        self._pos = [self._pos[i] for i in keep]
        self._owner = [self._owner[i] for i in keep]

    def get_node(self, key: str) -> str | None:
        if not self._pos:
            return None
        i = bisect_left(self._pos, _position(key))
        if i == len(self._pos):
            i = 0
        return self._owner[i]

    def get_nodes(self, key: str, count: int) -> list[str]:
        if count < 1:
            raise ValueError("count must be at least 1")
        total = len(self._pos)
        if total == 0:
            return []
        limit = min(count, len(self._members))
        i = bisect_left(self._pos, _position(key))
        result = []
        met = set()
        for k in range(total):
            o = self._owner[(i + k) % total]
            if o not in met:
                met.add(o)
                result.append(o)
                if len(result) >= limit:
                    break
        return result

    def __len__(self) -> int:
        return len(self._members)

    def __contains__(self, node: object) -> bool:
        try:
            return node in self._members
        except TypeError:
            return False
