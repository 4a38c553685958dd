"""Writes of the interview room: accounts, starting interviews, drafts, running code, finishing.

The deadline is the server's: every write checks it (with a small grace for requests in
flight). Finishing — by the candidate or by the deadline, even with the browser closed —
submits pending code drafts, grades every written answer and stores the scores.
"""

from __future__ import annotations

import logging
import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from grader import services as grader_services
from grader.models import Mode, Submission
from interviews.models import (
    FONT_SIZES,
    Interview,
    InterviewItem,
    InterviewStatus,
    ItemPart,
    Keybinding,
    Preferences,
    Theme,
)
from interviews.selectors import item_final_code_submission, recent_question_ids, section_strengths
from interviews.tracks import Track
from references.selectors import current_questions

logger = logging.getLogger(__name__)

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "onsite-demo"
DEMO_EMAIL = "demo@onsite.localhost"


def account_create(*, username: str, email: str, password: str) -> AbstractBaseUser:
    """Create a candidate's account. The caller has validated the values (see SignUpForm)."""
    return get_user_model().objects.create_user(username=username, email=email, password=password)


@transaction.atomic
def account_ensure_demo() -> tuple[AbstractBaseUser, bool]:
    """Make sure the demo account exists and has the documented password; idempotent.

    Returns the user and whether anything had to be created or changed.
    """
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_USERNAME, defaults={"email": DEMO_EMAIL}
    )
    if created or not user.check_password(DEMO_PASSWORD) or not user.is_active:
        user.set_password(DEMO_PASSWORD)
        user.is_active = True
        user.save()
        return user, True
    return user, False


# One limit per kind of answer, used everywhere (the page, the API, the final submission): a code
# draft that can be saved can be submitted; a written answer is graded whole.
MAX_CODE_DRAFT_BYTES = grader_services.MAX_CODE_BYTES
MAX_TEXT_DRAFT_BYTES = grader_services.MAX_TEXT_BYTES
MAX_DRAFT_BYTES = max(MAX_CODE_DRAFT_BYTES, MAX_TEXT_DRAFT_BYTES)  # the largest body any draft may have
RECENT_INTERVIEWS = 5
DEADLINE_CLOCK_SLACK = timedelta(seconds=5)


class InterviewRefused(Exception):
    """A write the interview cannot accept; the message is shown to the candidate as is."""


class InterviewInProgress(InterviewRefused):
    """Starting while another interview is in progress; `interview` is that one."""

    def __init__(self, interview: Interview) -> None:
        super().__init__("You already have an interview in progress: finish it first.")
        self.interview = interview


def _pick_questions(*, user, track: Track, rng: random.Random) -> list[tuple]:
    """Choose a question version per slot: not seen recently, leaning toward weak sections."""
    recent = recent_question_ids(user=user, interviews=RECENT_INTERVIEWS)
    strengths = section_strengths(user=user)
    chosen, picked = [], set()
    for slot in track.slots:
        candidates = [q for q in current_questions().filter(section__in=slot.sections)
                      if q.pk not in picked and (not slot.with_followup or q.current.has_coding)]
        if not candidates:
            raise InterviewRefused("The question bank has no questions for this track yet.")
        fresh = [q for q in candidates if q.pk not in recent] or candidates
        # Weaker sections (lower average score) weigh more; unseen sections count as weak.
        weights = [1.0 + 2.0 * (1.0 - strengths.get(q.section, 0.0)) for q in fresh]
        question = rng.choices(fresh, weights=weights, k=1)[0]
        picked.add(question.pk)
        chosen.append((question.current, slot.with_followup))
    return chosen


