"""Writes of the grading room: creating, claiming, grading, sweeping and failing submissions.

Every state transition of a submission is here. A submission that was stored is never lost:
it is queued after commit, a sweep re-queues rows whose message was lost, and a claim with a
fencing number (`attempts`) makes sure exactly one grading run writes the final result.
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from grader import events, metrics
from grader.freetext import grade_text
from grader.judge import shown_message
from grader.judging import JudgedCase, JudgingSummary, judge_code, overall_verdict
from grader.models import CaseResult, Mode, Status, Submission, Verdict
from grader.selectors import mode_cases
from grader.trying import SnippetRefused, check_snippet, try_judgement, try_program
from references.models import QuestionVersion
from sandbox.safety import safe_text

logger = logging.getLogger(__name__)

MAX_CODE_BYTES = 64 * 1024
MAX_TEXT_BYTES = 100 * 1024
MAX_ATTEMPTS = 4
STORED_OUTPUT_CHARS = 4000


class SubmissionRefused(Exception):
    """A submission that cannot be accepted; the message is shown to the candidate as is."""


def _check_code(code: str) -> None:
    if not isinstance(code, str) or not code.strip():
        raise SubmissionRefused("There is no code to run: write your solution first.")
    if len(code.encode("utf-8")) > MAX_CODE_BYTES:
        raise SubmissionRefused(f"Your code is over {MAX_CODE_BYTES // 1024} KiB; submissions are capped there.")
    if "\x00" in code:
        raise SubmissionRefused("Your code contains a NUL character; remove it and try again.")


def grace_seconds() -> int:
    return settings.INTERVIEW_GRACE_SECONDS


def check_deadline(deadline: datetime | None, *, now: datetime | None = None) -> None:
    """Refuse a write after the interview's deadline plus the grace the settings allow."""
    if deadline is None:
        return
    now = now or timezone.now()
    if now > deadline + timedelta(seconds=grace_seconds()):
        raise SubmissionRefused("Time is up for this interview: answers can no longer be changed.")


def submission_create(*, owner, version: QuestionVersion, code: str, mode: str, item_id: int | None = None,
                      deadline: datetime | None = None, snippet: str = "") -> Submission:
    """Store a submission and queue it once the transaction commits (Try: with its snippet)."""
    if mode not in Mode.values:
        raise SubmissionRefused(f"Unknown mode {mode!r}: use run, submit or try.")
    if not version.has_coding:
        raise SubmissionRefused("This question takes a written answer, not code.")
    _check_code(code)
    # --- Try mode (issue #15): the snippet is checked; other modes carry none.
    if mode == Mode.TRY:
        try:
            check_snippet(snippet)
        except SnippetRefused as refusal:
            raise SubmissionRefused(str(refusal)) from None
    else:
        snippet = ""
    check_deadline(deadline)
    cases = mode_cases(version, mode, snippet)
    with transaction.atomic():
        submission = Submission.objects.create(
            owner=owner, version=version, item_id=item_id, mode=mode, code=code, snippet=snippet,
            status=Status.QUEUED, queued_at=timezone.now(), cases_total=len(cases),
        )
        transaction.on_commit(lambda: submission_enqueue(submission_id=submission.pk, mode=mode))
    return submission


def submission_enqueue(*, submission_id: int, mode: str, now: datetime | None = None) -> bool:
    """Send the grading message and note when; a broker that is down leaves the row for the sweep."""
    from grader.tasks import grade_submission

    # A Try shares the Run queue (short, interactive work); the other modes have their own.
    queue = Mode.RUN if mode == Mode.TRY else mode
    try:
        grade_submission.apply_async(args=[submission_id], queue=queue, retry=False)
    except Exception:  # the broker is unreachable: the row stays queued and the sweep retries
        logger.warning("could not queue submission %s; the sweep will retry", submission_id, exc_info=True)
        return False
    Submission.objects.filter(pk=submission_id).update(enqueued_at=now or timezone.now(),
                                                       enqueues=F("enqueues") + 1)
    return True


def _worker_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _claim_is_abandoned(claimed_by: str, started_at: datetime | None, now: datetime) -> bool:
    """A running claim may be taken over when its process is gone or it ran past every limit."""
    if started_at is None or now - started_at > timedelta(seconds=settings.GRADER_STUCK_AFTER_SECONDS):
        return True
    host, _, pid = claimed_by.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def submission_claim(*, submission_id: int) -> int | None:
    """Mark the submission running and return this run's fencing number.

    Returns None when there is nothing to do: the submission is finished, or another live
    process is grading it (a duplicate message). A claim left by a process that died (the
    worker was killed and the message redelivered) is taken over.
    """
    now = timezone.now()
    with transaction.atomic():
        row = Submission.objects.filter(pk=submission_id).values("status", "claimed_by", "started_at").first()
        if row is None or row["status"] in (Status.DONE, Status.FAILED):
            return None
        if row["status"] == Status.RUNNING and not _claim_is_abandoned(row["claimed_by"], row["started_at"], now):
            return None
        claimed = Submission.objects.filter(pk=submission_id, status=row["status"],
                                            claimed_by=row["claimed_by"]).update(
            status=Status.RUNNING, started_at=now, attempts=F("attempts") + 1, claimed_by=_worker_identity()
        )
        if not claimed:
            return None
        attempt = Submission.objects.values_list("attempts", flat=True).get(pk=submission_id)
        # A redelivered message starts over: results of an interrupted run are dropped.
        CaseResult.objects.filter(submission_id=submission_id).delete()
    return attempt


