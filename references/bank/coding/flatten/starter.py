def flatten(lst):
    """Return a new list with every non-list element of `lst`, depth-first, left to right.

    Only `list` instances (and subclasses) are expanded; strings, tuples, dicts and other
    values are kept as single elements. Empty sublists contribute nothing; duplicates stay.
    The input is not modified.

    Raises TypeError if `lst` is not a list.
    Must run in O(total elements + number of lists) time and must not hit the recursion
    limit for nesting 10^5 levels deep.
    """
    raise NotImplementedError
