"""Interviews: a timed loop of questions drawn from a track, its answers and its scores.

The deadline lives here, on the server: every write checks it. An `InterviewItem` is one
question of the interview — a written answer (concept, design, behavioral) or code (a coding
question, or the coding follow-up of a concept/design question).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class InterviewStatus(models.TextChoices):
    ACTIVE = "active", "In progress"
    FINISHED = "finished", "Finished"


class Interview(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interviews")
    track = models.CharField(max_length=40)
    title = models.CharField(max_length=120)
    minutes = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(db_index=True)
    status = models.CharField(max_length=10, choices=InterviewStatus.choices, default=InterviewStatus.ACTIVE,
                              db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    finished_reason = models.CharField(max_length=20, blank=True)  # "candidate" | "deadline"
    # Stored by interviews.services.interview_refresh_scores only: null while any item is still
    # being graded (history and charts never show a partial score as final).
    score = models.FloatField(null=True, blank=True)
    section_scores = models.JSONField(default=dict, blank=True)
    scored_at = models.DateTimeField(null=True, blank=True, help_text="When the scores became final.")

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            # At most one interview in progress per candidate, whatever races (a double-clicked Start).
            models.UniqueConstraint(fields=["owner"], condition=models.Q(status="active"),
                                    name="one_active_interview_per_owner"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.owner}, {self.started_at:%Y-%m-%d %H:%M})"

    @property
    def is_active(self) -> bool:
        return self.status == InterviewStatus.ACTIVE

    def is_over(self, now=None) -> bool:
        """Finished, or past its deadline plus the grace: read-only, even before the sweep finishes it."""
        if not self.is_active:
            return True
        now = now or timezone.now()
        return now > self.deadline + timedelta(seconds=settings.INTERVIEW_GRACE_SECONDS)

    def remaining_seconds(self, now=None) -> int:
        now = now or timezone.now()
        return max(0, int((self.deadline - now).total_seconds()))


class ItemPart(models.TextChoices):
    MAIN = "main", "Main question"
    FOLLOWUP = "followup", "Coding follow-up"


class InterviewItem(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    version = models.ForeignKey("references.QuestionVersion", on_delete=models.PROTECT, related_name="+")
    part = models.CharField(max_length=10, choices=ItemPart.choices, default=ItemPart.MAIN)
    draft = models.TextField(blank=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)
    time_spent_seconds = models.PositiveIntegerField(default=0)
    final_submission = models.ForeignKey(
        "grader.Submission", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    score = models.FloatField(null=True, blank=True)
    feedback = models.JSONField(default=dict, blank=True)  # the free-text grade (rubric / STAR)

    class Meta:
        ordering = ["interview", "position"]
        constraints = [models.UniqueConstraint(fields=["interview", "position"], name="unique_item_position")]

    def __str__(self) -> str:
        return f"{self.interview_id}#{self.position} {self.version}"

    @property
    def is_code(self) -> bool:
        return self.version.kind == "coding" or self.part == ItemPart.FOLLOWUP

    @property
    def section(self) -> str:
        return self.version.question.section


# --- Editor and display preferences (issue #15) ----------------------------------------------


class Theme(models.TextChoices):
    SYSTEM = "system", "Follow the system (light or dark)"
    LIGHT = "light", "Light"
    DARK = "dark", "Dark"


class Keybinding(models.TextChoices):
    DEFAULT = "default", "Standard"
    VIM = "vim", "Vim"
    EMACS = "emacs", "Emacs"


FONT_SIZES = (12, 13, 14, 15, 16, 18, 20, 22, 24)


class Preferences(models.Model):
    """One user's display choices: the site's theme and the code editor's keys and font size."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences")
    theme = models.CharField(max_length=10, choices=Theme.choices, default=Theme.SYSTEM)
    keybinding = models.CharField(max_length=10, choices=Keybinding.choices, default=Keybinding.DEFAULT)
    font_size = models.PositiveSmallIntegerField(choices=[(size, f"{size} px") for size in FONT_SIZES], default=15)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"preferences of user {self.user_id}"


# --- Issue #16: hints at a cost ---------------------------------------------------------------


class HintReveal(models.Model):
    """A hint the candidate revealed; its cost (a share of the item's score) is taken off the item.

    The text is stored as it was shown, so the report lists exactly what the candidate read.
    """

    item = models.ForeignKey(InterviewItem, on_delete=models.CASCADE, related_name="hint_reveals")
    index = models.PositiveSmallIntegerField()  # position in the item's hint list (selectors.item_hints)
    label = models.CharField(max_length=120)  # the ladder level, or the rubric point's id
    text = models.TextField()
    cost = models.FloatField()  # 0..1, a share of the item's score
    revealed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["item", "index"]
        constraints = [models.UniqueConstraint(fields=["item", "index"], name="unique_hint_reveal")]

    def __str__(self) -> str:
        return f"{self.item_id} hint {self.index} (-{self.cost:.0%})"


# --- Issue #16: a follow-up question ------------------------------------------------------------


class FollowUp(models.Model):
    """The one follow-up question of a written concept/design answer, on the most important rubric
    point the answer missed; answered within the interview's time and graded against that point."""

    item = models.OneToOneField(InterviewItem, on_delete=models.CASCADE, related_name="followup_question")
    point_id = models.CharField(max_length=120)
    point_status = models.CharField(max_length=10)  # missed | partly, when it was asked
    question = models.TextField()
    required = models.BooleanField(default=False)  # the full loop: unanswered counts as 0
    asked_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(blank=True)
    answer_saved_at = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)  # 0..1, stored when the interview finishes
    feedback = models.JSONField(default=dict, blank=True)  # the point's grade (status, evidence, why)

    def __str__(self) -> str:
        return f"{self.item_id} follow-up on {self.point_id}"


# --- Issue #16: replay of a code answer ----------------------------------------------------------


class DraftSnapshot(models.Model):
    """An autosaved state of a code answer, for the report's replay.

    Compact: at most one per SNAPSHOT_MIN_SECONDS (a newer save inside that window replaces the
    last snapshot) and at most SNAPSHOT_MAX per item (the oldest but the first are dropped);
    deleted with the interview (cascade).
    """

    item = models.ForeignKey(InterviewItem, on_delete=models.CASCADE, related_name="snapshots")
    taken_at = models.DateTimeField(default=timezone.now, db_index=True)
    code = models.TextField()

    class Meta:
        ordering = ["item", "taken_at", "pk"]

    def __str__(self) -> str:
        return f"{self.item_id} @ {self.taken_at:%H:%M:%S}"


# --- Issue #16: share a report, mentor comments -----------------------------------------------------


class ReportShare(models.Model):
    """A read-only link to one interview's report: signed (interviews.services.share_token),
    expiring and revocable by the candidate; it shows that report and nothing else."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="shares")
    nonce = models.CharField(max_length=32)  # in the signed token: a guessed id alone is worthless
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"share of {self.interview_id} until {self.expires_at:%Y-%m-%d}"

    def is_valid(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and now < self.expires_at


class MentorComment(models.Model):
    """A comment on one question of a shared report, by a signed-in holder of its link.

    Seen by the candidate (and by its author on the shared page); nobody else."""

    share = models.ForeignKey(ReportShare, on_delete=models.CASCADE, related_name="comments")
    item = models.ForeignKey(InterviewItem, on_delete=models.CASCADE, related_name="mentor_comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["item", "created_at", "pk"]

    def __str__(self) -> str:
        return f"comment by {self.author_id} on {self.item_id}"
