"""A heavy client and many light ones against the candidate's limiter, on the case's fake clock."""

import random


def stress(module, clock, requests, max_requests, window, step, seed):
    rng = random.Random(seed)
    limiter = module.RateLimiter(max_requests, window, clock=clock)
    accepted = 0
    checksum = 0
    for index in range(requests):
        client = "heavy" if rng.random() < 0.9 else f"light-{rng.randrange(50)}"
        if limiter.allow(client):
            accepted += 1
            checksum = (checksum * 131 + index) % 1_000_000_007
        clock.advance(step)
    return {"accepted": accepted, "checksum": checksum, "heavy_remaining": limiter.remaining("heavy")}
