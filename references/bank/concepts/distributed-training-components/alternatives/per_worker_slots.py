# alternative: gradients kept in a fixed list of per-worker slots (None = not pushed yet) with a counter; averaged column-wise with zip when the round completes.


class ParameterServer:
    """Synchronous SGD aggregation: one gradient per worker per version, averaged, then applied."""

    def __init__(self, params, num_workers, lr):
        if len(params) == 0:
            raise ValueError("params must be non-empty")
        if type(num_workers) is not int or num_workers < 1:
            raise ValueError("num_workers must be a positive int")
        if lr <= 0:
            raise ValueError("lr must be positive")
        self.weights = list(params)
        self.num_workers = num_workers
        self.lr = lr
        self.version = 0
        self._slots = [None] * num_workers
        self._received = 0
        self._stale_count = 0

    def pull(self):
        return (self.version, self.weights[:])

    def push(self, worker_id, version, grads):
        if type(worker_id) is not int or worker_id < 0 or worker_id >= self.num_workers:
            raise ValueError("bad worker_id %r" % (worker_id,))
        if len(grads) != len(self.weights):
            raise ValueError("expected %d gradients, got %d" % (len(self.weights), len(grads)))
        if version > self.version:
            raise ValueError("version %r is ahead of the server (%d)" % (version, self.version))
        if version < self.version:
            self._stale_count += 1
            return False
        if self._slots[worker_id] is not None:
            raise ValueError("worker %d already pushed for version %d" % (worker_id, self.version))
        self._slots[worker_id] = list(grads)
        self._received += 1
        if self._received == self.num_workers:
            self._apply()
        return True

    def _apply(self):
        n = self.num_workers
        means = [sum(column) / n for column in zip(*self._slots)]
        self.weights = [w - self.lr * g for w, g in zip(self.weights, means)]
        self.version += 1
        self._slots = [None] * n
        self._received = 0

    def stale_pushes(self):
        return self._stale_count
