# mutant: The duplicate-worker check runs before the stale check, so a stale push from a worker that already pushed this round raises instead of returning False.


class ParameterServer:
    """Synchronous SGD aggregation: one gradient per worker per version, averaged, then applied."""

    def __init__(self, params, num_workers, lr):
        params = [float(p) for p in params]
        if not params:
            raise ValueError("params must not be empty")
        if isinstance(num_workers, bool) or not isinstance(num_workers, int) or num_workers < 1:
            raise ValueError("num_workers must be an int >= 1")
        if not lr > 0:
            raise ValueError("lr must be > 0")
        self._weights = params
        self._num_workers = num_workers
        self._lr = lr
        self._version = 0
        self._sum = [0.0] * len(params)
        self._pushed = set()
        self._stale = 0

    def pull(self):
        return self._version, list(self._weights)

    def push(self, worker_id, version, grads):
        if isinstance(worker_id, bool) or not isinstance(worker_id, int) or not 0 <= worker_id < self._num_workers:
            raise ValueError("worker_id out of range")
        if len(grads) != len(self._weights):
            raise ValueError("grads length does not match the number of weights")
        if version > self._version:
            raise ValueError("gradient from a future version")
        if worker_id in self._pushed:
            raise ValueError("worker already pushed in this round")
        if version < self._version:
            self._stale += 1
            return False
        acc = self._sum
        for i, g in enumerate(grads):
            acc[i] += g
        self._pushed.add(worker_id)
        if len(self._pushed) == self._num_workers:
            w = self._weights
            for i in range(len(w)):
                w[i] -= self._lr * (acc[i] / self._num_workers)
            self._version += 1
            self._sum = [0.0] * len(w)
            self._pushed = set()
        return True

    def stale_pushes(self):
        return self._stale
