# mutant: plain recursion, so nesting deeper than the recursion limit (e.g. 10^5 levels) raises RecursionError.


def flatten(lst):
    """Return a new list with every non-list element of `lst`, depth-first, left to right."""
    if not isinstance(lst, list):
        raise TypeError("lst must be a list")
    out = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append(item)

    walk(lst)
    return out
