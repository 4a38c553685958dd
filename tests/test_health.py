"""Liveness and readiness: /healthz, /readyz and `manage.py readyz` tell a dead dependency apart."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_readyz_is_200_when_the_database_and_redis_answer(client, redis_url) -> None:
    response = client.get("/readyz/")

    assert response.status_code == 200
    body = response.json()
    assert body["ready"] is True
    assert set(body["checks"]) == {"database", "redis"}


def test_readyz_is_503_and_names_redis_when_redis_is_down(client, redis_url) -> None:
    with override_settings(REDIS_URL="redis://127.0.0.1:1/0"):
        response = client.get("/readyz/")

    assert response.status_code == 503
    body = response.json()
    assert body["ready"] is False
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["redis"]["ok"] is False
    assert "Connection" in body["checks"]["redis"]["error"]


def test_readyz_command_for_a_worker_also_checks_the_docker_engine(redis_url, capsys) -> None:
    call_command("readyz", "--worker")

    report = json.loads(capsys.readouterr().out)
    assert report["ready"] is True
    assert report["checks"]["docker"]["ok"] is True


def test_readyz_command_fails_when_a_dependency_is_down(redis_url) -> None:
    with override_settings(REDIS_URL="redis://127.0.0.1:1/0"), pytest.raises(CommandError, match="not ready: redis"):
        call_command("readyz")


def test_healthz_answers_without_touching_dependencies(client) -> None:
    with override_settings(REDIS_URL="redis://127.0.0.1:1/0"):
        response = client.get("/healthz/")

    assert response.status_code == 200


def _container_check(role: str, **env: str):
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "scripts" / "compose" / "healthcheck.py"
    return subprocess.run([sys.executable, str(script), role], env={**os.environ, **env},
                          capture_output=True, text=True, timeout=60)


def test_container_check_of_beat_passes_with_redis_and_names_redis_when_it_is_down(redis_url) -> None:
    assert _container_check("beat", REDIS_URL=redis_url).returncode == 0

    down = _container_check("beat", REDIS_URL="redis://127.0.0.1:1/0")
    assert down.returncode == 1
    assert "redis_ping" in down.stderr


def test_container_check_of_a_worker_needs_the_docker_engine(redis_url) -> None:
    assert _container_check("worker", REDIS_URL=redis_url, DATABASE_URL="sqlite:///x").returncode == 0

    no_engine = _container_check("worker", REDIS_URL=redis_url, DATABASE_URL="sqlite:///x",
                                 DOCKER_HOST="unix:///nonexistent/docker.sock")
    assert no_engine.returncode == 1
    assert "docker_ping" in no_engine.stderr
