# mutant: flattens one level per pass until nothing is nested: O(n * depth)
def flatten(lst):
    if not isinstance(lst, list):
        raise TypeError("expected a list")
    flat = list(lst)
    while any(isinstance(item, list) for item in flat):
        next_level = []
        for item in flat:
            if isinstance(item, list):
                next_level.extend(item)
            else:
                next_level.append(item)
        flat = next_level
    return flat
