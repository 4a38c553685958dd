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


def top_level_types(module):
    """What flatten does with top-level arguments that are not lists (each must raise
    TypeError) and with a list subclass (flattened). Observes the exception type names."""
    class Items(list):
        pass

    class Empty:
        def __len__(self):
            return 0

    outcomes = {}
    for name, value in [("tuple", (1, [2])), ("empty-tuple", ()), ("str", "ab"), ("dict", {"a": [1]}),
                        ("set", {1}), ("generator", (x for x in [1, [2]])), ("range", range(3)),
                        ("none", None), ("int", 0), ("sized-empty", Empty())]:
        try:
            result = module.flatten(value)
            outcomes[name] = ["returned", type(result).__name__]
        except Exception as exc:  # the exception type is the observation
            outcomes[name] = ["raised", type(exc).__name__]
    flat = module.flatten(Items([1, Items([2, (3,)]), Items()]))
    outcomes["list-subclass"] = ["returned", type(flat).__name__, [repr(x) for x in flat]]
    nested_types = module.flatten([(1, 2), {3}, frozenset(), "", b"", range(0), Empty()])
    outcomes["elements-kept"] = [type(x).__name__ for x in nested_types]
    return outcomes


def random_nested(module, *, seed: int, count: int):
    """Seeded random nested lists of falsy and truthy values, tuples, dicts and list subclasses;
    the expected outputs are computed from the canonical solution when the bank is built."""
    import random

    class Items(list):
        pass

    rng = random.Random(seed)
    atoms = [0, 1, -1, 0.0, "", "a", "ü", None, True, False, (), (1, [2]), {}, {"k": [1]}, "[]"]

    def build(depth: int):
        kind = Items if rng.random() < 0.2 else list
        return kind(build(depth + 1) if depth < 6 and rng.random() < 0.35 else rng.choice(atoms)
                    for _ in range(rng.randint(0, 4)))

    results = []
    for _ in range(count):
        value = build(0)
        before = repr(value)
        flat = module.flatten(value)
        results.append([repr(flat), repr(value) == before])
    return results
