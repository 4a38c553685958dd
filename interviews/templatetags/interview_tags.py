"""Filters for the interview pages: safe markdown, durations, scores and evidence highlighting."""

from __future__ import annotations

import re

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


@register.filter
def highlight(text: str | None, sentences) -> SafeString:
    """The candidate's answer, escaped, with every evidence sentence wrapped in <mark>."""
    escaped = str(escape(text or ""))
    wanted = sorted({str(escape(sentence.rstrip("…"))) for sentence in (sentences or []) if sentence and
                     len(sentence.strip()) > 3}, key=len, reverse=True)
    if wanted:
        pattern = re.compile("|".join(re.escape(sentence) for sentence in wanted))
        escaped = pattern.sub(lambda match: f"<mark>{match.group(0)}</mark>", escaped)
    return mark_safe(escaped)  # noqa: S308 (escaped above, only <mark> added)


@register.filter
def evidence_sentences(feedback: dict | None) -> list[str]:
    """Every sentence of a grade that counted as evidence (rubric points, signals, STAR parts)."""
    feedback = feedback or {}
    sentences = [point.get("evidence", "") for point in feedback.get("points", []) if point.get("covered")]
    sentences += [signal.get("evidence", "") for signal in feedback.get("signals", []) if signal.get("present")]
    for component in (feedback.get("star") or {}).values():
        sentences += component.get("evidence", [])
    return [sentence for sentence in sentences if sentence]


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)
