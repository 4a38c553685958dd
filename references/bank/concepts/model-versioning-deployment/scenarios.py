"""Large rollout scenario for the blue-green deployer: it observes, the grader judges."""
import random


def rollouts(module, *, steps, min_requests, max_error_rate, good_error, bad_error, seed):
    """Roll out a healthy v2 (error probability `good_error`), then a broken v3 (`bad_error`).

    For each candidate result it also routes one request id, counting how many land on the
    candidate. Returns event counts, the number of candidate results until each rollout ended,
    the statuses after each rollout and what late results of retired versions return.
    """
    draw = random.Random(seed).random
    deployer = module.BlueGreenDeployer("v1", steps, max_error_rate, min_requests)
    observation = {}
    request_id = 0
    for candidate, error_probability in (("v2", good_error), ("v3", bad_error)):
        deployer.start(candidate)
        events = {}
        results = routed = 0
        while deployer.status()["state"] == "rolling":
            request_id += 1
            if deployer.route(request_id) == candidate:
                routed += 1
            event = deployer.record(candidate, draw() >= error_probability)
            events[event] = events.get(event, 0) + 1
            results += 1
        observation[candidate] = {"events": events, "results": results, "routed_to_candidate": routed,
                                  "status": deployer.status()}
    observation["late_results"] = [deployer.record("v1", False), deployer.record("v3", False),
                                   deployer.record("v2", True)]
    return observation


def random_ops(module, *, seed, ops, versions, min_requests, max_error_rate, steps):
    """A seeded random sequence of start / route / record / status calls (differential: the
    expected outcome list is computed from the canonical solution when the bank is built)."""
    rng = random.Random(seed)
    deployer = module.BlueGreenDeployer("v0", steps, max_error_rate, min_requests)
    names = [f"v{i}" for i in range(versions)]
    outcomes = []
    for _ in range(ops):
        roll = rng.random()
        try:
            if roll < 0.04:
                outcomes.append(["start", deployer.start(rng.choice(names))])
            elif roll < 0.14:
                outcomes.append(["route", deployer.route(rng.randrange(1000))])
            elif roll < 0.18:
                outcomes.append(["status", deployer.status()])
            else:
                status = deployer.status()
                version = status["candidate"] if status["candidate"] and rng.random() < 0.8 else rng.choice(names)
                outcomes.append(["record", deployer.record(version, rng.random() >= 0.12)])
        except Exception as exc:  # the exception type is part of the observation
            outcomes.append(["raises", type(exc).__name__])
    outcomes.append(["final", deployer.status()])
    return digest(outcomes)


def digest(outcomes: list) -> dict:
    """A compact observation of a long outcome list: its length, a hash and the last entries."""
    import hashlib
    import json

    text = json.dumps(outcomes, sort_keys=True, default=repr)
    kinds = {}
    for outcome in outcomes:
        kinds[str(outcome[0])] = kinds.get(str(outcome[0]), 0) + 1
    return {"n": len(outcomes), "kinds": kinds, "sha256": hashlib.sha256(text.encode()).hexdigest(),
            "last": outcomes[-3:]}


def defaults_walk(module):
    """The documented defaults: steps (10, 50, 100), max_error_rate 0.05, min_requests 100.
    Feed healthy results and observe when each step advances and what is routed."""
    deployer = module.BlueGreenDeployer("v1")
    trace = [deployer.start("v2"), deployer.route(9), deployer.route(10)]
    events = []
    for _ in range(3):
        count = 0
        while True:
            count += 1
            event = deployer.record("v2", True)
            if event != "observing":
                events.append([event, count, deployer.status()["percent"], deployer.route(49), deployer.route(50)])
                break
    second = module.BlueGreenDeployer("v1")
    second.start("v3")
    outcomes = [second.record("v3", i % 20 != 0) for i in range(100)]   # 5 errors in 100: 0.05, not > 0.05
    third = module.BlueGreenDeployer("v1")
    third.start("v3")
    rolled = [third.record("v3", i % 16 != 0) for i in range(100)]   # the 6th error: 6/100 > 0.05
    return {"trace": trace, "events": events, "five_percent": outcomes[-1],
            "six_errors": [rolled.index("rolled_back") if "rolled_back" in rolled else None, third.status()]}