def interview_start(*, user, track: Track, rng: random.Random | None = None) -> Interview:
    """Start an interview; InterviewInProgress (with the existing one) while another is in progress.

    At most one interview per candidate is in progress: a partial unique index enforces it, so two
    requests racing (a double-clicked Start) create one interview and the other gets it back.
    An interview in progress whose time is over is finished first (the sweep may not have run yet).
    """
    rng = rng or random.Random()
    current = Interview.objects.filter(owner=user, status=InterviewStatus.ACTIVE).first()
    if current is not None:
        if not current.is_over():
            raise InterviewInProgress(current)
        interview_finish(interview=current, reason="deadline")
    picks = _pick_questions(user=user, track=track, rng=rng)
    now = timezone.now()
    try:
        with transaction.atomic():
            interview = Interview.objects.create(
                owner=user, track=track.slug, title=track.name, minutes=track.minutes,
                started_at=now, deadline=now + timedelta(minutes=track.minutes),
            )
            position = 0
            items = []
            for version, with_followup in picks:
                parts = [ItemPart.MAIN] + ([ItemPart.FOLLOWUP] if with_followup else [])
                for part in parts:
                    position += 1
                    draft = version.starter if (version.kind == "coding" or part == ItemPart.FOLLOWUP) else ""
                    items.append(InterviewItem(interview=interview, position=position, version=version,
                                               part=part, draft=draft))
            InterviewItem.objects.bulk_create(items)
    except IntegrityError:
        # Another request started one between our check and our insert (the index refused ours).
        existing = Interview.objects.filter(owner=user, status=InterviewStatus.ACTIVE).first()
        if existing is None:
            raise
        raise InterviewInProgress(existing) from None
    return interview


def _locked_interview(interview_id: int) -> Interview:
    """The interview's row, locked until the transaction ends: call inside transaction.atomic().

    Every write that depends on the interview's state takes this lock, and so does finishing:
    a draft save or Submit racing Finish is either stored before it (and graded) or refused.
    """
    return Interview.objects.select_for_update().get(pk=interview_id)


def _check_writable(interview: Interview) -> None:
    if not interview.is_active:
        raise InterviewRefused("This interview is finished: answers can no longer be changed.")
    try:
        grader_services.check_deadline(interview.deadline)
    except grader_services.SubmissionRefused as error:
        raise InterviewRefused(str(error)) from None


def draft_problem(*, draft: str, is_code: bool) -> str | None:
    """Why a draft cannot be stored (a message for the candidate), or None when it can."""
    if not isinstance(draft, str):
        return "Your answer must be text."
    if "\x00" in draft:
        return ("Your code contains a NUL character; remove it and try again." if is_code
                else "Your answer contains a NUL character; remove it and try again.")
    try:
        size = len(draft.encode("utf-8"))
    except UnicodeEncodeError:
        return "Your answer contains characters that are not valid text (a lone surrogate); remove them."
    limit = MAX_CODE_DRAFT_BYTES if is_code else MAX_TEXT_DRAFT_BYTES
    if size > limit:
        what = "Your code" if is_code else "Your answer"
        return f"{what} is over {limit // 1024} KiB; shorten it."
    return None


def item_save_draft(*, item: InterviewItem, draft: str, seconds_spent: int = 0) -> InterviewItem:
    problem = draft_problem(draft=draft, is_code=item.is_code)
    if problem:
        raise InterviewRefused(problem)
    with transaction.atomic():
        interview = _locked_interview(item.interview_id)
        _check_writable(interview)
        item.interview = interview
        # Time is counted from what the page reports, capped so a wrong clock cannot inflate it.
        added = max(0, min(int(seconds_spent or 0), 300))
        now = timezone.now()
        InterviewItem.objects.filter(pk=item.pk).update(
            draft=draft, draft_saved_at=now, time_spent_seconds=F("time_spent_seconds") + added)
        if item.is_code:
            snapshot_record(item=item, code=draft, now=now)  # issue #16: the report's replay
        item.refresh_from_db(fields=["draft", "draft_saved_at", "time_spent_seconds"])
    return item


def item_submit_code(*, item: InterviewItem, code: str, mode: str, snippet: str = "") -> Submission:
    """Run (sample cases), Submit (all cases) or Try (the candidate's snippet: issue #15) the
    item's code; the draft is saved first."""
    if not item.is_code:
        raise InterviewRefused("This question takes a written answer, not code.")
    with transaction.atomic():
        # The lock (taken again, re-entrantly, by the draft save) holds until the submission is stored.
        interview = _locked_interview(item.interview_id)
        _check_writable(interview)
        item_save_draft(item=item, draft=code)
        try:
            submission = grader_services.submission_create(
                owner=interview.owner, version=item.version, code=code, mode=mode, item_id=item.pk,
                deadline=interview.deadline, snippet=snippet,
            )
        except grader_services.SubmissionRefused as error:
            raise InterviewRefused(str(error)) from None
        if mode == Mode.SUBMIT:
            InterviewItem.objects.filter(pk=item.pk).update(final_submission=submission)
            item.final_submission = submission
    return submission