def _still_mine(submission_id: int, attempt: int) -> bool:
    return Submission.objects.filter(pk=submission_id, attempts=attempt, status=Status.RUNNING).exists()


def _store_case(submission: Submission, attempt: int, judged: JudgedCase) -> CaseResult | None:
    observation, case, judgement = judged.observation, judged.case, judged.judgement
    sample = bool(case.get("sample"))
    # Nothing of a hidden case beyond its verdict, description and exception type; every
    # text made safe for PostgreSQL (NUL and lone surrogates escaped).
    message = safe_text(shown_message(case, judgement, observation)[:2000])
    with transaction.atomic():
        if not _still_mine(submission.pk, attempt):
            return None
        result, _ = CaseResult.objects.update_or_create(
            submission=submission, case_id=case["id"],
            defaults={
                "position": judged.position,
                "sample": sample,
                "description": safe_text(str(case.get("description", ""))[:200]),
                "verdict": judgement.verdict,
                "message": message,
                "cpu_ms": int(observation.get("cpu_ms") or 0),
                "wall_ms": int(observation.get("wall_ms") or 0),
                "memory_kb": int(observation.get("memory_kb") or 0),
                # A hidden case's output could print its inputs: keep output of sample cases only.
                "stdout": safe_text((observation.get("stdout") or "")[:STORED_OUTPUT_CHARS]) if sample else "",
                "stderr": safe_text((observation.get("stderr") or "")[:STORED_OUTPUT_CHARS]) if sample else "",
                "output_truncated": sample and bool(observation.get("stdout_truncated")
                                                    or observation.get("stderr_truncated")),
                # Expected values of hidden cases are never shown; keep them for sample cases only.
                "expected": _shown_expected(case, judgement) if sample else None,
                "actual": _shown_actual(observation, judgement) if sample else None,
                "inputs": _visible_inputs(case) if sample else None,
            },
        )
    return result


def _shown_expected(case: dict, judgement) -> object:
    """What the report shows as expected: the judge's (e.g. one step's) or else the case's."""
    if judgement.expected is not None:
        return judgement.expected
    return {"raises": case["raises"]} if "raises" in case else case.get("expect")


def _shown_actual(observation: dict, judgement) -> object:
    if judgement.actual is not None:
        return judgement.actual
    if observation.get("status") == "exception":
        return {"raises": observation.get("exc_type")}
    return observation.get("value")


def _visible_inputs(case: dict) -> dict:
    keys = ("args", "kwargs", "init", "init_kwargs", "calls", "scenario", "params")
    return {key: case[key] for key in keys if key in case}


class GradingInterrupted(Exception):
    """The sandbox failed (not the candidate's fault): retry later."""

    def __init__(self, message: str, *, attempt: int | None = None) -> None:
        super().__init__(message)
        self.attempt = attempt


def submission_grade(*, submission_id: int, backend=None) -> Submission | None:
    """Grade a claimed submission end to end; raises GradingInterrupted on a sandbox error."""
    attempt = submission_claim(submission_id=submission_id)
    if attempt is None:
        return None
    submission = Submission.objects.select_related("version").get(pk=submission_id)
    if attempt > 1:
        # A run that starts over: open pages drop the rows the interrupted run had shown.
        events.publish_state(submission)
    else:
        events.publish_status(submission)
    version = submission.version
    cases = mode_cases(version, submission.mode, submission.snippet)
    is_try = submission.mode == Mode.TRY
    code = try_program(submission.code) if is_try else submission.code
    verdicts: list[str] = []
    summary = None
    for event in judge_code(code=code, cases=cases, scenarios=version.scenarios, backend=backend):
        if isinstance(event, JudgingSummary):
            summary = event
            break
        if is_try:  # nothing to compare: the snippet ran, or the usual failure verdict
            event.judgement = try_judgement(event.observation, event.judgement)
        if event.judgement.verdict == Verdict.SE:
            summary = JudgingSummary(True, event.judgement.message, len(verdicts))
            break
        result = _store_case(submission, attempt, event)
        if result is None:
            logger.info("submission %s attempt %s was superseded; stopping", submission_id, attempt)
            return None
        verdicts.append(event.judgement.verdict)
        events.publish_case(result)
        if len(verdicts) == 1:
            metrics.grading_first_case(submission)
    if summary is None or summary.system_error:
        message = summary.message if summary else "the sandbox stopped without a summary"
        raise GradingInterrupted(message, attempt=attempt)
    passed = sum(verdict == Verdict.AC for verdict in verdicts)
    return _finish(submission_id, attempt, status=Status.DONE, verdict=overall_verdict(verdicts),
                   passed=passed, total=len(cases), message="", scored=not is_try)


