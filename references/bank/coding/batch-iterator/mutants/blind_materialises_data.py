# mutant: Each pass first copies the whole dataset into a list, so it never terminates on an infinite stream and uses O(n) memory.
import math


class BatchIterator:
    """Groups an iterable into lists of batch_size items (the last one may be shorter)."""

    def __init__(self, data, batch_size, drop_last=False):
        if type(batch_size) is bool or not isinstance(batch_size, int):
            raise TypeError("batch_size must be an int, not %s" % type(batch_size).__name__)
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        try:
            iter(data)
        except TypeError:
            raise TypeError("data must be iterable") from None
        self._data = data
        self._size = batch_size
        self._drop_last = bool(drop_last)

    def __iter__(self):
        it = iter(list(self._data))
        size = self._size
        drop_last = self._drop_last

        def gen():
            batch = []
            for item in it:
                batch.append(item)
                if len(batch) == size:
                    yield batch
                    batch = []
            if batch and not drop_last:
                yield batch

        return gen()

    def __len__(self):
        n = len(self._data)
        if self._drop_last:
            return math.floor(n / self._size) if n < 2 ** 52 else n // self._size
        return n // self._size + (1 if n % self._size else 0)
