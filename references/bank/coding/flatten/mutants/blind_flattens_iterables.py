# mutant: Expands every non-string iterable (tuples, dicts, sets) instead of only lists.


def flatten(lst):
    """Return a new list with every non-list element of `lst`, depth-first, left to right."""
    if not isinstance(lst, list):
        raise TypeError("lst must be a list")
    out = []
    work = lst[::-1]  # a copy: the input is never modified
    while work:
        item = work.pop()
        if hasattr(item, "__iter__") and not isinstance(item, (str, bytes)):
            if item:
                work.extend(reversed(list(item)))
        else:
            out.append(item)
    return out
