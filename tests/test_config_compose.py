"""The production docker-compose.yml is valid and keeps the Docker socket to the worker."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
COMPOSE_ENV = {
    "SECRET_KEY": "compose-test-secret-key-" + "x" * 40,
    "POSTGRES_PASSWORD": "compose-test-password",
    "ALLOWED_HOSTS": "onsite.example.com",
}


def compose_command() -> list[str]:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    pytest.fail("neither docker-compose nor `docker compose` is installed (make test installs docker-compose)")


def compose(
    *args: str, files: tuple[str, ...] = ("docker-compose.yml",), **env: str
) -> subprocess.CompletedProcess[str]:
    """Run compose on our files with exactly ``env`` as variables (a developer's .env is ignored)."""
    base = {name: value for name, value in os.environ.items() if name not in COMPOSE_ENV}
    with tempfile.NamedTemporaryFile(suffix=".env") as empty_env_file:
        return subprocess.run(
            [*compose_command(), "--env-file", empty_env_file.name,
             *(option for name in files for option in ("-f", name)), *args],
            cwd=REPO,
            env={**base, **env},
            capture_output=True,
            text=True,
            timeout=60,
        )


def test_compose_file_is_valid() -> None:
    result = compose("config", "-q", **COMPOSE_ENV)

    assert result.returncode == 0, result.stderr


def test_compose_refuses_to_start_without_a_secret_key() -> None:
    env = {name: value for name, value in COMPOSE_ENV.items() if name != "SECRET_KEY"}

    result = compose("config", "-q", **env)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_only_the_worker_gets_the_docker_socket_and_everything_has_a_healthcheck() -> None:
    result = compose("config", **COMPOSE_ENV)
    services = yaml.safe_load(result.stdout)["services"]

    def mounts_docker_socket(service: dict) -> bool:
        return any("docker.sock" in str(volume) for volume in service.get("volumes", []))

    assert {"web", "worker", "redis", "postgres", "sandbox-image"} <= set(services)
    assert [name for name, service in services.items() if mounts_docker_socket(service)] == ["worker"]
    for name in ("web", "worker", "redis", "postgres"):
        assert "healthcheck" in services[name], name
    assert services["web"]["environment"]["DEBUG"] == "False"
    for name in ("beat", "worker", "web"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully", name


def test_the_local_override_needs_no_registry_image() -> None:
    """docker-compose.local.yml: every image is built here or comes from the local Debian base."""
    result = compose("config", files=("docker-compose.yml", "docker-compose.local.yml"), **COMPOSE_ENV)

    assert result.returncode == 0, result.stderr
    services = yaml.safe_load(result.stdout)["services"]
    for name, service in services.items():
        image = service.get("image", "")
        build_base = (service.get("build") or {}).get("args", {}).get("BASE")
        assert image.startswith("onsite"), (name, image)
        if "build" in service:
            assert build_base in {"onsite-local-base:bookworm", "onsite-sandbox-base:local"}, (name, build_base)
    assert services["postgres"]["image"] == services["redis"]["image"] == "onsite-local-base:bookworm"
