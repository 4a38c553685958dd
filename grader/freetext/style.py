"""Is the answer written in sentences, or is it a list of keywords?

A keyword list earns no evidence (only real sentences can), and an answer that is mostly one is
flagged `keyword_stuffed` so the graders can penalise it and say why.
"""

from __future__ import annotations

from dataclasses import dataclass

from grader.freetext.text import Sentence

KEYWORD_STUFFED = "keyword_stuffed"
KEYWORD_LIST = "keyword_list"


@dataclass
class Style:
    words: int
    real_words: int
    function_word_ratio: float
    comma_density: float
    keyword_hits_outside_sentences: int
    evidence_density: float
    stuffed: bool
    has_keyword_list: bool

    @property
    def real_share(self) -> float:
        return self.real_words / self.words if self.words else 0.0


def assess_style(
    sentences: list[Sentence],
    *,
    hits_outside_sentences: int,
    evidence_words_in_sentences: int,
    evidence_sentences: int = 0,
    explained_sentences: int = 0,
) -> Style:
    """Measure the answer's prose; headings are ignored (structure is not stuffing).

    `hits_outside_sentences`: distinct rubric points whose evidence appears in a fragment or
    bare list. `evidence_words_in_sentences`: words of real sentences that are evidence words.
    `evidence_sentences` / `explained_sentences`: real sentences holding evidence, and those of
    them with enough other content words to explain it ("We use X and Y." explains nothing).
    """
    body = [sentence for sentence in sentences if sentence.kind != "heading"]
    words = sum(sentence.n_words for sentence in body)
    real_words = sum(sentence.n_words for sentence in body if sentence.real)
    function_words = sum(sentence.function_words for sentence in body)
    commas = sum(sentence.text.count(",") + sentence.text.count(";") for sentence in body)
    fw_ratio = function_words / words if words else 0.0
    comma_density = commas / words if words else 0.0
    evidence_density = evidence_words_in_sentences / real_words if real_words else 0.0
    real_share = real_words / words if words else 0.0

    stuffed = False
    if words >= 8:
        mostly_fragments = real_share < 0.5 and (hits_outside_sentences >= 3 or fw_ratio < 0.2)
        no_grammar = fw_ratio < 0.15 and words >= 15
        listy = comma_density > 0.25 and fw_ratio < 0.25
        # Sentences that are nothing but evidence words glued together with "and"/"with".
        crammed = evidence_density > 0.5 and real_words >= 12
        unexplained = evidence_sentences >= 3 and explained_sentences < 0.4 * evidence_sentences
        stuffed = mostly_fragments or no_grammar or listy or crammed or unexplained
    return Style(
        words=words,
        real_words=real_words,
        function_word_ratio=round(fw_ratio, 3),
        comma_density=round(comma_density, 3),
        keyword_hits_outside_sentences=hits_outside_sentences,
        evidence_density=round(evidence_density, 3),
        stuffed=stuffed,
        has_keyword_list=not stuffed and hits_outside_sentences >= 3,
    )
