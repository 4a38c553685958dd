# mutant: the deque stores values and pops equal values too, then expires the front by comparing it with the outgoing value, which breaks on repeated values.
from collections import deque


def maxSlidingWindow(nums: list[int], k: int) -> list[int]:  # noqa: N802 -- the classic name
    if k < 1:
        raise ValueError("k must be >= 1")
    n = len(nums)
    if n < k:
        return []
    dq = deque()
    out = []
    for i in range(n):
        x = nums[i]
        if i >= k and dq and dq[0] == nums[i - k]:
            dq.popleft()
        while dq and dq[-1] <= x:
            dq.pop()
        dq.append(x)
        if i >= k - 1:
            out.append(dq[0])
    return out
