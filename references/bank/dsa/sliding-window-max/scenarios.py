"""Large-input scenarios for the sliding window maximum (observations only)."""

import random


def random_stream(module, n: int, k: int, seed: int, low: int = -10**6, high: int = 10**6) -> dict:
    """Seeded random values; returns length and a checksum of the maxima and whether the input was left intact."""
    rng = random.Random(seed)
    nums = [rng.randint(low, high) for _ in range(n)]
    snapshot = list(nums)
    maxima = module.maxSlidingWindow(nums, k)
    checksum = 0
    for value in maxima:
        checksum = (checksum * 1_000_003 + value) % (2**61 - 1)
    return {"length": len(maxima), "checksum": checksum, "input_unchanged": nums == snapshot}


def decreasing_stream(module, n: int, k: int) -> dict:
    """A strictly decreasing stream: every window's max is its first element (the deque never pops from the back)."""
    nums = list(range(n, 0, -1))
    maxima = module.maxSlidingWindow(nums, k)
    return {"length": len(maxima), "first": maxima[:3], "last": maxima[-3:], "sum": sum(maxima)}
