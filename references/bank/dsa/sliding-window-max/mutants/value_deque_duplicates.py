# mutant: keeps values instead of indices and pops equal values, so expiring by value removes a duplicate still in the window
from collections import deque


def maxSlidingWindow(nums, k):
    if k < 1:
        raise ValueError("k must be >= 1")
    window = deque()
    maxima = []
    for i, value in enumerate(nums):
        if i >= k and window and window[0] == nums[i - k]:
            window.popleft()
        while window and window[-1] <= value:
            window.pop()
        window.append(value)
        if i >= k - 1:
            maxima.append(window[0])
    return maxima
