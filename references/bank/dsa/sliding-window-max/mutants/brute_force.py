# mutant: recomputes max over each window: O(n*k) time
def maxSlidingWindow(nums, k):
    if k < 1:
        raise ValueError("k must be >= 1")
    return [max(nums[i:i + k]) for i in range(len(nums) - k + 1)]
