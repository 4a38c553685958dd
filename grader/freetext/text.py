"""Reading a free-text answer: markdown-aware sentences, stemmed tokens, phrase matching.

Everything the rubric and STAR graders know about the words of an answer comes from here, so
their evidence is always a whole sentence the candidate wrote. Pure Python (snowballstemmer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")

# English function words: prose is ~40-50% of these, a keyword list almost none.
FUNCTION_WORDS = frozenset(
    """
    a an the and or but nor so yet if then than because since while when whenever where
    whereas after before until unless although though as of to in on at by for from with
    without within into onto over under about above below between through during across
    against among around behind beyond per via up down out off again once
    i me my mine myself we us our ours ourselves you your yours he him his she her hers it
    its itself they them their theirs themselves this that these those who whom whose which
    what how why there here
    is am are was were be been being do does did doing done have has had having
    can could will would shall should may might must
    not no also just only very too more most less least much many some any each every
    all both either neither other another such same own few
    """.split()
)

# Auxiliaries, modals and subject pronouns: a sentence with one of these has a verb frame.
_FRAME_WORDS = frozenset(
    """
    is am are was were be been being do does did have has had can could will would shall
    should may might must i we you he she it they this that which who
    """.split()
)

# Common verbs (base forms) that technical prose uses; inflections are caught by the stem.
_VERB_STEMS = frozenset(
    _STEMMER.stemWords(
        """
        use make keep hold store send receive push pull compute handle avoid reduce increase
        decrease add remove run start stop fail retry restart route balance split merge
        write read serve scale grow shrink measure monitor track detect alert replicate
        shard partition cache evict expire lock wait block drop lose recover restore
        rollback roll deploy ship release build test check verify validate compare choose
        pick prefer need want require allow let give take get set put call return apply
        broadcast aggregate combine sum average update sync synchronize coordinate elect
        schedule queue batch process stream buffer flush compress encode decode hash sign
        encrypt authenticate authorize limit throttle reject accept forward proxy redirect
        depend mean cause lead prevent ensure guarantee provide support enable expose
        contain include consist become remain seem happen go come see know think say tell
        ask show find work move copy save spend cost cut lower raise double halve own
        decide propose wrote led fix debug profile investigate discover realize learn
        explain convince agree disagree escalate mitigate migrate refactor automate
        """.split()
    )
)

_ABBREVIATIONS = frozenset("e.g i.e etc vs approx cf dr mr mrs ms st no fig eq al resp incl esp".split())

_TOKEN = re.compile(r"\d+(?:\.\d+)?|[a-z]+(?:'[a-z]+)*|%|\$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)(?:[-*+•]|\d{1,3}[.)])\s+(.*)$")
_RULE = re.compile(r"^\s{0,3}(?:[-*_=]\s*){3,}$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SENTENCE_END = re.compile(r"([.!?]+)([\"')\]]*)\s+")
_LIST_SEPARATOR = re.compile(r"\s*(?:[,;/|•·]|\s(?:and|or|&|\+)\s)\s*")
_INLINE_RULES = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links
    (re.compile(r"`([^`]*)`"), r"\1"),  # inline code
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),  # italic
    (re.compile(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])"), r"\1"),
    (re.compile(r"<[^>]{1,80}>"), " "),  # html tags
)
_TRANSLATE = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": " - ",
        "\u00a0": " ",
        "\u2212": "-",
        "\u00d7": "x",
    }
)


_BRITISH = (
    (re.compile(r"isation(s?)$"), r"ization\1"),
    (re.compile(r"(?<=.{4})is(e|ed|es|ing)$"), r"iz\1"),
    (re.compile(r"(?<=.{3})ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"iour(s?)$"), r"ior\1"),
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball English stem, after folding British spellings (utilisation -> utilization)."""
    for pattern, replacement in _BRITISH:
        word = pattern.sub(replacement, word)
    return _STEMMER.stemWord(word)


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens; hyphenated words split into their parts, `%` and `$` kept."""
    return _TOKEN.findall(text.lower().translate(_TRANSLATE))


def stems_of(tokens: list[str]) -> list[str]:
    return [stem(token) for token in tokens]


def is_verbish(token: str) -> bool:
    if token in _FRAME_WORDS:
        return True
    if len(token) > 4 and (token.endswith("ed") or token.endswith("ing")):
        return True
    return stem(token) in _VERB_STEMS


@dataclass
class Sentence:
    """One sentence of an answer, with everything the graders measure on it."""

    index: int
    text: str
    kind: str  # heading | bullet | prose | table
    block: int  # sentences of one paragraph or bullet share a block number
    tokens: list[str] = field(default_factory=list)
    stems: list[str] = field(default_factory=list)
    function_words: int = 0
    verbish: bool = False
    is_list: bool = False

    n_words: int = 0

    @property
    def real(self) -> bool:
        """A sentence that can carry evidence: words in a clause, not a bare keyword list."""
        if self.kind == "heading" or self.n_words < 4 or self.is_list:
            return False
        if self.function_words == 0:
            return False
        return self.verbish or self.function_words / self.n_words >= 0.2

    stem_set: frozenset = frozenset()
    positions: dict = field(default_factory=dict)  # stem -> its token positions, ascending

    def __post_init__(self):
        self.n_words = sum(1 for token in self.tokens if token not in ("%", "$"))
        self.stem_set = frozenset(self.stems)
        for position, word in enumerate(self.stems):
            self.positions.setdefault(word, []).append(position)


def clean_inline(text: str) -> str:
    text = text.translate(_TRANSLATE)
    for pattern, replacement in _INLINE_RULES:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", text).strip(" \t>")


def _is_bare_list(text: str, tokens: list[str]) -> bool:
    """True when most words sit in short comma/and-separated items with no verb frame."""
    segments = [segment for segment in _LIST_SEPARATOR.split(text) if segment.strip()]
    if len(segments) < 4:
        return False
    listed = 0
    for segment in segments:
        words = tokenize(segment)
        if 0 < len(words) <= 3 and not any(word in FUNCTION_WORDS or word in _FRAME_WORDS for word in words):
            listed += len(words)
    return listed >= 0.6 * max(1, len(tokens))


def _split_block(text: str) -> list[str]:
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()].rsplit(" ", 1)[-1].lower().rstrip(".")
        if match.group(1) == "." and (before in _ABBREVIATIONS or len(before) == 1 and before.isalpha()):
            continue
        pieces.append(text[start : match.end()].strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


def _blocks(markdown: str):
    """Yield (kind, text) blocks: headings, bullets, table rows and paragraphs."""
    in_fence = False
    paragraph: list[str] = []
    current_kind = "prose"

    def flush():
        nonlocal paragraph
        if paragraph:
            yield current_kind, " ".join(paragraph)
        paragraph = []

    for raw in markdown.translate(_TRANSLATE).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if _FENCE.match(raw):
            in_fence = not in_fence
            yield from flush()
            continue
        if in_fence:
            continue
        line = raw.rstrip()
        if not line.strip():
            yield from flush()
            continue
        stripped = line.lstrip()
        while stripped.startswith(">"):
            stripped = stripped[1:].lstrip()
        if _RULE.match(stripped):
            # A setext underline makes the previous line a heading; otherwise a rule.
            if paragraph and len(paragraph) == 1 and stripped[0] in "=-":
                text, paragraph = paragraph[0], []
                yield "heading", text
            else:
                yield from flush()
            continue
        heading = _HEADING.match(stripped)
        if heading:
            yield from flush()
            yield "heading", heading.group(1)
            continue
        if stripped.startswith("|"):
            yield from flush()
            if not _TABLE_SEPARATOR.match(stripped):
                cells = [cell.strip() for cell in stripped.strip("|").split("|") if cell.strip()]
                yield "table", ": ".join(cells)
            continue
        bullet = _BULLET.match(stripped)
        if bullet:
            yield from flush()
            current_kind = "bullet"
            paragraph = [bullet.group(2)]
            continue
        if not paragraph:
            current_kind = "prose"
        paragraph.append(stripped)
    yield from flush()


def split_sentences(markdown: str) -> list[Sentence]:
    """Split an answer into sentences; headings, bullets and table rows are sentences too.

    Fenced code blocks are skipped: code is not prose and cannot evidence a spoken point.
    """
    sentences: list[Sentence] = []
    for block_number, (kind, raw_text) in enumerate(_blocks(markdown or "")):
        text = clean_inline(raw_text)
        if not text:
            continue
        for piece in _split_block(text) if kind != "heading" else [text]:
            tokens = tokenize(piece)
            if not tokens:
                continue
            sentence = Sentence(
                index=len(sentences),
                text=piece,
                kind=kind,
                block=block_number,
                tokens=tokens,
                stems=stems_of(tokens),
                function_words=sum(1 for token in tokens if token in FUNCTION_WORDS),
                verbish=any(is_verbish(token) for token in tokens),
            )
            sentence.is_list = _is_bare_list(piece, tokens)
            sentences.append(sentence)
    return sentences


# ---------------------------------------------------------------------------------------------
# Phrases


_ARTICLES = frozenset({"a", "an", "the"})
MAX_GAP = 2  # words the candidate may put between two words of an evidence phrase


@dataclass(frozen=True)
class Phrase:
    """An evidence phrase, as stems; `variants` also holds the hyphen-joined form."""

    text: str
    variants: tuple[tuple[str, ...], ...]
    needs: tuple[frozenset, ...] = ()  # each variant's stems as a set, for a fast first test


@lru_cache(maxsize=4096)
def compile_phrase(text: str) -> Phrase | None:
    text = str(text).strip().lower()
    tokens = tokenize(text)
    content = [token for token in tokens if token not in _ARTICLES] or tokens
    if not content:
        return None
    variants = [tuple(stems_of(content))]
    if "-" in text or " " in text:
        joined = re.sub(r"[^a-z0-9]", "", text)
        if joined and joined.isalpha() and len(content) > 1:
            variants.append((stem(joined),))
    return Phrase(text=text, variants=tuple(variants), needs=tuple(frozenset(v) for v in variants))


def find_phrase(phrase: Phrase, sentence: Sentence) -> tuple[int, int] | None:
    """Return the (start, end) token span where the phrase occurs in the sentence, or None.

    The phrase's stems must appear in order with at most MAX_GAP other words between two of
    them: "aggregating the gradients" matches "aggregate gradients".
    """
    stems = sentence.stems
    present = sentence.stem_set
    for variant, needs in zip(phrase.variants, phrase.needs, strict=False):
        if not needs <= present:
            continue
        if len(variant) == 1:
            start = sentence.positions[variant[0]][0]
            return start, start + 1
        for start in sentence.positions[variant[0]]:
            position, ok = start, True
            for part in variant[1:]:
                window = stems[position + 1 : position + 2 + MAX_GAP]
                if part not in window:
                    ok = False
                    break
                position = position + 1 + window.index(part)
            if ok:
                return start, position + 1
    return None


def content_stems(text: str, extra_stop: frozenset[str] = frozenset()) -> list[str]:
    """Stems of the content words of a text (no function words, no meta words)."""
    seen, result = set(), []
    for token in tokenize(text):
        if token in FUNCTION_WORDS or token in extra_stop or len(token) < 3 or token.isdigit():
            continue
        stemmed = stem(token)
        if stemmed not in seen:
            seen.add(stemmed)
            result.append(stemmed)
    return result


# ---------------------------------------------------------------------------------------------
# Numbers

_UNIT = (
    r"%|percent|x(?![a-z])|times|ms|msec|milliseconds?|µs|us|microseconds?|ns|s(?![a-z])|secs?|"
    r"seconds?|min(?:ute)?s?|h(?![a-z])|hrs?|hours?|days?|weeks?|months?|years?|"
    r"[kmgtp]i?b(?:/s|ps)?|bytes?|bits?|gbps|mbps|"
    r"qps|rps|tps|req(?:uest)?s?(?:/s| per second)?|ops|"
    r"gpus?|cpus?|cores?|nodes?|machines?|servers?|hosts?|workers?|replicas?|shards?|"
    r"partitions?|pods?|instances?|regions?|racks?|"
    r"k(?![a-z])|m(?![a-z])|b(?![a-z])|thousand|million|billion|trillion|"
    r"users?|customers?|tokens?|rows?|records?|events?|messages?|requests?|queries|"
    r"jobs?|tasks?|models?|params?|parameters?|engineers?|people|pages?|incidents?|tickets?|"
    r"dollars?|usd|eur|engineers?"
)
NUMBER_WITH_UNIT = re.compile(
    r"(?:[$€£]\s?\d[\d,]*(?:\.\d+)?\s*[kmb]?(?![a-z]))|"
    r"(?:(?<![\w.])\d[\d,]*(?:\.\d+)?\s*(?:-|to|–)?\s*(?:\d[\d,]*(?:\.\d+)?\s*)?(?:" + _UNIT + r"))",
    re.I,
)
ANY_NUMBER = re.compile(
    r"\d|\b(?:half|halved|doubled|tripled|twice|tenfold|two|three|four|five|six|seven|eight|"
    r"nine|ten|twenty|thirty|fifty|hundred|hundreds|thousands|millions|dozen)\b",
    re.I,
)


def numbers_with_units(text: str) -> list[str]:
    return [match.group(0).strip() for match in NUMBER_WITH_UNIT.finditer(text)]


class PhraseIndex:
    """Many phrases indexed by their first stem, so a sentence only tries the few that can match."""

    def __init__(self, phrases):
        self.phrases = [phrase for phrase in phrases if phrase]
        self._by_first: dict[str, list[int]] = {}
        for order, phrase in enumerate(self.phrases):
            for variant in phrase.variants:
                self._by_first.setdefault(variant[0], []).append(order)

    def hits(self, sentence: Sentence) -> list[Phrase]:
        """The phrases found in the sentence, in the index's order."""
        tried: set[int] = set()
        for word in sentence.stem_set & self._by_first.keys():
            tried.update(self._by_first[word])
        return [self.phrases[order] for order in sorted(tried) if find_phrase(self.phrases[order], sentence)]
