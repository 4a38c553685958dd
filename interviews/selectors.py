"""Reads of the interview room: permission-checked fetches, the report, history and progress."""

from __future__ import annotations

from collections import defaultdict

from django.http import Http404

from grader.models import Mode, Status, Submission, Verdict
from grader.selectors import item_submissions, submission_rows
from interviews.models import Interview, InterviewItem, InterviewStatus, Preferences
from interviews.tracks import SECTION_NAMES, Track, custom_track


def access_interview(user, interview_id) -> Interview:
    """The user's own interview (staff: any); Http404 for anything else."""
    interviews = Interview.objects.all() if user.is_staff else Interview.objects.filter(owner=user)
    try:
        return interviews.get(pk=interview_id)
    except (Interview.DoesNotExist, ValueError, TypeError):
        raise Http404("No such interview.") from None


def access_item(user, interview_id, position) -> InterviewItem:
    interview = access_interview(user, interview_id)
    try:
        return interview.items.select_related("version", "version__question", "interview").get(position=position)
    except (InterviewItem.DoesNotExist, ValueError, TypeError):
        raise Http404("No such question in this interview.") from None


def active_interview(*, user) -> Interview | None:
    return Interview.objects.filter(owner=user, status=InterviewStatus.ACTIVE).first()


def recent_question_ids(*, user, interviews: int) -> set[int]:
    recent = Interview.objects.filter(owner=user).order_by("-started_at")[:interviews]
    return set(InterviewItem.objects.filter(interview__in=recent).values_list("version__question_id", flat=True))


def item_final_code_submission(item: InterviewItem) -> Submission | None:
    """The submission a code item is graded by: the latest Submit (not Run)."""
    return item_submissions(item.pk, owner_id=item.interview.owner_id, mode=Mode.SUBMIT).first()


NOT_COUNTED = "could not be graded — not counted"


def item_grade(item: InterviewItem) -> dict:
    """How an item is scored, after the cost of the hints it used (issue #16): see _item_grade_raw.

    Adds "raw_score" (before hints) and "hint_penalty" (the share taken off, 0..1).
    """
    grade = _item_grade_raw(item)
    penalty = item_hint_penalty(item)
    grade["raw_score"], grade["hint_penalty"] = grade["score"], penalty
    if grade["score"] is not None and penalty:
        grade["score"] = round(grade["score"] * (1.0 - penalty), 4)
    return grade


def _item_grade_raw(item: InterviewItem) -> dict:
    """How an item is scored: {"state", "score", "submission", "note"}.

    state: "pending" (still being graded: poll), "graded" (score 0..1), or "not_counted" (its code
    could not be graded after every retry, SE: never the candidate's fault, so it is left out of
    the scores rather than counted as 0). A final Submit that failed with SE falls back to the
    item's latest Submit that was graded.
    """
    if not item.is_code:
        if item.score is None:
            return {"state": "pending", "score": None, "submission": None, "note": ""}
        return {"state": "graded", "score": item.score, "submission": None, "note": ""}
    submission = item.final_submission
    if submission is None:
        if item.interview.is_active:
            return {"state": "pending", "score": None, "submission": None, "note": ""}
        return {"state": "graded", "score": 0.0, "submission": None, "note": (item.feedback or {}).get("refused", "")}
    if submission.status == Status.DONE:
        return {"state": "graded", "score": submission.score or 0.0, "submission": submission, "note": ""}
    if submission.status == Status.FAILED and submission.verdict != Verdict.SE:
        return {"state": "graded", "score": 0.0, "submission": submission, "note": ""}
    if submission.status == Status.FAILED:
        earlier = item_submissions(item.pk, owner_id=item.interview.owner_id, mode=Mode.SUBMIT) \
            .filter(status=Status.DONE, created_at__lt=submission.created_at).first()
        if earlier is not None:
            return {"state": "graded", "score": earlier.score or 0.0, "submission": earlier,
                    "note": f"Your last submission {NOT_COUNTED}; scored on your previous graded submission."}
        return {"state": "not_counted", "score": None, "submission": submission,
                "note": f"Your submission {NOT_COUNTED}: our sandbox failed, not your code."}
    return {"state": "pending", "score": None, "submission": submission, "note": ""}


