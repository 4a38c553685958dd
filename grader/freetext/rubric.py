"""Grading a concept or design answer against its rubric's key points, like a fair interviewer.

A point is evidenced by a sentence that names one of its concepts (the rubric's evidence
phrases, widened by the field's thesaurus in references/vocabulary.yaml: abbreviations, product
names, other spellings; matched in any word order within a short window; not when negated).
Naming is not explaining: the sentence earns the point's full credit only when it relates the
concept to something specific (a mechanism, a consequence, a number, an example, other terms of
the question's domain), in itself or in the next sentence of its paragraph. A sentence that
only names terms (a keyword list, or terms wrapped in generic filler) earns a little; a sentence
that restates the question earns nothing. Relevance to the question's domain scales the whole,
so a well-written answer to another question scores near zero. The raw score is then put on
the labels' scale by a monotone mapping fitted on the dev half of the blind labelled set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from grader.freetext.calibration import calibrate
from grader.freetext.results import Depth, PointResult, RubricGrade
from grader.freetext.style import KEYWORD_LIST, KEYWORD_STUFFED, assess_style
from grader.freetext.text import (
    FUNCTION_WORDS,
    Sentence,
    compile_phrase,
    content_stems,
    find_phrase,
    numbers_with_units,
    split_sentences,
    stems_of,
    tokenize,
)
from grader.freetext.vocabulary import (
    Concept,
    Vocabulary,
    compile_concept,
    find_concept,
    has_generic_phrase,
    load_vocabulary,
    negated,
)

ON_TOPIC_BASE = 0.05  # an on-subject answer in sentences that makes no point still beats a non-answer
COVERED = 0.7  # credit at or above which a point is covered
PARTLY = 0.15  # credit at or above which a point is partly covered
NAMED_IN_SENTENCE = 0.25  # credit for naming a concept in a sentence that explains nothing
NAMED_IN_LIST = 0.03  # ... in a keyword list or fragment
FULL_SUPPORT = 5.0  # explanation support that earns full credit
NEXT_SENTENCE_SHARE = 0.7  # explanation carried by the next sentence of the paragraph
FILLER_FACTOR = 0.15  # explanation support kept in a sentence built on a filler phrase
STATEMENT_OVERLAP = 0.6  # share of a point's statement words that evidences it without a phrase
WORDS_PER_POINT = 10  # a sentence evidences at most max(2, words / this) points
MAX_DEPTH_BONUS = 0.1
DEPTH_STEP = 0.02
RELEVANCE_FLOOR = 0.3  # share of on-domain content words below which the answer is off-topic
RELEVANCE_FULL = 0.5
ECHO_OVERLAP = 0.6
GENERIC_SHARE = 0.6  # a sentence whose words besides the terms are this generic is filler
SHORT_ANSWER_WORDS = 40
_SYMBOLS = ("→", "->", "=>", "⇒", "=", "×", "∝", "≈", "<", ">", "~", "+", "/s", "%")
_EXAMPLE_MARKERS = tuple(compile_phrase(p) for p in ("e.g", "for example", "such as", "for instance", "say"))
META_WORDS = frozenset(
    """
    name names naming mention mentions explain explains describe describes say says state
    states note notes discuss discusses cover covers identify identifies give gives point
    points out recognise recognize recognises recognizes understand understands show shows
    candidate answer should uses using use knows contrasts
    """.split()
)
DEFAULT_TRADEOFFS = ("trade-off", "tradeoff", "at the cost of", "versus", "whereas", "instead of", "rather than",
                     "downside", "drawback", "on the other hand", "cheaper but", "simpler but", "the price is")
DEFAULT_FAILURE_MODES = ("failure", "fail", "crash", "outage", "timeout", "retry", "rollback", "roll back",
                         "fallback", "degrade", "partition", "data loss", "overload", "unavailable", "recover")


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


@dataclass
class _Point:
    id: str
    statement: str
    weight: float
    concepts: list[Concept]
    statement_stems: list[str]
    hint: str
    order: int


@dataclass
class _Reading:
    """What one sentence of the answer does."""

    sentence: Sentence
    echo: bool = False
    filler: str = ""  # the filler phrase it is built on
    listy: bool = False  # a keyword list or fragment
    support: float = 0.0  # explanation: specific words, numbers, examples, mechanism
    quality: float = 0.0  # support as a 0-1 share
    reasons: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # where rubric concepts sit


@dataclass
class _Match:
    sentence: int
    credit: float
    matched: str
    why: str


def _parse_points(rubric: dict, vocabulary: Vocabulary) -> list[_Point]:
    points = []
    for order, raw in enumerate(_as_list((rubric or {}).get("points"))):
        if not isinstance(raw, dict):
            continue
        try:
            weight = float(raw.get("weight", 1) or 1)
        except (TypeError, ValueError):
            weight = 1.0
        statement = str(raw.get("statement") or raw.get("id") or "")
        phrases = [str(item) for item in _as_list(raw.get("evidence")) + _as_list(raw.get("concepts"))]
        concepts = [concept for concept in (compile_concept(p, vocabulary) for p in phrases) if concept]
        points.append(
            _Point(
                id=str(raw.get("id") or f"point-{order + 1}"),
                statement=statement,
                weight=max(weight, 0.0),
                concepts=concepts,
                statement_stems=content_stems(statement, META_WORDS),
                hint=str(raw.get("hint") or "").strip(),
                order=order,
            )
        )
    return points


def domain_stems(texts: list[str], vocabulary: Vocabulary) -> frozenset[str]:
    """The question's domain: content stems of its references, widened by the thesaurus."""
    return _domain_stems(tuple(texts), vocabulary)


