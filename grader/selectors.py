"""Reads of the grading room: permission-checked fetches and what the results views show."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from grader.models import CaseResult, Mode, Submission
from grader.trying import try_case


def access_submission(user, submission_id: int) -> Submission:
    """The submission if `user` owns it (or is staff); Http404 for anything else."""
    if not getattr(user, "is_authenticated", False):
        raise Http404("No such submission.")
    submissions = Submission.objects.select_related("version", "version__question")
    if not user.is_staff:
        submissions = submissions.filter(owner=user)
    try:
        return submissions.get(pk=submission_id)
    except (Submission.DoesNotExist, ValueError, TypeError):
        raise Http404("No such submission.") from None


def mode_cases(version, mode: str, snippet: str = "") -> list[dict]:
    """The cases a submission of this mode is graded on: all for Submit, the samples for Run,
    and for Try the one case that runs the candidate's snippet."""
    if mode == Mode.TRY:
        return [try_case(snippet)]
    return [case for case in version.cases if mode == Mode.SUBMIT or case.get("sample")]


def submission_rows(submission: Submission) -> list[dict]:
    """One row per case of the submission, judged or still pending, in case order."""
    results = {result.case_id: result for result in submission.results.all()}
    cases = mode_cases(submission.version, submission.mode, submission.snippet)
    rows = []
    for position, case in enumerate(cases):
        rows.append({
            "position": position,
            "case_id": case["id"],
            "sample": bool(case.get("sample")),
            "description": case.get("description", "") if case.get("sample") else "",
            "result": results.get(case["id"]),
        })
    return rows


def case_result(result_id: int) -> CaseResult:
    return CaseResult.objects.select_related("submission").get(pk=result_id)


def item_submissions(item_id: int, *, owner_id: int, mode: str | None = None) -> QuerySet[Submission]:
    """The Runs and Submits answering one interview item, newest first (optionally of one mode)."""
    submissions = Submission.objects.filter(item_id=item_id, owner_id=owner_id).select_related("version")
    if mode is not None:
        submissions = submissions.filter(mode=mode)
    return submissions.order_by("-created_at")


def submission_answers_an_item(submission_id: int) -> bool:
    """Whether the submission can change an interview item's grade: it answers an item and is
    not a Try (a Try counts for nothing)."""
    return Submission.objects.filter(pk=submission_id, item_id__isnull=False).exclude(mode=Mode.TRY).exists()
