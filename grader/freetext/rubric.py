"""Grading a concept or design answer against its rubric's key points.

Each key point is covered by at most one sentence of the answer that contains one of its
evidence phrases (stemmed, case-insensitive, small gaps allowed) or most of its statement's
content words. Only real sentences count, and one sentence evidences at most
`POINTS_PER_SENTENCE` points, so a keyword list or one crammed sentence cannot cover the rubric.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from grader.freetext.results import Depth, PointResult, RubricGrade
from grader.freetext.style import KEYWORD_LIST, KEYWORD_STUFFED, assess_style
from grader.freetext.text import (
    FUNCTION_WORDS,
    Phrase,
    Sentence,
    compile_phrase,
    content_stems,
    find_phrase,
    numbers_with_units,
    split_sentences,
)

POINTS_PER_SENTENCE = 2
MAX_DEPTH_BONUS = 0.15
DEPTH_STEP = 0.025  # per depth sentence, at most two per kind: 3 kinds x 2 x 0.025 = 0.15
FULL_BONUS_COVERAGE = 0.5  # the depth bonus grows with coverage up to this coverage
STUFFED_FACTOR = 0.25
SHORT_ANSWER_WORDS = 40
EXPLAINING_WORDS = 3  # an evidence sentence explains when it has this many other content words
# A small credit for staying on the question's subject even when no key point is made: the
# share of the answer's content words that the rubric and model answer also use.
RELEVANCE_CREDIT = 0.1
RELEVANCE_FLOOR = 0.3  # below this share of on-subject words, no credit (and off-topic)
RELEVANCE_FULL = 0.6
RELEVANCE_MIN_WORDS = 8  # distinct content words needed for the full credit
GENERIC_WORDS = frozenset(
    """
    would make sure good need needs also really important thing things like just able well want
    fast get going think way use used using lot lots kind sort stuff very much many
    """.split()
)

DEFAULT_TRADEOFFS = (
    "trade-off",
    "tradeoff",
    "trade off",
    "at the cost of",
    "at the expense of",
    "versus",
    "vs",
    "whereas",
    "instead of",
    "on the other hand",
    "downside",
    "drawback",
    "in exchange",
    "pros and cons",
    "the price is",
    "cheaper but",
    "simpler but",
    "rather than",
    "balance between",
)
DEFAULT_FAILURE_MODES = (
    "failure",
    "fail",
    "crash",
    "outage",
    "timeout",
    "time out",
    "retry",
    "straggler",
    "rollback",
    "roll back",
    "fallback",
    "degrade",
    "network partition",
    "split brain",
    "data loss",
    "corrupt",
    "overload",
    "backpressure",
    "circuit breaker",
    "dead letter",
    "hot spot",
    "hotspot",
    "goes down",
    "is down",
    "unavailable",
    "recover",
)
# Words that describe what the candidate should do, not the content of a point.
META_WORDS = frozenset(
    """
    name names naming mention mentions explain explains describe describes say says state
    states note notes discuss discusses cover covers identify identifies give gives point
    points out recognise recognize recognises recognizes understand understands show shows
    candidate answer should uses using use
    """.split()
)


_GENERIC_STEMS = frozenset(content_stems(" ".join(GENERIC_WORDS)))


@dataclass
class _Point:
    id: str
    statement: str
    weight: float
    phrases: list[Phrase]
    statement_stems: list[str]
    hint: str
    order: int


@dataclass
class _Candidate:
    sentence: int
    strength: float
    matched: str


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _parse_points(rubric: dict) -> list[_Point]:
    points = []
    for order, raw in enumerate(_as_list((rubric or {}).get("points"))):
        if not isinstance(raw, dict):
            continue
        try:
            weight = float(raw.get("weight", 1) or 1)
        except (TypeError, ValueError):
            weight = 1.0
        statement = str(raw.get("statement") or raw.get("id") or "")
        phrases = [compile_phrase(str(item)) for item in _as_list(raw.get("evidence"))]
        points.append(
            _Point(
                id=str(raw.get("id") or f"point-{order + 1}"),
                statement=statement,
                weight=max(weight, 0.0),
                phrases=[phrase for phrase in phrases if phrase],
                statement_stems=content_stems(statement, META_WORDS),
                hint=str(raw.get("hint") or "").strip(),
                order=order,
            )
        )
    return points


def _statement_overlap(point: _Point, sentence: Sentence) -> tuple[int, list[str]]:
    if len(point.statement_stems) < 3:
        return 0, []
    shared = [stem for stem in point.statement_stems if stem in sentence.stem_set]
    return len(shared), shared


def _words_for_stems(sentence: Sentence, stems: list[str]) -> str:
    wanted = set(stems)
    return " ".join(token for token, stem in zip(sentence.tokens, sentence.stems, strict=False) if stem in wanted)


def _candidates(point: _Point, sentences: list[Sentence]) -> tuple[list[_Candidate], set[int]]:
    """Sentences that evidence the point (best first), and fragments that mention it."""
    candidates, fragments = [], set()
    needed = max(3, math.ceil(0.6 * len(point.statement_stems)))
    for sentence in sentences:
        matched, spans = [], []
        for phrase in point.phrases:
            span = find_phrase(phrase, sentence)
            if span:
                matched.append(phrase.text)
                spans.append(span)
        overlap, shared = _statement_overlap(point, sentence)
        if not sentence.real:
            if matched and sentence.kind != "heading":
                fragments.add(sentence.index)
            continue
        if matched:
            strength = 1.0 + 0.1 * (len(matched) - 1) + 0.3 * overlap / max(1, len(point.statement_stems))
            best = max(matched, key=len)
            candidates.append(_Candidate(sentence.index, strength, best))
        elif overlap >= needed:
            strength = 0.5 + 0.4 * overlap / len(point.statement_stems)
            candidates.append(_Candidate(sentence.index, strength, _words_for_stems(sentence, shared)))
    candidates.sort(key=lambda candidate: (-candidate.strength, candidate.sentence))
    return candidates, fragments


def _assign(points: list[_Point], candidates: dict[str, list[_Candidate]]) -> dict[str, _Candidate]:
    """Give each point one evidence sentence, at most POINTS_PER_SENTENCE points per sentence.

    Points are taken heaviest first and placed by augmenting paths (a point already placed may
    move to its next-best sentence), which maximises the covered weight.
    """
    assignment: dict[str, _Candidate] = {}
    load: dict[int, list[str]] = {}

    def place(point_id: str, visited: set[int]) -> bool:
        for candidate in candidates[point_id]:
            if candidate.sentence in visited:
                continue
            visited.add(candidate.sentence)
            holders = load.setdefault(candidate.sentence, [])
            if len(holders) < POINTS_PER_SENTENCE:
                holders.append(point_id)
                assignment[point_id] = candidate
                return True
            for other in list(holders):
                if place(other, visited):
                    holders.remove(other)
                    holders.append(point_id)
                    assignment[point_id] = candidate
                    return True
        return False

    for point in sorted(points, key=lambda p: (-p.weight, len(candidates[p.id]), p.order)):
        if candidates[point.id]:
            place(point.id, set())
    return assignment


def _wants_numbers(rubric: dict) -> bool:
    signals = (rubric or {}).get("depth_signals") or {}
    return not isinstance(signals, dict) or signals.get("numbers", True) is not False


def _depth(rubric: dict, sentences: list[Sentence]) -> Depth:
    signals = (rubric or {}).get("depth_signals") or {}
    if not isinstance(signals, dict):
        signals = {}
    tradeoff_phrases = [compile_phrase(p) for p in _as_list(signals.get("tradeoffs")) or DEFAULT_TRADEOFFS]
    failure_phrases = [compile_phrase(p) for p in _as_list(signals.get("failure_modes")) or DEFAULT_FAILURE_MODES]
    want_numbers = _wants_numbers(rubric)
    depth = Depth()
    for sentence in sentences:
        if not sentence.real:
            continue
        if any(phrase and find_phrase(phrase, sentence) for phrase in tradeoff_phrases):
            depth.tradeoffs.append(sentence.text)
        if any(phrase and find_phrase(phrase, sentence) for phrase in failure_phrases):
            depth.failure_modes.append(sentence.text)
        if want_numbers:
            depth.numbers.extend(numbers_with_units(sentence.text))
    raw = DEPTH_STEP * (min(2, len(depth.tradeoffs)) + min(2, len(depth.numbers)) + min(2, len(depth.failure_modes)))
    depth.bonus = round(min(MAX_DEPTH_BONUS, raw), 4)
    return depth


def _model_hint(point: _Point, model_sentences: list[Sentence]) -> str:
    best, best_score = "", 0.0
    for sentence in model_sentences:
        if sentence.kind == "heading" or sentence.n_words < 4:
            continue
        phrase_hits = sum(1 for phrase in point.phrases if find_phrase(phrase, sentence))
        overlap, _ = _statement_overlap(point, sentence)
        score = 2 * phrase_hits + overlap
        if score > best_score and (phrase_hits or overlap >= 2):
            best, best_score = sentence.text, score
    return best


def _relevance(answer: str, rubric: dict, points: list[_Point], model_answer: str | None, prompt: str | None) -> dict:
    reference = [model_answer or "", prompt or ""]
    signals = (rubric or {}).get("depth_signals") or {}
    if isinstance(signals, dict):
        for key in ("tradeoffs", "failure_modes"):
            reference.extend(str(item) for item in _as_list(signals.get(key)))
    for point in points:
        reference.append(point.statement)
        reference.append(point.hint)
        reference.extend(phrase.text for phrase in point.phrases)
    vocabulary = set(content_stems(" ".join(reference)))
    words = [word for word in content_stems(answer, GENERIC_WORDS) if word not in _GENERIC_STEMS]
    shared = [word for word in words if word in vocabulary]
    share = len(shared) / len(words) if words else 0.0
    strength = min(1.0, max(0.0, (share - RELEVANCE_FLOOR) / (RELEVANCE_FULL - RELEVANCE_FLOOR)))
    credit = RELEVANCE_CREDIT * strength * min(1.0, len(words) / RELEVANCE_MIN_WORDS)
    return {"share": round(share, 3), "credit": round(credit, 4), "words": shared[:12]}


def _label(point: _Point) -> str:
    return point.id.replace("-", " ")


def grade_rubric(
    answer: str,
    rubric: dict,
    model_answer: str | None = None,
    *,
    kind: str = "concept",
    prompt: str | None = None,
) -> RubricGrade:
    """Grade a concept/design answer: which key points it covers, with evidence, and why.

    `prompt` (the question's text, optional) only widens the vocabulary that tells an answer on
    the question's subject from an off-topic one.
    """
    points = _parse_points(rubric)
    model_sentences = split_sentences(model_answer) if model_answer else []
    total_weight = sum(point.weight for point in points) or 1.0
    sentences = split_sentences(answer or "")

    candidates, fragments = {}, {}
    for point in points:
        candidates[point.id], fragments[point.id] = _candidates(point, sentences)
    assignment = _assign(points, candidates) if sentences else {}

    evidence_words, evidence_sentences, explained = 0, 0, 0
    for sentence in sentences:
        if not sentence.real:
            continue
        inside: set[int] = set()
        for point in points:
            for phrase in point.phrases:
                span = find_phrase(phrase, sentence)
                if span:
                    inside.update(range(*span))
        if inside:
            evidence_words += len(inside)
            evidence_sentences += 1
            # Words that explain the evidence: content words outside every evidence phrase.
            explaining = sum(
                1
                for position, token in enumerate(sentence.tokens)
                if position not in inside and token not in FUNCTION_WORDS and len(token) > 2
            )
            explained += explaining >= EXPLAINING_WORDS
    style = assess_style(
        sentences,
        hits_outside_sentences=sum(1 for point in points if fragments[point.id] and point.id not in assignment),
        evidence_words_in_sentences=evidence_words,
        evidence_sentences=evidence_sentences,
        explained_sentences=explained,
    )

    results = []
    for point in points:
        chosen = assignment.get(point.id)
        hint = point.hint or _model_hint(point, model_sentences)
        results.append(
            PointResult(
                id=point.id,
                statement=point.statement,
                weight=point.weight,
                covered=chosen is not None,
                evidence=sentences[chosen.sentence].text if chosen else "",
                matched=chosen.matched if chosen else "",
                hint=hint,
            )
        )
    covered_weight = sum(result.weight for result in results if result.covered)
    coverage = covered_weight / total_weight if points else 0.0

    depth = _depth(rubric, sentences)
    relevance = _relevance(answer or "", rubric, points, model_answer, prompt)
    flags, suggestions = [], []
    if not sentences:
        flags.append("empty")
        depth = Depth()
    if style.stuffed:
        flags.append(KEYWORD_STUFFED)
    elif style.has_keyword_list:
        flags.append(KEYWORD_LIST)
    if sentences and style.words < SHORT_ANSWER_WORDS:
        flags.append("short")
    if sentences and coverage == 0 and not style.stuffed:
        flags.append("off_topic" if relevance["share"] < RELEVANCE_FLOOR + 0.05 else "no_key_points")

    full = min(1.0, coverage / FULL_BONUS_COVERAGE) if coverage > 0 else 0.0
    depth.bonus = round(depth.bonus * full, 4)
    if style.stuffed:
        depth.bonus = 0.0
    score = min(1.0, coverage + depth.bonus + relevance["credit"])
    if style.stuffed:
        score *= STUFFED_FACTOR
    score = round(max(0.0, score), 4)

    if not sentences:
        suggestions.append("Write an answer in full sentences: name the key components and explain how they interact.")
    if style.stuffed:
        suggestions.append(
            "Write full sentences that explain how the pieces work together: a list of keywords earns no credit."
        )
    elif style.has_keyword_list:
        suggestions.append("Some terms appear only in a list or fragment: explain each in a sentence to get credit.")
    for result, point in sorted(zip(results, points, strict=False), key=lambda pair: (-pair[1].weight, pair[1].order)):
        if not result.covered:
            advice = result.hint or result.statement
            suggestions.append(f"Cover {_label(point)}: {advice}")
    if sentences and not style.stuffed and coverage > 0:
        if not depth.numbers and _wants_numbers(rubric):
            suggestions.append(
                "Give numbers: sizes, latencies, throughput or costs with units (e.g. 50 ms p99, 10k QPS, 2 TB)."
            )
        if not depth.tradeoffs:
            suggestions.append("Name a trade-off: what your choice costs and what you would pick instead when.")
        if not depth.failure_modes:
            suggestions.append("Say what fails and how the system detects and recovers from it.")
    if "short" in flags and sentences:
        suggestions.append("Say more: a strong answer walks through each component in a few sentences.")

    return RubricGrade(
        kind=kind,
        score=score,
        coverage=round(coverage, 4),
        points=results,
        depth=depth,
        relevance=relevance,
        flags=flags,
        suggestions=suggestions,
    )
