"""Large-input scenarios for the LRU cache (observations only; expected values live in cases.yaml)."""

import random


def random_workload(module, capacity: int, operations: int, key_space: int, seed: int) -> dict:
    """Run a seeded mix of gets and puts; return a checksum of every get result."""
    rng = random.Random(seed)
    cache = module.LRUCache(capacity)
    checksum = 0
    hits = 0
    for step in range(operations):
        key = rng.randrange(key_space)
        if rng.random() < 0.5:
            cache.put(key, step)
        else:
            value = cache.get(key)
            if value != -1:
                hits += 1
            checksum = (checksum * 31 + value + 7) % 1_000_000_007
    return {"hits": hits, "checksum": checksum, "size": len(cache)}

