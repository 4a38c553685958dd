"""The question bank in the database: questions and their content-hashed versions.

A `Question` is one folder of the bank (`<section>/<slug>`); every distinct content of that
folder is a `QuestionVersion`, so a grade always points at the exact text, cases and rubric it
was graded against. Versions are never edited or deleted; a changed folder adds one.
"""

from django.db import models


class Section(models.TextChoices):
    CONCEPTS = "concepts", "Core concepts"
    DSA = "dsa", "Data structures & algorithms"
    DESIGN = "design", "System design"
    CODING = "coding", "Python coding"
    BEHAVIORAL = "behavioral", "Behavioral"


class Kind(models.TextChoices):
    CONCEPT = "concept", "Concept"
    DESIGN = "design", "Design"
    CODING = "coding", "Coding"
    BEHAVIORAL = "behavioral", "Behavioral"


class Question(models.Model):
    section = models.CharField(max_length=20, choices=Section.choices)
    slug = models.SlugField(max_length=80)
    order = models.PositiveSmallIntegerField(default=1)
    current = models.ForeignKey(
        "QuestionVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    retired = models.BooleanField(default=False, help_text="The folder no longer exists on disk.")

    class Meta:
        ordering = ["section", "order", "slug"]
        constraints = [models.UniqueConstraint(fields=["section", "slug"], name="unique_question_slug")]

    def __str__(self) -> str:
        return self.key

    @property
    def key(self) -> str:
        return f"{self.section}/{self.slug}"


class QuestionVersion(models.Model):
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="versions")
    content_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    difficulty = models.CharField(max_length=10)
    minutes = models.PositiveSmallIntegerField()
    tags = models.JSONField(default=list)
    prompt_md = models.TextField()
    answer_md = models.TextField(blank=True)
    rubric = models.JSONField(default=dict, blank=True)
    # The coding part: the whole question for kind=coding, the follow-up for concept/design.
    has_coding = models.BooleanField(default=False)
    coding_title = models.CharField(max_length=200, blank=True)
    coding_prompt_md = models.TextField(blank=True)
    coding_minutes = models.PositiveSmallIntegerField(default=0)
    starter = models.TextField(blank=True)
    solution = models.TextField(blank=True)
    cases = models.JSONField(default=list, blank=True)
    scenarios = models.TextField(blank=True)
    mutants = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["question", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["question", "content_hash"], name="unique_question_content")
        ]

    def __str__(self) -> str:
        return f"{self.question.key}@{self.content_hash[:8]}"

    @property
    def section(self) -> str:
        return self.question.section

    @property
    def sample_cases(self) -> list[dict]:
        return [case for case in self.cases if case.get("sample")]
