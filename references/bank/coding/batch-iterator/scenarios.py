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
