# mutant: k = 0 (or negative) returns [] instead of raising ValueError.
from collections import deque


def maxSlidingWindow(nums: list[int], k: int) -> list[int]:  # noqa: N802 -- the classic name
    n = len(nums)
    if k < 1 or n < k:
        return []
    dq = deque()
    out = []
    for i in range(n):
        x = nums[i]
        while dq and nums[dq[-1]] <= x:
            dq.pop()
        dq.append(i)
        if dq[0] <= i - k:
            dq.popleft()
        if i >= k - 1:
            out.append(nums[dq[0]])
    return out
