# mutant: numbers weekdays with date.weekday() (Monday = 0) instead of Sunday = 0
"""Next run time of a 5-field cron expression (canonical solution).

Walks forward a day at a time (skipping whole months that are not in the month field) and,
on a matching day, picks the first allowed hour and minute from the sorted sets, so a yearly
or leap-day schedule costs a few hundred steps instead of millions of minutes.
"""
from datetime import date, datetime, timedelta

# (low, high) per field: minute, hour, day of month, month, day of week (0 and 7 = Sunday)
_BOUNDS = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
# Feb 29 in a year divisible by 100 but not 400 (2100) stretches the gap to 8 years.
_SEARCH_YEARS = 9


def _parse_number(text: str, low: int, high: int) -> int:
    if not text.isdigit() or not text.isascii():
        raise ValueError(f"not a number: {text!r}")
    value = int(text)
    if not low <= value <= high:
        raise ValueError(f"{value} outside {low}-{high}")
    return value


def _parse_field(text: str, low: int, high: int) -> set[int]:
    values: set[int] = set()
    for item in text.split(","):
        base, slash, step_text = item.partition("/")
        if slash:
            if not step_text.isdigit() or not step_text.isascii() or int(step_text) < 1:
                raise ValueError(f"bad step in {item!r}")
            step = int(step_text)
        else:
            step = 1
        if base == "*":
            start, end = low, high
        elif "-" in base:
            start_text, _, end_text = base.partition("-")
            start = _parse_number(start_text, low, high)
            end = _parse_number(end_text, low, high)
            if start > end:
                raise ValueError(f"reversed range {item!r}")
        else:
            if slash:
                raise ValueError(f"a step needs * or a range: {item!r}")
            start = end = _parse_number(base, low, high)
        values.update(range(start, end + 1, step))
    return values


def parse(expression: str):
    if not isinstance(expression, str):
        raise ValueError("expression must be a str")
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError("expected 5 fields")
    minutes, hours, days, months, weekdays = (
        _parse_field(text, low, high) for text, (low, high) in zip(fields, _BOUNDS))
    weekdays = {0 if d == 7 else d for d in weekdays}
    day_restricted = fields[2] != "*"
    weekday_restricted = fields[4] != "*"
    return sorted(minutes), sorted(hours), days, months, weekdays, day_restricted, weekday_restricted


def _day_matches(day: date, days, weekdays, day_restricted, weekday_restricted) -> bool:
    in_days = day.day in days
    in_weekdays = day.weekday() in weekdays  # Sunday = 0
    if day_restricted and weekday_restricted:
        return in_days or in_weekdays
    return in_days and in_weekdays


def next_run(expression: str, after: str) -> str:
    minutes, hours, days, months, weekdays, day_restricted, weekday_restricted = parse(expression)
    if not isinstance(after, str):
        raise ValueError("after must be an ISO-8601 string")
    start = datetime.fromisoformat(after)
    if start.tzinfo is not None:
        raise ValueError("after must be naive (UTC)")
    try:
        start = start.replace(second=0, microsecond=0) + timedelta(minutes=1)
    except OverflowError:
        raise ValueError("no run time before year 10000") from None

    day = start.date()
    last_year = start.year + _SEARCH_YEARS
    first_day = True
    while day.year <= last_year:
        if day.month not in months:
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
            first_day = False
            continue
        if _day_matches(day, days, weekdays, day_restricted, weekday_restricted):
            hour_floor = start.hour if first_day else 0
            for hour in hours:
                if hour < hour_floor:
                    continue
                minute_floor = start.minute if first_day and hour == start.hour else 0
                for minute in minutes:
                    if minute >= minute_floor:
                        return datetime(day.year, day.month, day.day, hour, minute).isoformat()
        first_day = False
        if day == date.max:
            break
        day += timedelta(days=1)
    raise ValueError("the expression never matches")
