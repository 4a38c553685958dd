# mutant: Uses the input list itself as the work stack (reversing and popping it), so the caller's list is destroyed.


def flatten(lst):
    """Return a new list with every non-list element of `lst`, depth-first, left to right."""
    if not isinstance(lst, list):
        raise TypeError("lst must be a list")
    out = []
    lst.reverse()
    work = lst
    while work:
        item = work.pop()
        if isinstance(item, list):
            if item:
                work.extend(reversed(item))
        else:
            out.append(item)
    return out
