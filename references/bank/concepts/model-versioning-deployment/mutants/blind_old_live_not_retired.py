# mutant: on promotion the old live version is not retired, so its late results raise ValueError instead of being ignored.
class BlueGreenDeployer:
    def __init__(self, live_version, steps=(10, 50, 100), max_error_rate=0.05, min_requests=100):
        try:
            steps = list(steps)
        except TypeError:
            raise ValueError("steps must be a sequence")
        if not steps:
            raise ValueError("steps must not be empty")
        prev = 0
        for s in steps:
            if isinstance(s, bool) or not isinstance(s, int):
                raise ValueError("steps must be ints")
            if s < 1 or s > 100:
                raise ValueError("step out of range")
            if s <= prev:
                raise ValueError("steps must be strictly increasing")
            prev = s
        if steps[-1] != 100:
            raise ValueError("last step must be 100")
        if isinstance(max_error_rate, bool) or not isinstance(max_error_rate, (int, float)):
            raise ValueError("max_error_rate must be a number")
        if not (0 <= max_error_rate < 1):
            raise ValueError("max_error_rate must be in [0, 1)")
        if isinstance(min_requests, bool) or not isinstance(min_requests, int) or min_requests < 1:
            raise ValueError("min_requests must be an int >= 1")
        self._steps = tuple(steps)
        self._rate = max_error_rate
        self._min = min_requests
        self._live = live_version
        self._candidate = None
        self._state = "idle"
        self._step = 0
        self._count = 0
        self._errors = 0
        self._retired = set()

    def start(self, candidate):
        if self._state == "rolling":
            raise RuntimeError("a rollout is already in progress")
        if candidate == self._live:
            raise ValueError("candidate is the live version")
        self._candidate = candidate
        self._retired.discard(candidate)
        self._state = "rolling"
        self._step = 0
        self._count = 0
        self._errors = 0
        return self._steps[0]

    def _percent(self):
        return self._steps[self._step] if self._state == "rolling" else 0

    def route(self, request_id):
        if self._state == "rolling" and request_id % 100 < self._steps[self._step]:
            return self._candidate
        return self._live

    def record(self, version, ok):
        if self._state == "rolling" and version == self._candidate:
            self._count += 1
            if not ok:
                self._errors += 1
            if self._errors / self._min > self._rate:
                self._retired.add(self._candidate)
                self._candidate = None
                self._state = "rolled_back"
                return "rolled_back"
            if self._count >= self._min:
                if self._step == len(self._steps) - 1:
                    self._live = self._candidate
                    self._candidate = None
                    self._state = "promoted"
                    return "promoted"
                self._step += 1
                self._count = 0
                self._errors = 0
                return "advanced"
            return "observing"
        if version == self._live or version in self._retired:
            return "ignored"
        raise ValueError(f"unknown version {version!r}")

    def status(self):
        return {
            "state": self._state,
            "live": self._live,
            "candidate": self._candidate if self._state == "rolling" else None,
            "percent": self._percent(),
        }
