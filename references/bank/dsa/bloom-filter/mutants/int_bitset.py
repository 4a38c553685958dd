# mutant: uses a Python int as the bit array; every set/test shifts or copies the whole size-bit integer, O(size) per operation
import hashlib
import math


class BloomFilter:
    def __init__(self, size, hash_count):
        if size < 1 or hash_count < 1:
            raise ValueError("size and hash_count must be >= 1")
        self.size = size
        self.hash_count = hash_count
        self.bits = 0

    @classmethod
    def for_capacity(cls, expected_items, fp_rate):
        if expected_items < 1 or not 0 < fp_rate < 1:
            raise ValueError("bad capacity parameters")
        size = math.ceil(-expected_items * math.log(fp_rate) / math.log(2) ** 2)
        return cls(size, max(1, round(size / expected_items * math.log(2))))

    def bit_indexes(self, item):
        if isinstance(item, str):
            item = item.encode("utf-8")
        elif not isinstance(item, bytes):
            raise TypeError("items must be str or bytes")
        digest = hashlib.sha256(item).digest()
        h1 = int.from_bytes(digest[0:8], "big")
        h2 = int.from_bytes(digest[8:16], "big") | 1
        return [(h1 + i * h2) % self.size for i in range(self.hash_count)]

    def add(self, item):
        for index in self.bit_indexes(item):
            self.bits |= 1 << index

    def might_contain(self, item):
        return all((self.bits >> index) & 1 for index in self.bit_indexes(item))

    def __contains__(self, item):
        return self.might_contain(item)

    def bits_set(self):
        return bin(self.bits).count("1")

    def estimated_false_positive_rate(self):
        return (self.bits_set() / self.size) ** self.hash_count
