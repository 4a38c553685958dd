# mutant: keeps every result of the window in a list and re-sums it per record: O(window) each
IDLE, ROLLING, PROMOTED, ROLLED_BACK = "idle", "rolling", "promoted", "rolled_back"


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
        steps = list(steps)
        if (
            not steps
            or any(isinstance(s, bool) or not isinstance(s, int) or not 1 <= s <= 100 for s in steps)
            or any(a >= b for a, b in zip(steps, steps[1:]))
            or steps[-1] != 100
        ):
            raise ValueError(f"steps must be strictly increasing percentages ending at 100, got {steps!r}")
        if not 0 <= max_error_rate < 1:
            raise ValueError(f"max_error_rate must be in [0, 1), got {max_error_rate!r}")
        if isinstance(min_requests, bool) or not isinstance(min_requests, int) or min_requests < 1:
            raise ValueError(f"min_requests must be an integer >= 1, got {min_requests!r}")
        self._steps = steps
        self._max_error_rate = max_error_rate
        self._min_requests = min_requests
        self._live = live_version
        self._candidate = None
        self._state = IDLE
        self._step_index = 0
        self._window = []
        self._window_total = 0
        self._window_errors = 0
        self._retired = set()

    def _percent(self):
        return self._steps[self._step_index] if self._state == ROLLING else 0

    def start(self, candidate):
        if self._state == ROLLING:
            raise RuntimeError(f"a rollout of {self._candidate!r} is already in progress")
        if candidate == self._live:
            raise ValueError(f"{candidate!r} is already live")
        self._candidate = candidate
        self._state = ROLLING
        self._step_index = 0
        self._window = []
        return self._steps[0]

    def route(self, request_id):
        if self._state == ROLLING and request_id % 100 < self._steps[self._step_index]:
            return self._candidate
        return self._live

    def record(self, version, ok):
        if self._state == ROLLING and version == self._candidate:
            self._window.append(ok)
            self._window_total = len(self._window)
            self._window_errors = sum(1 for result in self._window if not result)
            if not ok:
                # Even if every remaining request succeeds the window cannot pass: stop now.
                if self._window_errors / self._min_requests > self._max_error_rate:
                    self._retired.add(self._candidate)
                    self._candidate = None
                    self._state = ROLLED_BACK
                    return "rolled_back"
            if self._window_total < self._min_requests:
                return "observing"
            if self._step_index == len(self._steps) - 1:
                self._retired.add(self._live)
                self._live, self._candidate = self._candidate, None
                self._state = PROMOTED
                return "promoted"
            self._step_index += 1
            self._window = []
            return "advanced"
        if version == self._live or version in self._retired:
            return "ignored"
        raise ValueError(f"unknown version {version!r}")

    def status(self):
        return {"state": self._state, "live": self._live, "candidate": self._candidate, "percent": self._percent()}