def _grade_code_item(interview: Interview, item: InterviewItem) -> None:
    final = item_final_code_submission(item)
    if final is None and item.draft.strip() and item.draft != item.version.starter:
        # The candidate wrote code but never pressed Submit: submit the draft for them. A draft the
        # grader refuses (saved under an older limit, or with a NUL) is noted, never an error.
        try:
            problem = draft_problem(draft=item.draft, is_code=True)
            if problem:
                raise grader_services.SubmissionRefused(problem)
            final = grader_services.submission_create(
                owner=interview.owner, version=item.version, code=item.draft, mode=Mode.SUBMIT,
                item_id=item.pk, deadline=None,
            )
        except grader_services.SubmissionRefused as refusal:
            item.feedback = {"refused": f"Your code was not submitted: {refusal}"}
            item.save(update_fields=["feedback"])
            return
    if final is not None and item.final_submission_id != final.pk:
        item.final_submission = final
        item.save(update_fields=["final_submission"])


def _grade_text_item(item: InterviewItem) -> None:
    # PostgreSQL stores neither NUL nor lone surrogates (text or jsonb), and neither carries meaning
    # in an answer; drafts saved now never hold them, older ones are cleaned before grading.
    text = item.draft.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
    feedback = grader_services.answer_grade_text(version=item.version, text=text)
    item.feedback, item.score = feedback, feedback["score"]
    item.save(update_fields=["feedback", "score"])


def _grade_items(interview: Interview) -> None:
    for item in interview.items.select_related("version", "version__question", "final_submission"):
        item.interview = interview
        if item.is_code:
            _grade_code_item(interview, item)
        else:
            _grade_text_item(item)
            if item.part == ItemPart.MAIN and item.version.kind in FOLLOWUP_KINDS:
                _grade_followup(interview, item)  # issue #16


def interview_finish(*, interview: Interview, reason: str = "candidate") -> Interview:
    """Close the interview (once), submit code drafts, grade written answers, store scores.

    Idempotent: finishing a finished interview changes nothing. The interview's row is locked
    while it closes, so no draft save or Submit can slip in between the grading and the close.
    """
    with transaction.atomic():
        locked = _locked_interview(interview.pk)
        if locked.is_active:
            locked.status, locked.finished_at, locked.finished_reason = (
                InterviewStatus.FINISHED, timezone.now(), reason)
            locked.save(update_fields=["status", "finished_at", "finished_reason"])
            _grade_items(locked)
        interview_refresh_scores(interview=locked)
    interview.refresh_from_db()
    return interview


def finish_reason(*, interview: Interview, page_says_time_is_up: bool, now=None) -> str:
    """"deadline" when time is up, else "candidate".

    A page whose countdown reached zero says so; its clock may run a few seconds ahead of ours.
    """
    now = now or timezone.now()
    slack = DEADLINE_CLOCK_SLACK if page_says_time_is_up else timedelta(0)
    return "deadline" if now >= interview.deadline - slack else "candidate"


def finish_reason_for_api(*, interview: Interview, now=None) -> str:
    """The API has no countdown of its own: "deadline" once the deadline has passed."""
    return finish_reason(interview=interview, page_says_time_is_up=False, now=now)


def interview_refresh_scores(*, interview: Interview) -> Interview:
    """Store the interview's scores from its items' grades; the one place they are written.

    Call whenever an item's grade may have changed (finishing, a final submission graded or
    failed). While an item is still being graded the stored score stays empty (null) so that
    history and charts never show a partial score as final; the report computes it live.
    """
    from interviews.selectors import interview_scores

    with transaction.atomic():
        locked = _locked_interview(interview.pk)
        if locked.is_active:
            return interview
        scores = interview_scores(locked)
        final = not scores["pending"]
        values = {
            "score": scores["overall"] if final else None,
            "section_scores": scores["sections"] if final else {},
            "scored_at": (locked.scored_at or timezone.now()) if final else None,
        }
        if any(getattr(locked, name) != value for name, value in values.items()):
            Interview.objects.filter(pk=locked.pk).update(**values)
    for name, value in values.items():
        setattr(interview, name, value)
    return interview


