"""Filters for the interview pages: safe markdown, durations, scores and evidence highlighting."""

from __future__ import annotations

import markdown as markdown_lib
import nh3
from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_MARKDOWN_EXTENSIONS = ["fenced_code", "tables", "sane_lists"]


@register.filter
def markdown(text: str | None) -> SafeString:
    """Markdown to HTML, then cleaned by nh3: prompts are our content, answers are the candidate's,
    and neither may inject script, styles or event handlers."""
    html = markdown_lib.markdown(text or "", extensions=_MARKDOWN_EXTENSIONS, output_format="html")
    return mark_safe(nh3.clean(html, link_rel="noopener noreferrer nofollow"))  # noqa: S308 (cleaned)


@register.filter
def duration(seconds) -> str:
    """142 → "2 min 22 s"; None/0 → "0 s"."""
    try:
        seconds = max(0, int(seconds or 0))
    except (TypeError, ValueError):
        return ""
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {seconds} s"
    return f"{seconds} s"


@register.filter
def clock(seconds) -> str:
    """Remaining seconds as the countdown shows them: 75:00, 0:09."""
    seconds = max(0, int(seconds or 0))
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}:{seconds:02d}"


@register.filter
def percent(score) -> str:
    """0.756 → "76%"; None → "" (the template says "grading…" itself)."""
    if score is None:
        return ""
    try:
        return f"{round(float(score) * 100)}%"
    except (TypeError, ValueError):
        return ""


@register.filter
def score_band(score) -> str:
    """A CSS class for a score: good, fair, weak or pending."""
    if score is None:
        return "pending"
    return "good" if score >= 0.75 else "fair" if score >= 0.4 else "weak"


# Markdown markup that the graders may drop from an evidence sentence ("**batching** helps" is
# evidenced as "batching helps"); matching ignores it, and runs of whitespace (wrapped lines).
_MARKUP = frozenset("*_`#>~[]\\")
_MIN_EVIDENCE_CHARS = 4


def _normalised(text: str) -> tuple[str, list[int]]:
    """The text lowercased, without markup, whitespace runs as one space; and for every character
    kept, its index in `text` (so a match maps back to the original)."""
    kept: list[str] = []
    origin: list[int] = []
    space_at = -1
    for index, char in enumerate(text):
        if char in _MARKUP:
            continue
        if char.isspace():
            if kept and space_at < 0:
                space_at = index
            continue
        if space_at >= 0:
            kept.append(" ")
            origin.append(space_at)
            space_at = -1
        lowered = char.lower()
        kept.append(lowered if len(lowered) == 1 else char)
        origin.append(index)
    return "".join(kept), origin


def evidence_spans(text: str, sentences) -> list[tuple[int, int]]:
    """Where each evidence sentence occurs in `text`, as sorted, merged (start, end) indices.

    A sentence matches whatever the markdown around it or the line breaks inside it; a trailing
    "…" (a shortened sentence) matches its beginning.
    """
    haystack, origin = _normalised(text)
    needles = {_normalised(str(sentence).strip().rstrip("…").strip())[0] for sentence in sentences or []}
    spans: list[tuple[int, int]] = []
    for needle in sorted((n for n in needles if len(n) >= _MIN_EVIDENCE_CHARS), key=len, reverse=True):
        start = haystack.find(needle)
        while start >= 0:
            end = start + len(needle)
            spans.append((origin[start], origin[end - 1] + 1))
            start = haystack.find(needle, end)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


@register.filter
def highlight(text: str | None, sentences) -> SafeString:
    """The candidate's answer, escaped, with every evidence sentence wrapped in <mark>."""
    text = text or ""
    pieces, position = [], 0
    for start, end in evidence_spans(text, sentences):
        pieces.append(str(escape(text[position:start])))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    pieces.append(str(escape(text[position:])))
    return mark_safe("".join(pieces))  # noqa: S308 (escaped above, only <mark> added)


def _texts(evidence) -> list[str]:
    """Evidence as the graders give it: a sentence, a list of them, or {"text"/"sentence": ...}."""
    if not evidence:
        return []
    if isinstance(evidence, str):
        return [evidence]
    if isinstance(evidence, dict):
        return _texts(evidence.get("text") or evidence.get("sentence") or evidence.get("evidence"))
    if isinstance(evidence, list | tuple):
        return [text for part in evidence for text in _texts(part)]
    return []


@register.filter
def evidence_sentences(feedback: dict | None) -> list[str]:
    """Every sentence of a grade that counted as evidence (rubric points, signals, STAR parts)."""
    feedback = feedback or {}
    sentences = [text for point in feedback.get("points", []) if point.get("covered")
                 for text in _texts(point.get("evidence"))]
    sentences += [text for signal in feedback.get("signals", []) if signal.get("present")
                  for text in _texts(signal.get("evidence"))]
    for component in (feedback.get("star") or {}).values():
        if isinstance(component, dict):
            sentences += _texts(component.get("evidence"))
    return sentences


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)
