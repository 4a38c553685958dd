"""Sliding window maximum."""


def maxSlidingWindow(nums: list[int], k: int) -> list[int]:  # noqa: N802 -- the classic name
    """Return ``[max(nums[i:i+k]) for i in range(len(nums) - k + 1)]``.

    Returns ``[]`` when ``len(nums) < k``; raises ``ValueError`` if ``k < 1``.
    Does not modify ``nums``. Expected O(len(nums)) time and O(k) extra space.
    """
    raise NotImplementedError