def interview_submission_finished(*, submission_id: int) -> None:
    """A submission reached done or failed: refresh the scores of the interview it belongs to.

    Called by the grading room (settings.GRADER_SUBMISSION_FINISHED) after the result is stored.
    """
    item = InterviewItem.objects.filter(
        pk__in=Submission.objects.filter(pk=submission_id).values("item_id")).select_related("interview").first()
    if item is not None and not item.interview.is_active:
        interview_refresh_scores(interview=item.interview)


def interviews_expire(*, now=None) -> dict:
    """Finish every interview past its deadline (plus grace), and store scores still missing.

    One interview failing (a bug, the database) is logged and does not stop the others.
    """
    now = now or timezone.now()
    grace = timedelta(seconds=grader_services.grace_seconds())
    expired = failed = 0
    for interview_id in list(Interview.objects.filter(status=InterviewStatus.ACTIVE, deadline__lt=now - grace)
                             .order_by("deadline").values_list("pk", flat=True)):
        try:
            interview_finish(interview=Interview.objects.get(pk=interview_id), reason="deadline")
            expired += 1
        except Exception:
            failed += 1
            logger.exception("could not finish interview %s; the next sweep tries again", interview_id)
    refreshed = 0
    # A backstop for the grading room's callback: finished interviews whose scores are not final yet.
    for interview in Interview.objects.filter(status=InterviewStatus.FINISHED, scored_at__isnull=True,
                                              finished_at__gt=now - timedelta(days=1)):
        try:
            interview_refresh_scores(interview=interview)
            refreshed += 1
        except Exception:
            failed += 1
            logger.exception("could not refresh the scores of interview %s", interview.pk)
    return {"expired": expired, "refreshed": refreshed, "failed": failed}


# --- API tokens (issue #7) --------------------------------------------------------------------


def api_token_create(*, user) -> str:
    """Replace the user's API token with a new one and return its key (shown to the user once)."""
    from rest_framework.authtoken.models import Token

    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        return Token.objects.create(user=user).key


def api_token_revoke(*, user) -> bool:
    """Delete the user's API token; True if there was one."""
    from rest_framework.authtoken.models import Token

    deleted, _ = Token.objects.filter(user=user).delete()
    return bool(deleted)


# --- Editor and display preferences (issue #15) ----------------------------------------------


class PreferencesRefused(ValueError):
    """A preference value that is not one of the choices; the message says which are."""


def preferences_update(*, user, theme: str | None = None, keybinding: str | None = None,
                       font_size: int | str | None = None) -> Preferences:
    """Change the given preferences of `user` (None leaves one as it is) and return them all."""
    changes: dict = {}
    if theme is not None:
        if theme not in Theme.values:
            raise PreferencesRefused(f"Unknown theme {theme!r}: choose one of {', '.join(Theme.values)}.")
        changes["theme"] = theme
    if keybinding is not None:
        if keybinding not in Keybinding.values:
            raise PreferencesRefused(
                f"Unknown key binding {keybinding!r}: choose one of {', '.join(Keybinding.values)}.")
        changes["keybinding"] = keybinding
    if font_size is not None and font_size != "":
        try:
            size = int(font_size)
        except (TypeError, ValueError):
            size = None
        if size not in FONT_SIZES:
            raise PreferencesRefused(
                f"Font size must be one of {', '.join(map(str, FONT_SIZES))} (pixels), got {font_size!r}.")
        changes["font_size"] = size
    preferences, _ = Preferences.objects.update_or_create(user=user, defaults=changes)
    return preferences


# --- Issue #16: hints at a cost ---------------------------------------------------------------