@lru_cache(maxsize=256)
def _domain_stems(texts: tuple[str, ...], vocabulary: Vocabulary) -> frozenset[str]:
    stems = set(content_stems(" ".join(texts)))
    for group in vocabulary.groups_of(stems):
        for member in group:
            stems.update(member)
    return frozenset(stem for stem in stems if stem not in vocabulary.generic and stem not in FUNCTION_WORDS)


def _content(sentence: Sentence, vocabulary: Vocabulary) -> list[str]:
    return [
        stem
        for token, stem in zip(sentence.tokens, sentence.stems, strict=True)
        if token not in FUNCTION_WORDS and stem not in vocabulary.generic and (len(token) > 2 or token.isalpha())
    ]


_NUMBER = re.compile(
    r"(?<![A-Za-z\-_/.])\d|\b(?:half|twice|double|tenfold|hundreds|thousands|millions|billions)\b", re.I
)
_RELATIONS = ("→", "->", "=>", "⇒", "∝", "≈", " = ")
_SEGMENTS = re.compile(r"\s*(?:[,;|•·]|\s(?:and|or|&)\s)\s*")


def is_term_list(sentence: Sentence) -> bool:
    """A run of short comma-separated terms ("etcd, Raft, watch, RBAC, canary"): it names, it
    does not explain. Expert shorthand with relations (arrows, numbers, clauses) is not one."""
    if sentence.kind == "heading":
        return False
    if sentence.n_words >= 12 and sentence.function_words <= 0.08 * sentence.n_words and not any(
        symbol in sentence.text for symbol in ("→", "->", "=>", "⇒", "=")
    ):
        return True  # a run of terms with hardly a function word: a keyword dump without commas
    if any(symbol in sentence.text for symbol in _RELATIONS):
        return False  # expert shorthand: "lagging Flink job ⇒ 10m count silently → 0"
    segments = [segment for segment in _SEGMENTS.split(sentence.text) if segment.strip()]
    if len(segments) < 4:
        return False
    short = sum(1 for segment in segments if len(tokenize(segment)) <= 3)
    return short >= 0.75 * len(segments)


