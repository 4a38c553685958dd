"""Liveness and readiness, for load balancers, container health checks and operators.

``/healthz`` says the process answers; ``/readyz`` says it can do its work: the database and
Redis answer (and, for a worker, the Docker Engine). ``manage.py readyz [--worker]`` runs the same
checks from a shell, which is how the compose health checks of the worker and beat call them.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, JsonResponse

CHECK_TIMEOUT_SECONDS = 3


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _redis() -> None:
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=CHECK_TIMEOUT_SECONDS,
                                  socket_connect_timeout=CHECK_TIMEOUT_SECONDS)
    try:
        client.ping()
    finally:
        client.close()


def _docker() -> None:
    import docker

    client = docker.from_env(timeout=CHECK_TIMEOUT_SECONDS)
    try:
        client.ping()
    finally:
        client.close()


WEB_CHECKS: dict[str, Callable[[], None]] = {"database": _database, "redis": _redis}
WORKER_CHECKS: dict[str, Callable[[], None]] = {**WEB_CHECKS, "docker": _docker}


def readiness(*, worker: bool = False) -> dict:
    """Run every check; never raises. ``{"ready": bool, "checks": {name: {"ok", "ms", "error"?}}}``."""
    results: dict[str, dict] = {}
    for name, check in (WORKER_CHECKS if worker else WEB_CHECKS).items():
        started = time.monotonic()
        try:
            check()
            results[name] = {"ok": True}
        except Exception as exc:  # noqa: BLE001 - a failed dependency is the answer, not an error
            results[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
        results[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    return {"ready": all(result["ok"] for result in results.values()), "checks": results}


@login_not_required
def readyz(request: HttpRequest) -> JsonResponse:
    """200 when the database and Redis answer, else 503 with the failing check named."""
    report = readiness()
    return JsonResponse(report, status=200 if report["ready"] else 503)
