# alternative: a LIFO work stack onto which each list's elements are pushed in reverse, so pops come out left to right.


def flatten(lst):
    """Return a new list with every non-list element of `lst`, depth-first, left to right."""
    if not isinstance(lst, list):
        raise TypeError("lst must be a list")
    out = []
    work = lst[::-1]  # a copy: the input is never modified
    while work:
        item = work.pop()
        if isinstance(item, list):
            if item:
                work.extend(reversed(item))
        else:
            out.append(item)
    return out
