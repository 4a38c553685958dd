"""Free-text graders: rubric coverage for concept/design answers, STAR for behavioral ones.

Pure Python (snowballstemmer for stems), no Django: `grade_text(kind, answer,
rubric, model_answer)` returns a `RubricGrade` or `StarGrade` whose `to_dict()` is the JSON the
report stores. Every point of score is traceable to a sentence of the answer.
"""

from __future__ import annotations

from grader.freetext.results import PointResult, RubricGrade, StarGrade
from grader.freetext.rubric import grade_rubric
from grader.freetext.star import grade_star
from grader.freetext.text import split_sentences

RUBRIC_KINDS = ("concept", "design")
STAR_KINDS = ("behavioral",)


def grade_text(
    kind: str, answer: str, rubric: dict, model_answer: str | None = None, *, prompt: str | None = None
) -> RubricGrade | StarGrade:
    """Grade a free-text answer of the given question kind (concept, design or behavioral).

    `prompt`, the question's text, is optional; the rubric grader uses it to judge relevance.
    """
    if kind in STAR_KINDS:
        return grade_star(answer, rubric, model_answer, prompt=prompt)
    if kind in RUBRIC_KINDS:
        return grade_rubric(answer, rubric, model_answer, kind=kind, prompt=prompt)
    raise ValueError(f"no free-text grader for kind {kind!r}; expected one of concept, design, behavioral")


__all__ = [
    "PointResult",
    "RubricGrade",
    "StarGrade",
    "grade_rubric",
    "grade_star",
    "grade_text",
    "split_sentences",
]
