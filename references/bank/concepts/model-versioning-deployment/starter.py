class BlueGreenDeployer:
    """Shifts traffic to a candidate version step by step; rolls back when its error rate is too high.

    start(candidate) -> first percentage (RuntimeError if rolling, ValueError if candidate is live).
    route(request_id) -> candidate if rolling and request_id % 100 < percentage, else live.
    record(version, ok) -> "observing" | "advanced" | "promoted" | "rolled_back" | "ignored";
    rolls back as soon as window_errors / min_requests > max_error_rate; a step passes when its
    window holds min_requests results; ValueError for an unknown version.
    status() -> {"state", "live", "candidate", "percent"}.
    The constructor raises ValueError for bad steps, max_error_rate outside [0, 1) or
    min_requests not an int >= 1. route and record are O(1).
    """

    def __init__(self, live_version, steps=(10, 50, 100), max_error_rate=0.05, min_requests=100):
        raise NotImplementedError

    def start(self, candidate):
        raise NotImplementedError

    def route(self, request_id):
        raise NotImplementedError

    def record(self, version, ok):
        raise NotImplementedError

    def status(self):
        raise NotImplementedError
