"""Feed the candidate's BatchIterator lists, generators and big or infinite streams."""

import itertools


def _source(data, kind):
    if kind == "generator":
        return (item for item in data)
    if kind == "range":
        return range(*data)
    if kind == "string":
        return "".join(data)
    return list(data)


def batches(module, data, batch_size, kind="list", drop_last=None, passes=1):
    options = {} if drop_last is None else {"drop_last": drop_last}
    iterator = module.BatchIterator(_source(data, kind), batch_size, **options)
    try:
        length = len(iterator)
    except Exception as error:
        length = type(error).__name__
    return {"passes": [list(iterator) for _ in range(passes)], "len": length}


def construct(module, batch_size, data_kind="list"):
    data = {"list": [1, 2, 3], "int": 42, "none": None}[data_kind]
    module.BatchIterator(data, batch_size)
    return "constructed"


def infinite(module, batch_size, take):
    pulled = []

    def stream():
        for value in itertools.count():
            pulled.append(value)
            yield value * value

    iterator = iter(module.BatchIterator(stream(), batch_size))
    taken = [next(iterator) for _ in range(take)]
    return {"taken": taken, "pulled_at_most": len(pulled) <= batch_size * take + 1}


def big(module, n, batch_size, kind):
    data = range(n) if kind == "range" else (list(range(n)) if kind == "list" else (i for i in range(n)))
    count = 0
    checksum = 0
    sizes = set()
    for batch in module.BatchIterator(data, batch_size):
        count += 1
        sizes.add(len(batch))
        checksum = (checksum * 7 + batch[0] * 3 + batch[-1]) % 1_000_000_007
    return {"batches": count, "sizes": sorted(sizes), "checksum": checksum}


def batch_types(module, batch_size, n):
    """The type of every batch (the contract says lists, not tuples or other sequences), the
    laziness of the pull (items requested before each batch) and falsy items kept."""
    pulled = []

    def stream():
        for i in range(n):
            pulled.append(i)
            yield [0, "", None, False, (), i][i % 6]

    iterator = iter(module.BatchIterator(stream(), batch_size))
    types, pulled_before = [], []
    for batch in iterator:
        types.append(type(batch).__name__)
        pulled_before.append(len(pulled))
    over_list = [type(b).__name__ for b in module.BatchIterator(tuple(range(n)), batch_size)]
    return {"types": sorted(set(types)), "tuple_source_types": sorted(set(over_list)),
            "batches": len(pulled_before),
            # lazily: at most one item read ahead of the batch being yielded
            "pulled_lazily": all(p <= (i + 1) * batch_size + 1 for i, p in enumerate(pulled_before)),
            "falsy_kept": sum(len(b) for b in module.BatchIterator([0, "", None, False, ()], 2))}


def len_without_iterating(module):
    """len() of objects with __len__ of 0 (falsy but valid data) and of a sized object that
    must not be iterated to be measured."""
    class Sized:
        def __init__(self, n):
            self.n = n

        def __len__(self):
            return self.n

        def __iter__(self):
            return iter(range(self.n))

    return [len(module.BatchIterator(Sized(0), 3)), len(module.BatchIterator(Sized(7), 3)),
            len(module.BatchIterator(Sized(6), 3, drop_last=True)), list(module.BatchIterator(Sized(0), 2)),
            len(module.BatchIterator(Sized(10 ** 12), 7))]
