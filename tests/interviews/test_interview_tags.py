"""The template filters of the interview pages and the history charts' geometry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from interviews import charts
from interviews.templatetags.interview_tags import (
    clock,
    duration,
    evidence_sentences,
    highlight,
    markdown,
    percent,
)


def test_markdown_renders_fenced_code_and_lists() -> None:
    html = markdown("- one\n- two\n\n```python\nx = 1\n```")

    assert "<li>one</li>" in html and "<pre><code" in html and "x = 1" in html


def test_markdown_strips_scripts_handlers_and_javascript_links() -> None:
    html = markdown('<script>alert(1)</script><a href="javascript:alert(1)" onclick="x()">a</a>'
                    '<iframe src="https://evil"></iframe>[ok](https://example.com)')

    assert "<script" not in html and "onclick" not in html and "javascript:" not in html
    assert "<iframe" not in html
    assert 'href="https://example.com"' in html and "noopener" in html


def test_highlight_escapes_the_answer_and_marks_the_evidence() -> None:
    html = highlight("I fixed <b>it</b>. Then I measured 40% less latency.", ["Then I measured 40% less latency."])

    assert "&lt;b&gt;" in html
    assert "<mark>Then I measured 40% less latency.</mark>" in html


def test_highlight_finds_evidence_written_in_markdown() -> None:
    answer = "## Serving\n\n- We use **dynamic batching** to raise `GPU` utilisation.\n- Other things."

    html = highlight(answer, ["We use dynamic batching to raise GPU utilisation."])

    assert "<mark>We use **dynamic batching** to raise `GPU` utilisation.</mark>" in html
    assert html.startswith("## Serving") and "Other things." in html


def test_highlight_finds_evidence_across_wrapped_lines() -> None:
    answer = "First I rolled back the\nmodel, then I compared the   feature\r\n  distributions.\nDone."

    html = highlight(answer, ["First I rolled back the model, then I compared the feature distributions."])

    assert html == ("<mark>First I rolled back the\nmodel, then I compared the   feature\r\n  distributions.</mark>"
                    "\nDone.")


def test_highlight_matches_a_shortened_sentence_and_ignores_case_but_escapes_everything() -> None:
    answer = "Caching <script>x</script>: We Cache The Embeddings per user so repeat queries are cheap."

    html = highlight(answer, ["we cache the embeddings per user…", "", "ab"])

    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "<mark>We Cache The Embeddings per user</mark> so repeat" in html


def test_evidence_sentences_accept_lists_and_objects_as_evidence() -> None:
    feedback = {"points": [{"covered": True, "evidence": ["One sentence.", {"text": "Two sentences."}]}],
                "star": {"result": {"evidence": [{"sentence": "It worked."}]}, "note": "not a component"}}

    assert evidence_sentences(feedback) == ["One sentence.", "Two sentences.", "It worked."]


def test_evidence_sentences_come_from_points_signals_and_star() -> None:
    feedback = {"points": [{"covered": True, "evidence": "A."}, {"covered": False, "evidence": ""}],
                "signals": [{"present": True, "evidence": "B."}],
                "star": {"action": {"score": 1, "evidence": ["C."]}}}

    assert evidence_sentences(feedback) == ["A.", "B.", "C."]


def test_durations_clock_and_percent() -> None:
    assert duration(142) == "2 min 22 s" and duration(None) == "0 s" and duration(3700) == "1 h 1 min"
    assert clock(4500) == "75:00" and clock(9) == "0:09" and clock(-3) == "0:00"
    assert percent(0.756) == "76%" and percent(None) == ""


def test_score_lines_place_points_in_time_order_within_the_plot() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    chart = charts.score_lines({"dsa": [(start, 0.0, 1), (start + timedelta(days=1), 1.0, 2)]}, {"dsa": "DSA"})

    line = chart["lines"][0]
    first, last = line["dots"]
    assert first["x"] == chart["left"] and last["x"] == chart["right"]
    assert first["y"] == chart["bottom"] and last["y"] == chart["top"]
    assert [tick["label"] for tick in chart["ticks"]] == ["#1", "#2"]


def test_verdict_bars_scale_to_the_most_common_verdict() -> None:
    bars = charts.verdict_bars({"WA": 1, "AC": 3})

    assert [bar["verdict"] for bar in bars["bars"]] == ["AC", "WA"]
    assert bars["bars"][0]["length"] == pytest.approx(3 * bars["bars"][1]["length"], abs=0.2)
    assert bars["total"] == 4 and bars["bars"][0]["share"] == 75
