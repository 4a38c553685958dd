"""factory_boy factories shared by all test rooms."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda number: f"candidate{number}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password(DEFAULT_PASSWORD)


class InterviewFactory(factory.django.DjangoModelFactory):
    """An interview in progress by default; `finished=True` makes a finished, scored one.

    Items come from InterviewItemFactory (they need a question version from a loaded bank).
    """

    class Meta:
        model = "interviews.Interview"
        skip_postgeneration_save = True

    class Params:
        finished = factory.Trait(
            status="finished",
            finished_at=factory.LazyAttribute(lambda interview: interview.deadline),
            finished_reason="candidate",
            scored_at=factory.LazyAttribute(lambda interview: interview.finished_at),
        )

    owner = factory.SubFactory(UserFactory)
    track = "custom"
    title = "Custom"
    minutes = 30
    started_at = factory.LazyFunction(timezone.now)
    deadline = factory.LazyAttribute(lambda interview: interview.started_at + timedelta(minutes=interview.minutes))
    status = "active"


class InterviewItemFactory(factory.django.DjangoModelFactory):
    """One question of an interview. Pass `version` (a QuestionVersion of the loaded bank)."""

    class Meta:
        model = "interviews.InterviewItem"

    interview = factory.SubFactory(InterviewFactory)
    position = factory.Sequence(lambda number: number + 1)
    part = "main"
    draft = factory.LazyAttribute(lambda item: item.version.starter if item.version.kind == "coding" else "")


class SubmissionFactory(factory.django.DjangoModelFactory):
    """A submission as stored (queued by default), without sending any message.

    Pass `version`; `item` sets owner, version and item_id from an InterviewItem.
    """

    class Meta:
        model = "grader.Submission"

    class Params:
        item = None

    owner = factory.LazyAttribute(lambda submission: submission.item.interview.owner if submission.item
                                  else UserFactory())
    version = factory.LazyAttribute(lambda submission: submission.item.version if submission.item else None)
    item_id = factory.LazyAttribute(lambda submission: submission.item.pk if submission.item else None)
    mode = "submit"
    code = "pass\n"
    status = "queued"
    queued_at = factory.LazyFunction(timezone.now)
    cases_total = factory.LazyAttribute(lambda submission: len(submission.version.cases) if submission.version else 0)
