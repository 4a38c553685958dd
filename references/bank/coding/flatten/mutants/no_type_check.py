# mutant: accepts any iterable as the top-level argument instead of raising TypeError
def flatten(lst):
    flat = []
    stack = [iter(lst)]
    while stack:
        for item in stack[-1]:
            if isinstance(item, list):
                stack.append(iter(item))
                break
            flat.append(item)
        else:
            stack.pop()
    return flat
