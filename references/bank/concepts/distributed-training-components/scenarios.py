"""Large-input scenario for the parameter server: it observes, the grader judges."""
import random


def rounds(module, *, num_workers, dim, num_rounds, stale_every, seed):
    """Run `num_rounds` synchronous rounds; every `stale_every`-th push is preceded by a stale one.

    Workers push in a shuffled order each round. Gradients are small integers so sums are exact.
    Returns the final version, the stale count, a digest of the final weights, the sum
    of the weights pulled before the first round (they must not have changed) and how many
    pushes returned True.
    """
    rng = random.Random(seed)
    pool = [[float(rng.randint(-5, 5)) for _ in range(dim)] for _ in range(101)]
    server = module.ParameterServer([float(i % 7) for i in range(dim)], num_workers, 0.5)
    version, first_pull = server.pull()
    accepted = 0
    pushes = 0
    for round_number in range(num_rounds):
        version, _weights = server.pull()
        order = list(range(num_workers))
        rng.shuffle(order)
        for worker in order:
            pushes += 1
            if version > 0 and pushes % stale_every == 0:
                server.push(rng.randrange(num_workers), version - 1, [1.0] * dim)
            grads = list(pool[(worker * 31 + round_number) % 101])
            if server.push(worker, version, grads):
                accepted += 1
    final_version, weights = server.pull()
    return {
        "version": final_version,
        "stale": server.stale_pushes(),
        "accepted": accepted,
        "weights_head": [round(w, 9) for w in weights[:4]],
        "weights_sum": round(sum(weights), 6),
        "weights_moment": round(sum(i * w for i, w in enumerate(weights)), 6),
        "first_pull_sum": sum(first_pull),
    }
