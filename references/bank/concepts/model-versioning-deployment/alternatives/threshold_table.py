# alternative: precomputed error threshold and pass-count per step, with a version->role dictionary instead of a retired set.
class BlueGreenDeployer:
    _CAND = "candidate"
    _LIVE = "live"
    _RETIRED = "retired"

    def __init__(self, live_version, steps=(10, 50, 100), max_error_rate=0.05, min_requests=100):
        if isinstance(steps, (str, bytes)):
            raise ValueError("bad steps")
        try:
            st = tuple(steps)
        except TypeError:
            raise ValueError("bad steps")
        ok = len(st) > 0 and all(type(s) is int or (isinstance(s, int) and not isinstance(s, bool)) for s in st)
        ok = ok and all(1 <= s <= 100 for s in st) and st[-1] == 100
        ok = ok and all(a < b for a, b in zip(st, st[1:]))
        if not ok:
            raise ValueError("bad steps")
        if isinstance(max_error_rate, bool) or not isinstance(max_error_rate, (int, float)) \
                or not (0 <= max_error_rate < 1):
            raise ValueError("bad max_error_rate")
        if type(min_requests) is bool or not isinstance(min_requests, int) or min_requests < 1:
            raise ValueError("bad min_requests")
        self._st = st
        self._rate = max_error_rate
        self._n = min_requests
        # smallest error count e with e / n > rate (exactly the contract's predicate)
        e = int(max_error_rate * min_requests)
        while e > 0 and (e - 1) / min_requests > max_error_rate:
            e -= 1
        while not (e / min_requests > max_error_rate):
            e += 1
        self._fail_at = e
        self._roles = {live_version: self._LIVE}
        self._live = live_version
        self._cand = None
        self._outcome = "idle"
        self._idx = -1          # -1 when no rollout is in progress
        self._seen = 0
        self._bad = 0

    def start(self, candidate):
        if self._idx >= 0:
            raise RuntimeError("rollout in progress")
        if candidate == self._live:
            raise ValueError("candidate is live")
        self._roles[candidate] = self._CAND
        self._cand = candidate
        self._idx = 0
        self._seen = self._bad = 0
        self._outcome = "rolling"
        return self._st[0]

    def route(self, request_id):
        if self._idx >= 0 and request_id % 100 < self._st[self._idx]:
            return self._cand
        return self._live

    def record(self, version, ok):
        role = self._roles.get(version)
        if role is None:
            raise ValueError("unknown version")
        if role != self._CAND:
            return "ignored"
        self._seen += 1
        self._bad += 0 if ok else 1
        if self._bad >= self._fail_at:
            self._roles[version] = self._RETIRED
            self._cand = None
            self._idx = -1
            self._outcome = "rolled_back"
            return "rolled_back"
        if self._seen < self._n:
            return "observing"
        if self._idx + 1 < len(self._st):
            self._idx += 1
            self._seen = self._bad = 0
            return "advanced"
        self._roles[self._live] = self._RETIRED
        self._roles[version] = self._LIVE
        self._live = version
        self._cand = None
        self._idx = -1
        self._outcome = "promoted"
        return "promoted"

    def status(self):
        return {"state": self._outcome, "live": self._live, "candidate": self._cand,
                "percent": self._st[self._idx] if self._idx >= 0 else 0}
