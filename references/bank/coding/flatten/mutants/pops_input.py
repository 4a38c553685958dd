# mutant: uses the caller's lists as its work stack and empties them (input is modified)
def flatten(lst):
    if not isinstance(lst, list):
        raise TypeError("expected a list")
    flat = []
    stack = [lst]
    while stack:
        top = stack[-1]
        if not top:
            stack.pop()
            continue
        item = top.pop(0)
        if isinstance(item, list):
            stack.append(item)
        else:
            flat.append(item)
    return flat
