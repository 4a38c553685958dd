from itertools import islice


class BatchIterator:
    """Groups an iterable into lists of batch_size items (the last one may be shorter)."""

    def __init__(self, data, batch_size, drop_last=False):
        if isinstance(batch_size, bool) or not isinstance(batch_size, int):
            raise TypeError(f"batch_size must be an int, got {type(batch_size).__name__}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        iter(data)  # fail now, not at the first epoch, if data is not iterable
        self.data = data
        self.batch_size = batch_size
        self.drop_last = drop_last

    def __iter__(self):
        # A generator per pass: each epoch restarts from iter(data); nothing is materialised.
        items = iter(self.data)
        while True:
            batch = list(islice(items, self.batch_size))
            if not batch or (self.drop_last and len(batch) < self.batch_size):
                return
            yield batch

    def __len__(self):
        count = len(self.data)  # TypeError for generators: their length is unknown
        if self.drop_last:
            return count // self.batch_size
        return -(-count // self.batch_size)
