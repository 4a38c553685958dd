"""Prometheus metrics of grading: what is defined here, who observes it, and how it is served.

Web processes serve ``/metrics`` (``metrics_view``: staff, or ``Authorization: Bearer
<METRICS_TOKEN>``): django-prometheus's request metrics (latency by view) and the depth of the
Celery queues, read from Redis at scrape time (``QueueDepthCollector``). A Celery worker
serves its own on ``WORKER_METRICS_PORT`` (config/celery.py): grading latency, task
outcomes, sandbox system errors and the warm pool, which only exist in the worker.

A prefork worker grades in child processes, so worker metrics use prometheus_client's
multiprocess mode (``PROMETHEUS_MULTIPROC_DIR``, one small mmap file per process, summed when
scraped; config/celery.py sets it up). The sandbox library stays free of all this: it reports
pool events to plain callbacks (``sandbox.stats``), which ``_pool_event`` turns into metrics.
"""

from __future__ import annotations

import hmac
import logging
import os
import time

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

import sandbox.stats

logger = logging.getLogger(__name__)

QUEUES = ("run", "submit")
# Seconds: a Run on an idle worker answers in ~0.1-0.3 s; a backlog of Submits takes minutes.
LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600)

GRADING_FIRST_CASE = Histogram(
    "onsite_grading_first_case_seconds", "From the submission being stored to its first judged case.",
    ["mode"], buckets=LATENCY_BUCKETS)
GRADING_VERDICT = Histogram(
    "onsite_grading_verdict_seconds", "From the submission being stored to its verdict.",
    ["mode"], buckets=LATENCY_BUCKETS)
GRADING_VERDICTS = Counter("onsite_grading_verdicts", "Graded submissions by mode and verdict.",
                           ["mode", "verdict"])
SANDBOX_SYSTEM_ERRORS = Counter(
    "onsite_sandbox_system_errors", "Gradings interrupted by the sandbox (SE: retried, never the candidate's fault).")
POOL_READY = Gauge("onsite_sandbox_pool_ready", "Warm sandbox containers ready to take a job.",
                   multiprocess_mode="livesum")
POOL_REFILLS = Counter("onsite_sandbox_pool_refills", "Warm containers created to refill the pool.")
POOL_REFILL_FAILURES = Counter("onsite_sandbox_pool_refill_failures", "Failed attempts to refill the warm pool.")
POOL_MISSES = Counter("onsite_sandbox_pool_misses", "Jobs that found no warm container and started a cold one.")
TASKS = Counter("onsite_celery_tasks", "Celery tasks by name and outcome (success, failure, retry, rejected, revoked).",
                ["task", "outcome"])
TASK_SECONDS = Histogram("onsite_celery_task_seconds", "Time a Celery task ran, by name.", ["task"],
                         buckets=LATENCY_BUCKETS)


# --- Observed by grader.services and grader.tasks ------------------------------------------------


def _since(moment) -> float:
    from django.utils import timezone

    return max(0.0, (timezone.now() - moment).total_seconds())


def grading_first_case(submission) -> None:
    """Call once a submission's first case is stored."""
    GRADING_FIRST_CASE.labels(submission.mode).observe(_since(submission.created_at))


def grading_finished(submission) -> None:
    """Call once a submission has its verdict."""
    GRADING_VERDICT.labels(submission.mode).observe(_since(submission.created_at))
    GRADING_VERDICTS.labels(submission.mode, submission.verdict or "none").inc()


def sandbox_system_error() -> None:
    SANDBOX_SYSTEM_ERRORS.inc()


def _pool_event(event: str, ready: int | None = None) -> None:
    if ready is not None:
        POOL_READY.set(ready)
    if event == "refilled":
        POOL_REFILLS.inc()
    elif event == "refill_failed":
        POOL_REFILL_FAILURES.inc()
    elif event == "miss":
        POOL_MISSES.inc()


sandbox.stats.add_listener(_pool_event)


# --- Task outcomes (Celery signals, connected by config/celery.py) --------------------------------

_task_started: dict[str, float] = {}


def _task_prerun(task_id=None, **_) -> None:
    _task_started[task_id] = time.monotonic()


def _task_postrun(task_id=None, task=None, sender=None, **_) -> None:
    started = _task_started.pop(task_id, None)
    if started is not None:
        TASK_SECONDS.labels((task or sender).name).observe(time.monotonic() - started)


