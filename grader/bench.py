"""Grading benchmark on the real stack: ``python -m grader.bench [--json] [--repeats N] [--burst N]``.

It starts its own redis-server on a free port, uses a temporary SQLite database (migrated,
with coding/flatten from the bank loaded), starts Celery worker subprocesses (prefork, one
child each, queues run and submit, the sandbox backend from the settings: Docker when it
answers) and measures:

- latency of a sample "Run" (3 sample cases of coding/flatten, the canonical solution) with
  an idle worker: from the call to ``submission_create`` to the first case event and to the
  final verdict event, both received on the submission's channel-layer group (p50, p95);
- ``sandbox_ms``: the same job straight through the sandbox's warm pool in this process, and
  ``bare_ms``: through the bare floor (the harness run on the host with sys.executable, no
  isolation, as ``sandbox.bench`` measures it) — medians;
- a burst of N submissions (Run) with 1 and then 2 workers: throughput (submissions per
  minute, first submit to last verdict), p95 queue wait (queued → started, from the rows),
  and a check that every one was graded exactly once (one claim each, one result per case).

Everything it started is stopped and the temporary folder removed, also on Ctrl-C or on the
time limit (``--timeout``, default 900 s). Figures are recorded in docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUESTION = "coding/flatten"


class BenchTimeout(Exception):
    pass


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds

    def check(self, what: str) -> None:
        if time.monotonic() > self.at:
            raise BenchTimeout(f"the benchmark ran out of time while {what}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return round(ordered[index], 1)


class Processes:
    """Every child process the benchmark starts, each in its own session; all stopped at exit."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.children: list[subprocess.Popen] = []

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = (self.folder / f"{name}.log").open("wb")
        process = subprocess.Popen(argv, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        log.close()
        self.children.append(process)
        return process

    def log_tail(self, name: str, lines: int = 30) -> str:
        path = self.folder / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def stop_all(self) -> None:
        for process in reversed(self.children):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in reversed(self.children):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


class Listener:
    """Subscribes to submission groups on the channel layer, in a background event loop, and
    records when each submission's first case event and final status event arrived."""

    def __init__(self) -> None:
        from channels.layers import get_channel_layer

        self.layer = get_channel_layer()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.channel = self._run(self.layer.new_channel())
        self._pending_cases: list[tuple[int, float]] = []
        self._pending_final: list[float] = []
        self._task = asyncio.run_coroutine_threadsafe(self._receive(), self.loop)

    def _run(self, coroutine, timeout: float = 10):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def subscribe(self, submission_id: int) -> None:
        from grader.events import submission_group

        self._run(self.layer.group_add(submission_group(submission_id), self.channel))

    async def _receive(self) -> None:
        while True:
            message = await self.layer.receive(self.channel)
            now = time.perf_counter()
            # Events carry ids only: a case event its result id, a status event the status.
            if message["type"] == "submission.case":
                self._pending_cases.append((message["result_id"], now))
            elif message["type"] == "submission.status" and message["status"] in ("done", "failed"):
                self._pending_final.append(now)

    def reset(self) -> None:
        self._pending_cases, self._pending_final = [], []

    def close(self) -> None:
        self._task.cancel()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


def measure(repeats: int, burst: int, deadline: Deadline, folder: Path, processes: Processes) -> dict:
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)

    from django.contrib.auth import get_user_model

    import sandbox
    from config.celery import app as celery_app
    from grader import services
    from grader.judging import build_job, default_backend
    from grader.models import CaseResult, Mode, Status, Submission
    from references.loader import BANK_ROOT
    from references.models import Question
    from references.services import bank_sync
    from sandbox.process_backend import ProcessBackend

    shutil.copytree(BANK_ROOT / QUESTION, folder / "bank" / QUESTION)
    bank_sync(root=folder / "bank")
    section, slug = QUESTION.split("/")
    version = Question.objects.get(section=section, slug=slug).current
    code = version.solution
    samples = [case for case in version.cases if case["sample"]]
    user = get_user_model().objects.create_user("bench", password=None)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    workers: list[str] = []

    def start_worker() -> None:
        name = f"bench-{os.getpid()}-{len(workers) + 1}@{socket.gethostname()}"
        process = processes.start(name.split("@")[0], [
            str(Path(sys.executable).parent / "celery"), "-A", "config", "worker", "-Q", "run,submit",
            "-c", "1", "--pool", "prefork", "-n", name, "-l", "WARNING",
            "--without-gossip", "--without-mingle", "--without-heartbeat"], env)
        while not celery_app.control.ping(destination=[name], timeout=0.5):
            if process.poll() is not None:
                raise RuntimeError(f"worker exited:\n{processes.log_tail(name.split('@')[0])}")
            deadline.check("starting a worker")
        workers.append(name)

    def wait_finished(ids: list[int], what: str) -> None:
        while Submission.objects.filter(pk__in=ids, status__in=[Status.QUEUED, Status.RUNNING]).exists():
            deadline.check(what)
            time.sleep(0.05)

    results: dict = {"question": QUESTION, "mode": "run", "cases": len(samples), "repeats": repeats,
                     "backend": settings.SANDBOX_BACKEND}

    # The same job without the queue: the warm pool in this process, and the bare floor.
    job = build_job(code=code, cases=samples, scenarios=version.scenarios)
    pool = default_backend()
    bare = ProcessBackend(debug=True, isolation=False)

    def timed(backend) -> float:
        started = time.perf_counter()
        items = list(sandbox.run(job, backend))
        if items[-1].status != "completed":
            raise RuntimeError(f"sandbox job failed: {items[-1]}")
        return (time.perf_counter() - started) * 1000.0

    for backend in (pool, bare):
        timed(backend)  # warm-up
    pool_times, bare_times = [], []
    for _ in range(repeats):
        deadline.check("timing the sandbox")
        if hasattr(pool, "wait_ready"):
            pool.wait_ready(60)
        pool_times.append(timed(pool))
        bare_times.append(timed(bare))
    results["sandbox_ms"] = round(statistics.median(pool_times), 1)
    results["bare_ms"] = round(statistics.median(bare_times), 1)
    results["sandbox_backend"] = getattr(pool, "name", type(pool).__name__)
    pool.close()

    # Latency through the whole pipeline, one submission at a time, idle worker.
    start_worker()
    listener = Listener()
    held: list[dict] = []
    real_enqueue = services.submission_enqueue
    first_event, verdict = [], []
    try:
        services.submission_enqueue = lambda **kwargs: held.append(kwargs) or True
        for index in range(repeats + 2):
            deadline.check("measuring latency")
            time.sleep(0.5)  # idle: the worker's warm pool has refilled
            listener.reset()
            started = time.perf_counter()
            submission = services.submission_create(owner=user, version=version, code=code, mode=Mode.RUN)
            listener.subscribe(submission.pk)  # the browser's page would subscribe now
            real_enqueue(**held.pop())
            while not listener._pending_final:
                deadline.check("waiting for a verdict event")
                time.sleep(0.002)
            if index >= 2:  # the first two warm the worker up
                first_event.append((listener._pending_cases[0][1] - started) * 1000.0)
                verdict.append((listener._pending_final[0] - started) * 1000.0)
    finally:
        services.submission_enqueue = real_enqueue
        listener.close()
    results.update(first_event_p50_ms=_percentile(first_event, 0.5), first_event_p95_ms=_percentile(first_event, 0.95),
                   verdict_p50_ms=_percentile(verdict, 0.5), verdict_p95_ms=_percentile(verdict, 0.95))

    # Bursts: N submissions at once, with 1 and then 2 workers.
    submitted = graded = duplicates = 0
    for count in (1, 2):
        while len(workers) < count:
            start_worker()
        time.sleep(2)  # warm pools
        started = time.perf_counter()
        ids = [services.submission_create(owner=user, version=version, code=code, mode=Mode.RUN).pk
               for _ in range(burst)]
        created = time.perf_counter()
        wait_finished(ids, f"grading the burst with {count} worker(s)")
        rows = list(Submission.objects.filter(pk__in=ids).values(
            "status", "verdict", "attempts", "queued_at", "started_at", "finished_at", "claimed_by"))
        last = max(row["finished_at"] for row in rows)
        first_queued = min(row["queued_at"] for row in rows)
        elapsed_s = (last - first_queued).total_seconds()
        waits = [(row["started_at"] - row["queued_at"]).total_seconds() * 1000.0 for row in rows]
        results_count = CaseResult.objects.filter(submission_id__in=ids).count()
        done = sum(row["status"] == Status.DONE and row["verdict"] == "AC" for row in rows)
        extra_claims = sum(max(0, row["attempts"] - 1) for row in rows)
        submitted += len(ids)
        graded += done
        duplicates += extra_claims + max(0, results_count - len(ids) * len(samples))
        results[f"throughput_{count}w_per_min"] = round(len(ids) * 60.0 / elapsed_s, 1)
        results[f"queue_wait_{count}w_p95_ms"] = _percentile(waits, 0.95)
        results[f"burst_{count}w_seconds"] = round(elapsed_s, 1)
        results[f"burst_{count}w_submit_ms"] = round((created - started) * 1000.0, 1)
        results[f"burst_{count}w_graders"] = len({row["claimed_by"] for row in rows})
    results.update(burst_submitted=submitted, burst_graded=graded, burst_duplicates=duplicates,
                   burst_size=burst, cpus=os.cpu_count())
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--repeats", type=int, default=20, help="latency samples (default 20)")
    parser.add_argument("--burst", type=int, default=200, help="submissions per burst (default 200)")
    parser.add_argument("--timeout", type=float, default=900, help="give up after this many seconds")
    options = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="onsite-grader-bench-"))
    processes = Processes(folder)
    deadline = Deadline(options.timeout)
    previous_sigterm = signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        port = _free_port()
        redis = processes.start("redis", ["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                                          "--save", "", "--appendonly", "no", "--maxmemory-policy", "noeviction",
                                          "--dir", str(folder)], dict(os.environ))
        os.environ.update({
            "REDIS_URL": f"redis://127.0.0.1:{port}/0",
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        })
        os.environ.setdefault("DEBUG", "True")  # a local measurement; no SECRET_KEY needed
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if redis.poll() is not None:
                    raise RuntimeError(f"redis-server exited:\n{processes.log_tail('redis')}") from None
                deadline.check("starting redis")
                time.sleep(0.05)
        results = measure(options.repeats, options.burst, deadline, folder, processes)
    except BenchTimeout as error:
        print(f"grader.bench: {error}", file=sys.stderr)
        return 1
    finally:
        processes.stop_all()
        signal.signal(signal.SIGTERM, previous_sigterm)
        shutil.rmtree(folder, ignore_errors=True)
    if options.json:
        print(json.dumps(results, indent=2))
    else:
        width = max(map(len, results))
        for key, value in results.items():
            print(f"{key:<{width}}  {value}")
    return 0 if results["burst_graded"] == results["burst_submitted"] and not results["burst_duplicates"] else 1


if __name__ == "__main__":
    sys.exit(main())
