# alternative: each pass takes consecutive chunks with itertools.islice from a fresh iterator and computes len arithmetically.
from itertools import islice


class BatchIterator:
    """Groups an iterable into lists of batch_size items (the last one may be shorter)."""

    def __init__(self, data, batch_size, drop_last=False):
        if isinstance(batch_size, bool) or not isinstance(batch_size, int):
            raise TypeError("batch_size must be an int")
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        iter(data)  # raises TypeError if data is not iterable
        self.data = data
        self.batch_size = batch_size
        self.drop_last = drop_last

    def __iter__(self):
        return self._generate(iter(self.data))

    def _generate(self, it):
        size = self.batch_size
        while True:
            batch = list(islice(it, size))
            if not batch:
                return
            if len(batch) < size and self.drop_last:
                return
            yield batch
            if len(batch) < size:
                return

    def __len__(self):
        n = len(self.data)
        if self.drop_last:
            return n // self.batch_size
        return -(-n // self.batch_size)
