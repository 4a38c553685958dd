# mutant: searches by stepping forward one minute at a time (correct results, but far too slow for yearly or leap-day schedules).
import calendar
import re
from bisect import bisect_left
from datetime import datetime, timedelta

_NUM = re.compile(r"[0-9]+")
_BOUNDS = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]


def _num(tok, lo, hi):
    if not _NUM.fullmatch(tok):
        raise ValueError(f"unknown token {tok!r}")
    v = int(tok)
    if v < lo or v > hi:
        raise ValueError(f"value {v} out of range {lo}-{hi}")
    return v


def _parse_field(text, lo, hi):
    values = set()
    for item in text.split(","):
        if "/" in item:
            base, step_s = item.split("/", 1)
            if not _NUM.fullmatch(step_s):
                raise ValueError(f"bad step {step_s!r}")
            step = int(step_s)
            if step < 1:
                raise ValueError("step must be >= 1")
            if base == "*":
                start, end = lo, hi
            elif "-" in base:
                a, b = base.split("-", 1)
                start, end = _num(a, lo, hi), _num(b, lo, hi)
                if start > end:
                    raise ValueError("reversed range")
            else:
                raise ValueError(f"step needs * or a range: {item!r}")
        else:
            step = 1
            if item == "*":
                start, end = lo, hi
            elif "-" in item:
                a, b = item.split("-", 1)
                start, end = _num(a, lo, hi), _num(b, lo, hi)
                if start > end:
                    raise ValueError("reversed range")
            else:
                start = end = _num(item, lo, hi)
        values.update(range(start, end + 1, step))
    return values


def _parse(expression):
    if not isinstance(expression, str):
        raise ValueError("expression must be a str")
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError("expected exactly five fields")
    sets = [_parse_field(f, lo, hi) for f, (lo, hi) in zip(fields, _BOUNDS)]
    minutes, hours, doms, months, dows = sets
    dows = {d % 7 for d in dows}
    dom_r = fields[2] != "*"
    dow_r = fields[4] != "*"
    return sorted(minutes), sorted(hours), doms, sorted(months), dows, dom_r, dow_r


def next_run(expression: str, after: str) -> str:
    minutes, hours, doms, months, dows, dom_r, dow_r = _parse(expression)
    if dom_r and not dow_r:
        # only the day-of-month field decides: it must exist in at least one allowed month
        if not any(d <= (29 if m == 2 else calendar.monthrange(2001, m)[1]) for m in months for d in doms):
            raise ValueError("expression can never match")
    try:
        if not isinstance(after, str):
            raise TypeError
        a = datetime.fromisoformat(after)
    except (TypeError, ValueError):
        raise ValueError(f"cannot parse {after!r}")
    if a.tzinfo is not None:
        raise ValueError("after must be naive")
    a = a.replace(second=0, microsecond=0)
    try:
        s = a + timedelta(minutes=1)
    except OverflowError:
        raise ValueError("no match before year 10000")

    t = s
    one = timedelta(minutes=1)
    msets = set(months)
    hsets = set(hours)
    minsets = set(minutes)
    while True:
        if t.month in msets and t.hour in hsets and t.minute in minsets:
            d = t.day
            dow = (t.weekday() + 1) % 7
            in_dom = d in doms
            in_dow = dow in dows
            ok = (in_dom or in_dow) if (dom_r and dow_r) else (in_dom and in_dow)
            if ok:
                return t.strftime("%Y-%m-%dT%H:%M:00") if t.year >= 1000 else \
                    f"{t.year:04d}-{t.month:02d}-{t.day:02d}T{t.hour:02d}:{t.minute:02d}:00"
        try:
            t = t + one
        except OverflowError:
            raise ValueError("no match before year 10000")
