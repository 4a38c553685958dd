# mutant: emits a maximum for the partial windows before the first full one
from collections import deque


def maxSlidingWindow(nums: list[int], k: int) -> list[int]:  # noqa: N802 -- the classic name
    """Return the maximum of every window of ``k`` consecutive elements, in O(len(nums)).

    The deque holds indices of the current window whose values are strictly decreasing from
    front to back: an element followed by a larger-or-equal later one can never be a maximum
    again, so it is dropped. The front is therefore always the window's maximum.
    """
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    candidates: deque[int] = deque()
    maxima: list[int] = []
    for i, value in enumerate(nums):
        if candidates and candidates[0] <= i - k:  # front slid out of the window
            candidates.popleft()
        while candidates and nums[candidates[-1]] <= value:
            candidates.pop()
        candidates.append(i)
        maxima.append(nums[candidates[0]])
    if len(nums) < k:
        return []
    return maxima
