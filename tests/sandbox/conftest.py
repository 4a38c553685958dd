"""Fixtures for the sandbox tests: a real Docker Engine (no mocks) and the process backend."""

from __future__ import annotations

import os
import secrets

import pytest

from sandbox import get_backend
from sandbox.docker_backend import BackendUnavailable
from tests.sandbox.helpers import containers_exist, run_job

CANARY_NAME = "ONSITE_SANDBOX_CANARY_SECRET"
CANARY = "canary-" + secrets.token_hex(8)
os.environ[CANARY_NAME] = CANARY  # set on the host side: it must never show up inside


@pytest.fixture(scope="session")
def docker_backend():
    try:
        backend = get_backend("docker", pool_size=2)
    except BackendUnavailable:
        from sandbox import imagebuild

        imagebuild.ensure()
        backend = get_backend("docker", pool_size=2)
    backend.wait_ready(60)
    yield backend
    backend.close()
    assert not containers_exist(backend.api, backend.ready_ids())


@pytest.fixture(scope="session")
def process_backend():
    return get_backend("process", debug=True)


@pytest.fixture
def docker(docker_backend):
    """The docker backend, plus the after-checks every attack gets: every container the test
    used is removed, and the next job on the same pool is unaffected."""
    used: list[str] = []

    def runner(source, cases, **kwargs):
        observations, summary = run_job(docker_backend, source, cases, **kwargs)
        used.extend(summary.sandbox_ids)
        return observations, summary

    yield runner
    assert docker_backend.drain(60)
    assert not containers_exist(docker_backend.api, used), "a container of ours was left behind"
    observations, summary = run_job(docker_backend, "def f(x):\n    return x * 2\n",
                                    [{"id": "next", "driver": "call", "target": "f", "args": [21]},
                                     {"id": "probe", "driver": "call", "target": "probe"}])
    assert summary.status == "completed" and summary.restarts == 0, summary
    assert observations["next"].status == "ok" and observations["next"].value == 42, observations
    assert observations["probe"].value == {"procs": [], "tmp": [], "run": [], "shm": []}, observations
    assert docker_backend.drain(60)
    assert not containers_exist(docker_backend.api, summary.sandbox_ids)
