"""A stored submission is graded exactly once, whatever dies: the worker mid-job, or the broker.

Each test starts its OWN redis-server on a free port and its own worker process(es), and
points this process's Celery app, channel layer and settings at that Redis for the test only
(the shared test Redis and the session worker are left alone).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.test.utils import override_settings

from config.settings import channel_layers
from grader import services
from grader.models import CaseResult, Mode, Status, Submission, Verdict
from grader.tasks import grade_submission
from tests.conftest import VENV_BIN, _point_celery_at, _Subprocess, free_port, subprocess_env
from tests.grader.conftest import SLOW_FLATTEN, LiveStream, current_version, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("bank")]


class OwnRedis:
    """A throw-away redis-server (no persistence) that a test may stop and start again."""

    def __init__(self, tmp: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.tmp = tmp
        self.server: _Subprocess | None = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        self.server = _Subprocess(
            "redis-server",
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--maxmemory-policy", "noeviction", "--dir", str(self.tmp)],
            dict(os.environ), self.tmp / f"redis-{self.starts}.log",
        )
        wait_for(self._answers, timeout=10, what=f"redis-server on port {self.port}", every=0.05)

    def _answers(self) -> bool:
        self.server.fail_if_exited()
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


def point_celery_at(url: str) -> None:
    """tests.conftest._point_celery_at, plus the producer pool and control mailbox Celery caches
    (without this, publishing and pings keep using the previous broker's connection)."""
    from config.celery import app as celery_app

    _point_celery_at(url)
    celery_app.amqp._producer_pool = None
    celery_app.__dict__.pop("control", None)


@pytest.fixture
def own_redis(redis_url, tmp_path):
    """This process's Celery app, channel layer and settings on a private Redis for one test."""
    redis = OwnRedis(tmp_path)
    redis.start()
    overrides = override_settings(
        REDIS_URL=redis.url, CELERY_BROKER_URL=redis.url, CELERY_RESULT_BACKEND=redis.url,
        CHANNEL_LAYERS=channel_layers(redis.url),
    )
    overrides.enable()
    point_celery_at(redis.url)
    try:
        yield redis
    finally:
        overrides.disable()
        point_celery_at(redis_url)
        redis.stop()


@pytest.fixture
def start_worker(own_redis, tmp_path):
    """Start a prefork worker (one child) on the private Redis; every one is stopped at the end."""
    from config.celery import app as celery_app

    workers: list[_Subprocess] = []

    def start(*, beat: bool = False, env: dict[str, str] | None = None) -> _Subprocess:
        index = len(workers) + 1
        node = f"resilience-{os.getpid()}-{index}@{socket.gethostname()}"
        argv = [str(VENV_BIN / "celery"), "-A", "config", "worker", "-Q", "run,submit", "-c", "1",
                "--pool", "prefork", "-n", node, "-l", "INFO",
                "--without-gossip", "--without-mingle", "--without-heartbeat"]
        if beat:
            argv += ["-B", "-s", str(tmp_path / f"beat-{index}")]
        worker = _Subprocess(f"worker {index}", argv, {**subprocess_env(redis_url=own_redis.url), **(env or {})},
                             tmp_path / f"worker-{index}.log")
        workers.append(worker)
        deadline = time.monotonic() + 45
        while not celery_app.control.ping(destination=[node], timeout=0.5):
            worker.fail_if_exited()
            if time.monotonic() > deadline:
                pytest.fail(f"worker {index} did not answer a ping:\n{worker.log_tail()}")
        return worker

    yield start
    for worker in workers:
        worker.stop()


def finished(submission_id: int) -> Submission | None:
    submission = Submission.objects.get(pk=submission_id)
    return submission if submission.is_finished else None


def judged_count(submission_id: int) -> int:
    return CaseResult.objects.filter(submission_id=submission_id).count()


def child_pids(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in out.split()]


@pytest.mark.parametrize("victim", ["prefork child", "whole worker"])
def test_killing_the_worker_mid_job_still_grades_exactly_once(alice, own_redis, start_worker, ws_loop, victim):
    # The whole-worker case leaves its message unacknowledged until the broker's visibility
    # timeout: the second worker's beat sweep finds the run whose process is gone and re-queues it.
    first = start_worker(beat=(victim == "prefork child"), env={"SWEEP_EVERY_SECONDS": "1"})
    workers = [first]
    version = current_version("coding/flatten")
    total = len(version.cases)
    submission = services.submission_create(owner=alice, version=version, code=SLOW_FLATTEN.format(delay=0.25),
                                            mode=Mode.SUBMIT)
    live = LiveStream(ws_loop, submission.pk, alice)
    try:
        assert live.accepted
        wait_for(lambda: judged_count(submission.pk) >= 3, timeout=60, what="three judged cases")
        running = Submission.objects.get(pk=submission.pk)
        assert running.status == Status.RUNNING and running.attempts == 1
        grading_pid = int(running.claimed_by.rpartition(":")[2])
        assert grading_pid in child_pids(first.process.pid)  # the prefork child grades

        if victim == "prefork child":
            os.kill(grading_pid, signal.SIGKILL)
        else:
            os.killpg(first.process.pid, signal.SIGKILL)
            first.process.wait(10)
            wait_for(lambda: not Path(f"/proc/{grading_pid}").exists(), timeout=10, what="the child to die")
            workers.append(start_worker(beat=True, env={"SWEEP_EVERY_SECONDS": "1"}))

        done = wait_for(lambda: finished(submission.pk), timeout=90, what="the submission to be graded again")
        stream = live.receive(until=lambda s: s.finished, timeout=30)
    finally:
        live.close()

    assert done.status == Status.DONE and done.verdict == Verdict.AC, done.message
    assert done.attempts == 2
    assert int(done.claimed_by.rpartition(":")[2]) != grading_pid
    assert judged_count(submission.pk) == total == done.cases_passed
    assert sorted(CaseResult.objects.filter(submission=done).values_list("position", flat=True)) == list(range(total))
    # One final result: the stream saw "done" once, and ends with every row accepted.
    assert [s for s in stream.summaries if s[0] in ("done", "failed")] == [("done", "AC")]
    assert stream.final_rows() == {case["id"]: "AC" for case in version.cases}
    # The broker redelivers an unacknowledged message only after its visibility timeout (an hour):
    # send that copy now, and see a worker run it and find nothing to do.
    duplicate = grade_submission.apply_async(args=[submission.pk], queue="submit")
    wait_for(lambda: any(f"[{duplicate.id}] succeeded" in line and "'skipped'" in line
                         for worker in workers for line in worker.log_path.read_text(errors="replace").splitlines()),
             timeout=60, what="a worker to run the redelivered message")
    again = Submission.objects.get(pk=submission.pk)
    assert (again.attempts, again.status, again.verdict) == (2, Status.DONE, Verdict.AC)
    assert judged_count(submission.pk) == total


def test_a_submission_made_while_redis_is_down_is_graded_after_it_restarts(
        alice, own_redis, start_worker, caplog):
    start_worker(beat=True, env={"SWEEP_EVERY_SECONDS": "1", "GRADER_REQUEUE_AFTER_SECONDS": "1"})
    version = current_version("coding/flatten")
    own_redis.stop()

    started = time.monotonic()
    submission = services.submission_create(owner=alice, version=version, code=version.solution, mode=Mode.RUN)
    assert time.monotonic() - started < 10  # the candidate is not kept waiting on a dead broker
    assert "could not queue submission" in caplog.text
    stored = Submission.objects.get(pk=submission.pk)
    assert stored.status == Status.QUEUED and stored.attempts == 0

    time.sleep(1)
    own_redis.start()  # empty: the message was never sent; only the database row remembers it
    done = wait_for(lambda: finished(submission.pk), timeout=90, what="the sweep to re-queue and grade it")
    assert done.status == Status.DONE and done.verdict == Verdict.AC and done.attempts == 1
    assert judged_count(submission.pk) == sum(case["sample"] for case in version.cases)