def _read(sentence: Sentence, domain: frozenset[str], prompt: frozenset[str], vocabulary: Vocabulary,
          spans: list[tuple[int, int]], prompt_tokens: frozenset[str] = frozenset()) -> _Reading:
    reading = _Reading(sentence, spans=spans)
    content = _content(sentence, vocabulary)
    distinct = set(content)
    reading.listy = not sentence.real or is_term_list(sentence)
    # Restating the question: nearly every content word is the prompt's, nothing specific added.
    if prompt and len(distinct) >= 3:
        in_prompt = sum(1 for stem in distinct if stem in prompt)
        novel = [stem for stem in distinct if stem not in prompt and stem in domain]
        new_numbers = [token for token in sentence.tokens if token[0].isdigit() and token not in prompt_tokens]
        if in_prompt / len(distinct) >= ECHO_OVERLAP and len(novel) <= 1 and not new_numbers:
            reading.echo = True
    reading.filler = has_generic_phrase(sentence, vocabulary)
    # A term's own noun phrase ("canary releases") is part of its name, not an explanation.
    inside = {position for start, end in spans for position in range(max(0, start - 1), end + 1)}
    specific = {
        stem
        for position, (token, stem) in enumerate(zip(sentence.tokens, sentence.stems, strict=True))
        if position not in inside and stem in domain and token not in FUNCTION_WORDS and stem not in prompt
    }
    specific_in_prompt = {
        stem
        for position, (token, stem) in enumerate(zip(sentence.tokens, sentence.stems, strict=True))
        if position not in inside and stem in domain and token not in FUNCTION_WORDS and stem in prompt
    }
    mechanism = sum(1 for stem in sentence.stems if stem in vocabulary.mechanism)
    mechanism += sum(1 for symbol in _SYMBOLS if symbol in sentence.text)
    number = bool(_NUMBER.search(sentence.text))
    example = any(marker and find_phrase(marker, sentence) for marker in _EXAMPLE_MARKERS)
    relates = mechanism > 0 or number or (sentence.real and sentence.verbish)
    if reading.listy and is_term_list(sentence):
        # In a bare list nothing relates the terms: only explicit relations count.
        specific, specific_in_prompt, example, number = set(), set(), False, False
        mechanism = sum(1 for symbol in ("→", "->", "=>", "⇒", "∝", "≈") if symbol in sentence.text)
    outside = [
        stem
        for position, (token, stem) in enumerate(zip(sentence.tokens, sentence.stems, strict=True))
        if position not in inside and token not in FUNCTION_WORDS and len(token) > 2
    ]
    generic_share = sum(1 for stem in outside if stem in vocabulary.generic) / len(outside) if outside else 0.0
    if not reading.filler and spans and len(outside) >= 2 and generic_share >= GENERIC_SHARE and not number:
        reading.filler = "generic words around the terms"
    if not specific:
        mechanism = 0  # a connective with nothing specific on its other side relates nothing
    support = 0.0
    if relates:
        support += min(4, len(specific)) + 0.5 * min(2, len(specific_in_prompt))
        if specific:
            reading.reasons.append("relates it to " + ", ".join(sorted(_words(sentence, specific))[:4]))
    if number:
        support += 1.5
        reading.reasons.append("gives a number")
    if example:
        support += 1.0
        reading.reasons.append("gives an example")
    if mechanism:
        support += min(2, mechanism) * 0.75
        reading.reasons.append("says how or why")
    if reading.filler:
        support *= FILLER_FACTOR
    reading.support = support
    reading.quality = min(1.0, support / FULL_SUPPORT)
    return reading


def _words(sentence: Sentence, stems: set[str]) -> list[str]:
    seen, words = set(), []
    for token, stem in zip(sentence.tokens, sentence.stems, strict=True):
        if stem in stems and stem not in seen:
            seen.add(stem)
            words.append(token)
    return words


