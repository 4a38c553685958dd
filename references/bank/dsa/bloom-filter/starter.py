"""Bloom filter with k hash functions derived by double hashing from one sha256 digest."""

import hashlib  # noqa: F401
import math  # noqa: F401


class BloomFilter:
    """A Bloom filter over ``size`` bits with ``hash_count`` hash functions.

    Positions for an item (``str`` as UTF-8, or ``bytes``): ``d = sha256(data).digest()``,
    ``h1 = int.from_bytes(d[0:8], "big")``, ``h2 = int.from_bytes(d[8:16], "big") | 1``,
    ``index_i = (h1 + i * h2) % size`` for ``i in range(hash_count)``.
    Bit ``j`` is byte ``j // 8``, mask ``1 << (j % 8)``.

    BloomFilter(size, hash_count): ``ValueError`` if either is < 1.
    ``add``/``might_contain``/``bit_indexes``: O(hash_count); ``TypeError`` for other item types.
    """

    def __init__(self, size: int, hash_count: int) -> None:
        raise NotImplementedError

    @classmethod
    def for_capacity(cls, expected_items: int, fp_rate: float) -> "BloomFilter":
        """size = ceil(-n ln p / ln(2)^2), hash_count = max(1, round(size / n * ln 2)).

        ``ValueError`` unless ``expected_items >= 1`` and ``0 < fp_rate < 1``.
        """
        raise NotImplementedError

    def bit_indexes(self, item: str | bytes) -> list[int]:
        """The ``hash_count`` bit positions of ``item``, in order."""
        raise NotImplementedError

    def add(self, item: str | bytes) -> None:
        raise NotImplementedError

    def might_contain(self, item: str | bytes) -> bool:
        """``True`` if all the item's bits are set (maybe present), ``False`` if surely absent."""
        raise NotImplementedError

    def __contains__(self, item: str | bytes) -> bool:
        raise NotImplementedError

    def bits_set(self) -> int:
        """Number of bits set to 1."""
        raise NotImplementedError

    def estimated_false_positive_rate(self) -> float:
        """``(bits_set() / size) ** hash_count``."""
        raise NotImplementedError
