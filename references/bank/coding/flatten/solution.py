def flatten(lst):
    """Return a new list with every non-list element of `lst`, depth-first, left to right.

    Iterative: an explicit stack of iterators replaces the call stack, so the depth of
    nesting is bounded by memory, not by the recursion limit. O(n + number of lists).
    Raises TypeError if `lst` is not a list.
    """
    if not isinstance(lst, list):
        raise TypeError(f"flatten() expects a list, got {type(lst).__name__}")
    flat = []
    stack = [iter(lst)]
    while stack:
        for item in stack[-1]:
            if isinstance(item, list):
                # Descend now; the outer iterator resumes where it stopped.
                stack.append(iter(item))
                break
            flat.append(item)
        else:
            stack.pop()
    return flat