def _credit(reading: _Reading, next_reading: _Reading | None, matched: str, negation: bool) -> tuple[float, str]:
    if reading.echo:
        return 0.0, "restates the question: a restatement earns nothing"
    quality = reading.quality
    carried = ""
    if next_reading and not next_reading.echo and NEXT_SENTENCE_SHARE * next_reading.quality > quality:
        quality = NEXT_SENTENCE_SHARE * next_reading.quality
        carried = " (explained in the next sentence)"
    named = NAMED_IN_LIST if reading.listy else NAMED_IN_SENTENCE
    if reading.listy and not carried:
        quality *= 0.5
    credit = named + (1 - named) * quality
    if negation:
        credit *= 0.3
    if reading.listy and quality < 0.2:
        why = f"names {matched} only in a list or fragment, without explaining it"
    elif reading.filler and quality < 0.5:
        why = f"names {matched} inside generic filler (\"{reading.filler}\"), which explains nothing"
    elif quality >= 0.6:
        why = f"names {matched} and explains it: " + "; ".join(reading.reasons) + carried
    elif quality > 0:
        detail = "; ".join(reading.reasons) or "nothing specific"
        why = f"names {matched} with little explanation: {detail}{carried}"
    else:
        why = f"names {matched} but says nothing about how it works or why it matters"
    if negation:
        why = f"negated ({matched} is said not to apply); " + why
    return round(min(1.0, credit), 4), why


_ANAPHORA = frozenset("this that it they these those which so then here each".split())


def _continues(reading: _Reading) -> bool:
    """The sentence goes on about the previous one: it opens with "This", "It", "So", ... or
    names no rubric term of its own."""
    tokens = reading.sentence.tokens
    return not reading.spans or bool(tokens and tokens[0] in _ANAPHORA)


def _matches(point: _Point, readings: list[_Reading]) -> list[_Match]:
    found: list[_Match] = []
    for index, reading in enumerate(readings):
        sentence = reading.sentence
        if sentence.kind == "heading":
            continue
        best = None
        for concept in point.concepts:
            span = find_concept(concept, sentence)
            if span:
                negation = not concept.bad_thing and negated(sentence, span)
                matched = " ".join(sentence.tokens[span[0] : span[1]])
                if best is None or (best[1] and not negation):
                    best = (matched, negation)
        if best is None and len(point.statement_stems) >= 3 and sentence.real:
            shared = [stem for stem in point.statement_stems if stem in sentence.stem_set]
            if len(shared) >= max(3, STATEMENT_OVERLAP * len(point.statement_stems)):
                best = (" ".join(_words(sentence, set(shared))), False)
        if best is None:
            continue
        following = readings[index + 1] if index + 1 < len(readings) else None
        introduces = sentence.text.rstrip().endswith(":")  # "Skew guards:" then its sub-bullets
        if following and not introduces and (following.sentence.block != sentence.block or not _continues(following)):
            following = None
        credit, why = _credit(reading, following, f"\"{best[0]}\"", best[1])
        found.append(_Match(index, credit, best[0], why))
    found.sort(key=lambda match: (-match.credit, match.sentence))
    return found


