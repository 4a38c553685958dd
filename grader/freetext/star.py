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
from grader.freetext.style import KEYWORD_STUFFED
from grader.freetext.text import (
    ANY_NUMBER,
    FUNCTION_WORDS,
    Phrase,
    PhraseIndex,
    Sentence,
    compile_phrase,
    find_phrase,
    is_verbish,
    split_sentences,
    stems_of,
    tokenize,
)
from grader.freetext.vocabulary import compile_concept, find_concept, load_vocabulary, negated

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
        implied_i = bool(sentence.tokens) and _past(sentence.tokens[0]) and len(sentence.tokens) >= 3
        if not sentence.real and not implied_i and not _NUMBER.search(sentence.text):
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
        if _first_person_action(sentence) or implied_i:
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


_PAST_IRREGULAR = frozenset(
    """
    was were had did took made ran built wrote led set put cut found chose got went saw knew
    thought told said gave kept left lost met paid sent spent won brought bought caught fought
    taught began became came drove fell felt grew held hung heard hid hit let lay meant read
    rode rose sat shook shot shut slept sold spoke stood stuck swore swept threw understood
    woke wore withdrew overrode undid rebuilt rewrote reran split spun
    """.split()
)
_NUMBER = re.compile(r"(?<![A-Za-z\-_/.])\d|\b(?:half|twice|doubled|halved|tripled|tenfold|dozen)\b", re.I)
_NAMED = re.compile(r"(?<![.!?]\s)(?<!^)\b(?:[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z]{2,}[A-Za-z0-9]*|[A-Z][a-z]{2,})\b")
FULL_STORY_SPECIFICITY = 24.0  # specificity (numbers, names, concrete terms) of a full, detailed story
STORY_SENTENCES = 4  # past-tense sentences in first person that make an answer a story
SPECIFIC_SENTENCE = 2.0  # a sentence this specific can evidence a signal fully
ON_TOPIC_BASE = 0.05
SUBJECT_FLOOR, SUBJECT_SPAN = 0.15, 0.2  # share of on-subject content words: none below, full from 0.35
SUBJECT_WORDS_FLOOR, SUBJECT_WORDS_SPAN = 8, 15  # ... or their number: full from 23


def _past(token: str) -> bool:
    return token in _PAST_IRREGULAR or (len(token) > 4 and token.endswith("ed"))


def _story_sentence(sentence: Sentence) -> bool:
    """A sentence that narrates: first person (or an implied "I": "Declared the incident") with a past verb."""
    tokens = sentence.tokens
    if not tokens:
        return False
    if _past(tokens[0]) and len(tokens) >= 3:
        return True
    past = any(_past(token) for token in tokens)
    if any(token in _FIRST_PERSON or token in _WE for token in tokens):
        return past
    # Note style keeps the verbs and drops the subject: "Pitched it to the director as phase 0".
    return past and sentence.kind == "bullet" and bool(_NUMBER.search(sentence.text))


@dataclass
class _Specific:
    score: float
    reasons: list[str]
    echo: bool
    generic: bool


def _specificity(sentence: Sentence, domain: frozenset, prompt: frozenset, prompt_tokens: frozenset,
                 vocabulary) -> _Specific:
    """How concrete a sentence is: numbers, names, and words of the story's own (not the question's)."""
    content = [
        stem
        for token, stem in zip(sentence.tokens, sentence.stems, strict=True)
        if token not in FUNCTION_WORDS and len(token) > 2 and stem not in vocabulary.generic
    ]
    distinct = set(content)
    all_content = {
        stem for token, stem in zip(sentence.tokens, sentence.stems, strict=True) if token not in FUNCTION_WORDS
    }
    new_numbers = [t for t in sentence.tokens if t[0].isdigit() and t not in prompt_tokens]
    in_prompt = sum(1 for stem in all_content if stem in prompt)
    novel_domain = {stem for stem in distinct if stem in domain and stem not in prompt}
    echo = bool(all_content) and len(all_content) >= 3 and in_prompt / len(all_content) >= 0.6 and (
        len(distinct - prompt) <= 1 and not new_numbers)
    if echo:
        return _Specific(0.0, ["restates the question"], True, False)
    body = sentence.text.split(":", 1)[1] if re.match(r"^\s*\w+(\s\w+)?\s*:", sentence.text) else sentence.text
    body = body.strip()
    numbers = len(_NUMBER.findall(body))
    names = len(set(_NAMED.findall(body)))
    concrete = distinct - prompt
    score = min(3.0, 1.5 * numbers) + min(3, names) + min(4, len(novel_domain)) + 0.2 * min(6, len(concrete))
    reasons = []
    if numbers:
        reasons.append("numbers")
    if names:
        reasons.append("names")
    if novel_domain or concrete:
        reasons.append("concrete detail")
    generic = bool(all_content) and len(novel_domain) <= 1 and not numbers and not names
    if generic:
        score *= 0.3
    return _Specific(round(score, 3), reasons, False, generic)


