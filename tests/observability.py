"""A real Celery worker for the observability tests: JSON logs at DEBUG, its own metrics port.

Imported by tests/test_metrics.py and tests/test_logging.py (``from tests.observability import
observed_worker_fixture``). Tests using it need ``django_db(transaction=True)``.
"""

from __future__ import annotations

import json
import socket
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import (
    START_TIMEOUT,
    _point_celery_at,
    _Subprocess,
    _worker_number,
    free_port,
    subprocess_env,
    xdist_worker_id,
)

VENV_BIN = Path(sys.executable).parent


@dataclass
class ObservedWorker:
    node: str
    metrics_url: str
    log_path: Path

    def json_lines(self) -> list[dict]:
        lines = []
        for line in self.log_path.read_text(errors="replace").splitlines():
            if line.startswith("{"):
                try:
                    lines.append(json.loads(line))
                except ValueError:
                    pass
        return lines

    def metrics(self) -> str:
        with urllib.request.urlopen(self.metrics_url, timeout=5) as response:
            return response.read().decode()


def metric_value(exposition: str, name: str, **labels: str) -> float | None:
    """The value of one sample of a Prometheus text exposition (None when absent)."""
    wanted = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    for line in exposition.splitlines():
        if line.startswith("#") or " " not in line:
            continue
        sample, _, value = line.rpartition(" ")
        sample_name, _, label_text = sample.partition("{")
        if sample_name != name:
            continue
        found = ",".join(sorted(part for part in label_text.rstrip("}").split(",") if part))
        if found == wanted:
            return float(value)
    return None


def _repoint_celery(url: str) -> None:
    """conftest's _point_celery_at, and also the producer pool that earlier sends have cached."""
    from config.celery import app as celery_app

    _point_celery_at(url)
    celery_app.amqp._producer_pool = None


@pytest.fixture(scope="module", name="observed_worker")
def observed_worker_fixture(request, redis_url: str, django_db_setup: None,
                            tmp_path_factory) -> Iterator[ObservedWorker]:
    """A worker on a Redis database of its own, with this process's Celery and channel layer
    pointed at it while the module's tests run: the session's other worker (celery_worker_proc),
    which consumes the same queues, must not take the tasks whose logs these tests read."""
    from urllib.parse import urlsplit, urlunsplit

    import redis
    from django.test.utils import override_settings

    from config.celery import app as celery_app
    from config.settings import channel_layers

    own_url = urlunsplit(urlsplit(redis_url)._replace(path=f"/{9 + _worker_number(xdist_worker_id(request))}"))
    redis.Redis.from_url(own_url).flushdb()
    overrides = override_settings(REDIS_URL=own_url, CELERY_BROKER_URL=own_url, CELERY_RESULT_BACKEND=own_url,
                                  CHANNEL_LAYERS=channel_layers(own_url))
    overrides.enable()
    _repoint_celery(own_url)
    port = free_port()
    node = f"onsite-obs-{xdist_worker_id(request)}-{request.module.__name__.rsplit('.', 1)[-1]}@{socket.gethostname()}"
    folder = tmp_path_factory.mktemp("observed-worker")
    env = {**subprocess_env(redis_url=own_url), "LOG_FORMAT": "json", "LOG_LEVEL": "DEBUG",
           "WORKER_METRICS_PORT": str(port), "PROMETHEUS_MULTIPROC_DIR": str(folder / "metrics")}
    (folder / "metrics").mkdir()
    worker = _Subprocess(
        "observed celery worker",
        [str(VENV_BIN / "celery"), "-A", "config", "worker", "-Q", "run,submit", "-c", "1", "--pool", "prefork",
         "-n", node, "--without-gossip", "--without-mingle", "--without-heartbeat"],
        env, folder / "worker.log",
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not celery_app.control.ping(destination=[node], timeout=0.5):
            worker.fail_if_exited()
            if time.monotonic() > deadline:
                pytest.fail(f"the worker did not answer a ping in {START_TIMEOUT:.0f} s:\n{worker.log_tail()}")
        yield ObservedWorker(node=node, metrics_url=f"http://127.0.0.1:{port}/metrics", log_path=worker.log_path)
    finally:
        worker.stop()
        overrides.disable()
        _repoint_celery(redis_url)


def wait_until(predicate, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.2)
