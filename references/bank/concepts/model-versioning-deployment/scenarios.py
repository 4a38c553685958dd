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
