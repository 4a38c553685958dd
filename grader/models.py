"""Submissions and their per-case results.

A `Submission` is one press of Run or Submit (or the final grading of a code answer): the code,
the exact question version it answers, its state (`queued → running → done | failed`) and its
verdict. `CaseResult` is one judged case. `item_id` names the interview item the submission
answers; it belongs to `interviews`, which this room does not import.
"""

from django.conf import settings
from django.db import models


class Mode(models.TextChoices):
    RUN = "run", "Run (sample cases)"
    SUBMIT = "submit", "Submit (all cases)"
    # The Try console (issue #15): the candidate's own snippet run against their code; never scored.
    TRY = "try", "Try (your own input)"


class Status(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Verdict(models.TextChoices):
    AC = "AC", "Accepted"
    WA = "WA", "Wrong answer"
    TLE = "TLE", "Time limit exceeded"
    MLE = "MLE", "Memory limit exceeded"
    RE = "RE", "Runtime error"
    OLE = "OLE", "Output limit exceeded"
    CE = "CE", "Does not import"
    SE = "SE", "System error"


class Submission(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions")
    version = models.ForeignKey("references.QuestionVersion", on_delete=models.PROTECT, related_name="+")
    item_id = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    mode = models.CharField(max_length=10, choices=Mode.choices)
    code = models.TextField()
    snippet = models.TextField(blank=True, default="", help_text="Try mode only: the lines the candidate ran.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    verdict = models.CharField(max_length=3, choices=Verdict.choices, blank=True)
    score = models.FloatField(null=True, blank=True)
    cases_total = models.PositiveIntegerField(default=0)
    cases_passed = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_by = models.CharField(max_length=120, blank=True, help_text="host:pid of the grading process")
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    # The last time a grading message was sent, and how many were sent: the sweep re-sends a
    # queued row only when its last message is older than the threshold (doubling each time), so a
    # backlog is not sent again every minute.
    enqueued_at = models.DateTimeField(null=True, blank=True)
    enqueues = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "queued_at"])]

    def __str__(self) -> str:
        return f"submission {self.pk} ({self.mode}, {self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (Status.DONE, Status.FAILED)


class CaseResult(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="results")
    position = models.PositiveIntegerField()
    case_id = models.CharField(max_length=80)
    sample = models.BooleanField(default=False)
    description = models.CharField(max_length=200, blank=True)
    verdict = models.CharField(max_length=3, choices=Verdict.choices)
    message = models.TextField(blank=True)
    cpu_ms = models.PositiveIntegerField(default=0)
    wall_ms = models.PositiveIntegerField(default=0)
    memory_kb = models.PositiveIntegerField(default=0)
    stdout = models.TextField(blank=True)
    stderr = models.TextField(blank=True)
    output_truncated = models.BooleanField(default=False)
    expected = models.JSONField(null=True, blank=True)
    actual = models.JSONField(null=True, blank=True)
    inputs = models.JSONField(null=True, blank=True, help_text="Shown for sample cases only.")

    class Meta:
        ordering = ["submission", "position"]
        constraints = [models.UniqueConstraint(fields=["submission", "case_id"], name="unique_case_result")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.verdict}"
