# mutant: uses a work list consumed with pop(0) and sublists spliced at the front, which is O(n) per step (quadratic on long lists).


def flatten(lst):
    """Return a new list with every non-list element of `lst`, depth-first, left to right."""
    if not isinstance(lst, list):
        raise TypeError("lst must be a list")
    out = []
    work = list(lst)
    while work:
        item = work.pop(0)
        if isinstance(item, list):
            work[0:0] = item
        else:
            out.append(item)
    return out
