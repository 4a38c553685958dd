"""Free-text graders: rubric coverage for concept/design answers, STAR for behavioral ones.

Pure Python (snowballstemmer for stems), no Django: `grade_text(kind, answer,
rubric, model_answer)` returns a `RubricGrade` or `StarGrade` whose `to_dict()` is the JSON the
report stores. Every point of score is traceable to a sentence of the answer.
"""

from __future__ import annotations

from grader.freetext.llm import LlmConfig, grade_with_llm
from grader.freetext.results import PointResult, RubricGrade, StarGrade
from grader.freetext.rubric import grade_rubric
from grader.freetext.star import grade_star
from grader.freetext.text import split_sentences

RUBRIC_KINDS = ("concept", "design")
STAR_KINDS = ("behavioral",)


_configured_llm: LlmConfig | None = None


def configure(*, llm: LlmConfig | None) -> None:
    """Choose the model-server grader for every later `grade_text` call (None: embedded only).

    Called once at start-up from the ANSWER_GRADER settings (grader.apps).
    """
    global _configured_llm
    _configured_llm = llm


def grade_text(
    kind: str,
    answer: str,
    rubric: dict,
    model_answer: str | None = None,
    *,
    prompt: str | None = None,
    llm: LlmConfig | None | bool = True,
) -> RubricGrade | StarGrade:
    """Grade a free-text answer of the given question kind (concept, design or behavioral).

    `prompt`, the question's text, lets the graders tell an answer from a restatement of the
    question and judge relevance. `llm`: True uses the configured model-server grader (if any),
    False or None the embedded grader only, an `LlmConfig` that server.
    """
    if kind in STAR_KINDS:
        grade = grade_star(answer, rubric, model_answer, prompt=prompt)
    elif kind in RUBRIC_KINDS:
        grade = grade_rubric(answer, rubric, model_answer, kind=kind, prompt=prompt)
    else:
        raise ValueError(f"no free-text grader for kind {kind!r}; expected one of concept, design, behavioral")
    config = _configured_llm if llm is True else (llm or None)
    if config is not None:
        grade = grade_with_llm(grade, answer, config, prompt=prompt)
    return grade


__all__ = [
    "LlmConfig",
    "configure",
    "PointResult",
    "RubricGrade",
    "StarGrade",
    "grade_rubric",
    "grade_star",
    "grade_text",
    "split_sentences",
]
