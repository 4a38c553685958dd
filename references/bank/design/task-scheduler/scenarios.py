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
