"""Measuring the written-answer graders against a labelled set written blind.

The set lives in `tests/grader/labelled/<section>/<slug>/<kind>-<n>.md`, with `split.yaml`
saying which questions are the dev half (tuned on) and which the held-out half (only
measured). Each answer's kind gives its label on a 0-3 scale; the figures are the Spearman
rank correlation between score and label, the mean score per kind and, per question, the
pairs of answers whose scores are in the wrong order. Pure Python: the caller supplies the
grading function, so this module knows nothing of the bank or of Django.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

# strong = paraphrase = unlabelled = 3, average = 2, weak = echo = filler = template = 1,
# soup = offtopic = empty = 0 (issue 12).
LABELS = {
    "strong": 3,
    "paraphrase": 3,
    "unlabelled": 3,
    "average": 2,
    "weak": 1,
    "echo": 1,
    "filler": 1,
    "template": 1,
    "soup": 0,
    "offtopic": 0,
    "empty": 0,
}
KIND_ORDER = tuple(LABELS)
HALVES = ("dev", "heldout")
_FILE = re.compile(r"^(?P<kind>[a-z]+)-(?P<number>\d+)\.md$")


class LabelledSetError(ValueError):
    """The labelled set is missing or malformed: the message says which file and why."""


@dataclass(frozen=True)
class LabelledAnswer:
    question: str  # <section>/<slug>
    kind: str  # strong, paraphrase, ... (the file name's prefix)
    number: int
    half: str  # dev | heldout
    path: Path

    @property
    def label(self) -> int:
        return LABELS[self.kind]

    @property
    def name(self) -> str:
        return f"{self.question}/{self.kind}-{self.number}"

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def read_split(root: Path) -> dict[str, str]:
    """question -> half, from `root/split.yaml`."""
    path = root / "split.yaml"
    if not path.is_file():
        raise LabelledSetError(f"{path}: missing (it lists the dev and heldout questions)")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise LabelledSetError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise LabelledSetError(f"{path}: expected a mapping with `dev` and `heldout` lists")
    halves: dict[str, str] = {}
    for half in HALVES:
        for question in data.get(half) or []:
            if question in halves:
                raise LabelledSetError(f"{path}: {question} is in both halves")
            halves[str(question)] = half
    return halves


def read_labelled(root: Path) -> list[LabelledAnswer]:
    """Every labelled answer under `root`, in a stable order."""
    halves = read_split(root)
    answers = []
    for question, half in sorted(halves.items()):
        folder = root / question
        if not folder.is_dir():
            raise LabelledSetError(f"{folder}: listed in split.yaml but missing")
        for path in sorted(folder.glob("*.md")):
            match = _FILE.match(path.name)
            if not match or match["kind"] not in LABELS:
                raise LabelledSetError(
                    f"{path}: expected <kind>-<n>.md with kind one of {', '.join(KIND_ORDER)}"
                )
            answers.append(LabelledAnswer(question, match["kind"], int(match["number"]), half, path))
    return answers


def _ranks(values: list[float]) -> list[float]:
    """1-based ranks, ties sharing their average rank."""
    order = sorted(range(len(values)), key=lambda index: values[index])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def spearman(xs: list[float], ys: list[float]) -> float:
    """Spearman's rank correlation (Pearson on tie-averaged ranks); 0.0 when undefined."""
    if len(xs) != len(ys) or len(xs) < 2:
        return 0.0
    rx, ry = _ranks(list(xs)), _ranks(list(ys))
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    if vx == 0 or vy == 0:
        return 0.0
    return cov / (vx * vy) ** 0.5


@dataclass
class Scored:
    answer: LabelledAnswer
    score: float


def half_figures(scored: list[Scored]) -> dict:
    """n, spearman, mean_by_kind and per-question ordering failures for one half."""
    by_kind: dict[str, list[float]] = defaultdict(list)
    for item in scored:
        by_kind[item.answer.kind].append(item.score)
    by_question: dict[str, list[Scored]] = defaultdict(list)
    for item in scored:
        by_question[item.answer.question].append(item)
    failures = {}
    for question, items in sorted(by_question.items()):
        wrong = []
        for higher in items:
            for lower in items:
                if higher.answer.label > lower.answer.label and higher.score <= lower.score:
                    wrong.append(
                        f"{higher.answer.kind}-{higher.answer.number} ({higher.score:.2f}) <= "
                        f"{lower.answer.kind}-{lower.answer.number} ({lower.score:.2f})"
                    )
        pairs = sum(1 for a in items for b in items if a.answer.label > b.answer.label)
        failures[question] = {"pairs": pairs, "wrong": len(wrong), "examples": wrong[:8]}
    return {
        "n": len(scored),
        "spearman": round(spearman([i.score for i in scored], [i.answer.label for i in scored]), 4),
        "mean_by_kind": {
            kind: round(sum(values) / len(values), 4) for kind in KIND_ORDER if (values := by_kind.get(kind))
        },
        "ordering_failures": failures,
    }


def evaluate(answers: Iterable[LabelledAnswer], grade: Callable[[LabelledAnswer], float]) -> dict:
    """Grade every answer and return {"dev": figures, "heldout": figures} (halves present only)."""
    scored: dict[str, list[Scored]] = defaultdict(list)
    for answer in answers:
        scored[answer.half].append(Scored(answer, float(grade(answer))))
    return {half: half_figures(scored[half]) for half in HALVES if scored.get(half)}


TARGETS = {
    "spearman": (">=", 0.85),
    "echo": ("<=", 0.25),
    "filler": ("<=", 0.25),
    "soup": ("<=", 0.25),
    "template": ("<=", 0.25),
    "paraphrase": (">=", 0.70),
    "unlabelled": (">=", 0.70),
    "offtopic": ("<=", 0.15),
}


def target_checks(figures: dict) -> dict[str, bool]:
    """Which of issue 12's targets a half's figures meet (absent kinds are not judged)."""
    results = {}
    for name, (operator, bound) in TARGETS.items():
        value = figures["spearman"] if name == "spearman" else figures["mean_by_kind"].get(name)
        if value is None:
            continue
        results[name] = value >= bound if operator == ">=" else value <= bound
    return results


def fit_monotone(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Isotonic (pool-adjacent-violators) fit of y on x: knots (x, y), both non-decreasing.

    Each knot is a pooled block's mean x and mean y; `apply_monotone` interpolates between them.
    """
    pairs = sorted(points)
    blocks: list[list[float]] = []  # [sum_x, sum_y, count]
    for x, y in pairs:
        blocks.append([x, y, 1])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            sx, sy, n = blocks.pop()
            blocks[-1][0] += sx
            blocks[-1][1] += sy
            blocks[-1][2] += n
    return [(round(sx / n, 4), round(sy / n, 4)) for sx, sy, n in blocks]


def apply_monotone(knots: list[tuple[float, float]], value: float) -> float:
    """Piecewise-linear interpolation through the knots, flat beyond the ends."""
    if not knots:
        return value
    if value <= knots[0][0]:
        return knots[0][1] * (value / knots[0][0]) if knots[0][0] > 0 else knots[0][1]
    for (x0, y0), (x1, y1) in zip(knots, knots[1:], strict=False):
        if value <= x1:
            return y0 + (y1 - y0) * (value - x0) / (x1 - x0) if x1 > x0 else y1
    x_last, y_last = knots[-1]
    if x_last < 1.0 and y_last < 1.0:
        return min(1.0, y_last + (1.0 - y_last) * (value - x_last) / (1.0 - x_last))
    return y_last
