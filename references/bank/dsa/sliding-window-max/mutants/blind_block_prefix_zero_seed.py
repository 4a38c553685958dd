# mutant: the running prefix maximum of the next block starts at 0 instead of at its first element, so windows whose values are all negative report 0.
def maxSlidingWindow(nums: list[int], k: int) -> list[int]:  # noqa: N802 -- the classic name
    if k < 1:
        raise ValueError("k must be >= 1")
    n = len(nums)
    if n < k:
        return []
    last_start = n - k
    out = []
    suf = [0] * k
    start = 0
    while start <= last_start:
        # suffix maxima of the block nums[start : start + k] (entirely inside nums)
        best = nums[start + k - 1]
        suf[k - 1] = best
        for j in range(k - 2, -1, -1):
            v = nums[start + j]
            if v > best:
                best = v
            suf[j] = best
        count = min(k, last_start - start + 1)
        out.append(suf[0])
        pm = 0
        for j in range(1, count):
            v = nums[start + k + j - 1]
            if v > pm:
                pm = v
            s = suf[j]
            out.append(s if s >= pm else pm)
        start += k
    return out
