class ParameterServer:
    """Synchronous SGD aggregation: one gradient per worker per version, averaged, then applied.

    push(worker_id, version, grads) -> bool: True if recorded for the current round, False if
    stale (version < current; ignored). Raises ValueError, checked in this order, for a bad
    worker_id, a grads length mismatch, a version from the future, or a second push from the
    same worker in one round. When all workers have pushed: w[i] -= lr * mean(g[i]); version += 1.
    pull() -> (version, new list of weights). stale_pushes() -> int.
    The constructor raises ValueError for empty params, num_workers not an int >= 1, or lr <= 0.
    push is O(len(grads)); pull is O(len(params)).
    """

    def __init__(self, params, num_workers, lr):
        raise NotImplementedError

    def pull(self):
        raise NotImplementedError

    def push(self, worker_id, version, grads):
        raise NotImplementedError

    def stale_pushes(self):
        raise NotImplementedError
