import time


class DynamicBatcher:
    """Groups single requests into batches for the model.

    A batch is flushed by `submit` when it reaches `max_batch_size` items, or by `poll`
    once its oldest item has waited `timeout_s` seconds or more (measured with `clock`).
    Raises ValueError if max_batch_size is not an int >= 1 (bools rejected) or timeout_s < 0.
    All methods are O(1) amortized per item.
    """

    def __init__(self, max_batch_size, timeout_s, clock=time.monotonic):
        raise NotImplementedError

    def submit(self, item):
        """Add item; return the full batch (list, arrival order) if it reached max_batch_size, else None."""
        raise NotImplementedError

    def poll(self):
        """Return the pending batch if non-empty and clock() - oldest arrival >= timeout_s, else None."""
        raise NotImplementedError

    def next_deadline(self):
        """Oldest arrival + timeout_s, or None if nothing is pending."""
        raise NotImplementedError

    def flush(self):
        """Return the pending batch (possibly []) and empty it."""
        raise NotImplementedError

    def pending(self):
        """Number of items waiting."""
        raise NotImplementedError
