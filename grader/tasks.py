"""Celery tasks of the grader. Tasks take ids, claim their work atomically and are idempotent:
with acks_late a task can run twice after a lost connection.
"""

from celery import shared_task


@shared_task(ignore_result=False)
def ping() -> str:
    """Answer "pong": proves a worker consumes a queue. Route per call:
    ``ping.apply_async(queue="run")`` or ``queue="submit"``."""
    return "pong"
