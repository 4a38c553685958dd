"""Large and structural inputs for flatten: built here, observed compactly."""


def _chain(depth):
    # [1, [2, [3, ... [depth] ...]]] built from the inside out (no recursion).
    nested = [depth]
    for value in range(depth - 1, 0, -1):
        nested = [value, nested]
    return nested


def _summary(flat):
    checksum = 0
    for index, value in enumerate(flat):
        checksum = (checksum * 31 + (index + 1) * value) % 1_000_000_007
    return {"count": len(flat), "head": flat[:3], "tail": flat[-3:], "checksum": checksum}


def deep_chain(module, depth):
    return _summary(module.flatten(_chain(depth)))


def deep_wrapped(module, depth):
    # [[[[...[7, 8]...]]]] : many list levels around two atoms, ending with an empty list.
    nested = [7, 8]
    for _ in range(depth):
        nested = [nested, []]
    return _summary(module.flatten(nested))


def long_blocks(module, blocks, width):
    # A long list of short sublists, some nested one more level.
    data = []
    value = 0
    for block in range(blocks):
        row = list(range(value, value + width))
        value += width
        data.append([row] if block % 3 == 0 else row)
    return _summary(module.flatten(data))


def input_unchanged(module, depth):
    data = [0, [1, [2, 3], []], _chain(depth), "xy", (4, 5)]
    before = repr(data)
    flat = module.flatten(data)
    return {"unchanged": repr(data) == before, "count": len(flat), "is_new": flat is not data}


def list_subclass(module):
    class Row(list):
        pass

    return module.flatten([Row([1, Row([2])]), 3])