def hint_reveal(*, item: InterviewItem, index: int):
    """Reveal the item's hint `index` (its cost is then taken off the item's score); idempotent.

    A coding ladder is climbed in order; written hints in any order. Refused once the interview
    is over. Returns the HintReveal (the existing one when it was revealed before).
    """
    from interviews.models import HintReveal
    from interviews.selectors import item_hint_catalogue

    catalogue = item_hint_catalogue(item)
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(catalogue):
        raise InterviewRefused("This question has no such hint.")
    hint = catalogue[index]
    with transaction.atomic():
        interview = _locked_interview(item.interview_id)
        existing = HintReveal.objects.filter(item=item, index=index).first()
        if existing is not None:
            return existing
        _check_writable(interview)
        if hint["ladder"] and index > 0 and not HintReveal.objects.filter(item=item, index=index - 1).exists():
            raise InterviewRefused("Reveal the hints in order: the previous one first.")
        return HintReveal.objects.create(item=item, index=index, label=hint["label"][:120], text=hint["text"],
                                         cost=hint["cost"])


# --- Issue #16: a follow-up question ------------------------------------------------------------

FOLLOWUP_KINDS = ("concept", "design")
FOLLOWUP_REQUIRED_TRACKS = ("full-loop",)


def _followup_point(grade: dict) -> dict | None:
    """The most important point the answer missed: the largest weight not earned (ties: rubric order)."""
    open_points = [point for point in grade.get("points") or [] if point.get("status") in ("missed", "partly")]
    if not open_points:
        return None
    return max(open_points, key=lambda point: float(point.get("weight") or 1) * (1.0 - float(point.get("credit") or 0)))


def followup_question_text(point: dict) -> str:
    """"You did not say … — …?" from the point's id (its topic) and its rubric hint."""
    topic = str(point["id"]).replace("-", " ").replace("_", " ")
    opening = (f"You only touched on {topic}" if point.get("status") == "partly"
               else f"You did not say anything about {topic}")
    hint = (point.get("hint") or "").strip()
    if not hint:
        return f"{opening} — how would you handle it here?"
    return f"{opening} — {hint[0].lower()}{hint[1:]}"


def _followup_create(item: InterviewItem, *, required: bool):
    from interviews.models import FollowUp

    text = item.draft.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
    point = _followup_point(grader_services.answer_grade_text(version=item.version, text=text))
    if point is None:
        return None
    return FollowUp.objects.create(item=item, point_id=str(point["id"])[:120], point_status=point["status"],
                                   question=followup_question_text(point), required=required)


def followup_ask(*, item: InterviewItem):
    """Ask the item's one follow-up, from its saved answer; idempotent (the same one once asked).

    Only for a written concept or design question whose answer was saved, while the interview is
    open. Refused (InterviewRefused) when the answer already covers every rubric point.
    """
    from interviews.models import FollowUp

    if item.is_code or item.version.kind not in FOLLOWUP_KINDS:
        raise InterviewRefused("Follow-up questions are asked on written concept and design answers.")
    with transaction.atomic():
        interview = _locked_interview(item.interview_id)
        existing = FollowUp.objects.filter(item=item).first()
        if existing is not None:
            return existing
        _check_writable(interview)
        item.refresh_from_db(fields=["draft"])
        if not item.draft.strip():
            raise InterviewRefused("Save an answer first: the follow-up is about what it left out.")
        followup = _followup_create(item, required=interview.track in FOLLOWUP_REQUIRED_TRACKS)
        if followup is None:
            raise InterviewRefused("Your answer covers every key point: there is no follow-up to ask.")
        return followup


def followup_save_answer(*, item: InterviewItem, answer: str):
    """Store the answer to the item's follow-up (asked before), within the interview's time."""
    from interviews.models import FollowUp

    problem = draft_problem(draft=answer, is_code=False)
    if problem:
        raise InterviewRefused(problem)
    with transaction.atomic():
        interview = _locked_interview(item.interview_id)
        _check_writable(interview)
        followup = FollowUp.objects.filter(item=item).first()
        if followup is None:
            raise InterviewRefused("No follow-up was asked on this question yet.")
        followup.answer, followup.answer_saved_at = answer, timezone.now()
        followup.save(update_fields=["answer", "answer_saved_at"])
        return followup


