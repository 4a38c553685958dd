# mutant: for_capacity truncates the size with int() instead of rounding up with ceil.
import hashlib
import math


class BloomFilter:
    def __init__(self, size: int, hash_count: int) -> None:
        if size < 1 or hash_count < 1:
            raise ValueError("size and hash_count must be >= 1")
        self.size = size
        self.hash_count = hash_count
        self._bits = bytearray((size + 7) // 8)
        self._ones = 0

    @classmethod
    def for_capacity(cls, expected_items: int, fp_rate: float) -> "BloomFilter":
        if not expected_items >= 1 or not (0 < fp_rate < 1):
            raise ValueError("need expected_items >= 1 and 0 < fp_rate < 1")
        n = expected_items
        size = int(-n * math.log(fp_rate) / math.log(2) ** 2)
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
        bits = self._bits
        for j in self.bit_indexes(item):
            byte, mask = j >> 3, 1 << (j & 7)
            if not bits[byte] & mask:
                bits[byte] |= mask
                self._ones += 1

    def might_contain(self, item: str | bytes) -> bool:
        bits = self._bits
        return all(bits[j >> 3] & (1 << (j & 7)) for j in self.bit_indexes(item))

    def __contains__(self, item: str | bytes) -> bool:
        return self.might_contain(item)

    def bits_set(self) -> int:
        return self._ones

    def estimated_false_positive_rate(self) -> float:
        return (self.bits_set() / self.size) ** self.hash_count
