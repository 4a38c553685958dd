"""Writes of the interview room: accounts, starting interviews, drafts, running code, finishing.

The deadline is the server's: every write checks it (with a small grace for requests in
flight). Finishing — by the candidate or by the deadline, even with the browser closed —
submits pending code drafts, grades every written answer and stores the scores.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from grader import services as grader_services
from grader.models import Mode, Submission
from interviews.models import Interview, InterviewItem, InterviewStatus, ItemPart
from interviews.selectors import item_final_code_submission, recent_question_ids, section_strengths
from interviews.tracks import Track
from references.selectors import current_questions

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


MAX_DRAFT_BYTES = 100 * 1024
RECENT_INTERVIEWS = 5
DEADLINE_CLOCK_SLACK = timedelta(seconds=5)


class InterviewRefused(Exception):
    """A write the interview cannot accept; the message is shown to the candidate as is."""


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
    rng = rng or random.Random()
    if Interview.objects.filter(owner=user, status=InterviewStatus.ACTIVE, deadline__gt=timezone.now()).exists():
        raise InterviewRefused("You already have an interview in progress: finish it first.")
    picks = _pick_questions(user=user, track=track, rng=rng)
    now = timezone.now()
    with transaction.atomic():
        interview = Interview.objects.create(
            owner=user, track=track.slug, title=track.name, minutes=track.minutes,
            started_at=now, deadline=now + timedelta(minutes=track.minutes),
        )
        position = 0
        for version, with_followup in picks:
            parts = [ItemPart.MAIN] + ([ItemPart.FOLLOWUP] if with_followup else [])
            for part in parts:
                position += 1
                draft = version.starter if (version.kind == "coding" or part == ItemPart.FOLLOWUP) else ""
                InterviewItem.objects.create(interview=interview, position=position, version=version,
                                             part=part, draft=draft)
    return interview


def _check_writable(interview: Interview) -> None:
    if not interview.is_active:
        raise InterviewRefused("This interview is finished: answers can no longer be changed.")
    grader_services.check_deadline(interview.deadline)


def item_save_draft(*, item: InterviewItem, draft: str, seconds_spent: int = 0) -> InterviewItem:
    try:
        _check_writable(item.interview)
    except grader_services.SubmissionRefused as error:
        raise InterviewRefused(str(error)) from None
    if len(draft.encode("utf-8")) > MAX_DRAFT_BYTES:
        raise InterviewRefused(f"Your answer is over {MAX_DRAFT_BYTES // 1024} KiB; shorten it.")
    item.draft = draft
    item.draft_saved_at = timezone.now()
    # Time is counted from what the page reports, capped so a wrong clock cannot inflate it.
    item.time_spent_seconds += max(0, min(int(seconds_spent or 0), 300))
    item.save(update_fields=["draft", "draft_saved_at", "time_spent_seconds"])
    return item


def item_submit_code(*, item: InterviewItem, code: str, mode: str) -> Submission:
    """Run (sample cases) or Submit (all cases) the item's code; the draft is saved first."""
    if not item.is_code:
        raise InterviewRefused("This question takes a written answer, not code.")
    item_save_draft(item=item, draft=code)
    try:
        submission = grader_services.submission_create(
            owner=item.interview.owner, version=item.version, code=code, mode=mode, item_id=item.pk,
            deadline=item.interview.deadline,
        )
    except grader_services.SubmissionRefused as error:
        raise InterviewRefused(str(error)) from None
    if mode == Mode.SUBMIT:
        item.final_submission = submission
        item.save(update_fields=["final_submission"])
    return submission


def _grade_items(interview: Interview) -> None:
    for item in interview.items.select_related("version", "version__question", "final_submission"):
        if item.is_code:
            final = item_final_code_submission(item)
            if final is None and item.draft.strip() and item.draft != item.version.starter:
                # The candidate wrote code but never pressed Submit: submit the draft for them.
                final = grader_services.submission_create(
                    owner=interview.owner, version=item.version, code=item.draft, mode=Mode.SUBMIT,
                    item_id=item.pk, deadline=None,
                )
            if final is not None and item.final_submission_id != final.pk:
                item.final_submission = final
                item.save(update_fields=["final_submission"])
        else:
            feedback = grader_services.answer_grade_text(version=item.version, text=item.draft)
            item.feedback, item.score = feedback, feedback["score"]
            item.save(update_fields=["feedback", "score"])


def interview_finish(*, interview: Interview, reason: str = "candidate") -> Interview:
    """Close the interview (once), submit code drafts, grade written answers, store scores."""
    with transaction.atomic():
        closed = Interview.objects.filter(pk=interview.pk, status=InterviewStatus.ACTIVE).update(
            status=InterviewStatus.FINISHED, finished_at=timezone.now(), finished_reason=reason
        )
        interview.refresh_from_db()
        if closed:
            _grade_items(interview)
    interview_refresh_scores(interview=interview)
    return interview


def finish_reason(*, interview: Interview, page_says_time_is_up: bool, now=None) -> str:
    """"deadline" when time is up, else "candidate".

    A page whose countdown reached zero says so; its clock may run a few seconds ahead of ours.
    """
    now = now or timezone.now()
    slack = DEADLINE_CLOCK_SLACK if page_says_time_is_up else timedelta(0)
    return "deadline" if now >= interview.deadline - slack else "candidate"


def interview_refresh_scores(*, interview: Interview) -> Interview:
    """Store per-section and overall scores from the items graded so far."""
    from interviews.selectors import interview_scores

    scores = interview_scores(interview)
    Interview.objects.filter(pk=interview.pk).update(score=scores["overall"], section_scores=scores["sections"])
    interview.score, interview.section_scores = scores["overall"], scores["sections"]
    return interview


def interviews_expire(*, now=None) -> dict:
    """Finish every interview past its deadline (plus grace), and refresh pending scores."""
    now = now or timezone.now()
    grace = timedelta(seconds=grader_services.grace_seconds())
    expired = 0
    for interview in Interview.objects.filter(status=InterviewStatus.ACTIVE, deadline__lt=now - grace):
        interview_finish(interview=interview, reason="deadline")
        expired += 1
    refreshed = 0
    pending = Interview.objects.filter(status=InterviewStatus.FINISHED, finished_at__gt=now - timedelta(hours=1))
    for interview in pending:
        interview_refresh_scores(interview=interview)
        refreshed += 1
    return {"expired": expired, "refreshed": refreshed}


def interview_expire_if_due(*, interview: Interview, now=None) -> bool:
    """Finish this interview if its deadline (plus grace) has passed; True if it is (now) finished.

    Pages call this so a candidate who comes back after the deadline sees the report at once,
    without waiting for the periodic `interviews.tasks.expire`.
    """
    if not interview.is_active:
        return True
    now = now or timezone.now()
    if now <= interview.deadline + timedelta(seconds=grader_services.grace_seconds()):
        return False
    interview_finish(interview=interview, reason="deadline")
    return True


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
