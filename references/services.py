"""Writes to the question bank's tables: `bank_sync` loads the folders on disk.

Idempotent: a folder whose content hash is already stored changes nothing; a changed folder
adds a version and makes it current; old versions stay for the grades that point at them.
Everything is validated before anything is written, so a malformed file changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from references.loader import BANK_ROOT, QuestionContent, read_bank
from references.models import Question, QuestionVersion


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{len(self.created)} new, {len(self.updated)} new versions, "
                f"{len(self.unchanged)} unchanged, {len(self.retired)} retired")


def _version_fields(content: QuestionContent) -> dict:
    coding = content.coding
    return {
        "title": content.title, "kind": content.kind, "difficulty": content.difficulty,
        "minutes": content.minutes, "tags": content.tags, "prompt_md": content.prompt_md,
        "answer_md": content.answer_md, "rubric": content.rubric,
        "has_coding": coding is not None,
        "coding_title": coding.title if coding else "",
        "coding_prompt_md": coding.prompt_md if coding else "",
        "coding_minutes": coding.minutes if coding else 0,
        "starter": coding.starter if coding else "",
        "solution": coding.solution if coding else "",
        "cases": coding.cases if coding else [],
        "scenarios": coding.scenarios if coding else "",
        "mutants": coding.mutants if coding else {},
    }


def bank_sync(*, root: Path = BANK_ROOT) -> SyncReport:
    """Load every folder of the bank; raises references.loader.BankError before writing anything."""
    contents = read_bank(root)
    report = SyncReport()
    with transaction.atomic():
        seen = set()
        for content in contents:
            question, created = Question.objects.get_or_create(
                section=content.section, slug=content.slug, defaults={"order": content.order}
            )
            seen.add(question.pk)
            version = question.versions.filter(content_hash=content.content_hash).first()
            if version is None:
                version = QuestionVersion.objects.create(
                    question=question, content_hash=content.content_hash, **_version_fields(content)
                )
                (report.created if created else report.updated).append(content.key)
            else:
                report.unchanged.append(content.key)
            if question.current_id != version.pk or question.order != content.order or question.retired:
                question.current, question.order, question.retired = version, content.order, False
                question.save(update_fields=["current", "order", "retired"])
        for question in Question.objects.exclude(pk__in=seen).filter(retired=False):
            question.retired = True
            question.save(update_fields=["retired"])
            report.retired.append(question.key)
    return report
