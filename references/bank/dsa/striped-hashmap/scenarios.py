"""Scenarios for the striped hash map (observations only; expected values live in cases.yaml)."""

import hashlib
import random
import sys
import threading

JOIN_TIMEOUT = 4.0
THREAD_STACK_BYTES = 512 * 1024


def _checksum(mapping: dict) -> str:
    text = ";".join(f"{key}={mapping[key]}" for key in sorted(mapping))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _run_threads(target, count: int) -> int:
    threads = [threading.Thread(target=target, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
    return sum(thread.is_alive() for thread in threads)


def concurrent_increments(module, stripes: int, threads: int, increments: int, key_space: int, seed: int) -> dict:
    """Threads increment seeded random keys; each key string is built afresh (equal, not identical)."""
    sys.setswitchinterval(1e-6)
    threading.stack_size(THREAD_STACK_BYTES)
    counters = module.StripedHashMap(stripes)
    start = threading.Barrier(threads)

    def work(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        try:
            start.wait(JOIN_TIMEOUT)
        except threading.BrokenBarrierError:
            pass
        for _ in range(increments):
            counters.increment("key-" + str(rng.randrange(key_space)))

    hung = _run_threads(work, threads)
    final = counters.snapshot()
    return {"total": sum(final.values()), "keys": len(counters), "checksum": _checksum(final),
            "hung_threads": hung}


def concurrent_put_remove(module, stripes: int, threads: int, keys_per_thread: int) -> dict:
    """Each thread puts its own keys, removes the odd ones and reads the even ones back."""
    sys.setswitchinterval(1e-6)
    threading.stack_size(THREAD_STACK_BYTES)
    table = module.StripedHashMap(stripes)
    read_errors = [0] * threads

    def work(index: int) -> None:
        for i in range(keys_per_thread):
            table.put((index, i), i * i)
        for i in range(1, keys_per_thread, 2):
            if table.remove((index, i)) != i * i:
                read_errors[index] += 1
        for i in range(0, keys_per_thread, 2):
            if table.get((index, i)) != i * i or (index, i + 1) in table:
                read_errors[index] += 1

    hung = _run_threads(work, threads)
    return {"len": len(table), "snapshot_len": len(table.snapshot()), "read_errors": sum(read_errors),
            "hung_threads": hung}


def single_thread_workload(module, stripes: int, operations: int, key_space: int, seed: int) -> dict:
    """A seeded mix of every operation on a large map, checksummed."""
    rng = random.Random(seed)
    table = module.StripedHashMap(stripes)
    misses = 0
    acc = 0
    for step in range(operations):
        key = rng.randrange(key_space)
        action = rng.random()
        if action < 0.35:
            table.put(key, step)
        elif action < 0.6:
            acc = (acc * 31 + table.increment(key, 3)) % 1_000_000_007
        elif action < 0.9:
            value = table.get(key, -1)
            acc = (acc * 31 + value + 1) % 1_000_000_007
        else:
            try:
                acc = (acc + table.remove(key)) % 1_000_000_007
            except KeyError:
                misses += 1
    return {"len": len(table), "acc": acc, "remove_misses": misses}
