# mutant: A top-level tuple is accepted and flattened instead of raising TypeError.


def flatten(lst):
    """Return a new list with every non-list element of `lst`, depth-first, left to right."""
    if not isinstance(lst, (list, tuple)):
        raise TypeError("lst must be a list")
    out = []
    work = list(lst)[::-1]  # a copy: the input is never modified
    while work:
        item = work.pop()
        if isinstance(item, list):
            if item:
                work.extend(reversed(item))
        else:
            out.append(item)
    return out
