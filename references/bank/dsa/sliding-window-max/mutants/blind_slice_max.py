# mutant: computes every window with max(nums[i:i+k]), which is O(n*k) instead of O(n).
def maxSlidingWindow(nums: list[int], k: int) -> list[int]:  # noqa: N802 -- the classic name
    if k < 1:
        raise ValueError("k must be >= 1")
    n = len(nums)
    if n < k:
        return []
    return [max(nums[i:i + k]) for i in range(n - k + 1)]
