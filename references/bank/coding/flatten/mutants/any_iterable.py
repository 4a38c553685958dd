# mutant: flattens every non-string iterable (dicts become their keys, tuples are expanded)
from collections.abc import Iterable


def flatten(lst):
    if not isinstance(lst, list):
        raise TypeError("expected a list")
    flat = []
    stack = [iter(lst)]
    while stack:
        for item in stack[-1]:
            if isinstance(item, Iterable) and not isinstance(item, (str, bytes)):
                stack.append(iter(item))
                break
            flat.append(item)
        else:
            stack.pop()
    return flat
