"""Settings come from the environment and fail loudly and clearly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_int, env_list, env_secret

REPO = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": "p4Zr8cYq1-very-long-random-production-secret-key-that-is-not-weak-0123456789",
    "ALLOWED_HOSTS": "onsite.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://onsite.example.com",
    "DATABASE_URL": "postgres://onsite:secret@postgres:5432/onsite",
    "REDIS_URL": "redis://redis:6379/0",
}


def run_python(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """Run Python in the repository with a clean Onsite environment plus ``env``."""
    onsite_variables = {
        *("DEBUG", "SECRET_KEY", "SECRET_KEY_FILE", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"),
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    base = {name: value for name, value in os.environ.items() if name not in onsite_variables}
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env={**base, **env}, capture_output=True, text=True, timeout=60
    )


def test_production_without_secret_key_refuses_to_start_with_one_line_error() -> None:
    result = run_python(["manage.py", "check"], DEBUG="False", ALLOWED_HOSTS="onsite.example.com")

    assert result.returncode == 1
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert "SECRET_KEY is not set" in message
    assert "Set SECRET_KEY (or SECRET_KEY_FILE" in message


def test_asgi_application_without_secret_key_exits_with_the_same_message() -> None:
    result = run_python(["-c", "import config.asgi"], DEBUG="False", ALLOWED_HOSTS="onsite.example.com")

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "SECRET_KEY is not set" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start() -> None:
    result = run_python(["manage.py", "check"], DEBUG="False", SECRET_KEY="x" * 60)

    assert result.returncode == 1
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_check_deploy_is_clean_with_production_variables() -> None:
    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


def test_secret_key_is_read_from_the_file_named_by_secret_key_file(tmp_path: Path) -> None:
    secret_file = tmp_path / "secret_key"
    secret_file.write_text("from-a-file-" + "k" * 60 + "\n")
    env = {name: value for name, value in PRODUCTION.items() if name != "SECRET_KEY"}

    result = run_python(
        ["-c", "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"],
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY_FILE=str(secret_file),
        **env,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "from-a-file-" + "k" * 60


def test_database_url_selects_postgresql_and_defaults_to_an_sqlite_file() -> None:
    show_engine = (
        "import django; django.setup(); from django.conf import settings; "
        "db = settings.DATABASES['default']; print(db['ENGINE'], db['NAME'])"
    )

    postgres = run_python(["-c", show_engine], DJANGO_SETTINGS_MODULE="config.settings", **PRODUCTION)
    default = run_python(["-c", show_engine], DJANGO_SETTINGS_MODULE="config.settings", DEBUG="True")

    assert postgres.stdout.split() == ["django.db.backends.postgresql", "onsite"], postgres.stderr
    engine, name = default.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert Path(name) == REPO / ".data" / "db.sqlite3"


def test_malformed_integer_stops_start_up_naming_the_variable() -> None:
    result = run_python(["manage.py", "check"], DEBUG="True", SANDBOX_POOL_SIZE="lots")

    assert result.returncode == 1
    assert result.stderr.strip() == "Onsite cannot start: SANDBOX_POOL_SIZE must be an integer, got 'lots'"


def test_unknown_sandbox_backend_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANDBOX_BACKEND", "vm")

    with pytest.raises(ImproperlyConfigured, match="SANDBOX_BACKEND must be one of docker, process, got 'vm'"):
        env_choice("SANDBOX_BACKEND", "docker", ("docker", "process"))


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("yes", True), ("False", False), ("off", False)])
def test_env_bool_understands_common_spellings(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("FEATURE", raw)

    assert env_bool("FEATURE", not expected) is expected


def test_env_bool_rejects_anything_else(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        env_bool("DEBUG", False)


def test_env_int_enforces_its_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANDBOX_POOL_SIZE", "-1")

    with pytest.raises(ImproperlyConfigured, match="SANDBOX_POOL_SIZE must be at least 0, got -1"):
        env_int("SANDBOX_POOL_SIZE", 2, minimum=0)


def test_env_list_splits_on_commas_and_ignores_blanks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLOWED_HOSTS", " a.example.com, ,b.example.com ")

    assert env_list("ALLOWED_HOSTS") == ["a.example.com", "b.example.com"]


def test_env_secret_reports_an_unreadable_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SECRET_KEY_FILE", str(tmp_path / "missing"))

    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY_FILE=.* cannot be read"):
        env_secret("SECRET_KEY")
