# mutant: returns [] for k < 1 instead of raising ValueError
from collections import deque


def maxSlidingWindow(nums, k):
    if k < 1:
        return []
    candidates = deque()
    maxima = []
    for i, value in enumerate(nums):
        if candidates and candidates[0] <= i - k:
            candidates.popleft()
        while candidates and nums[candidates[-1]] <= value:
            candidates.pop()
        candidates.append(i)
        if i >= k - 1:
            maxima.append(nums[candidates[0]])
    return maxima