def _finish(submission_id: int, attempt: int, *, status: str, verdict: str, passed: int, total: int,
            message: str, scored: bool = True) -> Submission | None:
    score = (passed / total) if scored and total and status == Status.DONE else None
    finished = Submission.objects.filter(pk=submission_id, attempts=attempt, status=Status.RUNNING).update(
        status=status, verdict=verdict, cases_passed=passed, score=score, message=message[:2000],
        finished_at=timezone.now(),
    )
    if not finished:
        return None
    submission = Submission.objects.get(pk=submission_id)
    events.publish_status(submission)
    metrics.grading_finished(submission)
    return submission


def submission_requeue_or_fail(*, submission_id: int, reason: str, attempt: int | None = None) -> str:
    """After a sandbox error or an abandoned run: back to the queue while attempts remain, else
    visibly failed. Only run `attempt` is moved (a newer claim is left alone); without it, only
    a run claimed by this process.

    Returns the status the submission has afterwards.
    """
    submission = Submission.objects.get(pk=submission_id)
    if submission.is_finished or submission.status == Status.QUEUED:
        return submission.status
    current = Submission.objects.filter(pk=submission_id, status=Status.RUNNING)
    if attempt is None:
        attempt = submission.attempts
        current = current.filter(claimed_by=_worker_identity())
    current = current.filter(attempts=attempt)
    if attempt >= MAX_ATTEMPTS:
        failed = current.update(
            status=Status.FAILED, verdict=Verdict.SE, finished_at=timezone.now(),
            message=f"Our sandbox failed {attempt} times ({reason}): this submission could not be "
                    "graded and is not counted against you.",
        )
        if failed:
            events.publish_status(Submission.objects.get(pk=submission_id))
    else:
        current.update(status=Status.QUEUED, queued_at=timezone.now())
    return Submission.objects.values_list("status", flat=True).get(pk=submission_id)


def _message_presumed_lost(submission: Submission, *, now: datetime, lost_after: timedelta) -> bool:
    """A queued row's message counts as lost once its last send is older than the threshold,
    doubled for every send after the first (capped at 64x): during a backlog the messages are
    only waiting, and sending every waiting row again each minute would grow the backlog."""
    if submission.enqueued_at is None:
        return True  # never sent (the broker was down when it was stored)
    backoff = 2 ** min(max(submission.enqueues - 1, 0), 6)
    return submission.enqueued_at < now - lost_after * backoff


def submissions_sweep(*, now: datetime | None = None) -> dict:
    """Re-queue submissions whose message was lost; fail or re-queue runs stuck past their limits."""
    now = now or timezone.now()
    lost_after = timedelta(seconds=settings.GRADER_REQUEUE_AFTER_SECONDS)
    stuck_after = timedelta(seconds=settings.GRADER_STUCK_AFTER_SECONDS)
    requeued = 0
    for submission in Submission.objects.filter(status=Status.QUEUED, queued_at__lt=now - lost_after):
        if not _message_presumed_lost(submission, now=now, lost_after=lost_after):
            continue
        # A conditional update: of two sweeps racing, one sends the message.
        if Submission.objects.filter(pk=submission.pk, status=Status.QUEUED,
                                     enqueued_at=submission.enqueued_at).update(enqueued_at=now):
            requeued += submission_enqueue(submission_id=submission.pk, mode=submission.mode, now=now)
    stuck = 0
    # Runs whose process is gone (a worker killed on this host: its message may not come back
    # before the broker's visibility timeout) or that ran past every limit.
    for submission in Submission.objects.filter(status=Status.RUNNING):
        if not _claim_is_abandoned(submission.claimed_by, submission.started_at, now):
            continue
        stuck += 1
        reason = ("it ran past its time limit" if submission.started_at and submission.started_at < now - stuck_after
                  else "the grading process stopped")
        if submission_requeue_or_fail(submission_id=submission.pk, reason=reason,
                                      attempt=submission.attempts) == Status.QUEUED:
            submission_enqueue(submission_id=submission.pk, mode=submission.mode)
    return {"requeued": requeued, "stuck": stuck}


def answer_grade_text(*, version: QuestionVersion, text: str) -> dict:
    """Grade a written answer with the rubric (concept, design) or STAR (behavioral) grader."""
    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        text = text.encode("utf-8")[:MAX_TEXT_BYTES].decode("utf-8", "ignore")
    return grade_text(version.kind, text, version.rubric, version.answer_md, prompt=version.prompt_md).to_dict()
