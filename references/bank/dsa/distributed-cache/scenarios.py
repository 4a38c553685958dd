"""Scenarios for the distributed cache (observations only; expected values live in cases.yaml)."""

import hashlib
import random
import sys
import threading

JOIN_TIMEOUT = 4.0
THREAD_STACK_BYTES = 512 * 1024


def concurrent_writers(module, nodes: int, threads: int, rounds: int, writes_per_round: int) -> dict:
    """Per round, all threads overwrite one key until the round's write budget is used up.

    When the budget runs out every thread finishes the put it is in, so the final writes of a
    round race each other. Writes are atomic in a correct cache, so every key's replicas end up
    holding the same value; interleaved per-replica writes leave them disagreeing.
    """
    sys.setswitchinterval(1e-6)
    threading.stack_size(THREAD_STACK_BYTES)
    names = [f"n{i}" for i in range(nodes)]
    cache = module.DistributedCache(names, "quorum", replication_factor=3)
    errors: list[str] = []
    budget_lock = threading.Lock()

    def write(index: int, key: str, budget: list) -> None:
        i = 0
        while True:
            with budget_lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            try:
                cache.put(key, f"t{index}-{i}")
            except Exception as exc:
                errors.append(type(exc).__name__)
                return
            i += 1

    hung = 0
    for round_no in range(rounds):
        budget = [writes_per_round]
        key = f"round-{round_no}"
        workers = [threading.Thread(target=write, args=(i, key, budget), daemon=True) for i in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(JOIN_TIMEOUT)
        hung += sum(worker.is_alive() for worker in workers)
    converged = 0
    for round_no in range(rounds):
        key = f"round-{round_no}"
        stored = {cache.node_entry(node, key) for node in cache.replicas_for(key)}
        converged += len(stored) == 1 and None not in stored
    return {"converged_keys": converged, "errors": sorted(set(errors)), "hung_threads": hung}


def workload(module, nodes: int, operations: int, key_space: int, seed: int, level: str) -> dict:
    """A seeded mix of puts, gets, deletes and node failures/recoveries, checksummed."""
    rng = random.Random(seed)
    names = [f"node-{i}" for i in range(nodes)]
    cache = module.DistributedCache(names, level, replication_factor=3, clock=lambda: 0.0)
    digest = hashlib.sha256()
    unavailable = 0
    down: list[str] = []
    for step in range(operations):
        key = f"key-{rng.randrange(key_space)}"
        action = rng.random()
        try:
            if action < 0.4:
                cache.put(key, step)
            elif action < 0.85:
                digest.update(repr(cache.get(key)).encode())
            elif action < 0.95:
                cache.delete(key)
            elif down and rng.random() < 0.5:
                cache.recover_node(down.pop(rng.randrange(len(down))))
            elif len(down) < nodes // 2:
                victim = rng.choice(names)
                if victim not in down:
                    cache.fail_node(victim)
                    down.append(victim)
        except module.UnavailableError:
            unavailable += 1
    return {"reads_digest": digest.hexdigest()[:16], "unavailable": unavailable}