def item_score(item: InterviewItem) -> float | None:
    return item_grade(item)["score"]


def interview_scores(interview: Interview) -> dict:
    """Overall and per-section scores (0..1) from the items graded so far.

    `pending` is true while an item is still being graded; an item that could not be graded
    (not_counted) is left out of the averages and is not pending.
    """
    by_section: dict[str, list[float]] = defaultdict(list)
    pending = False
    for item in interview.items.select_related("version__question", "final_submission") \
            .prefetch_related("hint_reveals"):
        item.interview = interview
        grade = item_grade(item)
        if grade["state"] == "pending":
            pending = True
        followup = item_followup(item)
        if followup is not None and followup.score is not None:
            by_section[item.section].append(followup.score)  # issue #16: graded like an answer
        if grade["score"] is None:
            continue
        by_section[item.section].append(grade["score"])
    sections = {section: round(sum(values) / len(values), 4) for section, values in by_section.items()}
    all_scores = [score for values in by_section.values() for score in values]
    overall = round(sum(all_scores) / len(all_scores), 4) if all_scores else None
    return {"overall": overall, "sections": sections, "pending": pending}


def section_strengths(*, user) -> dict[str, float]:
    """Average stored section score over the user's finished interviews."""
    totals: dict[str, list[float]] = defaultdict(list)
    for section_scores in Interview.objects.filter(owner=user, status=InterviewStatus.FINISHED) \
            .values_list("section_scores", flat=True):
        for section, score in (section_scores or {}).items():
            if score is not None:
                totals[section].append(score)
    return {section: sum(values) / len(values) for section, values in totals.items()}


def weakest_section(*, user) -> str | None:
    strengths = section_strengths(user=user)
    if not strengths:
        return None
    return min(strengths, key=strengths.get)


WEAKEST_QUESTIONS = 2
WEAKEST_MINUTES = 30


def weakest_section_track(*, user) -> Track | None:
    """A short custom track of the user's weakest section (None before any finished interview)."""
    from references.selectors import current_questions

    weakest = weakest_section(user=user)
    if weakest is None:
        return None
    count = max(1, min(WEAKEST_QUESTIONS, current_questions(section=weakest).count()))
    return custom_track(sections=[weakest], count=count, minutes=WEAKEST_MINUTES)


def interview_report(*, interview: Interview) -> dict:
    """Everything the report page shows, per item."""
    items = []
    for item in interview.items.select_related("version", "version__question", "final_submission") \
            .prefetch_related("hint_reveals"):
        item.interview = interview
        grade = item_grade(item)
        submission = grade["submission"] or item.final_submission
        items.append({
            "item": item,
            "section_name": SECTION_NAMES.get(item.section, item.section),
            "score": grade["score"],
            "state": grade["state"],
            "note": grade["note"],
            "submission": submission,
            "rows": submission_rows(submission) if submission else [],
            "feedback": item.feedback,
            "prompt": item_prompt(item),
            "raw_score": grade["raw_score"],
            "hint_penalty": grade["hint_penalty"],
            "hints_used": item_hints_used(item),
            "followup": item_followup(item),
            "replay": item_replay(item) if item.is_code else None,
        })
    return {"interview": interview, "items": items, "scores": interview_scores(interview),
            "section_names": SECTION_NAMES}


def interview_history(*, user) -> list[Interview]:
    return list(Interview.objects.filter(owner=user).order_by("-started_at"))


def progress_series(*, user) -> dict:
    """Per section, the score of each finished interview in time order (for the charts)."""
    series: dict[str, list[tuple]] = defaultdict(list)
    verdicts: dict[str, int] = defaultdict(int)
    for interview in Interview.objects.filter(owner=user, status=InterviewStatus.FINISHED).order_by("started_at"):
        for section, score in (interview.section_scores or {}).items():
            if score is not None:
                series[section].append((interview.started_at, score, interview.pk))
    for verdict in Submission.objects.filter(owner=user, mode=Mode.SUBMIT, status=Status.DONE) \
            .values_list("verdict", flat=True):
        verdicts[verdict] += 1
    return {"series": dict(series), "verdicts": dict(verdicts), "section_names": SECTION_NAMES}


