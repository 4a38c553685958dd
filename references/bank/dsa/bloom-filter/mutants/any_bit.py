# mutant: might_contain returns True when any of the k bits is set instead of all of them
import hashlib
import math


class BloomFilter:
    """A Bloom filter over ``size`` bits with ``hash_count`` hash functions."""

    def __init__(self, size: int, hash_count: int) -> None:
        if size < 1:
            raise ValueError(f"size must be >= 1, got {size}")
        if hash_count < 1:
            raise ValueError(f"hash_count must be >= 1, got {hash_count}")
        self.size = size
        self.hash_count = hash_count
        self._bits = bytearray((size + 7) // 8)

    @classmethod
    def for_capacity(cls, expected_items: int, fp_rate: float) -> "BloomFilter":
        if expected_items < 1:
            raise ValueError(f"expected_items must be >= 1, got {expected_items}")
        if not 0 < fp_rate < 1:
            raise ValueError(f"fp_rate must be in (0, 1), got {fp_rate}")
        size = math.ceil(-expected_items * math.log(fp_rate) / math.log(2) ** 2)
        hash_count = max(1, round(size / expected_items * math.log(2)))
        return cls(size, hash_count)

    def bit_indexes(self, item: str | bytes) -> list[int]:
        if isinstance(item, str):
            data = item.encode("utf-8")
        elif isinstance(item, bytes):
            data = item
        else:
            raise TypeError(f"items must be str or bytes, got {type(item).__name__}")
        digest = hashlib.sha256(data).digest()
        h1 = int.from_bytes(digest[0:8], "big")
        h2 = int.from_bytes(digest[8:16], "big") | 1
        return [(h1 + i * h2) % self.size for i in range(self.hash_count)]

    def add(self, item: str | bytes) -> None:
        for index in self.bit_indexes(item):
            self._bits[index >> 3] |= 1 << (index & 7)

    def might_contain(self, item: str | bytes) -> bool:
        return any(self._bits[index >> 3] & (1 << (index & 7)) for index in self.bit_indexes(item))

    def __contains__(self, item: str | bytes) -> bool:
        return self.might_contain(item)

    def bits_set(self) -> int:
        return int.from_bytes(self._bits, "little").bit_count()

    def estimated_false_positive_rate(self) -> float:
        return (self.bits_set() / self.size) ** self.hash_count
