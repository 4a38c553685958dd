"""Next run time of a 5-field cron expression."""


def next_run(expression: str, after: str) -> str:
    """Return the earliest minute strictly after `after` matching `expression`.

    expression: "minute hour day-of-month month day-of-week"; items are *, N, N-M, */S, N-M/S,
    comma-separated. Day of week 0-7 with 0 and 7 = Sunday. If both day fields are not exactly
    "*", a day matches when either matches (OR); otherwise both must match.
    after: naive ISO-8601 string (datetime.fromisoformat); seconds are ignored except that the
    result is strictly later.
    Returns "YYYY-MM-DDTHH:MM:00".
    Raises ValueError for a malformed expression, a bad or time-zone-aware `after`, an expression
    that can never match, or no match before year 10000.
    Must not walk minute by minute: skip non-matching months and days.
    """
    raise NotImplementedError