def _assign(points: list[_Point], matches: dict[str, list[_Match]], readings: list[_Reading]) -> dict[str, _Match]:
    """One sentence per point, each sentence evidencing a few points at most (greedy, best first)."""
    capacity = {i: max(2, reading.sentence.n_words // WORDS_PER_POINT) for i, reading in enumerate(readings)}
    assignment: dict[str, _Match] = {}
    options = sorted(
        ((match.credit * point.weight, point.id, match) for point in points for match in matches[point.id]),
        key=lambda item: (-item[0], item[1]),
    )
    for _, point_id, match in options:
        if point_id in assignment or match.credit <= 0 or capacity[match.sentence] <= 0:
            continue
        assignment[point_id] = match
        capacity[match.sentence] -= 1
    # One pass of repair: a point left out because its sentence is full takes the place of a
    # point there that can move to another sentence with room, when that gains weight x credit.
    weights = {point.id: point.weight for point in points}
    for point in sorted(points, key=lambda p: -p.weight):
        if point.id in assignment:
            continue
        for match in matches[point.id]:
            if match.credit <= 0:
                continue
            best_move = None
            for holder_id, held in assignment.items():
                if held.sentence != match.sentence:
                    continue
                for alternative in matches[holder_id]:
                    if alternative.sentence == match.sentence or capacity[alternative.sentence] <= 0:
                        continue
                    gain = weights[point.id] * match.credit - weights[holder_id] * (held.credit - alternative.credit)
                    if gain > 0 and (best_move is None or gain > best_move[0]):
                        best_move = (gain, holder_id, alternative)
                    break
            if best_move:
                _, holder_id, alternative = best_move
                assignment[holder_id] = alternative
                capacity[alternative.sentence] -= 1
                assignment[point.id] = match
                break
    return assignment


def _depth(rubric: dict, readings: list[_Reading]) -> Depth:
    signals = (rubric or {}).get("depth_signals") or {}
    if not isinstance(signals, dict):
        signals = {}
    tradeoffs = [compile_phrase(p) for p in _as_list(signals.get("tradeoffs")) or DEFAULT_TRADEOFFS]
    failures = [compile_phrase(p) for p in _as_list(signals.get("failure_modes")) or DEFAULT_FAILURE_MODES]
    depth = Depth()
    for reading in readings:
        sentence = reading.sentence
        if reading.echo or reading.filler or sentence.kind == "heading":
            continue
        if any(phrase and find_phrase(phrase, sentence) for phrase in tradeoffs):
            depth.tradeoffs.append(sentence.text)
        if any(phrase and find_phrase(phrase, sentence) for phrase in failures):
            depth.failure_modes.append(sentence.text)
        if signals.get("numbers", True) is not False:
            depth.numbers.extend(numbers_with_units(sentence.text))
    steps = min(2, len(depth.tradeoffs)) + min(2, len(depth.numbers)) + min(2, len(depth.failure_modes))
    depth.bonus = round(min(MAX_DEPTH_BONUS, DEPTH_STEP * steps), 4)
    return depth


def _model_hint(point: _Point, model_sentences: list[Sentence]) -> str:
    best, best_score = "", 0.0
    for sentence in model_sentences:
        if sentence.kind == "heading" or sentence.n_words < 4:
            continue
        hits = sum(1 for concept in point.concepts if find_concept(concept, sentence))
        overlap = sum(1 for stem in point.statement_stems if stem in sentence.stem_set)
        score = 2 * hits + overlap
        if score > best_score and (hits or overlap >= 2):
            best, best_score = sentence.text, score
    return best


def _relevance(readings: list[_Reading], domain: frozenset[str], vocabulary: Vocabulary) -> dict:
    words: list[str] = []
    for reading in readings:
        words.extend(_content(reading.sentence, vocabulary))
    distinct = list(dict.fromkeys(stem for stem in words if len(stem) > 1))
    shared = [stem for stem in distinct if stem in domain]
    share = len(shared) / len(distinct) if distinct else 0.0
    factor = min(1.0, max(0.0, (share - RELEVANCE_FLOOR) / (RELEVANCE_FULL - RELEVANCE_FLOOR)))
    return {"share": round(share, 3), "factor": round(factor, 4), "words": shared[:12]}


@lru_cache(maxsize=64)
def _model_sentences(model_answer: str) -> list[Sentence]:
    return split_sentences(model_answer) if model_answer else []


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
    """Grade a concept/design answer: per key point covered, partly or missed, with the sentence
    that earned it and why; sentences that earned nothing (echo, filler), with why."""
    vocabulary = load_vocabulary()
    points = _parse_points(rubric, vocabulary)
    total_weight = sum(point.weight for point in points) or 1.0
    sentences = split_sentences(answer or "")
    reference = [prompt or "", model_answer or ""]
    for point in points:
        reference += [point.statement, point.hint] + [concept.text for concept in point.concepts]
    domain = domain_stems(reference, vocabulary)
    prompt_stems = frozenset(stems_of(tokenize(prompt or ""))) - FUNCTION_WORDS

    spans: dict[int, list[tuple[int, int]]] = {}
    for sentence in sentences:
        for point in points:
            for concept in point.concepts:
                span = find_concept(concept, sentence)
                if span:
                    spans.setdefault(sentence.index, []).append(span)
    prompt_tokens = frozenset(tokenize(prompt or ""))
    readings = [_read(s, domain, prompt_stems, vocabulary, spans.get(s.index, []), prompt_tokens) for s in sentences]
    matches = {point.id: _matches(point, readings) for point in points}
    assignment = _assign(points, matches, readings) if sentences else {}

    model_sentences = _model_sentences(model_answer or "")
    results = []
    for point in points:
        chosen = assignment.get(point.id)
        credit = chosen.credit if chosen else 0.0
        status = "covered" if credit >= COVERED else "partly" if credit >= PARTLY else "missed"
        if chosen:
            why = chosen.why
        elif matches[point.id]:
            why = matches[point.id][0].why
        else:
            why = "not mentioned"
        results.append(
            PointResult(
                id=point.id,
                statement=point.statement,
                weight=point.weight,
                covered=status == "covered",
                evidence=readings[chosen.sentence].sentence.text if chosen and status != "missed" else "",
                matched=chosen.matched if chosen and status != "missed" else "",
                hint="" if status == "covered" else (point.hint or _model_hint(point, model_sentences)),
                status=status,
                credit=credit if status != "missed" else 0.0,
                why=why,
            )
        )
    coverage = sum(r.weight * r.credit for r in results) / total_weight if points else 0.0

    uncredited = []
    used = {match.sentence for match in assignment.values()}
    for index, reading in enumerate(readings):
        if index in used or not reading.spans:
            continue
        if reading.echo:
            uncredited.append({"sentence": reading.sentence.text, "reason": "restates the question"})
        elif reading.filler:
            uncredited.append({"sentence": reading.sentence.text,
                               "reason": f"generic filler (\"{reading.filler}\") around rubric terms"})
        elif reading.listy:
            uncredited.append({"sentence": reading.sentence.text, "reason": "a list of terms, not an explanation"})

    depth = _depth(rubric, readings)
    relevance = _relevance(readings, domain, vocabulary)
    style = assess_style(sentences, hits_outside_sentences=sum(1 for r in readings if r.listy and r.spans),
                         evidence_words_in_sentences=0)
    depth.bonus = round(depth.bonus * min(1.0, coverage / 0.5), 4)
    on_topic = ON_TOPIC_BASE if any(not r.listy and not r.filler for r in readings) else 0.0
    raw = round(min(1.0, (on_topic + coverage + depth.bonus) * relevance["factor"]), 4)
    score = calibrate(kind, raw)

    flags, suggestions = [], []
    if not sentences:
        flags.append("empty")
        suggestions.append("Write an answer in full sentences: name the key components and explain how they interact.")
    listed = sum(1 for r in readings if r.listy and r.spans)
    if sentences and listed and listed >= len(readings) / 2 and coverage < 0.3:
        flags.append(KEYWORD_STUFFED)
        suggestions.append("Explain in sentences how the pieces work together: a keyword list earns almost nothing.")
    elif style.has_keyword_list:
        flags.append(KEYWORD_LIST)
    if sentences and style.words < SHORT_ANSWER_WORDS:
        flags.append("short")
    if sentences and relevance["factor"] < 0.5:
        flags.append("off_topic")
        suggestions.append("Answer the question asked: most of this answer is about another subject.")
    echoes = sum(1 for r in readings if r.echo)
    if echoes and echoes >= len(readings) / 2:
        flags.append("restates_question")
        suggestions.append("Restating the question earns nothing: say how you would do it and why.")
    fillers = sum(1 for r in readings if r.filler and r.spans)
    if fillers >= 2:
        flags.append("filler")
        suggestions.append("Naming a term is not explaining it: say what it does, when it matters, and with numbers.")
    for result, point in sorted(zip(results, points, strict=True), key=lambda pair: (-pair[1].weight, pair[1].order)):
        if result.status == "missed":
            suggestions.append(f"Cover {_label(point)}: {result.hint or result.statement}")
        elif result.status == "partly":
            suggestions.append(f"Explain {_label(point)}, don't just name it: {result.hint or result.statement}")
    if sentences and coverage > 0.2:
        if not depth.numbers:
            suggestions.append("Give numbers: sizes, latencies, throughput or costs with units (e.g. 50 ms p99).")
        if not depth.tradeoffs:
            suggestions.append("Name a trade-off: what your choice costs and what you would pick instead when.")
    return RubricGrade(
        kind=kind,
        score=score,
        coverage=round(coverage, 4),
        points=results,
        depth=depth,
        relevance=relevance,
        flags=flags,
        suggestions=suggestions,
        raw_score=raw,
        uncredited=uncredited,
    )
