class BatchIterator:
    """Groups an iterable into lists of batch_size items (the last one may be shorter).

    BatchIterator(data, batch_size, drop_last=False): TypeError if batch_size is not an int
    (bools rejected) or data is not iterable; ValueError if batch_size < 1.
    iter(): a fresh, lazy pass over data (O(n) time, O(batch_size) memory); drop_last drops a
    final partial batch. len(): number of batches; TypeError if data has no len().
    """

    def __init__(self, data, batch_size, drop_last=False):
        raise NotImplementedError

    def __iter__(self):
        raise NotImplementedError

    def __len__(self):
        raise NotImplementedError
