"""The graders' results: plain data classes whose `to_dict()` is the stored JSON."""

from __future__ import annotations

from dataclasses import dataclass, field

EVIDENCE_CHARS = 400  # an evidence sentence is shown whole unless it is absurdly long


def clip(text: str, limit: int = EVIDENCE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class PointResult:
    id: str
    statement: str
    weight: float
    covered: bool
    evidence: str = ""
    matched: str = ""
    hint: str = ""
    status: str = ""  # covered | partly | missed (defaults from `covered`)
    credit: float | None = None  # share of the point's weight earned, 0..1
    why: str = ""  # why the evidence earned what it did, or why nothing did

    def __post_init__(self):
        if not self.status:
            self.status = "covered" if self.covered else "missed"
        if self.credit is None:
            self.credit = 1.0 if self.covered else 0.0

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "statement": self.statement,
            "weight": self.weight,
            "covered": self.covered,
            "status": self.status,
            "credit": round(float(self.credit), 4),
            "evidence": clip(self.evidence),
            "matched": self.matched,
            "why": self.why,
            "hint": self.hint,
        }


@dataclass
class Depth:
    tradeoffs: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    failure_modes: list[str] = field(default_factory=list)
    bonus: float = 0.0

    def to_dict(self) -> dict:
        return {
            "tradeoffs": [clip(sentence) for sentence in self.tradeoffs],
            "numbers": list(self.numbers),
            "failure_modes": [clip(sentence) for sentence in self.failure_modes],
            "bonus": self.bonus,
        }


@dataclass
class RubricGrade:
    """A concept or design answer graded against its rubric's key points.

    coverage = sum(weight x credit) / total weight, each point's credit earned by one sentence
    (named and explained: 1; named only: a little; echo of the question or filler: 0);
    raw_score = (coverage + depth.bonus) x relevance.factor; score = the calibrated raw score
    (a monotone mapping fitted on the labelled set's dev half). `uncredited` lists sentences
    that name rubric terms but earned nothing, and why.
    """

    kind: str
    score: float
    coverage: float
    points: list[PointResult]
    depth: Depth
    relevance: dict
    flags: list[str]
    suggestions: list[str]
    raw_score: float = 0.0
    uncredited: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "score": self.score,
            "raw_score": self.raw_score,
            "coverage": self.coverage,
            "points": [point.to_dict() for point in self.points],
            "uncredited": [dict(item, sentence=clip(item["sentence"])) for item in self.uncredited],
            "depth": self.depth.to_dict(),
            "relevance": dict(self.relevance),
            "flags": list(self.flags),
            "suggestions": list(self.suggestions),
        }


@dataclass
class StarComponent:
    score: float
    evidence: list[str] = field(default_factory=list)
    words: int = 0

    def to_dict(self) -> dict:
        return {"score": self.score, "evidence": [clip(sentence) for sentence in self.evidence]}


@dataclass
class Signal:
    id: str
    statement: str
    present: bool
    evidence: str = ""

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "statement": self.statement,
            "present": self.present,
            "evidence": clip(self.evidence),
        }


@dataclass
class StarGrade:
    """A behavioral answer graded for STAR structure, its checks and the rubric's signals."""

    score: float
    star: dict[str, StarComponent]
    signals: list[Signal]
    red_flags: list[dict]
    checks: dict
    points: list[PointResult]
    flags: list[str]
    suggestions: list[str]
    kind: str = "behavioral"
    raw_score: float = 0.0
    uncredited: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "score": self.score,
            "raw_score": self.raw_score,
            "star": {name: component.to_dict() for name, component in self.star.items()},
            "signals": [signal.to_dict() for signal in self.signals],
            "red_flags": [dict(flag) for flag in self.red_flags],
            "checks": dict(self.checks),
            "points": [point.to_dict() for point in self.points],
            "uncredited": [dict(item, sentence=clip(item["sentence"])) for item in self.uncredited],
            "flags": list(self.flags),
            "suggestions": list(self.suggestions),
        }
