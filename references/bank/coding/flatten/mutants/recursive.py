# mutant: the textbook recursive version; RecursionError on deep nesting
def flatten(lst):
    if not isinstance(lst, list):
        raise TypeError("expected a list")
    flat = []
    for item in lst:
        if isinstance(item, list):
            flat.extend(flatten(item))
        else:
            flat.append(item)
    return flat