# --- The interview room's pages (issue #6) ---------------------------------------------------


def room_items(*, interview: Interview) -> list[InterviewItem]:
    """The interview's items in order, with what the question navigation shows."""
    return list(interview.items.select_related("version", "version__question", "final_submission"))


def item_prompt(item: InterviewItem) -> dict:
    """Title, prompt and suggested minutes of an item: the follow-up shows the coding part."""
    version = item.version
    if item.part == "followup":
        return {"title": version.coding_title or f"{version.title}: coding follow-up",
                "prompt_md": version.coding_prompt_md, "minutes": version.coding_minutes,
                "follows": version.title}
    return {"title": version.title, "prompt_md": version.prompt_md, "minutes": version.minutes, "follows": ""}


def item_is_answered(item: InterviewItem) -> bool:
    """Code: submitted at least once (or changed from the starter); writing: anything written."""
    if item.is_code:
        return item.final_submission_id is not None or (
            bool(item.draft.strip()) and item.draft != item.version.starter)
    return bool(item.draft.strip())


def item_last_submission(item: InterviewItem) -> Submission | None:
    """The latest Run or Submit of the item, shown again when the room is reloaded."""
    return item_submissions(item.pk, owner_id=item.interview.owner_id).exclude(mode=Mode.TRY).first()


# --- The Try console and preferences (issue #15) ----------------------------------------------


def item_last_try(item: InterviewItem) -> Submission | None:
    """The item's latest Try: the console shows its snippet and result again on reload."""
    return item_submissions(item.pk, owner_id=item.interview.owner_id, mode=Mode.TRY).first()


def user_preferences(*, user) -> Preferences:
    """The user's preferences, or the defaults (unsaved) for someone who never chose."""
    if not getattr(user, "is_authenticated", False):
        return Preferences()
    return Preferences.objects.filter(user=user).first() or Preferences(user=user)


def recent_interviews(*, user, limit: int = 5) -> list[Interview]:
    return list(Interview.objects.filter(owner=user, status=InterviewStatus.FINISHED)
                .order_by("-started_at")[:limit])


# --- The JSON API (issue #7) -------------------------------------------------------------------


def item_model_answer(*, item: InterviewItem) -> dict:
    """The model answer and canonical solution of an item, once its interview is finished.

    Raises PermissionDenied before: they would give the answers away.
    """
    from django.core.exceptions import PermissionDenied

    if not item.interview.is_over():
        raise PermissionDenied("Model answers and canonical solutions are shown once the interview is finished.")
    version = item.version
    main = item.part != "followup"
    return {
        "model_answer": (version.answer_md or None) if main else None,
        "canonical_solution": (version.solution or None) if item.is_code else None,
    }


def submission_item(submission: Submission) -> InterviewItem | None:
    """The interview item a submission answers (None for a submission outside an interview)."""
    if submission.item_id is None:
        return None
    return InterviewItem.objects.filter(pk=submission.item_id).select_related("interview").first()


def item_submissions_list(*, item: InterviewItem) -> list[Submission]:
    """Every Run and Submit of the item by its candidate, newest first."""
    return list(item_submissions(item.pk, owner_id=item.interview.owner_id))


def api_token_created_at(*, user):
    """When the user's API token was created (None: no token). The key itself is never shown again."""
    from rest_framework.authtoken.models import Token

    return Token.objects.filter(user=user).values_list("created", flat=True).first()


# --- Issue #16: hints at a cost ---------------------------------------------------------------

# Each rung of a coding part's ladder costs this share of the item's score (approach, data
# structure, edge cases): stated on the button before it is revealed.
CODING_HINT_COSTS = (0.10, 0.15, 0.15)
# A written question's hint names what one rubric point is about: it costs half of that point's
# share of the rubric (never less than MIN_WRITTEN_HINT_COST).
WRITTEN_HINT_SHARE = 0.5
MIN_WRITTEN_HINT_COST = 0.05


