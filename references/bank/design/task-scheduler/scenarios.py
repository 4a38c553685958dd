"""Large scenario: chains of next_run calls over sparse (yearly, leap-day) and dense schedules."""
import hashlib
import random


def _sparse_expression(rng: random.Random) -> str:
    kind = rng.randrange(3)
    minute, hour = rng.randrange(60), rng.randrange(24)
    if kind == 0:  # leap day: runs every 4 years (8 across 2100)
        return f"{minute} {hour} 29 2 *"
    if kind == 1:  # yearly
        return f"{minute} {hour} {rng.randint(1, 28)} {rng.randint(1, 12)} *"
    # first Monday-or-15th in one month a year
    return f"{minute} {hour} 15 {rng.randint(1, 12)} 1"


def _dense_expression(rng: random.Random) -> str:
    return (f"*/{rng.randint(5, 30)} {rng.randint(0, 5)}-{rng.randint(6, 23)} "
            f"* {rng.randint(1, 6)}-12 1-5")


def chains(module, *, expressions: int, steps: int, seed: int) -> dict:
    rng = random.Random(seed)
    digest = hashlib.sha256()
    results = 0
    last = ""
    for i in range(expressions):
        expression = _sparse_expression(rng) if i % 2 == 0 else _dense_expression(rng)
        moment = f"{rng.randint(2020, 2098)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T00:00:00"
        for _ in range(steps):
            moment = module.next_run(expression, moment)
            digest.update(moment.encode())
            results += 1
        last = moment
    return {"sha256": digest.hexdigest(), "results": results, "last": last}


def _random_field(rng: random.Random, low: int, high: int) -> str:
    items = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        kind = rng.randrange(7)
        a, b = sorted(rng.randint(low, high) for _ in range(2))
        if kind == 0:
            items.append("*")
        elif kind == 1:
            items.append(str(a))
        elif kind == 2:
            items.append(f"{a}-{b}")
        elif kind == 3:
            items.append(f"*/{rng.randint(1, 12)}")
        elif kind == 4:
            items.append(f"{a}-{b}/{rng.randint(1, 5)}")
        elif kind == 5:  # sometimes out of range or malformed: the error is part of the observation
            items.append(rng.choice([str(high + 1), str(low - 1) if low else "-1", f"{b}-{a}" if a != b else "x",
                                     "*/0", f"{a}/2", "", "٣", "1.5"]))
        else:
            items.append(str(rng.randint(low, high)))
    return ",".join(items)


def random_expressions(module, *, seed: int, count: int) -> dict:
    """Seeded random cron expressions (most valid, some not) from random moments; the expected
    results are computed from the canonical solution when the bank is built."""
    rng = random.Random(seed)
    bounds = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]
    outcomes = []
    for _ in range(count):
        fields = [_random_field(rng, low, high) if rng.random() < 0.5 else "*" for low, high in bounds]
        expression = " ".join(fields)
        moment = (f"{rng.choice([1999, 2023, 2024, 2099, 2100, 9998, 9999])}-{rng.randint(1, 12):02d}-"
                  f"{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}")
        try:
            outcomes.append([expression, moment, module.next_run(expression, moment)])
        except Exception as exc:  # the exception type is part of the observation
            outcomes.append([expression, moment, type(exc).__name__])
    digest = hashlib.sha256(repr(outcomes).encode()).hexdigest()
    return {"sha256": digest, "count": len(outcomes), "errors": sum(o[2] == "ValueError" for o in outcomes),
            "first": outcomes[:40]}
