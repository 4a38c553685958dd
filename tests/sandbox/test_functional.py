"""What a grader relies on: right observations for correct, wrong, raising and slow code,
cases isolated from each other, streaming, drivers, budgets, both backends, backend choice."""

from __future__ import annotations

import time

import pytest

from sandbox import Job, Limits, Observation, ProcessBackendRefused, Summary, get_backend, run
from sandbox.docker_backend import LABEL, LABEL_CREATED, LABEL_EXPIRES, LABEL_OWNER, BackendUnavailable, sweep
from tests.sandbox.conftest import CANARY
from tests.sandbox.helpers import CLEAN, call, run_job

SOLUTIONS = {
    "correct": "def add(a, b):\n    return a + b\n",
    "wrong": "def add(a, b):\n    return a - b\n",
    "raising": "def add(a, b):\n    raise KeyError('nope')\n",
    "slow": "def add(a, b):\n    while True:\n        pass\n",
}


@pytest.fixture(params=["docker", "process"])
def backend(request):
    return request.getfixturevalue(f"{request.param}_backend")


@pytest.mark.parametrize("kind", sorted(SOLUTIONS))
def test_solutions_give_the_right_observations(backend, kind):
    obs, summary = run_job(backend, SOLUTIONS[kind], [call("c1", "add", 2, 3)], probe=False, time_limit_ms=200)
    o = obs["c1"]
    assert summary.status == "completed" and summary.cases_run == 1
    if kind == "correct":
        assert (o.status, o.value) == ("ok", 5)
    elif kind == "wrong":
        assert (o.status, o.value) == ("ok", -1)
    elif kind == "raising":
        assert o.status == "exception" and o.exc_type == "KeyError" and o.message == "'nope'"
        assert o.exc_mro[:3] == ["KeyError", "LookupError", "Exception"]
    else:
        assert o.status == "timeout" and (o.cpu_ms >= 200 or "wall" in o.message)
    assert o.wall_ms > 0 and o.memory_kb > 0


def test_cases_are_isolated_from_each_other(backend):
    obs, _ = run_job(backend, """
        import sys
        seen = []
        def poison():
            seen.append(1)
            sys.modules["json"].dumps = None
            import builtins
            builtins.len = lambda x: 42
            with open("left-here.txt", "w") as handle:
                handle.write("x")
            return len(seen)
        def check():
            import os
            return [len(seen), len([1, 2]), os.path.exists("left-here.txt")]
    """, [call("a", "poison"), call("b", "check"), call("probe", "probe")])
    assert obs["a"].value == 42 and obs["b"].value == [0, 2, False]
    assert obs["probe"].value == CLEAN


def test_drivers_calls_fake_clock_and_scenario(backend):
    source = """
        class Counter:
            def __init__(self, start=0, clock=None):
                self.value, self.clock = start, clock
            def add(self, n):
                if n < 0:
                    raise ValueError("negative")
                self.value += n
                return self.value
            def now(self):
                return self.clock()
    """
    scenarios = "def total(module, n):\n    c = module.Counter()\n    return sum(c.add(1) for _ in range(n))\n"
    cases = [
        {"id": "calls", "driver": "calls", "target": "Counter", "init": [5], "init_kwargs": {"clock": {"$clock": 10.0}},
         "calls": [["add", [2]], ["add", [-1]], ["$advance", [1.5]], ["now", []]],
         "expect": ["must", "never", "enter"], "raises": "Secret", "compare": "exact", "tolerance": 1},
        {"id": "scenario", "driver": "scenario", "scenario": "total", "params": {"n": 4}},
    ]
    job = Job(files={"solution.py": __import__("textwrap").dedent(source), "scenarios.py": scenarios},
              cases=cases, limits=Limits(time_limit_ms=500))
    assert "expect" not in job.sandbox_cases()[0] and "raises" not in job.sandbox_cases()[0]
    items = list(run(job, backend))
    obs = {o.case_id: o for o in items[:-1]}
    assert obs["calls"].value == [{"ok": 7}, {"raises": "ValueError", "mro": ["ValueError", "Exception",
                                  "BaseException", "object"], "message": "negative"}, {"ok": None}, {"ok": 11.5}]
    assert obs["scenario"].value == 10


def test_observations_stream_as_cases_finish(docker_backend):
    source = "import time\ndef wait(s):\n    time.sleep(s)\n    return s\n"
    job = Job(files={"solution.py": source}, cases=[call("fast", "wait", 0), call("slow", "wait", 1.5)],
              limits=Limits(time_limit_ms=1000))
    started = time.monotonic()
    arrivals = []
    for item in run(job, docker_backend):
        arrivals.append((item, time.monotonic() - started))
    assert isinstance(arrivals[0][0], Observation) and arrivals[0][0].case_id == "fast"
    assert arrivals[0][1] < arrivals[1][1] - 1.0        # the first came well before the second
    assert isinstance(arrivals[-1][0], Summary) and len(arrivals) == 3


