# mutant: stores the bit set as one Python int, so every add copies the whole integer (O(size) per add).
import hashlib
import math


class BloomFilter:
    def __init__(self, size: int, hash_count: int) -> None:
        if size < 1 or hash_count < 1:
            raise ValueError("size and hash_count must be >= 1")
        self.size = size
        self.hash_count = hash_count
        self._bits = 0
        self._ones = 0

    @classmethod
    def for_capacity(cls, expected_items: int, fp_rate: float) -> "BloomFilter":
        if not expected_items >= 1 or not (0 < fp_rate < 1):
            raise ValueError("need expected_items >= 1 and 0 < fp_rate < 1")
        n = expected_items
        size = math.ceil(-n * math.log(fp_rate) / math.log(2) ** 2)
        k = max(1, round(size / n * math.log(2)))
        return cls(size, k)

    @staticmethod
    def _data(item):
        if isinstance(item, str):
            return item.encode("utf-8")
        if isinstance(item, bytes):
            return item
        raise TypeError("item must be str or bytes")

    def bit_indexes(self, item: str | bytes) -> list[int]:
        d = hashlib.sha256(self._data(item)).digest()
        h1 = int.from_bytes(d[0:8], "big")
        h2 = int.from_bytes(d[8:16], "big") | 1
        m = self.size
        return [(h1 + i * h2) % m for i in range(self.hash_count)]

    def add(self, item: str | bytes) -> None:
        for j in self.bit_indexes(item):
            if not (self._bits >> j) & 1:
                self._bits |= 1 << j
                self._ones += 1

    def might_contain(self, item: str | bytes) -> bool:
        return all((self._bits >> j) & 1 for j in self.bit_indexes(item))

    def __contains__(self, item: str | bytes) -> bool:
        return self.might_contain(item)

    def bits_set(self) -> int:
        return self._ones

    def estimated_false_positive_rate(self) -> float:
        return (self.bits_set() / self.size) ** self.hash_count
