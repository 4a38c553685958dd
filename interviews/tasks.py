"""Celery tasks of the interview room: finishing interviews whose time ran out."""

from celery import shared_task

from interviews import services


@shared_task(name="interviews.tasks.expire")
def expire() -> dict:
    """Finish interviews past their deadline, even with the browser closed."""
    return services.interviews_expire()


@shared_task(name="interviews.tasks.submission_finished")
def submission_finished(submission_id: int) -> None:
    """A submission was graded (or failed): the interview it answers stores its scores again."""
    services.interview_submission_finished(submission_id=submission_id)
