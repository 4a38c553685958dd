# mutant: stops one window early (range(n - 1) for the scan), omitting the last window's maximum.
from collections import deque


def maxSlidingWindow(nums: list[int], k: int) -> list[int]:  # noqa: N802 -- the classic name
    if k < 1:
        raise ValueError("k must be >= 1")
    n = len(nums)
    if n < k:
        return []
    dq = deque()
    out = []
    for i in range(n - 1):
        x = nums[i]
        while dq and nums[dq[-1]] <= x:
            dq.pop()
        dq.append(i)
        if dq[0] <= i - k:
            dq.popleft()
        if i >= k - 1:
            out.append(nums[dq[0]])
    return out