def _component_score(name: str, specificity: float, *, owned: bool, quantified: bool, first_person_ratio: float
                     ) -> float:
    if name == "situation":
        score = specificity / 4
    elif name == "task":
        score = 0.3 * owned + specificity / 3
    elif name == "action":
        score = min(1.0, specificity / 10) * (0.4 + 0.6 * first_person_ratio)
    else:
        score = specificity / 4 + 0.3 * quantified
    return round(min(1.0, score), 4)


def _red_flag_applies(sentence: Sentence, span: tuple[int, int]) -> bool:
    """A red-flag phrase counts unless negated ("it was not their fault") or leading on to more
    work ("we moved on to hardening the pipeline")."""
    if negated(sentence, span) or (span[0] > 0 and sentence.tokens[span[0] - 1] in ("not", "never", "no")):
        return False
    following = sentence.tokens[span[1] : span[1] + 1]
    return not (following and following[0] in ("to", "from", "with"))


def grade_star(answer: str, rubric: dict, model_answer: str | None = None, *, prompt: str | None = None
               ) -> StarGrade:
    """Grade a behavioral answer: is it a specific story of the candidate's own actions, on the question's subject,
    with the outcome and the signals the rubric listens for? STAR labels earn nothing by themselves."""
    rubric = rubric or {}
    vocabulary = load_vocabulary()
    star_rubric = rubric.get("star") or {}
    rubric_star = {name: _phrases((star_rubric.get(name) or {}).get("evidence")) for name in COMPONENTS}
    expectations = {name: str((star_rubric.get(name) or {}).get("expect") or "") for name in COMPONENTS}
    sentences = split_sentences(answer or "")

    # The story's technical vocabulary: the rubric's evidence terms and the field's thesaurus
    # (not the model answer's prose, whose everyday words a template shares).
    reference = []
    for name in COMPONENTS:
        reference.extend(phrase.text for phrase in rubric_star[name])
    for raw in _as_list(rubric.get("signals")):
        if isinstance(raw, dict):
            reference.extend(str(item) for item in _as_list(raw.get("evidence")))
    from grader.freetext.rubric import domain_stems, is_term_list

    domain = domain_stems(reference, vocabulary) | vocabulary.all_terms
    prompt_stems = frozenset(stems_of(tokenize(prompt or ""))) - FUNCTION_WORDS
    prompt_tokens = frozenset(tokenize(prompt or ""))
    specific = {
        s.index: _specificity(s, domain, prompt_stems, prompt_tokens, vocabulary)
        if not is_term_list(s) and s.kind != "heading" else _Specific(0.0, ["a list of terms"], False, True)
        for s in sentences
    }

    scored = _classify(sentences, rubric_star)
    by_component = {name: [item.sentence for item in scored if item.label == name] for name in COMPONENTS}
    lesson_sentence = next(
        (item.sentence.text for item in scored if item.lesson and specific[item.sentence.index].score >= 1.0), "")
    first, we = _pronouns(by_component["action"])
    first_person_ratio = round(first / (first + we), 2) if first + we else 0.0
    story = [s for s in sentences if _story_sentence(s) and not specific[s.index].echo]
    if not first and story and any(_past(s.tokens[0]) for s in story):
        first_person_ratio = max(first_person_ratio, 0.75)  # note style: "Declared the incident, took command"
    words = {name: sum(s.n_words for s in by_component[name]) for name in COMPONENTS}
    story_words = sum(words.values())
    action_share = round(words["action"] / story_words, 2) if story_words else 0.0
    quantified_sentence = next(
        (s.text for s in by_component["result"] + story[len(story) // 2:] if _NUMBER.search(s.text)
         and not specific[s.index].echo), "")
    action_first_person = next(
        (s.text for s in by_component["action"] if any(t in _FIRST_PERSON for t in s.tokens)), "")
    checks = {
        "quantified_result": bool(quantified_sentence),
        "first_person_ratio": first_person_ratio,
        "first_person_count": first,
        "we_count": we,
        "action_share": action_share,
        "balanced": bool(story_words) and words["action"] == max(words.values()),
        "lesson": bool(lesson_sentence),
        "story_sentences": len(story),
    }

    star: dict[str, StarComponent] = {}
    for name in COMPONENTS:
        spec = sum(specific[s.index].score for s in by_component[name])
        owned = any(t in _FIRST_PERSON for s in by_component[name] for t in s.tokens)
        score = _component_score(name, spec, owned=owned, quantified=bool(quantified_sentence),
                                 first_person_ratio=first_person_ratio) if by_component[name] else 0.0
        star[name] = StarComponent(score=score, evidence=[s.text for s in by_component[name]], words=words[name])
    structure = sum(COMPONENT_WEIGHTS[name] * star[name].score for name in COMPONENTS)
    total_specificity = sum(item.score for item in specific.values())
    detail = min(1.0, total_specificity / FULL_STORY_SPECIFICITY)

    signals: list[Signal] = []
    signal_points: list[PointResult] = []
    signal_credit = []
    topic_hits = 0
    for raw in _as_list(rubric.get("signals")):
        if not isinstance(raw, dict):
            continue
        signal_id = str(raw.get("id") or f"signal-{len(signals) + 1}")
        statement = str(raw.get("statement") or signal_id)
        present, evidence, matched, credit, why = False, "", "", 0.0, "not in the story"
        if signal_id == "quantified-result":
            if quantified_sentence:
                present, evidence, matched, credit = True, quantified_sentence, "a number", 1.0
                why = "the outcome has a number"
        elif signal_id == "first-person":
            if action_first_person and first_person_ratio >= 0.5 or (story and first_person_ratio >= 0.5):
                evidence = action_first_person or story[0].text
                present, matched, credit, why = True, "I", 1.0, "says what the candidate did, in the first person"
        elif signal_id == "lesson-learned" and lesson_sentence:
            present, evidence, matched, credit = True, lesson_sentence, "lesson", 1.0
            why = "closes with a specific lesson"
        if not present:
            concepts = [c for c in (compile_concept(str(e), vocabulary) for e in _as_list(raw.get("evidence"))) if c]
            for sentence in sentences:
                detail_here = specific[sentence.index]
                if detail_here.echo or sentence.kind == "heading":
                    continue
                for concept in concepts:
                    span = find_concept(concept, sentence)
                    if not span or (not concept.bad_thing and negated(sentence, span)):
                        continue
                    here = 1.0 if detail_here.score >= SPECIFIC_SENTENCE else 0.3
                    if here > credit:
                        matched = " ".join(sentence.tokens[span[0]:span[1]])
                        credit, evidence = here, sentence.text
                        why = (f"\"{matched}\" in a specific sentence ({', '.join(detail_here.reasons)})" if here == 1.0
                               else f"\"{matched}\" named in a generic sentence, with nothing specific")
                    break
            present = credit >= 1.0
            if credit > 0 and signal_id not in _GENERIC_SIGNALS:
                topic_hits += 1
        signals.append(Signal(signal_id, statement, present, evidence))
        signal_credit.append(credit)
        status = "covered" if credit >= 1.0 else "partly" if credit > 0 else "missed"
        signal_points.append(PointResult(signal_id, statement, 1.0, present, evidence, matched,
                                         "" if present else statement, status=status, credit=credit, why=why))
    signal_share = sum(signal_credit) / len(signal_credit) if signal_credit else structure

    for name in ("situation", "action"):
        for sentence in by_component[name]:
            if specific[sentence.index].score >= SPECIFIC_SENTENCE and _hits(rubric_star[name], sentence):
                topic_hits += 1
                break
    topic = min(1.0, topic_hits / TOPIC_HITS_FOR_FULL_RELEVANCE)
    topic_factor = MIN_RELEVANCE_FACTOR + (1 - MIN_RELEVANCE_FACTOR) * topic
    narrative = min(1.0, len(story) / STORY_SENTENCES)

    red_flags = []
    for raw in _as_list(rubric.get("red_flags")):
        if not isinstance(raw, dict):
            continue
        concepts = [c for c in (compile_concept(str(e), vocabulary) for e in _as_list(raw.get("evidence"))) if c]
        for sentence in sentences:
            spans = [(c, find_concept(c, sentence)) for c in concepts]
            hit = next(((c, span) for c, span in spans if span and _red_flag_applies(sentence, span)), None)
            if hit:
                red_flags.append({"id": str(raw.get("id") or "red-flag"), "statement": str(raw.get("statement") or ""),
                                  "evidence": sentence.text,
                                  "matched": " ".join(sentence.tokens[hit[1][0]:hit[1][1]])})
                break

    # On the question's subject: the share (or, for a long story, the number) of the answer's
    # content words that the question, its model answer and its rubric use too.
    from grader.freetext.rubric import _content

    subject = domain_stems([prompt or "", model_answer or ""] + reference
                           + [expectations[name] for name in COMPONENTS], vocabulary)
    subject_words = list(dict.fromkeys(stem for s in sentences for stem in _content(s, vocabulary) if len(stem) > 1))
    on_subject = sum(1 for stem in subject_words if stem in subject)
    share = on_subject / len(subject_words) if subject_words else 0.0
    subject_factor = max(min(1.0, max(0.0, (share - SUBJECT_FLOOR) / SUBJECT_SPAN)),
                         min(1.0, max(0.0, (on_subject - SUBJECT_WORDS_FLOOR) / SUBJECT_WORDS_SPAN)))
    topic_factor *= subject_factor
    penalty = min(MAX_RED_FLAG_PENALTY, RED_FLAG_PENALTY * len(red_flags))
    body = 0.35 * detail + 0.35 * structure + 0.3 * signal_share
    has_prose = any(s.real and not specific[s.index].echo and not is_term_list(s) for s in sentences)
    score = min(1.0, (ON_TOPIC_BASE * has_prose + body * narrative) * topic_factor) - penalty * narrative
    flags = []
    listed = sum(1 for s in sentences if is_term_list(s) or not s.real)
    if not sentences:
        flags.append("empty")
    elif listed >= len(sentences) / 2 and len(story) < 2:
        flags.append(KEYWORD_STUFFED)
        score *= STUFFED_FACTOR
    if sentences and subject_factor < 0.5:
        flags.append("off_topic")
    if sentences and len(story) < 2:
        flags.append("not_a_story")
    echoes = sum(1 for item in specific.values() if item.echo)
    if sentences and echoes >= len(sentences) / 2:
        flags.append("restates_question")
    generic = sum(1 for item in specific.values() if item.generic)
    if sentences and generic >= max(2, len(sentences) / 2):
        flags.append("generic")
    if sentences and story_words < 60:
        flags.append("short")
    checks["relevance"] = round(topic, 2)
    checks["on_subject_share"] = round(share, 3)
    checks["specificity"] = round(detail, 2)
    score = round(min(1.0, max(0.0, score)), 4)

    model_parts = _model_parts(model_answer, rubric_star)
    component_points = []
    for name in COMPONENTS:
        component = star[name]
        statement = expectations[name] or f"The {name} of the story."
        status = "covered" if component.score >= 0.6 else "partly" if component.score > 0.15 else "missed"
        best = max(by_component[name], key=lambda s: specific[s.index].score, default=None)
        why = ("no sentence does this" if best is None else
               "; ".join(specific[best.index].reasons) or "generic: nothing specific to this story")
        component_points.append(
            PointResult(
                id=name,
                statement=statement,
                weight=COMPONENT_WEIGHTS[name],
                covered=status == "covered",
                evidence=best.text if best is not None else "",
                matched="",
                hint="" if status == "covered" else (model_parts.get(name) or statement),
                status=status,
                credit=component.score,
                why=why,
            )
        )
    uncredited = [{"sentence": s.text, "reason": "restates the question" if specific[s.index].echo
                   else "generic: nothing specific to this story"}
                  for s in sentences if specific[s.index].echo or (specific[s.index].generic and s.real)]

    suggestions = _suggestions(
        sentences=sentences,
        star=star,
        expectations=expectations,
        checks=checks,
        signals=signals,
        red_flags=red_flags,
        style_stuffed=KEYWORD_STUFFED in flags,
        relevance=subject_factor,
        answer=answer or "",
    )
    if "generic" in flags or "not_a_story" in flags:
        suggestions.insert(0, "Tell one real story with its specifics: the system, the numbers, the names of what you "
                              "changed, and what you did yourself, in order.")
    grade = StarGrade(
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
    grade.uncredited = uncredited
    return grade


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
    if relevance < 0.5:
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
