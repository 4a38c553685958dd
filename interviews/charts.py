"""Inline SVG charts for the history page, drawn on the server: geometry only, the template
draws. Every chart also has a text alternative (the template renders its data as a table).
"""

from __future__ import annotations

from datetime import datetime

# Distinct hues with at least 3:1 contrast on white, plus a dash pattern each, so series are
# told apart without relying on colour alone.
SERIES_STYLES = [
    ("#1d4ed8", ""), ("#b42318", "6 3"), ("#05603a", "2 3"), ("#7e22ce", "8 3 2 3"), ("#b45309", "1 2"),
]
VERDICT_COLOURS = {
    "AC": "#05603a", "WA": "#b42318", "TLE": "#b45309", "MLE": "#9a3412", "RE": "#7e22ce",
    "OLE": "#4f5863", "CE": "#1e3a8a", "SE": "#4f5863",
}


def score_lines(series: dict[str, list[tuple[datetime, float, int]]], names: dict[str, str], *,
                width: int = 640, height: int = 260) -> dict:
    """Score (0..1) per section over the candidate's finished interviews, one polyline each."""
    left, right, top, bottom = 44, 16, 14, 34
    plot_width, plot_height = width - left - right, height - top - bottom
    # The x axis is the interview's rank in time: evenly spaced, readable with few points.
    started = sorted({started_at for points in series.values() for started_at, _, _ in points})
    rank = {started_at: index for index, started_at in enumerate(started)}
    steps = max(1, len(started) - 1)

    def x_of(started_at: datetime) -> float:
        if len(started) == 1:
            return left + plot_width / 2
        return round(left + plot_width * rank[started_at] / steps, 1)

    def y_of(score: float) -> float:
        return round(top + plot_height * (1 - max(0.0, min(1.0, score))), 1)

    lines = []
    for index, (section, points) in enumerate(sorted(series.items())):
        colour, dash = SERIES_STYLES[index % len(SERIES_STYLES)]
        dots = [{"x": x_of(started_at), "y": y_of(score), "score": score, "started_at": started_at,
                 "interview_id": interview_id} for started_at, score, interview_id in points]
        lines.append({"section": section, "name": names.get(section, section), "colour": colour, "dash": dash,
                      "points": " ".join(f"{dot['x']},{dot['y']}" for dot in dots), "dots": dots})
    grid = [{"y": y_of(value / 100), "label": f"{value}%"} for value in (0, 25, 50, 75, 100)]
    ticks = [{"x": x_of(started_at), "label": f"#{index + 1}", "started_at": started_at}
             for index, started_at in enumerate(started)]
    return {"width": width, "height": height, "left": left, "right": width - right, "top": top,
            "bottom": height - bottom, "lines": lines, "grid": grid, "ticks": ticks, "empty": not started}


def verdict_bars(verdicts: dict[str, int], *, width: int = 640, bar_height: int = 26) -> dict:
    """How many final submissions ended in each verdict, as horizontal bars."""
    label_width, gap, right = 56, 8, 64
    order = ["AC", "WA", "TLE", "MLE", "RE", "OLE", "CE", "SE"]
    rows = [(verdict, verdicts[verdict]) for verdict in order if verdicts.get(verdict)]
    rows += [(verdict, count) for verdict, count in sorted(verdicts.items()) if verdict not in order and count]
    total = sum(count for _, count in rows)
    most = max((count for _, count in rows), default=1)
    bars = []
    for index, (verdict, count) in enumerate(rows):
        length = round((width - label_width - right) * count / most, 1)
        bars.append({"verdict": verdict, "count": count, "share": round(100 * count / total) if total else 0,
                     "y": index * (bar_height + gap), "x": label_width, "length": max(length, 2),
                     "label_x": round(label_width + max(length, 2) + 6, 1),
                     "colour": VERDICT_COLOURS.get(verdict, "#4f5863"), "bar_height": bar_height})
    return {"width": width, "height": max(1, len(rows)) * (bar_height + gap), "bars": bars, "total": total,
            "label_width": label_width}
