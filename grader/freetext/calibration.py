"""The final score: the graders' raw score through a monotone mapping fitted on labelled answers.

`calibration.json` holds, per grader family ("rubric" for concept/design, "star" for
behavioral), the knots of an isotonic fit of the label's target score on the raw score, fitted
on the DEV half of tests/grader/labelled only (`manage.py grader calibrate`). The mapping is
monotone, so it never reorders answers: it only puts the scores on the labels' scale
(strong/paraphrase/unlabelled near 0.9, average near 0.6, weak near 0.2, non-answers 0).
Without the file the raw score is the score.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from grader.freetext.evaluation import apply_monotone, fit_monotone

CALIBRATION_PATH = Path(__file__).with_name("calibration.json")
# The score each label should get: 3 (strong, paraphrase, unlabelled), 2 (average), 1 (weak,
# echo, filler, template), 0 (soup, off-topic, empty).
TARGET_BY_LABEL = {0: 0.0, 1: 0.1, 2: 0.6, 3: 0.95}
FAMILIES = {"concept": "rubric", "design": "rubric", "behavioral": "star"}


@lru_cache(maxsize=2)
def _knots(path: Path = CALIBRATION_PATH) -> dict[str, list[tuple[float, float]]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return {family: [tuple(knot) for knot in knots] for family, knots in (data.get("knots") or {}).items()}


def calibrate(kind: str, raw: float) -> float:
    knots = _knots().get(FAMILIES.get(kind, "rubric"))
    if not knots:
        return round(raw, 4)
    return round(min(1.0, max(0.0, apply_monotone(knots, raw))), 4)


def raw_and_score(kind: str, answer: str, rubric: dict, model_answer: str | None, *, prompt: str | None = None
                  ) -> tuple[float, float]:
    from grader.freetext import grade_text

    grade = grade_text(kind, answer, rubric, model_answer, prompt=prompt, llm=False)
    return grade.raw_score, grade.score


def fit(points: list[tuple[str, float, int]]) -> dict[str, list[tuple[float, float]]]:
    """Knots per family from (kind, raw score, label 0-3) triples."""
    by_family: dict[str, list[tuple[float, float]]] = {}
    for kind, raw, label in points:
        by_family.setdefault(FAMILIES.get(kind, "rubric"), []).append((raw, TARGET_BY_LABEL[label]))
    return {family: fit_monotone(pairs) for family, pairs in by_family.items()}


def write_calibration(points: list[tuple[str, float, int]], path: Path = CALIBRATION_PATH) -> dict:
    knots = fit(points)
    path.write_text(json.dumps({"fitted_on": "tests/grader/labelled dev half", "target_by_label": TARGET_BY_LABEL,
                                "knots": knots}, indent=1) + "\n", encoding="utf-8")
    _knots.cache_clear()
    return knots
