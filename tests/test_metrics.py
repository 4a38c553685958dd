"""/metrics (web) and the worker's own metrics port, against the real Redis, worker and sandbox."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.observability import metric_value, observed_worker_fixture, wait_until  # noqa: F401 - fixture

TOKEN = "a-metrics-token-long-enough-1234"


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.django_db
def test_metrics_are_for_staff_or_the_token_only(alice, staff, redis_url, settings):
    settings.METRICS_TOKEN = TOKEN
    assert _client().get("/metrics").status_code == 404  # anonymous: not even a log-in redirect
    assert _client(alice).get("/metrics").status_code == 404
    refused = _client().get("/metrics", HTTP_AUTHORIZATION="Bearer not-the-token")
    assert refused.status_code == 403 and b"METRICS_TOKEN" in refused.content
    for response in (_client(staff).get("/metrics"), _client().get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")):
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        text = response.content.decode()
        assert metric_value(text, "onsite_celery_broker_up") == 1.0
        assert metric_value(text, "onsite_celery_queue_length", queue="run") is not None


@pytest.mark.django_db
def test_no_token_configured_refuses_every_bearer(redis_url, settings):
    settings.METRICS_TOKEN = ""
    assert _client().get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 403


@pytest.mark.django_db
def test_request_latency_is_recorded_by_view(alice, staff, redis_url):
    before = metric_value(_client(staff).get("/metrics").content.decode(),
                          "django_http_requests_latency_seconds_by_view_method_count",
                          view="dashboard", method="GET") or 0.0
    assert _client(alice).get("/dashboard/").status_code == 200
    after = metric_value(_client(staff).get("/metrics").content.decode(),
                         "django_http_requests_latency_seconds_by_view_method_count",
                         view="dashboard", method="GET")
    assert after == before + 1


@pytest.mark.django_db
def test_queue_depth_counts_the_messages_waiting_in_each_queue(request, staff, redis_url, settings):
    """On a Redis database no worker consumes, so the messages stay where they were sent."""
    from urllib.parse import urlsplit, urlunsplit

    import redis

    from grader.tasks import ping
    from tests.conftest import _worker_number, xdist_worker_id
    from tests.observability import _repoint_celery

    quiet_url = urlunsplit(urlsplit(redis_url)._replace(path=f"/{13 + _worker_number(xdist_worker_id(request))}"))
    client = redis.Redis.from_url(quiet_url)
    client.flushdb()
    settings.REDIS_URL = quiet_url
    _repoint_celery(quiet_url)
    try:
        for _ in range(3):
            ping.apply_async(queue="run")
        for priority in (0, 9):  # kombu keeps a list per priority step: both count
            ping.apply_async(queue="submit", priority=priority)
        text = _client(staff).get("/metrics").content.decode()
        assert metric_value(text, "onsite_celery_queue_length", queue="run") == 3.0
        assert metric_value(text, "onsite_celery_queue_length", queue="submit") == 2.0
    finally:
        _repoint_celery(redis_url)
        client.flushdb()


@pytest.mark.django_db
def test_an_unreachable_broker_is_a_zero_not_an_error(staff, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = _client(staff).get("/metrics")
    assert response.status_code == 200
    assert metric_value(response.content.decode(), "onsite_celery_broker_up") == 0.0


@pytest.mark.django_db(transaction=True)
def test_the_worker_serves_grading_latency_task_outcomes_and_the_warm_pool(alice, bank, observed_worker):
    from grader import services
    from grader.models import Mode, Status, Submission
    from references.models import Question

    version = Question.objects.get(section="coding", slug="flatten").current
    submission = services.submission_create(owner=alice, version=version, code=version.solution, mode=Mode.RUN)
    wait_until(lambda: Submission.objects.filter(pk=submission.pk, status=Status.DONE).exists(),
               timeout=120, what="the submission to be graded")

    def graded_metrics():
        text = observed_worker.metrics()
        done = metric_value(text, "onsite_celery_tasks_total", task="grader.tasks.grade_submission",
                            outcome="success")
        return text if done else None

    text = wait_until(graded_metrics, timeout=30, what="the worker's metrics to show the task")
    assert metric_value(text, "onsite_grading_first_case_seconds_count", mode="run") >= 1
    assert metric_value(text, "onsite_grading_verdict_seconds_count", mode="run") >= 1
    assert metric_value(text, "onsite_grading_verdicts_total", mode="run", verdict="AC") >= 1
    assert metric_value(text, "onsite_celery_task_seconds_count", task="grader.tasks.grade_submission") >= 1
    assert metric_value(text, "onsite_sandbox_system_errors_total") == 0.0
    # The docker backend's warm pool (the tests' sandbox) refilled after the job took a container.
    assert metric_value(text, "onsite_sandbox_pool_refills_total") >= 1
    assert metric_value(text, "onsite_sandbox_pool_ready") is not None
