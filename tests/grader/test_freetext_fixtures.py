"""Regression check: the free-text graders against the old fixtures (tests/grader/fixtures/answers/*.md).

These fixtures were written together with the rubrics, so they prove self-consistency only; the
blind labelled set (tests/grader/labelled, test_freetext_labelled.py) is what measures accuracy.

Each fixture names its question (`question: <section>/<slug>`) and a label; the question's
rubric and model answer come from the bank. Labels must come out in order, and non-answers
(off-topic, empty, keyword-stuffed) must score low, without the grader knowing the labels.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
import yaml

from grader.freetext import grade_text

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "grader" / "fixtures" / "answers"
BANK = ROOT / "references" / "bank"
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n?(.*)\Z", re.S)
ORDER = ("strong", "average", "weak")
NON_ANSWERS = ("off-topic", "empty", "keyword-stuffed")
NON_ANSWER_CEILING = 0.35
SECTION_KINDS = {"concepts": "concept", "design": "design", "behavioral": "behavioral"}


def _split(path: Path) -> tuple[dict, str]:
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    assert match, f"{path}: no front matter"
    return yaml.safe_load(match.group(1)) or {}, match.group(2)


def _fixture_paths() -> list[Path]:
    return sorted(FIXTURES.glob("*.md"))


def _non_answer_paths() -> list[Path]:
    """The fixtures labelled as non-answers (read from their front matter, before any grading)."""
    return [path for path in _fixture_paths() if str(_split(path)[0].get("label")) in NON_ANSWERS]


@cache
def _question(question: str) -> tuple[str, dict, str | None, str | None]:
    folder = BANK / question
    rubric_path = folder / "rubric.yaml"
    assert rubric_path.exists(), f"{question}: no rubric at {rubric_path}"
    rubric = yaml.safe_load(rubric_path.read_text(encoding="utf-8")) or {}
    kind = SECTION_KINDS.get(question.split("/")[0], "concept")
    prompt = None
    if (folder / "question.md").exists():
        meta, prompt = _split(folder / "question.md")
        kind = meta.get("kind", kind)
        prompt = f"{meta.get('title', '')}\n{prompt}"
    answer_path = folder / "answer.md"
    model_answer = answer_path.read_text(encoding="utf-8") if answer_path.exists() else None
    if model_answer and (match := FRONT_MATTER.match(model_answer)):
        model_answer = match.group(2)
    return kind, rubric, model_answer, prompt


@cache
def _graded(path: Path):
    meta, answer = _split(path)
    kind, rubric, model_answer, prompt = _question(str(meta["question"]))
    grade = grade_text(kind, answer, rubric, model_answer, prompt=prompt)
    return str(meta["question"]), str(meta["label"]), grade


def _all_graded():
    return [_graded(path) for path in _fixture_paths()]


def _questions() -> list[str]:
    return sorted({_split(path)[0]["question"] for path in _fixture_paths()})


def test_there_are_labelled_fixtures_and_every_question_has_a_rubric_and_model_answer():
    paths = _fixture_paths()
    assert paths, f"no fixtures in {FIXTURES}"
    for path in paths:
        meta, _ = _split(path)
        assert meta.get("label") in ORDER + NON_ANSWERS, f"{path.name}: unknown label {meta.get('label')!r}"
        question = str(meta.get("question"))
        assert (BANK / question / "rubric.yaml").exists(), f"{path.name}: {question} has no rubric.yaml"
        assert (BANK / question / "answer.md").exists(), f"{path.name}: {question} has no answer.md"


@pytest.mark.parametrize("question", _questions())
def test_strong_beats_average_beats_weak_for_each_question(question):
    by_label = defaultdict(list)
    for path in _fixture_paths():
        graded_question, label, grade = _graded(path)
        if graded_question == question:
            by_label[label].append((grade.score, path.name))
    present = [label for label in ORDER if by_label[label]]
    for higher, lower in zip(present, present[1:], strict=False):
        worst_higher = min(by_label[higher])
        best_lower = max(by_label[lower])
        assert worst_higher[0] > best_lower[0], (
            f"{question}: {higher} {worst_higher[1]} ({worst_higher[0]}) should beat "
            f"{lower} {best_lower[1]} ({best_lower[0]})"
        )


def test_the_fixtures_include_non_answers_of_every_kind():
    assert {str(_split(path)[0]["label"]) for path in _non_answer_paths()} == set(NON_ANSWERS)


@pytest.mark.parametrize("path", _non_answer_paths(), ids=lambda path: path.stem)
def test_non_answers_score_below_every_strong_answer(path):
    question, label, grade = _graded(path)
    strong_scores = [g.score for _, lab, g in _all_graded() if lab == "strong"]
    assert grade.score < NON_ANSWER_CEILING, f"{path.name}: {label} scored {grade.score}"
    assert all(grade.score < score for score in strong_scores), f"{path.name}: beats a strong answer"
    if label == "keyword-stuffed":
        assert {"keyword_stuffed", "not_a_story"} & set(grade.flags), f"{path.name}: not flagged as a list"


@pytest.mark.parametrize("path", _fixture_paths(), ids=lambda path: path.stem)
def test_every_grade_is_explainable_and_serialisable(path):
    _, _, grade = _graded(path)
    data = grade.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["score"] == grade.score
    for point in data["points"]:
        if point["status"] != "missed":
            assert point["evidence"], f"{path.name}: {point['id']} credited without evidence"
            assert point["why"], f"{path.name}: {point['id']} credited without saying why"
        elif data["kind"] != "behavioral":
            assert point["evidence"] == "" and point["credit"] == 0


def score_table() -> str:
    scores = defaultdict(list)
    for _, label, grade in _all_graded():
        scores[label].append(grade.score)
    lines = [f"{'label':16} {'n':>3} {'mean':>6} {'min':>6} {'max':>6}"]
    for label in ORDER + NON_ANSWERS:
        if scores[label]:
            values = scores[label]
            lines.append(
                f"{label:16} {len(values):3d} {sum(values) / len(values):6.3f} {min(values):6.3f} {max(values):6.3f}"
            )
    return "\n".join(lines)


def test_mean_score_by_label_is_ordered_strong_average_weak_off_topic():
    scores = defaultdict(list)
    for _, label, grade in _all_graded():
        scores[label].append(grade.score)
    print("\n" + score_table())
    means = {label: sum(values) / len(values) for label, values in scores.items() if values}
    ordered = [label for label in ("strong", "average", "weak", "off-topic") if label in means]
    assert len(ordered) >= 2
    for higher, lower in zip(ordered, ordered[1:], strict=False):
        assert means[higher] > means[lower], f"mean {higher} {means[higher]:.3f} <= {lower} {means[lower]:.3f}"
