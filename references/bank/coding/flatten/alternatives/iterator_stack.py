# alternative: iterative depth-first walk keeping an explicit stack of list iterators.


def flatten(lst):
    """Return a new list with every non-list element of `lst`, depth-first, left to right."""
    if not isinstance(lst, list):
        raise TypeError("flatten() expects a list, got %s" % type(lst).__name__)
    result = []
    append = result.append
    stack = [iter(lst)]
    while stack:
        for item in stack[-1]:
            if isinstance(item, list):
                stack.append(iter(item))
                break
            append(item)
        else:
            stack.pop()
    return result
