"""Celery tasks of the interview room: finishing interviews whose time ran out."""

from celery import shared_task

from interviews import services


@shared_task(name="interviews.tasks.expire")
def expire() -> dict:
    """Finish interviews past their deadline, even with the browser closed."""
    return services.interviews_expire()
