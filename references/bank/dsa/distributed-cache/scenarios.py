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


_GATE: dict = {"armed": False}


class _GateKey(str):
    """A real str key that, in the reader thread, pauses at the reader's `at`-th dictionary
    access (its hash) and lets the writer's put run to completion right there (or waits 0.2 s
    if the put cannot proceed because the reader holds the cache's lock)."""

    def __hash__(self):
        gate = _GATE
        if gate["armed"] and threading.current_thread() is gate["reader"]:
            gate["count"] += 1
            if gate["count"] == gate["at"]:
                gate["go"].set()
                gate["done"].wait(0.2)
        return str.__hash__(self)

    def __eq__(self, other):
        return str.__eq__(self, other)


def repair_races_put(module, max_access: int) -> dict:
    """A forced interleaving, swept: one replica of the key misses a write (failed, then
    recovered: it is stale); a get at ALL, which read-repairs it, is paused at its k-th
    dictionary access (k = 1..max_access, each stale-replica position) while a put of a newer
    value runs. An atomic get and put leave every replica with the put's value whatever k is; a
    read-repair computed before the put and written after it leaves one with an older value."""
    threading.stack_size(THREAD_STACK_BYTES)
    names = [f"n{i}" for i in range(5)]
    cache = module.DistributedCache(names, "one", replication_factor=3, vnodes=4)
    key = _GateKey("hot-key")
    replicas = cache.replicas_for("hot-key")
    stale_rounds, errors, rounds = 0, [], 0
    for position in range(3):
        for at in range(1, max_access + 1):
            rounds += 1
            cache.put(key, f"base-{rounds}", consistency="all")
            cache.fail_node(replicas[position])
            cache.put(key, f"mid-{rounds}", consistency="quorum")
            cache.recover_node(replicas[position])
            go, done = threading.Event(), threading.Event()

            def writer(value=f"new-{rounds}") -> None:
                go.wait(JOIN_TIMEOUT)
                try:
                    cache.put(key, value, consistency="one")
                except Exception as exc:
                    errors.append(type(exc).__name__)
                finally:
                    done.set()

            def reader() -> None:
                try:
                    cache.get(key, consistency="all")
                except Exception as exc:
                    errors.append(type(exc).__name__)

            write_thread = threading.Thread(target=writer, daemon=True)
            read_thread = threading.Thread(target=reader, daemon=True)
            _GATE.update(armed=True, reader=read_thread, count=0, at=at, go=go, done=done)
            write_thread.start()
            read_thread.start()
            read_thread.join(JOIN_TIMEOUT)
            _GATE["armed"] = False
            go.set()
            write_thread.join(JOIN_TIMEOUT)
            held = [cache.node_entry(node, "hot-key") for node in replicas]
            stale_rounds += any(value != f"new-{rounds}" for value in held)
    return {"rounds": rounds, "rounds_with_a_stale_replica": stale_rounds, "errors": sorted(set(errors))}


def quorum_sizes(module) -> dict:
    """For N = 1..6: with k of the key's N replicas down, do put/get at QUORUM (N // 2 + 1) and
    ALL succeed or raise UnavailableError? Even N is where (N + 1) // 2 differs."""
    names = [f"n{i}" for i in range(7)]
    observed = {}
    for n in range(1, 7):
        for down in range(n + 1):
            cache = module.DistributedCache(names, "quorum", replication_factor=n, vnodes=4)
            replicas = cache.replicas_for("k")
            for node in replicas[:down]:
                cache.fail_node(node)
            row = []
            for level in ("one", "quorum", "all"):
                try:
                    cache.put("k", "v", consistency=level)
                    row.append("ok")
                except Exception as exc:
                    row.append(type(exc).__name__)
            observed[f"N={n} down={down}"] = row
    return observed


def placement(module, nodes: int, replication_factor: int, vnodes: int, keys: int) -> dict:
    """replicas_for over many keys (ASCII and not): the md5-based ring fixes every answer."""
    names = [f"node-{i}" for i in range(nodes)]
    cache = module.DistributedCache(names, "one", replication_factor=replication_factor, vnodes=vnodes)
    keys_list = [f"k{i}" for i in range(keys)] + ["clé", "ключ", "", "node-0#0"]
    placed = [cache.replicas_for(key) for key in keys_list]
    return {"sha256": hashlib.sha256(repr(placed).encode()).hexdigest(), "first": placed[:5], "last": placed[-4:]}


def signature(module) -> dict:
    """nodes and consistency_level may be passed by keyword; replication_factor, vnodes and clock
    are keyword-only."""
    outcomes = {}
    try:
        cache = module.DistributedCache(nodes=["a", "b", "c"], consistency_level="one")
        outcomes["keywords"] = cache.replicas_for("x")
    except Exception as exc:
        outcomes["keywords"] = type(exc).__name__
    try:
        module.DistributedCache(["a", "b", "c"], "one", 2)
        outcomes["replication_positional"] = "accepted"
    except TypeError:
        outcomes["replication_positional"] = "TypeError"
    return outcomes


def ring_scaling(module, small: int, big: int, lookups: int, max_ratio: float) -> dict:
    """replicas_for on a ring of `small` and of `big` nodes (16 virtual nodes each, N = 3):
    a binary search costs log(positions), about twice as much on the big ring; a scan costs
    big/small (hundreds of) times more, against `max_ratio` ~10."""
    import gc
    import time

    def cost(nodes: int):
        cache = module.DistributedCache([f"n{i}" for i in range(nodes)], "one", replication_factor=3)
        keys = [f"key-{i}" for i in range(lookups)]
        best = float("inf")
        for _ in range(3):
            gc.collect()
            started = time.thread_time()
            for key in keys:
                cache.replicas_for(key)
            best = min(best, time.thread_time() - started)
        return best, cache.replicas_for("key-0")

    small_s, _ = cost(small)
    big_s, sample = cost(big)
    return {"sample": sample, "lookup_cost_logarithmic": big_s < max_ratio * max(small_s, 1e-4)}
