"""Test infrastructure shared by every room.

- The test database is PostgreSQL under ``make test`` (DATABASE_URL from scripts/postgres.sh;
  pytest-django creates test_onsite_gw0, ...) or, without DATABASE_URL, an SQLite *file*
  (settings: DATABASES TEST NAME under .data/, with the xdist worker id appended), so a worker or
  server started in a subprocess can open it (``test_database_url()``). Tests that need a
  subprocess to see their rows use ``django_db(transaction=True)``.
- ``sqlite_smoke``: the marker of the small set ``make test`` also runs on SQLite.
- ``redis_url``: the test Redis (REDIS_URL, port 6390 under ``make test``) with a database number
  per xdist worker, flushed at session start; Django's channel layer and Celery in this process
  are pointed at it.
- ``celery_worker_proc``: a real Celery worker subprocess (prefork, queues run and submit).
- ``asgi_server``: daphne serving config.asgi in a subprocess; returns its base URL (pytest-django's
  live_server cannot serve WebSockets).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.test.utils import override_settings

from config.settings import channel_layers

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
START_TIMEOUT = 45.0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run browser tests last. Playwright's sync API leaves an event loop running in the main
    thread for the rest of the session, after which ``async_to_sync`` (channel layer,
    WebsocketCommunicator) refuses to run. xdist hands out tests in this order, so on every
    worker the e2e tests come after all the others."""
    e2e = REPO / "tests" / "e2e"
    items.sort(key=lambda item: Path(item.path).is_relative_to(e2e))


def xdist_worker_id(request: pytest.FixtureRequest) -> str:
    return getattr(request.config, "workerinput", {}).get("workerid", "master")


def _worker_number(worker_id: str) -> int:
    return int(worker_id[2:]) if worker_id.startswith("gw") else 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_database_url() -> str:
    """The URL of this process's test database (call after django_db_setup has created it).

    SQLite: the test database file; PostgreSQL: the test database pytest-django created
    (test_<name>, plus the xdist worker id), on the same server and with the same user.
    """
    database = settings.DATABASES["default"]
    engine = database["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        if database["NAME"] == ":memory:" or "mode=memory" in str(database["NAME"]):
            raise RuntimeError("subprocess fixtures need a test database file, not an in-memory SQLite")
        return f"sqlite:///{database['NAME']}"
    if engine == "django.db.backends.postgresql":
        user = quote(database.get("USER") or "", safe="")
        password = quote(database.get("PASSWORD") or "", safe="")
        credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = database.get("HOST") or "127.0.0.1"
        port = f":{database['PORT']}" if database.get("PORT") else ""
        return f"postgres://{credentials}{host}{port}/{quote(database['NAME'], safe='')}"
    raise RuntimeError(f"subprocess fixtures support SQLite and PostgreSQL, not {engine}")


def subprocess_env(*, redis_url: str) -> dict[str, str]:
    """The environment for a subprocess that must share this test process's database and Redis."""
    inherited = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": test_database_url(),
        "REDIS_URL": redis_url,
        "PYTHONUNBUFFERED": "1",
    }


def _point_celery_at(url: str) -> None:
    from config.celery import app as celery_app

    # Drop pooled broker connections made with the old URL. Not app.close(): that also takes the
    # app off Celery's active apps, and a @shared_task module imported afterwards never registers.
    celery_app._pool = None
    celery_app.conf.update(broker_url=url, result_backend=url)
    celery_app._backend_cache = None
    celery_app._local = threading.local()


@pytest.fixture(scope="session")
def redis_url(request: pytest.FixtureRequest) -> Iterator[str]:
    import redis

    base = urlsplit(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    # Database 0 is left alone; each xdist worker gets its own (gw0 -> 1, gw1 -> 2, ...).
    url = urlunsplit(base._replace(path=f"/{1 + _worker_number(xdist_worker_id(request))}"))
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError as error:
        pytest.fail(f"no Redis at {url} ({error}); run the tests with `make test`, which starts one")
    client.flushdb()

    overrides = override_settings(
        REDIS_URL=url,
        CELERY_BROKER_URL=url,
        CELERY_RESULT_BACKEND=url,
        CHANNEL_LAYERS=channel_layers(url),
    )
    overrides.enable()
    _point_celery_at(url)
    yield url
    overrides.disable()
    _point_celery_at(settings.REDIS_URL)
    client.flushdb()
    client.close()


class _Subprocess:
    """A child process whose output goes to a log file that failures quote."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log_path: Path) -> None:
        self.name = name
        self.log_path = log_path
        self._log = log_path.open("wb")
        self.process = subprocess.Popen(
            argv, cwd=REPO, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def fail_if_exited(self) -> None:
        if self.process.poll() is not None:
            pytest.fail(f"{self.name} exited with {self.process.returncode}:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log.close()


@pytest.fixture(scope="session")
def celery_worker_proc(
    request: pytest.FixtureRequest, redis_url: str, django_db_setup: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[subprocess.Popen]:
    """A real Celery worker (prefork pool, one child, queues run and submit) on the test database.

    Tests using it need ``@pytest.mark.django_db(transaction=True)`` so the worker sees their rows.
    """
    from config.celery import app as celery_app

    node_name = f"onsite-test-{xdist_worker_id(request)}@{socket.gethostname()}"
    worker = _Subprocess(
        "celery worker",
        [
            str(VENV_BIN / "celery"), "-A", "config", "worker", "-Q", "run,submit", "-c", "1",
            "--pool", "prefork", "-n", node_name, "-l", "INFO",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ],
        subprocess_env(redis_url=redis_url),
        tmp_path_factory.mktemp("celery") / "worker.log",
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not celery_app.control.ping(destination=[node_name], timeout=0.5):
            worker.fail_if_exited()
            if time.monotonic() > deadline:
                pytest.fail(f"celery worker did not answer a ping in {START_TIMEOUT:.0f} s:\n{worker.log_tail()}")
        yield worker.process
    finally:
        worker.stop()


@pytest.fixture(scope="session")
def asgi_server(redis_url: str, django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """daphne serving config.asgi on a free port; returns the base URL, e.g. http://127.0.0.1:40123."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = _Subprocess(
        "daphne",
        [str(VENV_BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
        subprocess_env(redis_url=redis_url),
        tmp_path_factory.mktemp("daphne") / "daphne.log",
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            server.fail_if_exited()
            try:
                with urllib.request.urlopen(f"{base_url}/healthz/", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"daphne did not answer in {START_TIMEOUT:.0f} s:\n{server.log_tail()}")
            time.sleep(0.2)
        yield base_url
    finally:
        server.stop()


@pytest.fixture
def bank():
    """The real question bank loaded into the test database (needs a django_db mark)."""
    from references.services import bank_sync

    return bank_sync()


# The three people of every permission test: alice (owner), bob (another candidate), staff.
@pytest.fixture
def alice(db):
    from tests.factories import UserFactory

    return UserFactory(username="alice")


@pytest.fixture
def bob(db):
    from tests.factories import UserFactory

    return UserFactory(username="bob")


@pytest.fixture
def staff(db):
    from tests.factories import UserFactory

    return UserFactory(username="staff", is_staff=True)
