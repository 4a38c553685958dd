# mutant: treats a stale gradient as one for the current round instead of ignoring it
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
        if not params:
            raise ValueError("params must not be empty")
        if isinstance(num_workers, bool) or not isinstance(num_workers, int) or num_workers < 1:
            raise ValueError(f"num_workers must be an integer >= 1, got {num_workers!r}")
        if lr <= 0:
            raise ValueError(f"lr must be > 0, got {lr!r}")
        self._weights = [float(value) for value in params]
        self._num_workers = num_workers
        self._lr = lr
        self._version = 0
        self._grad_sum = [0.0] * len(self._weights)
        self._pushed = set()
        self._stale = 0

    def pull(self):
        return self._version, list(self._weights)

    def push(self, worker_id, version, grads):
        if isinstance(worker_id, bool) or not isinstance(worker_id, int) or not 0 <= worker_id < self._num_workers:
            raise ValueError(f"unknown worker {worker_id!r}")
        if len(grads) != len(self._weights):
            raise ValueError(f"expected {len(self._weights)} gradients, got {len(grads)}")
        if version > self._version:
            raise ValueError(f"version {version} is ahead of the server's version {self._version}")
        if version < self._version:
            self._stale += 1
        if worker_id in self._pushed:
            raise ValueError(f"worker {worker_id} already pushed for version {version}")
        self._pushed.add(worker_id)
        grad_sum = self._grad_sum
        for index, value in enumerate(grads):
            grad_sum[index] += value
        if len(self._pushed) == self._num_workers:
            scale = self._lr / self._num_workers
            # A new list, so that weights handed out by pull() are never changed afterwards.
            self._weights = [w - scale * g for w, g in zip(self._weights, grad_sum)]
            self._grad_sum = [0.0] * len(self._weights)
            self._pushed = set()
            self._version += 1
        return True

    def stale_pushes(self):
        return self._stale
