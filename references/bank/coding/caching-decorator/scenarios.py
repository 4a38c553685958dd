"""Apply the candidate's decorator to scripted functions and record what happens, step by step."""

import random


class Tensor:
    """Equal by content, but every instance has the same repr (like a truncated array print)."""

    def __init__(self, *values):
        self.values = tuple(values)

    def __eq__(self, other):
        return isinstance(other, Tensor) and self.values == other.values

    def __hash__(self):
        return hash(self.values)

    def __repr__(self):
        return "Tensor([...])"


def _build(module, clock, ttl, maxsize):
    calls = []
    options = {}
    if ttl is not None:
        options["ttl"] = ttl
    if maxsize is not None:
        options["maxsize"] = maxsize
    if clock is not None:
        options["clock"] = clock

    @module.cache_predictions(**options)
    def score(x, *, scale=1, **extra):
        """Score x."""
        calls.append(x)
        if x == "boom":
            raise RuntimeError("model crashed")
        if x == "none":
            return None
        if x == "zero":
            return 0
        if isinstance(x, Tensor):
            return sum(x.values) * scale
        return [x, scale, sorted(extra.items())]

    return score, calls


def run(module, ops, clock=None, ttl=None, maxsize=None):
    """ops: ["call", args, kwargs] | ["advance", seconds] | ["info"] | ["clear"] | ["tensor", values]."""
    score, calls = _build(module, clock, ttl, maxsize)
    log = []
    for op in ops:
        kind = op[0]
        if kind == "advance":
            clock.advance(op[1])
            continue
        if kind == "info":
            log.append(score.cache_info())
            continue
        if kind == "clear":
            score.cache_clear()
            continue
        if kind == "tensor":
            args, kwargs = [Tensor(*op[1])], {}
        else:
            args = op[1]
            kwargs = op[2] if len(op) > 2 else {}
        before = len(calls)
        try:
            value = score(*args, **kwargs)
            log.append({"value": value, "computed": len(calls) > before})
        except Exception as error:
            log.append({"raises": type(error).__name__, "computed": len(calls) > before})
    return {"log": log, "calls": len(calls)}


def metadata(module):
    score, _ = _build(module, None, None, None)
    return {"name": score.__name__, "doc": score.__doc__}


def bad_config(module, ttl=None, maxsize=None):
    options = {}
    if ttl is not None:
        options["ttl"] = ttl
    if maxsize is not None:
        options["maxsize"] = maxsize
    try:
        module.cache_predictions(**options)
        return "accepted"
    except Exception as error:
        return type(error).__name__


def lru_stress(module, clock, n, maxsize, keyspace, seed):
    rng = random.Random(seed)
    calls = []

    @module.cache_predictions(ttl=1e9, maxsize=maxsize, clock=clock)
    def embed(key):
        calls.append(key)
        return key * 2

    checksum = 0
    for step in range(n):
        # Hot keys are reused often, cold keys rarely: a realistic skew.
        key = rng.randrange(keyspace // 4) if rng.random() < 0.7 else rng.randrange(keyspace)
        checksum = (checksum + embed(key) * (step % 7 + 1)) % 1_000_000_007
        clock.advance(0.001)
    return {"calls": len(calls), "checksum": checksum, "info": embed.cache_info()}


def _best_seconds(function, repeats: int = 3) -> float:
    import gc
    import time

    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        started = time.thread_time()
        function()
        best = min(best, time.thread_time() - started)
    return best


def eviction_scaling(module, clock, small: int, big: int, calls: int, max_ratio: float) -> dict:
    """The same `calls` misses (each evicting) and hits, timed on a full cache of `small` and of
    `big` entries: O(1) per call costs the same in both, O(maxsize) per call costs big/small
    (hundreds of) times more, against a `max_ratio` of about 10."""
    def timed(maxsize: int) -> float:
        @module.cache_predictions(ttl=1e12, maxsize=maxsize, clock=clock)
        def embed(key):
            return key

        for key in range(maxsize):
            embed(key)
        state = {"next": maxsize}

        def work():
            for _ in range(calls):
                embed(state["next"])          # a miss that evicts the least recently used
                embed(state["next"])          # a hit
                embed(state["next"] - maxsize // 2)   # a hit on an entry in the middle of the order
                state["next"] += 1
        seconds = _best_seconds(work)
        info = embed.cache_info()
        return seconds, info["size"]

    small_s, small_size = timed(small)
    big_s, big_size = timed(big)
    return {"sizes": [small_size, big_size],
            "call_cost_independent_of_maxsize": big_s < max_ratio * max(small_s, 1e-4)}


def _counters(info: dict) -> dict:
    # `size` is left out: whether an expired entry is still "stored" until its key is called
    # again (lazy expiry) or dropped earlier is not fixed by the contract.
    return {"hits": info["hits"], "misses": info["misses"]}


def random_workload(module, clock, seed: int, ops: int, ttl: float, maxsize, keyspace: int) -> dict:
    """Seeded calls over a small key space (falsy keys and results included) with the fake clock
    moving, TTL and LRU bound combined, cache_info and cache_clear in between; the expected log is
    computed from the canonical solution when the bank is built."""
    import hashlib

    rng = random.Random(seed)
    calls = []

    @module.cache_predictions(ttl=ttl, maxsize=maxsize, clock=clock)
    def score(key, *, scale=1):
        calls.append(key)
        if key == 3 and rng.random() < 0.5:
            raise RuntimeError("flaky")
        return None if key == 0 else (key * scale if key % 2 else "")

    log = []
    for _ in range(ops):
        roll = rng.random()
        if roll < 0.78:
            key = rng.randrange(keyspace)
            kwargs = {"scale": rng.choice([1, 2])} if rng.random() < 0.3 else {}
            before = len(calls)
            try:
                log.append(["v", score(key, **kwargs), len(calls) > before])
            except RuntimeError:
                log.append(["raised", len(calls) > before])
        elif roll < 0.93:
            clock.advance(rng.choice([0.0, ttl / 4, ttl / 2, ttl, ttl * 2, 0.001]))
        elif roll < 0.99:
            log.append(["info", _counters(score.cache_info())])
        else:
            score.cache_clear()
    log.append(["info", _counters(score.cache_info())])
    text = repr(log)
    return {"n": len(log), "sha256": hashlib.sha256(text.encode()).hexdigest(), "calls": len(calls),
            "last": log[-3:]}
