# mutant: Uses type(item) is list, so list subclasses are kept as single elements instead of flattened.


def flatten(lst):
    """Return a new list with every non-list element of `lst`, depth-first, left to right."""
    if not isinstance(lst, list):
        raise TypeError("lst must be a list")
    out = []
    work = lst[::-1]  # a copy: the input is never modified
    while work:
        item = work.pop()
        if type(item) is list:
            if item:
                work.extend(reversed(item))
        else:
            out.append(item)
    return out
