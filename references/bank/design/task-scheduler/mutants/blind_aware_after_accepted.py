# mutant: a time-zone-aware `after` is silently converted to naive instead of raising ValueError.
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
        a = a.replace(tzinfo=None)
    a = a.replace(second=0, microsecond=0)
    try:
        s = a + timedelta(minutes=1)
    except OverflowError:
        raise ValueError("no match before year 10000")

    def day_ok(y, m, d):
        dow = (calendar.weekday(y, m, d) + 1) % 7
        in_dom = d in doms
        in_dow = dow in dows
        if dom_r and dow_r:
            return in_dom or in_dow
        return in_dom and in_dow

    for y in range(s.year, 10000):
        for m in months:
            if y == s.year and m < s.month:
                continue
            ndays = calendar.monthrange(y, m)[1]
            first = s.day if (y == s.year and m == s.month) else 1
            for d in range(first, ndays + 1):
                if not day_ok(y, m, d):
                    continue
                if (y, m, d) == (s.year, s.month, s.day):
                    hi = bisect_left(hours, s.hour)
                    found = None
                    for h in hours[hi:]:
                        if h == s.hour:
                            mi = bisect_left(minutes, s.minute)
                            if mi < len(minutes):
                                found = (h, minutes[mi])
                                break
                        else:
                            found = (h, minutes[0])
                            break
                    if found is None:
                        continue
                    h, mn = found
                else:
                    h, mn = hours[0], minutes[0]
                return f"{y:04d}-{m:02d}-{d:02d}T{h:02d}:{mn:02d}:00"
    raise ValueError("no match before year 10000")
