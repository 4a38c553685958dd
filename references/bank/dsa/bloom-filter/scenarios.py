"""Scenarios for the Bloom filter (observations only; expected values live in cases.yaml)."""

import math
import random


def membership(module, size: int, hash_count: int, items: int, probes: int, seed: int) -> dict:
    """Add seeded items, then query them (no false negatives allowed) and unseen probes."""
    rng = random.Random(seed)
    bloom = module.BloomFilter(size, hash_count)
    added = [f"doc-{rng.getrandbits(64):016x}" for _ in range(items)]
    for item in added:
        bloom.add(item)
    false_negatives = sum(not bloom.might_contain(item) for item in added)
    false_positives = sum(bloom.might_contain(f"probe-{i}") for i in range(probes))
    theoretical = (1 - math.exp(-hash_count * items / size)) ** hash_count
    return {
        "false_negatives": false_negatives,
        "false_positives": false_positives,
        "fp_rate_within_2x_theory": false_positives <= 2 * theoretical * probes + 10,
        "bits_set": bloom.bits_set(),
    }


def sized_for_capacity(module, expected_items: int, fp_rate: float, probes: int, seed: int) -> dict:
    """A filter built with for_capacity and filled to capacity: its measured fp rate."""
    rng = random.Random(seed)
    bloom = module.BloomFilter.for_capacity(expected_items, fp_rate)
    for _ in range(expected_items):
        bloom.add(rng.getrandbits(64).to_bytes(8, "big"))
    false_positives = sum(bloom.might_contain(f"absent-{i}") for i in range(probes))
    return {
        "size": bloom.size,
        "hash_count": bloom.hash_count,
        "false_positives": false_positives,
        "estimate": round(bloom.estimated_false_positive_rate(), 6),
    }


def capacity_parameters(module, expected_items: int, fp_rate: float) -> list:
    """[size, hash_count] chosen by for_capacity."""
    bloom = module.BloomFilter.for_capacity(expected_items, fp_rate)
    return [bloom.size, bloom.hash_count]


def bytes_and_str(module, text: str) -> dict:
    """A str and its UTF-8 bytes are the same item."""
    bloom = module.BloomFilter(512, 4)
    bloom.add(text.encode("utf-8"))
    return {
        "same_indexes": bloom.bit_indexes(text) == bloom.bit_indexes(text.encode("utf-8")),
        "str_found": bloom.might_contain(text),
        "bits_set": bloom.bits_set(),
    }


def fp_rate_bounds(module) -> dict:
    """for_capacity needs 0 < fp_rate < 1 (and expected_items >= 1): each bound and just inside."""
    outcomes = {}
    for rate in (0, 0.0, 1, 1.0, -0.5, 1.5, 1e-9, 0.999999):
        try:
            bloom = module.BloomFilter.for_capacity(100, rate)
            outcomes[repr(rate)] = [bloom.size, bloom.hash_count]
        except Exception as exc:  # the exception type is the observation
            outcomes[repr(rate)] = type(exc).__name__
    return outcomes
