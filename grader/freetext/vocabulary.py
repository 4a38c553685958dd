"""The field's vocabulary (references/vocabulary.yaml) and matching concepts by meaning.

A rubric's evidence phrase becomes a `Concept`: its stems plus every variant the thesaurus
allows (an abbreviation, a product name, another spelling in place of one of its parts). A
concept is found in a sentence when all the stems of one variant occur within a short window,
in any order ("sharding the optimizer state" and "optimizer state sharding" alike), and it is
negated when a negation word governs it ("we don't use a cache").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from grader.freetext.text import Sentence, stems_of, tokenize

VOCABULARY_PATH = Path(__file__).resolve().parents[2] / "references" / "vocabulary.yaml"
WINDOW_SLACK = 3  # other words allowed inside a multi-word concept's window
MAX_VARIANTS = 48
_ARTICLES = frozenset({"a", "an", "the"})
NEGATIONS = frozenset(
    """
    not no never without don't doesn't didn't isn't aren't wasn't weren't won't can't cannot
    couldn't shouldn't nor neither none lacks lacking lack skip skipped
    """.split()
)
# A concept that names a bad thing is still evidence when negated: "no data loss",
# "without starvation", "never a single point of failure".
_BAD_THINGS = frozenset(
    stems_of(
        """
        loss lost failure failures fail starvation starve leak drift skew downtime bottleneck
        contention stale staleness poison duplicate duplicates hotspot hot spot straggler bubble
        overload outage leakage conflict conflicts error errors single point blocking race
        corruption regression regressions split brain thundering herd
        """.split()
    )
)


@dataclass(eq=False)
class Vocabulary:
    groups: tuple[tuple[tuple[str, ...], ...], ...]  # each group: its members as stem tuples
    generic: frozenset[str]  # stems
    generic_phrases: tuple[tuple[str, ...], ...]
    mechanism: frozenset[str]  # stems

    @cached_property
    def all_terms(self) -> frozenset[str]:
        """Every stem of every thesaurus entry that is not a generic word: the field's terms."""
        return frozenset(stem for group in self.groups for member in group for stem in member
                         if stem not in self.generic and len(stem) > 1)

    def groups_of(self, stems: set[str] | frozenset[str]) -> list[tuple[tuple[str, ...], ...]]:
        """The groups with a member whose stems all occur in `stems`."""
        return [group for group in self.groups if any(set(member) <= stems for member in group)]


def _phrase_stems(text: str) -> tuple[str, ...]:
    tokens = [token for token in tokenize(str(text)) if token not in _ARTICLES] or tokenize(str(text))
    return tuple(stems_of(tokens))


@lru_cache(maxsize=4)
def load_vocabulary(path: Path = VOCABULARY_PATH) -> Vocabulary:
    """Read the thesaurus; a missing file gives an empty vocabulary (the grader still works)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        data = {}
    groups = []
    for line in data.get("synonyms") or []:
        members = tuple(dict.fromkeys(stems for stems in (_phrase_stems(m) for m in line) if stems))
        if len(members) > 1:
            groups.append(members)
    generic = frozenset(stems_of(tokenize(str(data.get("generic") or ""))))
    phrases = tuple(stems for stems in (_phrase_stems(p) for p in data.get("generic_phrases") or []) if stems)
    mechanism = frozenset(stems_of(tokenize(str(data.get("mechanism") or ""))))
    return Vocabulary(tuple(groups), generic, phrases, mechanism)


@dataclass(frozen=True)
class Concept:
    text: str
    variants: tuple[tuple[str, ...], ...]
    bad_thing: bool  # negating it does not cancel it ("no data loss")


def _replace(sequence: tuple[str, ...], old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...] | None:
    for start in range(len(sequence) - len(old) + 1):
        if sequence[start : start + len(old)] == old:
            return sequence[:start] + new + sequence[start + len(old) :]
    return None


@lru_cache(maxsize=8192)
def compile_concept(text: str, vocabulary: Vocabulary | None = None) -> Concept | None:
    vocabulary = vocabulary or load_vocabulary()
    base = _phrase_stems(text)
    if not base:
        return None
    variants = [base]
    joined = re.sub(r"[^a-z0-9]", "", str(text).lower())
    if len(base) > 1 and joined.isalpha():
        variants.append(tuple(stems_of([joined])))
    for group in vocabulary.groups:
        for member in group:
            if not set(member) <= set(base):
                continue
            for other in group:
                if other == member:
                    continue
                replaced = _replace(base, member, other)
                if replaced and replaced not in variants:
                    variants.append(replaced)
            break
        if len(variants) >= MAX_VARIANTS:
            break
    bad = any(stem in _BAD_THINGS for stem in base)
    return Concept(str(text).strip().lower(), tuple(variants[:MAX_VARIANTS]), bad)


def _window(variant: tuple[str, ...], sentence: Sentence) -> tuple[int, int] | None:
    """The tightest span holding every stem of the variant, if short enough."""
    positions = sentence.positions
    if len(variant) == 1:
        start = positions[variant[0]][0]
        return start, start + 1
    limit = len(variant) + WINDOW_SLACK
    best = None
    for anchor in positions[variant[0]]:
        low = high = anchor
        for stem in variant[1:]:
            nearest = min(positions[stem], key=lambda position: abs(position - anchor))
            low, high = min(low, nearest), max(high, nearest)
        if high - low + 1 <= limit and (best is None or high - low < best[1] - best[0]):
            best = (low, high + 1)
    return best


def find_concept(concept: Concept, sentence: Sentence) -> tuple[int, int] | None:
    """The token span where one of the concept's variants occurs (any order), or None."""
    present = sentence.stem_set
    for variant in concept.variants:
        if set(variant) <= present:
            span = _window(variant, sentence)
            if span:
                return span
    return None


def negated(sentence: Sentence, span: tuple[int, int]) -> bool:
    """True when a negation word stands in the three words before the span (same clause)."""
    tokens = sentence.tokens
    for position in range(span[0] - 1, max(-1, span[0] - 4), -1):
        token = tokens[position]
        if token in ("but", "and", "which", "that", "because", "so"):
            return False
        if token in NEGATIONS:
            return True
    return False


def has_generic_phrase(sentence: Sentence, vocabulary: Vocabulary) -> str:
    """The first filler phrase ("worth remembering", "plays a key role") in the sentence, or ""."""
    stems = sentence.stems
    for phrase in vocabulary.generic_phrases:
        first = phrase[0]
        for start in sentence.positions.get(first, ()):
            if tuple(stems[start : start + len(phrase)]) == phrase:
                return " ".join(sentence.tokens[start : start + len(phrase)])
    return ""
