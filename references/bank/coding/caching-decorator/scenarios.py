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
