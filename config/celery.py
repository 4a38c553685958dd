"""The Celery app. Its configuration is the ``CELERY_*`` block of config/settings.py.

Start a worker for both queues with ``celery -A config worker -Q run,submit``.

Observability wiring (config/logs.py, grader/metrics.py): tasks carry the request's ids in
their headers and log with them; with ``WORKER_METRICS_PORT`` set, the worker serves
Prometheus metrics on that port. A prefork worker grades in child processes, so the metrics
use prometheus_client's multiprocess mode: each process writes its values to a small file in
``PROMETHEUS_MULTIPROC_DIR`` (a fresh temporary folder unless set; it must be chosen before
prometheus_client is imported, hence here, first), and the main process serves their sum.
"""

import os
import tempfile

from celery import Celery, signals

from config.env import env_int, exit_on_misconfiguration

with exit_on_misconfiguration():
    WORKER_METRICS_PORT = env_int("WORKER_METRICS_PORT", 0, minimum=0)
if WORKER_METRICS_PORT and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="onsite-worker-metrics-")

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("onsite")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _connect_observability() -> None:
    from config import logs
    from grader import metrics

    logs.connect_celery_signals()
    metrics.connect_celery_signals()


@signals.worker_init.connect(weak=False)
def _serve_worker_metrics(**_) -> None:
    if WORKER_METRICS_PORT:
        from grader import metrics

        metrics.start_worker_server(WORKER_METRICS_PORT)


@signals.worker_process_shutdown.connect(weak=False)
def _forget_pool_process(pid=None, **_) -> None:
    from grader import metrics

    metrics.worker_process_exited(pid or os.getpid())


_connect_observability()
