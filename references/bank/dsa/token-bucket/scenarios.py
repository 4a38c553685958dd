"""Scenarios for the token bucket (observations only; expected values live in cases.yaml).

Times are multiples of 1/1024 s and rates are powers of two, so every refill is exact in
floating point and the observations do not depend on the order of arithmetic.
"""

import random
import sys
import threading

JOIN_TIMEOUT = 4.0
THREAD_STACK_BYTES = 512 * 1024


class _FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def concurrent_burst(module, capacity: int, threads: int, attempts_per_thread: int) -> dict:
    """The clock never moves, so exactly ``capacity`` of all attempts may succeed."""
    sys.setswitchinterval(1e-6)
    threading.stack_size(THREAD_STACK_BYTES)
    bucket = module.TokenBucket(capacity, 1.0, clock=lambda: 0.0)
    granted = [0] * threads
    start = threading.Barrier(threads)

    def hammer(index: int) -> None:
        try:
            start.wait(JOIN_TIMEOUT)
        except threading.BrokenBarrierError:
            pass
        for _ in range(attempts_per_thread):
            if bucket.try_consume(1):
                granted[index] += 1

    workers = [threading.Thread(target=hammer, args=(i,), daemon=True) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(JOIN_TIMEOUT)
    return {
        "granted": sum(granted),
        "left": round(bucket.available(), 6),
        "hung_threads": sum(worker.is_alive() for worker in workers),
    }


def long_run(module, calls: int, capacity: int, rate_exponent: int, seed: int) -> dict:
    """Single thread, many calls with exact clock steps; checksums the decisions."""
    rng = random.Random(seed)
    clock = _FakeClock()
    bucket = module.TokenBucket(capacity, float(2**rate_exponent), clock=clock)
    granted = 0
    decisions = 0
    for step in range(calls):
        clock.now += rng.choice((0, 0, 0, 1, 3)) / 1024
        request = rng.randint(1, capacity // 4)
        ok = bucket.try_consume(request)
        granted += request if ok else 0
        decisions = (decisions * 2 + ok) % 1_000_000_007
    return {"granted_tokens": granted, "decisions": decisions, "available": bucket.available()}
