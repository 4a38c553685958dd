"""Structured logs: JSON lines with the request's ids, carried into the task; quiet idle sweeps."""

from __future__ import annotations

import io
import json
import logging
import logging.config
import random

import pytest
import structlog
from django.test import Client

from config.logs import QuietIdleBeatTasks, logging_config
from tests.observability import observed_worker_fixture, wait_until  # noqa: F401 - fixture


@pytest.fixture
def captured_json():
    """Records of a logger named 'onsite.test*' formatted exactly as settings.LOGGING does."""
    config = logging_config(fmt="json", level="DEBUG")
    formatter = logging.config.dictConfigClass(config).configure_custom(dict(config["formatters"]["structured"]))
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(QuietIdleBeatTasks())
    logger = logging.getLogger("onsite.test")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)
    structlog.contextvars.clear_contextvars()


def test_a_standard_logging_call_becomes_one_json_line_with_the_bound_ids(captured_json):
    structlog.contextvars.bind_contextvars(request_id="r" * 12, user_id=7, submission_id=42)
    logging.getLogger("onsite.test.grader").warning("sandbox error on submission %s", 42)
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("onsite.test").exception("it failed")
    first, second = captured_json()
    assert first == {**first, "event": "sandbox error on submission 42", "level": "warning",
                     "logger": "onsite.test.grader", "request_id": "r" * 12, "user_id": 7, "submission_id": 42}
    assert first["timestamp"].endswith("Z")
    assert second["level"] == "error" and "ValueError: boom" in second["exception"]


def test_plain_format_is_readable_text_for_make_run():
    config = logging_config(fmt="plain", level="INFO")
    formatter = logging.config.dictConfigClass(config).configure_custom(dict(config["formatters"]["structured"]))
    record = logging.LogRecord("grader.tasks", logging.INFO, __file__, 1, "graded %s", (3,), None)
    structlog.contextvars.bind_contextvars(request_id="abcdefgh1234")
    try:
        line = formatter.format(record)
    finally:
        structlog.contextvars.clear_contextvars()
    assert not line.startswith("{") and "graded 3" in line and "request_id=abcdefgh1234" in line


def _celery_record(logger: str, message: str, args) -> logging.LogRecord:
    record = logging.LogRecord(logger, logging.INFO, __file__, 1, message, None, None)
    record.args = args  # a dict, as Celery passes it (LogRecord's constructor would unwrap it)
    return record


@pytest.mark.parametrize(("record", "quiet"), [
    (_celery_record("celery.beat", "Scheduler: Sending due task %s (%s)",
                    ("sweep-submissions", "grader.tasks.sweep")), True),
    (_celery_record("celery.worker.strategy", "Task %(name)s[%(id)s] received",
                    {"name": "interviews.tasks.expire", "id": "x"}), True),
    (_celery_record("celery.app.trace", "Task %(name)s[%(id)s] succeeded in %(runtime)ss: %(return_value)s",
                    {"name": "grader.tasks.sweep", "id": "x", "runtime": 0.01,
                     "return_value": "{'requeued': 0, 'stuck': 0}"}), True),
    (_celery_record("celery.app.trace", "Task %(name)s[%(id)s] succeeded in %(runtime)ss: %(return_value)s",
                    {"name": "interviews.tasks.expire", "id": "x", "runtime": 0.01,
                     "return_value": "{'expired': 0, 'refreshed': 3}"}), True),
    # Work done, or any other task: stays at INFO.
    (_celery_record("celery.app.trace", "Task %(name)s[%(id)s] succeeded in %(runtime)ss: %(return_value)s",
                    {"name": "grader.tasks.sweep", "id": "x", "runtime": 0.01,
                     "return_value": "{'requeued': 2, 'stuck': 0}"}), False),
    (_celery_record("celery.app.trace", "Task %(name)s[%(id)s] succeeded in %(runtime)ss: %(return_value)s",
                    {"name": "grader.tasks.grade_submission", "id": "x", "runtime": 0.3, "return_value": "'done'"}),
     False),
    (_celery_record("celery.worker.strategy", "Task %(name)s[%(id)s] received",
                    {"name": "grader.tasks.grade_submission", "id": "x"}), False),
])
def test_idle_periodic_tasks_log_at_debug(record, quiet):
    keep = QuietIdleBeatTasks().filter(record)
    assert record.levelname == ("DEBUG" if quiet else "INFO")
    # At the default INFO level a demoted line is dropped.
    assert keep == (not quiet or logging.getLogger(record.name).isEnabledFor(logging.DEBUG))


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db(transaction=True)
def test_the_request_ids_reach_the_grading_task_logs(alice, bank, observed_worker):
    from grader.models import Status, Submission
    from interviews.services import interview_start
    from interviews.tracks import custom_track

    interview = interview_start(user=alice, track=custom_track(sections=["coding"], count=1, minutes=30),
                                rng=random.Random(3))
    item = interview.items.select_related("version").get(position=1)
    request_id = "bench-req-0123456789"
    response = _client_for(alice).post(f"/interviews/{interview.pk}/q/1/run/", {"code": item.version.solution},
                                       HTTP_HX_REQUEST="true", HTTP_X_REQUEST_ID=request_id)
    assert response.status_code == 200 and response["X-Request-ID"] == request_id
    submission = Submission.objects.get(item_id=item.pk)
    wait_until(lambda: Submission.objects.filter(pk=submission.pk, status=Status.DONE).exists(),
               timeout=120, what="the run to be graded")

    def task_lines():
        return [line for line in observed_worker.json_lines()
                if line.get("task") == "grader.tasks.grade_submission" and line.get("request_id") == request_id]

    lines = wait_until(task_lines, timeout=30, what="the task's log lines")
    succeeded = next(line for line in lines if "succeeded" in line["event"])
    assert succeeded["level"] == "info"
    assert succeeded["user_id"] == alice.pk
    assert succeeded["interview_id"] == interview.pk
    assert succeeded["submission_id"] == submission.pk


@pytest.mark.django_db(transaction=True)
def test_an_idle_sweep_prints_nothing_at_info(observed_worker):
    from grader.tasks import sweep

    sweep.apply_async(queue="run")

    def sweep_lines():
        lines = [line for line in observed_worker.json_lines() if "grader.tasks.sweep" in line["event"]]
        return lines if any("succeeded" in line["event"] for line in lines) else None

    lines = wait_until(sweep_lines, timeout=60, what="the sweep to run")
    # The worker logs at DEBUG here, so the lines are there: every one of them at DEBUG.
    assert {line["level"] for line in lines} == {"debug"}
