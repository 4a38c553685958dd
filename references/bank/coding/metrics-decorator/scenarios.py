"""Decorate scripted model operations with the candidate's recorder; observe metrics and errors."""

import sys
import threading
import time


def _recorder(module, clock):
    return module.MetricsRecorder(clock=clock) if clock is not None else module.MetricsRecorder()


def run(module, clock, calls, name="predict"):
    """calls: list of [seconds, fail]; each call advances the fake clock by `seconds`."""
    metrics = _recorder(module, clock)

    @metrics.track(name)
    def predict(seconds, fail=False):
        clock.advance(seconds)
        if fail:
            raise ValueError(f"bad batch after {seconds}s")
        return seconds * 2

    outcomes = []
    for seconds, fail in calls:
        try:
            outcomes.append(predict(seconds, fail=fail))
        except Exception as error:
            outcomes.append(f"raised {type(error).__name__}: {error}")
    return {"outcomes": outcomes, "summary": metrics.summary(name), "names": metrics.names()}


def decorator_forms(module, clock):
    metrics = _recorder(module, clock)

    class Model:
        @metrics.track
        def load(self, path):
            """Load weights."""
            clock.advance(2.0)
            return f"loaded {path}"

    @metrics.track()
    def preprocess(batch, *, normalize=True):
        """Normalise a batch."""
        clock.advance(0.25)
        return [x / 10 for x in batch] if normalize else batch

    @metrics.track("predict")
    def infer(batch):
        clock.advance(0.5)
        return len(batch)

    results = [Model().load("w.pt"), preprocess([10, 20]), preprocess([1], normalize=False), infer([1, 2, 3])]
    # Functions defined here have qualnames like "decorator_forms.<locals>.Model.load".
    short = {name.rsplit("<locals>.", 1)[-1]: name for name in metrics.names()}
    return {
        "results": results,
        "names": sorted(short),
        "function_names": [Model.load.__name__, preprocess.__name__, infer.__name__],
        "docs": [Model.load.__doc__, preprocess.__doc__],
        "load": metrics.summary(short.get("Model.load", "Model.load")),
        "preprocess": metrics.summary(short.get("preprocess", "preprocess")),
    }


def same_exception(module, clock):
    metrics = _recorder(module, clock)
    original = KeyError("feature_42")

    @metrics.track("features")
    def features():
        clock.advance(0.125)
        raise original

    try:
        features()
        observed = None
    except BaseException as error:
        observed = {"same_object": error is original, "type": type(error).__name__}
    return {"observed": observed, "summary": metrics.summary("features")}


def unknown_name(module):
    metrics = module.MetricsRecorder()
    try:
        metrics.summary("never")
        return "returned"
    except Exception as error:
        return type(error).__name__


def threaded(module, clock, threads, calls_each):
    sys.setswitchinterval(1e-6)
    metrics = _recorder(module, clock)

    @metrics.track("predict")
    def predict(index):
        if index % 10 == 0:
            raise TimeoutError("slow replica")
        return index

    def worker():
        for index in range(calls_each):
            try:
                predict(index)
            except TimeoutError:
                pass

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    summary = metrics.summary("predict")
    return {"count": summary["count"], "errors": summary["errors"]}


def scrape_every_call(module, clock, calls):
    # A monitoring loop reads the summary after every call: summary must stay O(1).
    metrics = _recorder(module, clock)

    @metrics.track("predict")
    def predict(index):
        clock.advance((index % 4) * 0.25)
        return index

    longest_seen = 0.0
    count_checks = 0
    for index in range(calls):
        predict(index)
        summary = metrics.summary("predict")
        longest_seen = max(longest_seen, summary["max_seconds"])
        count_checks += summary["count"] == index + 1
    final = metrics.summary("predict")
    return {"count_checks": count_checks, "longest_seen": longest_seen, "final": final}


def max_race(module, rounds, threads, calls_each, big_seconds):
    # Each thread has its own clock; one call per round is slow. Its max must survive.
    sys.setswitchinterval(1e-6)
    local = threading.local()
    observed = set()
    for _ in range(rounds):
        metrics = module.MetricsRecorder(clock=lambda: local.now)

        @metrics.track("predict")
        def predict(seconds):
            local.now += seconds

        barrier = threading.Barrier(threads)

        def worker(index):
            local.now = 0.0
            barrier.wait()
            for call in range(calls_each):
                predict(big_seconds if index == 0 and call == calls_each // 2 else 0.0)

        pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
        summary = metrics.summary("predict")
        observed.add((summary["count"], summary["total_seconds"], summary["max_seconds"]))
    return {"distinct_summaries": sorted(observed)}


class _YieldingSeconds(float):
    """Seconds that hand the CPU to another thread whenever they are added or compared: a
    recorder that updates its aggregates outside a lock then loses updates every time, not by
    luck (a forced interleaving inside the read-modify-write)."""

    def __sub__(self, other):
        return _YieldingSeconds(float(self) - float(other))

    def __rsub__(self, other):
        return _YieldingSeconds(float(other) - float(self))

    def __add__(self, other):
        time.sleep(0.0001)
        return _YieldingSeconds(float(self) + float(other))

    def __radd__(self, other):
        time.sleep(0.0001)
        return _YieldingSeconds(float(other) + float(self))

    def __gt__(self, other):
        time.sleep(0.0001)
        return float(self) > float(other)

    def __lt__(self, other):
        time.sleep(0.0001)
        return float(self) < float(other)

    def __ge__(self, other):
        time.sleep(0.0001)
        return float(self) >= float(other)

    def __le__(self, other):
        time.sleep(0.0001)
        return float(self) <= float(other)


def forced_interleaving(module, threads, calls_each):
    """`threads` threads start together (a barrier) and each records `calls_each` calls of 1 s
    (one of 7 s), on a per-thread clock whose seconds yield inside every addition/comparison."""
    local = threading.local()
    metrics = module.MetricsRecorder(clock=lambda: _YieldingSeconds(local.now))

    @metrics.track("predict")
    def predict(seconds):
        local.now += seconds

    barrier = threading.Barrier(threads)

    def worker(index):
        local.now = 0.0
        barrier.wait()
        for call in range(calls_each):
            predict(7.0 if index == threads - 1 and call == calls_each - 1 else 1.0)

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    summary = metrics.summary("predict")
    return {key: float(value) if isinstance(value, float) else value for key, value in summary.items()}


def names_sorted(module, clock):
    metrics = _recorder(module, clock)
    for name in ["zeta", "alpha", "Beta", "émission", "_private", "alpha.sub", "10", "9"]:
        metrics.track(name)(lambda: None)()
    return metrics.names()