def _written_hints(item: InterviewItem) -> list[dict]:
    points = [point for point in (item.version.rubric or {}).get("points") or [] if point.get("hint")]
    total = sum(float(point.get("weight") or 1) for point in (item.version.rubric or {}).get("points") or [])
    hints = []
    for point in points:
        share = float(point.get("weight") or 1) / total if total else 0.0
        cost = max(MIN_WRITTEN_HINT_COST, round(WRITTEN_HINT_SHARE * share, 2))
        hints.append({"label": str(point["id"]), "text": str(point["hint"]), "cost": cost})
    return hints


def item_hint_catalogue(item: InterviewItem) -> list[dict]:
    """Every hint the item offers, in order: {"index", "label", "text", "cost", "ladder"}.

    Code items: the three rungs of the question's hints.yaml, to be revealed in order. Written
    concept/design items: one per rubric point that has a hint, in any order. Behavioral: none.
    """
    from references.hints import coding_hints

    if item.is_code:
        question = item.version.question
        rungs = coding_hints(section=question.section, slug=question.slug)
        hints = [{"label": rung["level"], "text": rung["text"], "cost": cost}
                 for rung, cost in zip(rungs, CODING_HINT_COSTS)]
        ladder = True
    elif item.version.kind in ("concept", "design"):
        hints, ladder = _written_hints(item), False
    else:
        hints, ladder = [], False
    return [{"index": index, "ladder": ladder, **hint} for index, hint in enumerate(hints)]


def _reveals(item: InterviewItem) -> list:
    # Uses prefetch_related("hint_reveals") when the caller did it (reports, scores).
    return list(item.hint_reveals.all())


def item_hints(item: InterviewItem) -> list[dict]:
    """The item's hints as the candidate sees them: text only once revealed.

    {"index", "label", "cost", "revealed", "text" (None until revealed), "available" (may be
    revealed now: a ladder's next rung, any unrevealed written hint, while the interview is open)}.
    """
    revealed = {reveal.index: reveal for reveal in _reveals(item)}
    open_ = not item.interview.is_over()
    hints = []
    for hint in item_hint_catalogue(item):
        reveal = revealed.get(hint["index"])
        previous_done = not hint["ladder"] or hint["index"] == 0 or (hint["index"] - 1) in revealed
        hints.append({
            "index": hint["index"], "label": hint["label"],
            "cost": reveal.cost if reveal else hint["cost"],
            "revealed": reveal is not None,
            "revealed_at": reveal.revealed_at if reveal else None,
            "text": reveal.text if reveal else None,
            "available": reveal is None and open_ and previous_done,
        })
    return hints


def item_hint_penalty(item: InterviewItem) -> float:
    """The share of the item's score its revealed hints cost (0..1)."""
    return min(1.0, round(sum(reveal.cost for reveal in _reveals(item)), 4))


def item_hints_used(item: InterviewItem) -> list:
    """The hints the candidate revealed, in order (for the report)."""
    return _reveals(item)


# --- Issue #16: a follow-up question ------------------------------------------------------------


def item_followup(item: InterviewItem):
    """The item's follow-up question (FollowUp), or None when none was asked."""
    from interviews.models import FollowUp

    try:
        return item.followup_question
    except FollowUp.DoesNotExist:
        return None


def item_followup_offer(item: InterviewItem) -> dict:
    """What the room shows under a written answer: {"eligible", "followup", "required"}."""
    from interviews.services import FOLLOWUP_KINDS, FOLLOWUP_REQUIRED_TRACKS

    eligible = not item.is_code and item.version.kind in FOLLOWUP_KINDS
    return {"eligible": eligible, "followup": item_followup(item) if eligible else None,
            "required": item.interview.track in FOLLOWUP_REQUIRED_TRACKS}


# --- Issue #16: replay of a code answer ----------------------------------------------------------


