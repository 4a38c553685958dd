"""Grading a behavioral answer: STAR structure, checks, the rubric's signals and red flags.

Every sentence is given to at most one STAR component (Situation, Task, Action, Result) by
explicit labels ("Situation:", "## Result") or, failing those, by cues: context words for the
Situation, "my goal / I was responsible / I needed to" for the Task, first-person action verbs
for the Action, outcome words and numbers for the Result, plus the rubric's per-component
evidence phrases. The scores come from what each component contains, so each is explainable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from grader.freetext.calibration import calibrate
from grader.freetext.results import PointResult, Signal, StarComponent, StarGrade
from grader.freetext.style import KEYWORD_STUFFED, assess_style
from grader.freetext.text import (
    ANY_NUMBER,
    FUNCTION_WORDS,
    Phrase,
    PhraseIndex,
    Sentence,
    compile_phrase,
    content_stems,
    find_phrase,
    is_verbish,
    split_sentences,
)

COMPONENTS = ("situation", "task", "action", "result")
COMPONENT_WEIGHTS = {"situation": 0.15, "task": 0.15, "action": 0.4, "result": 0.3}
STRUCTURE_SHARE = 0.55  # the rest of the score is the rubric's signals
RED_FLAG_PENALTY = 0.1
MAX_RED_FLAG_PENALTY = 0.3
STUFFED_FACTOR = 0.25
TOPIC_HITS_FOR_FULL_RELEVANCE = 3
MIN_RELEVANCE_FACTOR = 0.35

_LABELS = {
    "situation": r"situation|context|background|the situation|setting",
    "task": r"task|tasks|goal|goals|my task|my role|role|objective|the problem|problem|challenge",
    "action": r"action|actions|what i did|approach|steps|the actions?|my actions?",
    "result": r"result|results|outcome|outcomes|impact|the result|the outcome",
    "lesson": r"lessons?(?: learned| learnt)?|learnings?|what i learned|reflection|takeaways?|in hindsight",
}
_LABEL_PATTERNS = {
    name: re.compile(r"^\s*(?:\d+[.)]\s*)?(?:" + pattern + r")\s*(?:[:\-–—.]|$)", re.I)
    for name, pattern in _LABELS.items()
}

_CUES = {
    "situation": [
        "at my previous",
        "at my last",
        "at my current",
        "at my old",
        "in my previous",
        "in my last",
        "in my current",
        "previous role",
        "previous job",
        "my last job",
        "i was working",
        "i worked",
        "we were",
        "we had",
        "our team",
        "the team",
        "our system",
        "our service",
        "our platform",
        "our cluster",
        "there was",
        "there were",
        "at the time",
        "last year",
        "years ago",
        "company",
        "startup",
        "production",
        "customers",
        "users",
        "context",
        "background",
        "was running",
        "were running",
        "was serving",
        "were using",
        "used to",
    ],
    "task": [
        "my goal",
        "my task",
        "my job",
        "my role",
        "my responsibility",
        "i was responsible",
        "responsible for",
        "i needed to",
        "i had to",
        "i was asked",
        "asked me",
        "i was tasked",
        "tasked",
        "i owned",
        "the goal was",
        "our goal",
        "goal",
        "needed to",
        "had to",
        "deadline",
        "i volunteered",
        "my mandate",
        "i had been asked",
        "i had to make sure",
        "objective",
        "target",
        "asked to",
        "asked us",
        "took that on",
        "took it on",
        "i took on",
        "i took ownership",
        "i wanted to",
        "the plan was",
        "was to",
        "the challenge was",
        "constraint",
        "without breaking",
        "could not",
        "must not",
        "by the end of",
    ],
    "action": [
        "first",
        "then",
        "next",
        "after that",
        "so i",
        "i started",
        "i decided",
        "i began",
        "i wrote",
        "i built",
        "i added",
        "i set up",
        "i ran",
        "i proposed",
        "i led",
        "i met",
        "i changed",
        "i profiled",
        "i created",
        "i organized",
        "i organised",
        "i paired",
        "i reviewed",
        "i rolled",
        "i implemented",
        "i introduced",
        "i talked",
        "i asked",
        "i worked with",
        "i scheduled",
        "i moved",
        "i measured",
        "i split",
        "i automated",
    ],
    "result": [
        "as a result",
        "result",
        "in the end",
        "eventually",
        "outcome",
        "reduced",
        "improved",
        "dropped",
        "cut",
        "increased",
        "decreased",
        "saved",
        "went from",
        "fell",
        "rose",
        "no longer",
        "shipped",
        "launched",
        "resolved",
        "faster",
        "cheaper",
        "fewer",
        "since then",
        "afterwards",
        "impact",
        "successfully",
        "which meant",
        "by the end",
        "went down",
        "came down",
        "went up",
        "was happy",
        "were happy",
        "worked well",
        "succeeded",
        "on time",
        "on schedule",
    ],
    "lesson": [
        "i learned",
        "i learnt",
        "lesson",
        "next time",
        "since then",
        "in hindsight",
        "looking back",
        "takeaway",
        "taught me",
        "i now",
        "now i always",
        "would do differently",
        "i would have",
        "what i changed",
        "i changed how",
        "i started to always",
    ],
}
_CUE_PHRASES = {name: PhraseIndex(compile_phrase(cue) for cue in cues) for name, cues in _CUES.items()}
_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "i'll", "my", "me", "myself"})
_WE = frozenset({"we", "we're", "we've", "we'd", "we'll", "our", "us", "ourselves"})
_METRICS = (
    "latency",
    "p99",
    "cost",
    "costs",
    "spend",
    "throughput",
    "training time",
    "build time",
    "deploy time",
    "deployment time",
    "error rate",
    "errors",
    "incidents",
    "downtime",
    "uptime",
    "availability",
    "gpu utilization",
    "utilization",
    "memory",
    "time to",
    "lead time",
    "hours",
)
_GENERIC_SIGNALS = {"quantified-result", "first-person", "lesson-learned"}
_META_WORDS = frozenset("gives says names candidate answer shows describes explains mentions".split())


@dataclass
class _Scored:
    sentence: Sentence
    label: str | None  # situation | task | action | result | None
    lesson: bool
    cue: str  # the phrase or label that decided it


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _phrases(values) -> list[Phrase]:
    return [phrase for phrase in (compile_phrase(str(value)) for value in _as_list(values)) if phrase]


def _is_trivial(phrase: Phrase) -> bool:
    """A one-word function word or symbol ("from", "to", "%"): weak evidence on its own."""
    variant = phrase.variants[0]
    return len(variant) == 1 and (variant[0] in FUNCTION_WORDS or len(variant[0]) <= 1)


_STATIVE = frozenset(
    """
    am was were is are be been had have has needed need wanted want would could should might
    think thought felt feel knew know got it this that which who i we you they he she
    """.split()
)


def _subject_action(sentence: Sentence, subjects: frozenset[str]) -> bool:
    """True when a subject ("I", or "we") is followed by an action verb, not "was"/"had to"."""
    tokens = sentence.tokens
    for position, token in enumerate(tokens):
        if token in subjects:
            for word in tokens[position + 1 : position + 4]:
                if is_verbish(word) or word in _STATIVE:
                    if word not in _STATIVE:
                        return True
                    break
    return False


def _first_person_action(sentence: Sentence) -> bool:
    return _subject_action(sentence, frozenset({"i"}))


def _team_action(sentence: Sentence) -> bool:
    return _subject_action(sentence, frozenset({"we", "they"}))


def _hits(phrases: list[Phrase] | PhraseIndex, sentence: Sentence) -> list[str]:
    if isinstance(phrases, PhraseIndex):
        return [phrase.text for phrase in phrases.hits(sentence)]
    return [phrase.text for phrase in phrases if find_phrase(phrase, sentence)]


def _label_of(sentence: Sentence) -> str | None:
    for name, pattern in _LABEL_PATTERNS.items():
        if pattern.match(sentence.text):
            return name
    return None


def _classify(sentences: list[Sentence], rubric_star: dict[str, list[Phrase]]) -> list[_Scored]:
    body = list(sentences)
    rubric_index = {name: PhraseIndex(phrases) for name, phrases in rubric_star.items()}
    labelled_answer = any(_label_of(sentence) for sentence in body)
    scored: list[_Scored] = []
    section: str | None = None
    count = max(1, len(body) - 1)
    for position, sentence in enumerate(body):
        label = _label_of(sentence)
        lesson = bool(_hits(_CUE_PHRASES["lesson"], sentence))
        if label:
            section = label
            if label == "lesson":
                lesson = True
            name = "result" if label == "lesson" else label
            scored.append(
                _Scored(
                    sentence, name if sentence.real else None, lesson and sentence.real, sentence.text.split(":")[0]
                )
            )
            continue
        if not sentence.real:
            scored.append(_Scored(sentence, None, False, ""))
            continue
        if labelled_answer and section:
            name = "result" if section == "lesson" else section
            scored.append(_Scored(sentence, name, lesson or section == "lesson", f"under {section}"))
            continue
        scores, reasons = {}, {}
        relative = position / count
        for name in COMPONENTS:
            cue_hits = _hits(_CUE_PHRASES[name], sentence)
            rubric_hits = _hits(rubric_index.get(name, []), sentence)
            score = 0.6 * len(cue_hits) + sum(0.3 if _is_trivial(compile_phrase(hit)) else 0.8 for hit in rubric_hits)
            reasons[name] = (rubric_hits + cue_hits)[:1]
            scores[name] = score
        if _first_person_action(sentence):
            scores["action"] += 1.5
            reasons["action"] = reasons["action"] or ["I + verb"]
        elif _team_action(sentence):
            scores["action"] += 1.0
            reasons["action"] = reasons["action"] or ["we + verb"]
        if ANY_NUMBER.search(sentence.text) and scores["result"] > 0:
            scores["result"] += 0.6
        if lesson:
            scores["result"] += 0.8 if relative < 0.5 else 3.0
            reasons["result"] = _hits(_CUE_PHRASES["lesson"], sentence)[:1]
        # Stories run in order: context first, outcome last.
        if relative < 0.25:
            scores["situation"] += 0.5 if position else 1.0
        elif relative >= 0.5:
            scores["situation"] -= 0.8
        if relative < 0.4:
            scores["result"] -= 0.6
        elif relative >= 0.7:
            scores["result"] += 0.4
        if 0.25 <= relative < 0.7:
            scores["action"] += 0.2
        best = max(COMPONENTS, key=lambda name: (scores[name], -COMPONENTS.index(name)))
        if scores[best] < 0.75:
            previous = scored[-1] if scored else None
            if previous and previous.label and previous.sentence.block == sentence.block:
                scored.append(_Scored(sentence, previous.label, lesson, "continues"))
            else:
                scored.append(_Scored(sentence, None, lesson, ""))
            continue
        scored.append(_Scored(sentence, best, lesson, (reasons[best] or [best])[0]))
    return scored


def _pronouns(sentences: list[Sentence]) -> tuple[int, int]:
    first = sum(1 for sentence in sentences for token in sentence.tokens if token in _FIRST_PERSON)
    we = sum(1 for sentence in sentences for token in sentence.tokens if token in _WE)
    return first, we


def _quantified(result_sentences: list[Sentence], all_sentences: list[Sentence]) -> str:
    """The sentence that quantifies the result, or ""."""
    for sentence in result_sentences:
        if ANY_NUMBER.search(sentence.text):
            return sentence.text
    result_cues = _CUE_PHRASES["result"]
    for sentence in all_sentences:
        if re.search(r"\d", sentence.text) and _hits(result_cues, sentence):
            return sentence.text
    return ""


def _metric_word(text: str) -> str:
    lowered = text.lower()
    for metric in _METRICS:
        if metric in lowered:
            return metric
    return "the key metric (latency, cost, hours, incidents)"


def _component_score(
    name: str,
    sentences: list[Sentence],
    rubric_phrases: list[Phrase],
    *,
    first_person_ratio: float,
    quantified: bool,
    lesson: bool,
) -> tuple[float, list[str]]:
    if not sentences:
        return 0.0, []
    words = sum(sentence.n_words for sentence in sentences)
    matched = sorted(
        {
            hit
            for sentence in sentences
            for hit in _hits(rubric_phrases, sentence)
            if not _is_trivial(compile_phrase(hit))
        }
    )
    evidence_share = min(1.0, len(matched) / 2)
    if name == "situation":
        concrete = any(ANY_NUMBER.search(sentence.text) for sentence in sentences) or words >= 25
        score = 0.5 + 0.25 * evidence_share + 0.25 * concrete
    elif name == "task":
        owned = any(token in _FIRST_PERSON for sentence in sentences for token in sentence.tokens)
        score = 0.5 + 0.3 * owned + 0.2 * evidence_share
    elif name == "action":
        score = 0.3 + 0.3 * min(1.0, words / 60) + 0.2 * first_person_ratio + 0.2 * evidence_share
    else:
        score = 0.4 + 0.35 * quantified + 0.25 * max(evidence_share, 1.0 if lesson else 0.0)
    return round(min(1.0, score), 4), matched


def _signal_present(
    signal: dict,
    sentences: list[Sentence],
    checks: dict,
    quantified_sentence: str,
    lesson_sentence: str,
    action_first_person: str,
) -> tuple[bool, str, str]:
    """(present, evidence sentence, matched phrase) for one rubric signal."""
    signal_id = str(signal.get("id") or "")
    phrases = _phrases(signal.get("evidence"))
    if signal_id == "quantified-result" and quantified_sentence:
        return True, quantified_sentence, "a number in the result"
    if signal_id == "first-person" and checks["first_person_ratio"] >= 0.5 and action_first_person:
        return True, action_first_person, "I"
    if signal_id == "lesson-learned" and lesson_sentence:
        return True, lesson_sentence, "lesson"
    for sentence in sentences:
        if not sentence.real:
            continue
        hits = _hits(phrases, sentence)
        if hits:
            return True, sentence.text, max(hits, key=len)
    if not phrases and signal_id not in _GENERIC_SIGNALS:
        wanted = content_stems(str(signal.get("statement") or ""), _META_WORDS)
        if len(wanted) >= 3:
            for sentence in sentences:
                shared = [stem for stem in wanted if stem in sentence.stem_set]
                if sentence.real and len(shared) >= max(3, int(0.6 * len(wanted) + 0.999)):
                    return True, sentence.text, " ".join(shared)
    return False, "", ""


def grade_star(answer: str, rubric: dict, model_answer: str | None = None) -> StarGrade:
    """Grade a behavioral answer for STAR structure, ownership, numbers, lessons and signals."""
    rubric = rubric or {}
    star_rubric = rubric.get("star") or {}
    rubric_star = {name: _phrases((star_rubric.get(name) or {}).get("evidence")) for name in COMPONENTS}
    expectations = {name: str((star_rubric.get(name) or {}).get("expect") or "") for name in COMPONENTS}
    sentences = split_sentences(answer or "")
    real_sentences = [sentence for sentence in sentences if sentence.real]

    scored = _classify(sentences, rubric_star)
    by_component = {name: [item.sentence for item in scored if item.label == name] for name in COMPONENTS}
    lesson_sentence = next((item.sentence.text for item in scored if item.lesson), "")

    first, we = _pronouns(by_component["action"])
    first_person_ratio = round(first / (first + we), 2) if first + we else 0.0
    words = {name: sum(s.n_words for s in by_component[name]) for name in COMPONENTS}
    story_words = sum(words.values())
    action_share = round(words["action"] / story_words, 2) if story_words else 0.0
    quantified_sentence = _quantified(by_component["result"], real_sentences)
    action_first_person = next(
        (s.text for s in by_component["action"] if any(t in _FIRST_PERSON for t in s.tokens)), ""
    )
    checks = {
        "quantified_result": bool(quantified_sentence),
        "first_person_ratio": first_person_ratio,
        "first_person_count": first,
        "we_count": we,
        "action_share": action_share,
        "balanced": bool(story_words) and words["action"] == max(words.values()),
        "lesson": bool(lesson_sentence),
    }

    star: dict[str, StarComponent] = {}
    matched_by_component: dict[str, list[str]] = {}
    for name in COMPONENTS:
        score, matched = _component_score(
            name,
            by_component[name],
            rubric_star[name],
            first_person_ratio=first_person_ratio,
            quantified=bool(quantified_sentence),
            lesson=bool(lesson_sentence),
        )
        matched_by_component[name] = matched
        star[name] = StarComponent(score=score, evidence=[s.text for s in by_component[name]], words=words[name])
    structure = sum(COMPONENT_WEIGHTS[name] * star[name].score for name in COMPONENTS)

    signals: list[Signal] = []
    signal_points: list[PointResult] = []
    topic_hits: set[str] = set()
    for raw in _as_list(rubric.get("signals")):
        if not isinstance(raw, dict):
            continue
        present, evidence, matched = _signal_present(
            raw, real_sentences, checks, quantified_sentence, lesson_sentence, action_first_person
        )
        signal_id = str(raw.get("id") or f"signal-{len(signals) + 1}")
        statement = str(raw.get("statement") or signal_id)
        signals.append(Signal(signal_id, statement, present, evidence))
        if present and signal_id not in _GENERIC_SIGNALS:
            topic_hits.add(f"signal:{signal_id}")
        signal_points.append(
            PointResult(signal_id, statement, 1.0, present, evidence, matched, "" if present else statement)
        )
    for name in ("situation", "action"):
        topic_hits.update(f"{name}:{hit}" for hit in matched_by_component[name])
    signal_share = sum(s.present for s in signals) / len(signals) if signals else structure

    red_flags = []
    for raw in _as_list(rubric.get("red_flags")):
        if not isinstance(raw, dict):
            continue
        phrases = _phrases(raw.get("evidence"))
        for sentence in sentences:
            hits = _hits(phrases, sentence)
            if hits:
                red_flags.append(
                    {
                        "id": str(raw.get("id") or "red-flag"),
                        "statement": str(raw.get("statement") or ""),
                        "evidence": sentence.text,
                        "matched": max(hits, key=len),
                    }
                )
                break

    style = assess_style(
        sentences,
        hits_outside_sentences=len(
            {
                phrase.text
                for sentence in sentences
                if not sentence.real and sentence.kind != "heading"
                for name in COMPONENTS
                for phrase in rubric_star[name]
                if not _is_trivial(phrase) and find_phrase(phrase, sentence)
            }
        ),
        evidence_words_in_sentences=0,
    )
    relevance = min(1.0, len(topic_hits) / TOPIC_HITS_FOR_FULL_RELEVANCE)
    relevance_factor = MIN_RELEVANCE_FACTOR + (1 - MIN_RELEVANCE_FACTOR) * relevance
    penalty = min(MAX_RED_FLAG_PENALTY, RED_FLAG_PENALTY * len(red_flags))
    score = (STRUCTURE_SHARE * structure + (1 - STRUCTURE_SHARE) * signal_share) * relevance_factor - penalty
    flags = []
    if not sentences:
        flags.append("empty")
    if style.stuffed:
        flags.append(KEYWORD_STUFFED)
        score *= STUFFED_FACTOR
    if sentences and relevance == 0 and not style.stuffed:
        flags.append("off_topic")
    if sentences and story_words < 60:
        flags.append("short")
    checks["relevance"] = round(relevance, 2)
    score = round(min(1.0, max(0.0, score)), 4)

    model_parts = _model_parts(model_answer, rubric_star)
    component_points = []
    for name in COMPONENTS:
        component = star[name]
        statement = expectations[name] or f"The {name} of the story."
        component_points.append(
            PointResult(
                id=name,
                statement=statement,
                weight=COMPONENT_WEIGHTS[name],
                covered=component.score >= 0.5,
                evidence=component.evidence[0] if component.evidence else "",
                matched=", ".join(matched_by_component[name][:3]),
                hint="" if component.score >= 0.5 else (model_parts.get(name) or statement),
            )
        )

    suggestions = _suggestions(
        sentences=sentences,
        star=star,
        expectations=expectations,
        checks=checks,
        signals=signals,
        red_flags=red_flags,
        style_stuffed=style.stuffed,
        relevance=relevance,
        answer=answer or "",
    )
    return StarGrade(
        score=calibrate("behavioral", score),
        raw_score=score,
        star=star,
        signals=signals,
        red_flags=red_flags,
        checks=checks,
        points=component_points + signal_points,
        flags=flags,
        suggestions=suggestions,
    )


def _model_parts(model_answer: str | None, rubric_star: dict[str, list[Phrase]]) -> dict[str, str]:
    """One sentence per STAR component of the model answer, to use as a hint."""
    if not model_answer:
        return {}
    sentences = split_sentences(model_answer)
    parts: dict[str, str] = {}
    for item in _classify(sentences, rubric_star):
        if item.label and item.label not in parts:
            parts[item.label] = item.sentence.text
    return parts


def _suggestions(
    *, sentences, star, expectations, checks, signals, red_flags, style_stuffed, relevance, answer
) -> list[str]:
    if not sentences:
        return [
            "Tell one real story in STAR form: the Situation, your Task, the Actions you took and the measured Result."
        ]
    suggestions = []
    if style_stuffed:
        suggestions.append("Tell the story in full sentences: a list of keywords earns no credit.")
    if relevance == 0:
        suggestions.append("Answer the question asked: tell a story about exactly that situation.")
    names = {"situation": "Situation", "task": "Task", "action": "Action", "result": "Result"}
    for name in COMPONENTS:
        if star[name].score == 0:
            suggestions.append(f"Add the {names[name]}: {expectations[name] or 'say it explicitly.'}")
    if star["result"].evidence and not checks["quantified_result"]:
        metric = _metric_word(answer)
        suggestions.append(f"Your Result has no number: say by how much {metric} changed.")
    elif not star["result"].evidence and star["action"].evidence:
        suggestions.append("End with the measured Result: what changed, by how much, and for whom.")
    first, we = checks["first_person_count"], checks["we_count"]
    if we >= 3 and checks["first_person_ratio"] < 0.5:
        suggestions.append(f"You say 'we' {we} times and 'I' {first} times in your actions: say what you did.")
    elif star["action"].evidence and first == 0:
        suggestions.append("Say 'I' for what you did yourself: the interviewer grades your part.")
    if star["action"].evidence and not checks["balanced"]:
        suggestions.append(
            f"Spend most of the answer on your Actions: they are {round(100 * checks['action_share'])}% "
            "of the story now."
        )
    if not checks["lesson"]:
        suggestions.append("Close with a lesson: what you changed afterwards or would do differently.")
    for signal in signals:
        if not signal.present and signal.id not in _GENERIC_SIGNALS:
            suggestions.append(f"Show this: {signal.statement}")
    for flag in red_flags:
        suggestions.append(f'Avoid this: {flag["statement"]} (you wrote: "{flag["matched"]}")')
    return suggestions
