"""Reading a coding question's `cases.yaml`: file-level defaults merged into every case.

Plain Python (PyYAML only), so the sandbox-side checks and scripts can use it without Django.
The format is documented in docs/BANK-FORMAT.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

DEFAULT_TIME_LIMIT_MS = 2000
DEFAULT_MEMORY_MB = 256
DRIVERS = ("call", "calls", "scenario")
CASE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FILE_DEFAULT_KEYS = ("target", "driver", "time_limit_ms", "memory_mb", "compare", "tolerance")


class CasesError(ValueError):
    """A malformed cases file; the message starts with `path:line:`."""


def _line_of(text: str, case_id: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.search(rf"\bid:\s*['\"]?{re.escape(case_id)}['\"]?\s*$", line):
            return number
    return 1


def load_cases(path: Path | str) -> list[dict]:
    """Every case of the file, with the file's defaults applied; raises CasesError."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise CasesError(f"{path}:{line}: invalid YAML: {getattr(error, 'problem', error)}") from None
    if not isinstance(document, dict) or not isinstance(document.get("cases"), list):
        raise CasesError(f"{path}:1: expected a mapping with a `cases:` list")
    defaults = {key: document[key] for key in FILE_DEFAULT_KEYS if key in document}
    defaults.setdefault("driver", "call")
    defaults.setdefault("time_limit_ms", DEFAULT_TIME_LIMIT_MS)
    defaults.setdefault("memory_mb", DEFAULT_MEMORY_MB)
    cases, seen = [], set()
    for index, raw in enumerate(document["cases"]):
        if not isinstance(raw, dict) or "id" not in raw:
            raise CasesError(f"{path}:1: case #{index + 1} is not a mapping with an `id`")
        case_id = str(raw["id"])
        line = _line_of(text, case_id)
        if not CASE_ID.match(case_id):
            raise CasesError(f"{path}:{line}: case id {case_id!r} must match [a-z0-9-]+")
        if case_id in seen:
            raise CasesError(f"{path}:{line}: duplicate case id {case_id!r}")
        seen.add(case_id)
        case = {**defaults, **raw, "id": case_id, "sample": bool(raw.get("sample", False))}
        problem = _case_problem(case)
        if problem:
            raise CasesError(f"{path}:{line}: case {case_id!r}: {problem}")
        cases.append(case)
    return cases


def _case_problem(case: dict) -> str | None:
    driver = case["driver"]
    if driver not in DRIVERS:
        return f"driver must be one of {', '.join(DRIVERS)}, got {driver!r}"
    if driver in ("call", "calls") and not case.get("target"):
        return "needs a `target` (the name in the candidate's module)"
    if driver == "scenario" and not case.get("scenario"):
        return "needs a `scenario` (a function name in scenarios.py)"
    if ("expect" in case) == ("raises" in case) and not (driver == "calls" and "expect" in case):
        return "needs exactly one of `expect` or `raises`"
    if driver == "calls" and "expect" in case:
        calls = case.get("calls") or []
        if not isinstance(case["expect"], list) or len(case["expect"]) != len(calls):
            return f"`expect` must list one result per call ({len(calls)} calls)"
    if case.get("compare", "exact") not in ("exact", "float", "unordered"):
        return "compare must be exact, float or unordered"
    for key in ("time_limit_ms", "memory_mb"):
        if not isinstance(case[key], int) or case[key] <= 0:
            return f"{key} must be a positive integer"
    return None