def item_timeline(item: InterviewItem) -> list[dict]:
    """How the code answer evolved, oldest first: the starter, every autosave snapshot and every
    Run / Submit with its verdict. Each moment: {"index", "at", "kind", "label", "code", "verdict"}."""
    moments = [{"at": item.interview.started_at, "kind": "start", "label": "Starter code",
                "code": item.version.starter, "verdict": ""}]
    for snapshot in item.snapshots.all():
        moments.append({"at": snapshot.taken_at, "kind": "autosave", "label": "Autosave",
                        "code": snapshot.code, "verdict": ""})
    for submission in reversed(item_submissions_list(item=item)):
        verdict = (f"{submission.verdict} ({submission.get_verdict_display()})" if submission.verdict
                   else submission.get_status_display())
        moments.append({"at": submission.created_at, "kind": submission.mode,
                        "label": f"{submission.mode.capitalize()}: {verdict}",  # Run, Try, Submit
                        "code": submission.code, "verdict": submission.verdict or ""})
    moments.sort(key=lambda moment: (moment["at"], moment["kind"] == "autosave"))
    for index, moment in enumerate(moments):
        moment["index"] = index
        moment["offset_seconds"] = max(0, int((moment["at"] - item.interview.started_at).total_seconds()))
    return moments


def code_diff(before: str, after: str) -> list[dict]:
    """A unified diff (difflib) as rows {"kind": "add"|"del"|"same"|"hunk", "text"} for HTML rendering."""
    import difflib

    rows = []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=3):
        if line.startswith(("---", "+++")):
            continue
        kind = {"@": "hunk", "+": "add", "-": "del"}.get(line[:1], "same")
        rows.append({"kind": kind, "text": line})
    return rows


def item_replay(item: InterviewItem, *, start: int | None = None, end: int | None = None) -> dict:
    """The replay between two moments of the timeline (indices, clamped): the code at `end` and the
    diff from `start` to it. Defaults: from the first moment to the last."""
    timeline = item_timeline(item)
    last = len(timeline) - 1

    def clamp(value, default):
        try:
            return min(last, max(0, int(value)))
        except (TypeError, ValueError):
            return default

    start_index, end_index = clamp(start, 0), clamp(end, last)
    return {"item": item, "timeline": timeline, "start": timeline[start_index], "end": timeline[end_index],
            "last": last, "diff": code_diff(timeline[start_index]["code"], timeline[end_index]["code"])}


# --- Issue #16: share a report, mentor comments -----------------------------------------------------


def access_share(token: str):
    """The valid ReportShare of a signed token; Http404 for a bad signature, an expired or revoked link."""
    from django.core import signing

    from interviews.models import ReportShare
    from interviews.services import SHARE_SALT

    try:
        payload = signing.Signer(salt=SHARE_SALT).unsign_object(str(token))
        share = ReportShare.objects.select_related("interview").get(pk=int(payload["s"]), nonce=str(payload["n"]))
    except (signing.BadSignature, ReportShare.DoesNotExist, KeyError, TypeError, ValueError):
        raise Http404("This link is not valid.") from None
    if not share.is_valid() or not share.interview.is_over():
        raise Http404("This link has expired or was revoked.")
    return share


def access_shared_item(share, position) -> InterviewItem:
    try:
        return share.interview.items.select_related("version", "version__question", "interview").get(position=position)
    except (InterviewItem.DoesNotExist, ValueError, TypeError):
        raise Http404("No such question in this report.") from None


def interview_shares(*, interview: Interview) -> list:
    return list(interview.shares.all())


def report_comments(*, interview: Interview, viewer, share=None) -> dict[int, list]:
    """Mentor comments per item position that `viewer` may read: the candidate all of them; someone
    on a share link only their own; nobody else (staff included) any."""
    from interviews.models import MentorComment

    comments = MentorComment.objects.filter(item__interview=interview).select_related("author", "item")
    if viewer is None or not viewer.is_authenticated:
        return {}
    if viewer.pk != interview.owner_id:
        if share is None:
            return {}
        comments = comments.filter(author=viewer)
    by_position: dict[int, list] = defaultdict(list)
    for comment in comments:
        by_position[comment.item.position].append(comment)
    return dict(by_position)