def _grade_followup(interview: Interview, item: InterviewItem) -> None:
    """At finish: grade the follow-up against its one rubric point. In the full loop a written
    concept/design answer must get its follow-up: one never asked is asked now (unanswered: 0)."""
    from interviews.models import FollowUp

    followup = FollowUp.objects.filter(item=item).first()
    if followup is None:
        if interview.track not in FOLLOWUP_REQUIRED_TRACKS or not item.draft.strip():
            return
        followup = _followup_create(item, required=True)
        if followup is None:
            return
    point = next((p for p in (item.version.rubric or {}).get("points") or [] if str(p.get("id")) == followup.point_id),
                 None)
    if point is None or not followup.answer.strip():
        followup.score, followup.feedback = 0.0, {"status": "missed", "why": "No answer to the follow-up."}
    else:
        from grader.freetext import grade_text

        text = followup.answer.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
        grade = grade_text(item.version.kind, text, {**item.version.rubric, "points": [point]},
                           item.version.answer_md, prompt=followup.question).to_dict()
        result = grade["points"][0]
        followup.score, followup.feedback = round(float(result["credit"]), 4), result
    followup.save(update_fields=["score", "feedback"])


# --- Issue #16: replay of a code answer ----------------------------------------------------------

SNAPSHOT_MIN_SECONDS = 15
SNAPSHOT_MAX = 120


def snapshot_record(*, item: InterviewItem, code: str, now=None) -> None:
    """Keep an autosaved code state for the replay; call inside the transaction that saved the draft."""
    from interviews.models import DraftSnapshot

    now = now or timezone.now()
    last = DraftSnapshot.objects.filter(item_id=item.pk).order_by("-taken_at", "-pk").first()
    if last is not None and last.code == code:
        return
    count = DraftSnapshot.objects.filter(item_id=item.pk).count()
    if last is not None and count > 1 and (now - last.taken_at).total_seconds() < SNAPSHOT_MIN_SECONDS:
        # Typing: the newest state inside the window replaces the last one (the first one stays).
        DraftSnapshot.objects.filter(pk=last.pk).update(code=code, taken_at=now)
        return
    DraftSnapshot.objects.create(item_id=item.pk, code=code, taken_at=now)
    if count + 1 > SNAPSHOT_MAX:
        oldest = DraftSnapshot.objects.filter(item_id=item.pk).order_by("taken_at", "pk").values_list("pk", flat=True)
        drop = list(oldest[1:count + 2 - SNAPSHOT_MAX])  # never the first: where the answer started
        DraftSnapshot.objects.filter(pk__in=drop).delete()


# --- Issue #16: share a report, mentor comments -----------------------------------------------------

SHARE_SALT = "interviews.report-share"
SHARE_DEFAULT_DAYS = 7
SHARE_MAX_DAYS = 30
COMMENT_MAX_CHARS = 4000


def share_token(share) -> str:
    """The signed token of a share link (django.core.signing with SECRET_KEY)."""
    from django.core import signing

    # Not timestamped: the same link every time it is shown; expiry and revocation live in the row.
    return signing.Signer(salt=SHARE_SALT).sign_object({"s": share.pk, "n": share.nonce})


def share_create(*, interview: Interview, days: int = SHARE_DEFAULT_DAYS):
    """A read-only link to the report of a finished interview, valid for `days` (1..SHARE_MAX_DAYS)."""
    import secrets

    from interviews.models import ReportShare

    if not interview.is_over():
        raise InterviewRefused("Finish the interview first: only its report can be shared.")
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= SHARE_MAX_DAYS:
        raise InterviewRefused(f"A share link lasts 1 to {SHARE_MAX_DAYS} days.")
    now = timezone.now()
    return ReportShare.objects.create(interview=interview, nonce=secrets.token_hex(16), created_at=now,
                                      expires_at=now + timedelta(days=days))


def share_revoke(*, share) -> None:
    """Revoke a share link now (idempotent): it stops working at once, its comments stay."""
    from interviews.models import ReportShare

    ReportShare.objects.filter(pk=share.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def comment_create(*, share, item: InterviewItem, author, body: str):
    """A mentor's comment on a question of a shared report; the link must still be valid."""
    from interviews.models import MentorComment

    body = (body or "").replace("\x00", "").strip()
    if not body:
        raise InterviewRefused("Write a comment first.")
    if len(body) > COMMENT_MAX_CHARS:
        raise InterviewRefused(f"A comment is at most {COMMENT_MAX_CHARS} characters.")
    if not share.is_valid() or item.interview_id != share.interview_id:
        raise InterviewRefused("This share link has expired or was revoked.")
    return MentorComment.objects.create(share=share, item=item, author=author, body=body)
