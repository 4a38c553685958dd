"""Celery is configured never to lose a task, and a real worker consumes both queues."""

from __future__ import annotations

import pytest

from config.celery import app as celery_app
from grader.tasks import ping


def test_celery_acknowledges_late_and_takes_one_task_at_a_time() -> None:
    conf = celery_app.conf

    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.accept_content == ["json"]
    assert conf.task_serializer == conf.result_serializer == "json"
    assert conf.task_soft_time_limit < conf.task_time_limit < conf.broker_transport_options["visibility_timeout"]


def test_grader_tasks_go_to_the_submit_queue_unless_the_call_says_run() -> None:
    router = celery_app.amqp.router

    assert router.route({}, "grader.tasks.ping")["queue"].name == "submit"
    assert router.route({"queue": "run"}, "grader.tasks.ping")["queue"].name == "run"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("queue", ["run", "submit"])
def test_real_worker_executes_ping_from_each_queue(celery_worker_proc, queue: str) -> None:
    result = ping.apply_async(queue=queue)

    assert result.get(timeout=30) == "pong"
    assert result.successful()