def test_per_case_overrides_and_total_budget(docker_backend):
    source = "def spin():\n    while True:\n        pass\n"
    cases = [call("short", "spin", time_limit_ms=100), call("a", "spin"), call("b", "spin"), call("c", "spin")]
    obs, summary = run_job(docker_backend, source, cases, probe=False, time_limit_ms=500, total_wall_ms=1500)
    assert obs["short"].status == "timeout" and obs["short"].cpu_ms < 450
    assert all(obs[c].status == "timeout" for c in "abc")
    assert any("budget" in obs[c].message for c in "abc")
    assert summary.status == "completed" and summary.wall_ms < 1500 + 5000


def test_unicode_and_values_round_trip(backend):
    obs, _ = run_job(backend, """
        def values():
            print("héllo \\u2028 wörld")
            return {"t": (1, 2), "s": {3, 1}, "f": float("inf"), "n": None, 1: "\\u2029"}
    """, [call("v", "values")], probe=False)
    assert obs["v"].value == {"t": {"$tuple": [1, 2]}, "s": [1, 3], "f": {"$float": "inf"}, "n": None, "1": "\u2029"}
    assert obs["v"].stdout == "héllo \u2028 wörld\n"


def test_each_job_gets_a_fresh_container(docker_backend):
    ids = set()
    for _ in range(3):
        _, summary = run_job(docker_backend, "def f():\n    return 1\n", [call("a", "f")], probe=False)
        ids.update(summary.sandbox_ids)
    assert len(ids) == 3


def test_process_backend_contains_the_basics(process_backend):
    obs, summary = run_job(process_backend, """
        import os, signal, time
        def env():
            return dict(os.environ)
        def kill_parent():
            os.kill(os.getppid(), signal.SIGKILL)
            return "alive"
        def sleep():
            time.sleep(100)
        def hog():
            return len(bytearray(2 * 1024 ** 3))
    """, [call("env", "env"), call("kill", "kill_parent"), call("sleep", "sleep"), call("hog", "hog"),
          call("probe", "probe")], time_limit_ms=200, memory_mb=64)
    assert CANARY not in repr(obs["env"].value)
    assert obs["kill"].status in {"exception", "ok", "crashed"} and summary.status == "completed"
    assert obs["sleep"].status == "timeout" and obs["hog"].status == "memory"
    assert obs["probe"].value["procs"] == []


def test_process_backend_refuses_in_production():
    with pytest.raises(ProcessBackendRefused, match="production"):
        get_backend("process", debug=False)
    assert get_backend("process", debug=False, allow_process_in_production=True).name == "process"


def test_auto_picks_docker_when_the_engine_and_image_are_there(docker_backend):
    backend = get_backend(None, pool_size=0, debug=False)
    try:
        assert backend.name == "docker"
    finally:
        backend.close()


def test_auto_falls_back_to_process_loudly(monkeypatch):
    from sandbox import docker_backend as module

    monkeypatch.setattr(module.DockerBackend, "__init__",
                        lambda self, **kw: (_ for _ in ()).throw(module.BackendUnavailable("no engine")))
    with pytest.warns(RuntimeWarning, match="process backend"):
        backend = get_backend("auto", pool_size=0, debug=True)
    assert backend.name == "process"
    with pytest.raises(BackendUnavailable, match="no fallback"):   # never silently without DEBUG
        get_backend("auto", pool_size=0, debug=False)


def test_sweep_removes_orphans(docker_backend):
    api = docker_backend.api
    dead_owner = f"{__import__('socket').gethostname()}:999999999:1"
    orphan = api.create_container(docker_backend.image, command=["true"], labels={
        LABEL: "1", LABEL_OWNER: dead_owner, LABEL_CREATED: "0", LABEL_EXPIRES: str(int(time.time()) + 3600)})
    expired = api.create_container(docker_backend.image, command=["true"], labels={
        LABEL: "1", LABEL_OWNER: docker_backend.owner, LABEL_CREATED: "0", LABEL_EXPIRES: "1"})
    removed = sweep(api)
    assert orphan["Id"] in removed and expired["Id"] in removed
    for cid in docker_backend.ready_ids():       # live pool containers are left alone
        assert cid not in removed


def test_job_validation():
    with pytest.raises(ValueError):
        Job(files={"other.py": ""}, cases=[])
    with pytest.raises(ValueError):
        Job(files={"solution.py": "", "../x.py": ""}, cases=[])
    with pytest.raises(ValueError):
        Job(files={"solution.py": ""}, cases=[{"id": "a"}, {"id": "a"}])
