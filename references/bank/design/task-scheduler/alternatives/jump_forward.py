# alternative: bitmask fields and a normalising jump loop on a datetime (wrong month -> first of next month, wrong day -> next midnight, wrong hour -> next hour, wrong minute -> next minute).
from datetime import datetime, timedelta

_LIMITS = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
_DIGITS = "0123456789"
_MONTH_MAX = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _int(tok, lo, hi):
    if not tok or any(c not in _DIGITS for c in tok):
        raise ValueError("unknown token %r" % (tok,))
    v = int(tok)
    if not lo <= v <= hi:
        raise ValueError("out of range: %d" % v)
    return v


def _range(tok, lo, hi):
    if tok == "*":
        return lo, hi
    parts = tok.split("-")
    if len(parts) != 2:
        raise ValueError("bad range %r" % (tok,))
    a, b = _int(parts[0], lo, hi), _int(parts[1], lo, hi)
    if a > b:
        raise ValueError("reversed range %r" % (tok,))
    return a, b


def _mask(field, lo, hi):
    mask = 0
    for item in field.split(","):
        base, sep, step_s = item.partition("/")
        if sep:
            step = _int(step_s, 0, float("inf"))
            if step == 0:
                raise ValueError("step 0")
            a, b = _range(base, lo, hi)
        elif base == "*" or "-" in base:
            a, b = _range(base, lo, hi)
            step = 1
        else:
            a = b = _int(base, lo, hi)
            step = 1
        for v in range(a, b + 1, step):
            mask |= 1 << v
    return mask


def next_run(expression: str, after: str) -> str:
    if not isinstance(expression, str):
        raise ValueError("expression must be str")
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError("need five fields")
    mm, hm, dm, mo, wm = (_mask(f, lo, hi) for f, (lo, hi) in zip(fields, _LIMITS))
    if wm & (1 << 7):
        wm |= 1
    dom_star = fields[2] == "*"
    dow_star = fields[4] == "*"
    either = not dom_star and not dow_star
    if not dom_star and dow_star:
        possible = False
        for m in range(1, 13):
            if mo >> m & 1 and dm & ((1 << (_MONTH_MAX[m] + 1)) - 1):
                possible = True
                break
        if not possible:
            raise ValueError("never matches")

    if not isinstance(after, str):
        raise ValueError("after must be str")
    try:
        t = datetime.fromisoformat(after)
    except ValueError:
        raise ValueError("bad after")
    if t.tzinfo is not None:
        raise ValueError("after must not carry a time zone")
    try:
        t = t.replace(second=0, microsecond=0) + timedelta(minutes=1)
        while True:
            if not mo >> t.month & 1:
                if t.month == 12:
                    t = datetime(t.year + 1, 1, 1)
                else:
                    t = datetime(t.year, t.month + 1, 1)
                continue
            in_dom = dm >> t.day & 1
            in_dow = wm >> ((t.weekday() + 1) % 7) & 1
            day_ok = (in_dom or in_dow) if either else (in_dom and in_dow)
            if not day_ok:
                t = datetime(t.year, t.month, t.day) + timedelta(days=1)
                continue
            if not hm >> t.hour & 1:
                t = datetime(t.year, t.month, t.day, t.hour) + timedelta(hours=1)
                continue
            if not mm >> t.minute & 1:
                t += timedelta(minutes=1)
                continue
            return "%04d-%02d-%02dT%02d:%02d:00" % (t.year, t.month, t.day, t.hour, t.minute)
    except (OverflowError, ValueError):
        raise ValueError("no match before year 10000")