def _outcome(outcome: str):
    def record(sender=None, request=None, **_) -> None:
        # task_success/failure/retry send the task; task_revoked a worker Request (its .name).
        name = getattr(sender, "name", None) or getattr(request, "name", None) or "unknown"
        TASKS.labels(str(name), outcome).inc()
    return record


def connect_celery_signals() -> None:
    from celery import signals

    signals.task_prerun.connect(_task_prerun, weak=False)
    signals.task_postrun.connect(_task_postrun, weak=False)
    for outcome, signal in (("success", signals.task_success), ("failure", signals.task_failure),
                            ("retry", signals.task_retry), ("rejected", signals.task_rejected),
                            ("revoked", signals.task_revoked)):
        signal.connect(_outcome(outcome), weak=False)


# --- Queue depth, read at scrape time (web) --------------------------------------------------------


def _queue_keys(queue: str) -> list[str]:
    # kombu's Redis transport keeps one list per priority step: "run", "run\x06\x163", ...
    return [queue] + [f"{queue}\x06\x16{priority}" for priority in (3, 6, 9)]


class QueueDepthCollector:
    """``onsite_celery_queue_length{queue}``: messages waiting in each queue (Redis LLEN)."""

    def __init__(self, redis_url: str) -> None:
        self.redis_url = redis_url

    def collect(self):
        import redis

        depth = GaugeMetricFamily("onsite_celery_queue_length", "Messages waiting in a Celery queue.",
                                  labels=["queue"])
        up = GaugeMetricFamily("onsite_celery_broker_up", "1 when the broker answered this scrape.")
        client = redis.Redis.from_url(self.redis_url, socket_timeout=2, socket_connect_timeout=2)
        try:
            pipe = client.pipeline(transaction=False)
            for queue in QUEUES:
                for key in _queue_keys(queue):
                    pipe.llen(key)
            lengths = pipe.execute()
        except redis.RedisError as error:
            logger.warning("metrics: the broker did not answer: %s", error)
            up.add_metric([], 0)
        else:
            up.add_metric([], 1)
            steps = len(_queue_keys(QUEUES[0]))
            for index, queue in enumerate(QUEUES):
                depth.add_metric([queue], sum(lengths[index * steps:(index + 1) * steps]))
        finally:
            client.close()
        yield depth
        yield up


# --- Serving -----------------------------------------------------------------------------------------


def multiprocess_registry() -> CollectorRegistry:
    """Every process's metrics, summed from PROMETHEUS_MULTIPROC_DIR."""
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


def exposition(*, redis_url: str | None = None) -> bytes:
    """This process's metrics (all processes' in multiprocess mode), plus the queues if given."""
    registry = multiprocess_registry() if os.environ.get("PROMETHEUS_MULTIPROC_DIR") else REGISTRY
    payload = generate_latest(registry)
    if redis_url:
        queues = CollectorRegistry(auto_describe=False)
        queues.register(QueueDepthCollector(redis_url))
        payload += generate_latest(queues)
    return payload


def _bearer_token(request) -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def metrics_view(request):
    """GET /metrics: staff (session) or ``Authorization: Bearer <METRICS_TOKEN>``; else 404
    (403 for a wrong token, so a misconfigured scraper says why)."""
    from django.conf import settings
    from django.http import Http404, HttpResponse, HttpResponseNotAllowed

    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    token = _bearer_token(request)
    if token is not None:
        expected = settings.METRICS_TOKEN
        if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
            return HttpResponse("This metrics token is not valid (METRICS_TOKEN).\n", status=403,
                                content_type="text/plain")
    elif not (request.user.is_authenticated and request.user.is_staff):
        raise Http404
    return HttpResponse(exposition(redis_url=settings.REDIS_URL), content_type=CONTENT_TYPE_LATEST)


# --- The worker's own endpoint -------------------------------------------------------------------------


def start_worker_server(port: int, addr: str = "0.0.0.0") -> None:
    """Serve the worker's metrics (every pool process's) on `port`. Call in the worker's main
    process before its pool starts; files left in the folder by an earlier run are removed."""
    from prometheus_client import start_http_server

    folder = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    mine = f"_{os.getpid()}.db"
    for name in os.listdir(folder):
        if name.endswith(".db") and not name.endswith(mine):
            os.remove(os.path.join(folder, name))
    start_http_server(port, addr=addr, registry=multiprocess_registry())
    logger.info("worker metrics on http://%s:%s/metrics", addr, port)


def worker_process_exited(pid: int) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(pid)
