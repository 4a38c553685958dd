"""Reads of the question bank for the other rooms."""

from __future__ import annotations

from django.db.models import QuerySet

from references.models import Question, QuestionVersion


def current_questions(*, section: str | None = None, kind: str | None = None) -> QuerySet[Question]:
    questions = Question.objects.filter(retired=False, current__isnull=False).select_related("current")
    if section:
        questions = questions.filter(section=section)
    if kind:
        questions = questions.filter(current__kind=kind)
    return questions


def question_by_key(key: str) -> Question:
    """`<section>/<slug>` → Question (current version selected); raises Question.DoesNotExist."""
    section, _, slug = key.partition("/")
    return Question.objects.select_related("current").get(section=section, slug=slug)


def version_cases(version: QuestionVersion, *, sample_only: bool) -> list[dict]:
    return version.sample_cases if sample_only else list(version.cases)
