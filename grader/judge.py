"""Judging an observation against a case's expected outcome, outside the sandbox.

Pure functions, no Django: the grading task, the `grade` and `bank check` commands and the
fast in-process bank checks all use them. A case is a dict from `cases.yaml` (see
docs/BANK-FORMAT.md); an observation is the sandbox's per-case dict (`Observation.to_dict()`).
"""

from __future__ import annotations

import builtins
import json
import math
from collections import Counter
from dataclasses import dataclass

EXPECTATION_KEYS = frozenset({"expect", "raises", "compare", "tolerance", "description"})
DEFAULT_TOLERANCE = 1e-6

# Verdicts (grader.models.Verdict mirrors these values).
AC, WA, TLE, MLE, RE, OLE, CE, SE = "AC", "WA", "TLE", "MLE", "RE", "OLE", "CE", "SE"

STATUS_VERDICTS = {
    "timeout": TLE,
    "memory": MLE,
    "output_limit": OLE,
    "crashed": RE,
    "system_error": SE,
}


@dataclass(frozen=True)
class Judgement:
    verdict: str
    message: str = ""
    expected: object = None
    actual: object = None

    def to_dict(self) -> dict:
        return {
            "verdict": self.verdict,
            "message": self.message,
            "expected": self.expected,
            "actual": self.actual,
        }


def case_inputs(case: dict) -> dict:
    """The part of a case that may enter the sandbox: everything but the expected outcome."""
    return {key: value for key, value in case.items() if key not in EXPECTATION_KEYS and key != "sample"}


def short(value, limit: int = 300) -> str:
    text = json.dumps(value, sort_keys=True, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _numbers_close(expected, actual, tolerance: float) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    return math.isclose(expected, actual, rel_tol=tolerance, abs_tol=tolerance)


def values_equal(expected, actual, *, compare: str = "exact", tolerance: float = DEFAULT_TOLERANCE) -> bool:
    """Compare JSON values as the case says: exact, float (recursive tolerance) or unordered.

    Tuples come back as ``{"$tuple": [...]}``: an expected ``{"$tuple": [...]}`` requires a
    tuple, an expected plain list accepts a list or a tuple (see docs/BANK-FORMAT.md)."""
    strict = _mentions_tuple(expected)
    if not (strict and compare == "unordered"):   # unordered + tuples asked for: no pairing by position
        actual = _match_shape(expected, actual, strict=strict)
    return _equal(expected, actual, compare, tolerance)


def _equal(expected, actual, compare: str, tolerance: float) -> bool:
    if compare == "unordered":
        if _is_tuple(expected) and _is_tuple(actual):
            return _equal(expected[TUPLE], actual[TUPLE], compare, tolerance)
        if not isinstance(expected, list) or not isinstance(actual, list):
            return _equal(expected, actual, "exact", tolerance)
        return Counter(map(_canonical, expected)) == Counter(map(_canonical, actual))
    if compare == "float":
        if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
            return _numbers_close(expected, actual, tolerance)
        if isinstance(expected, list) and isinstance(actual, list):
            return len(expected) == len(actual) and all(
                _equal(e, a, "float", tolerance) for e, a in zip(expected, actual)
            )
        if isinstance(expected, dict) and isinstance(actual, dict):
            return expected.keys() == actual.keys() and all(
                _equal(expected[k], actual[k], "float", tolerance) for k in expected
            )
        return expected == actual
    return _canonical(expected) == _canonical(actual)


TUPLE = "$tuple"


def _is_tuple(value) -> bool:
    return isinstance(value, dict) and len(value) == 1 and isinstance(value.get(TUPLE), list)


def _mentions_tuple(value) -> bool:
    if _is_tuple(value):
        return True
    if isinstance(value, list):
        return any(_mentions_tuple(item) for item in value)
    if isinstance(value, dict):
        return any(_mentions_tuple(item) for item in value.values())
    return False


def _match_shape(expected, actual, *, strict: bool):
    """``actual`` with each ``{"$tuple": [...]}`` unwrapped to a list wherever the expected value
    does not ask for a tuple. ``strict=False`` (nothing expected is a tuple): unwrap them all."""
    if _is_tuple(actual):
        if strict and _is_tuple(expected):
            return {TUPLE: _match_shape(expected[TUPLE], actual[TUPLE], strict=True)}
        return _match_shape(expected, actual[TUPLE], strict=strict)
    if isinstance(actual, list):
        template = expected[TUPLE] if _is_tuple(expected) else expected
        template = template if isinstance(template, list) else []
        return [_match_shape(template[i] if i < len(template) else None, item, strict=strict)
                for i, item in enumerate(actual)]
    if isinstance(actual, dict):
        template = expected if isinstance(expected, dict) else {}
        return {key: _match_shape(template.get(key), item, strict=strict) for key, item in actual.items()}
    return actual


def _canonical(value) -> str:
    # bool and int differ in JSON (true vs 1); json.dumps keeps that distinction.
    return json.dumps(value, sort_keys=True)


def _raised_matches(expected_name: str, mro: list[str] | None, raised: str | None) -> bool:
    return expected_name == raised or expected_name in (mro or [])


def _judge_steps(case: dict, steps: list) -> Judgement:
    expected_steps = case.get("expect") or []
    compare = case.get("compare", "exact")
    tolerance = float(case.get("tolerance", DEFAULT_TOLERANCE))
    if len(steps) != len(expected_steps):
        return Judgement(WA, f"expected {len(expected_steps)} step results, got {len(steps)}",
                         expected_steps, steps)
    for index, (expected, outcome) in enumerate(zip(expected_steps, steps)):
        call = (case.get("calls") or [[None]])[index]
        label = f"step {index + 1} ({call[0]})"
        if isinstance(expected, dict) and set(expected) == {"raises"}:
            if "raises" not in outcome:
                return Judgement(WA, f"{label}: expected {expected['raises']} to be raised, "
                                 f"returned {short(outcome.get('ok'))}", expected, outcome.get("ok"))
            if not _raised_matches(expected["raises"], outcome.get("mro"), outcome["raises"]):
                return Judgement(WA, f"{label}: expected {expected['raises']}, raised "
                                 f"{outcome['raises']}: {outcome.get('message', '')}", expected, outcome)
            continue
        if "raises" in outcome:
            return Judgement(WA, f"{label}: raised {outcome['raises']}: {outcome.get('message', '')}",
                             expected, outcome)
        if not values_equal(expected, outcome.get("ok"), compare=compare, tolerance=tolerance):
            return Judgement(WA, f"{label}: expected {short(expected)}, got {short(outcome.get('ok'))}",
                             expected, outcome.get("ok"))
    return Judgement(AC)


def judge_case(case: dict, observation: dict) -> Judgement:
    """Decide the verdict of one case from the sandbox's observation of it.

    Never raises on a hostile observation: one nested too deeply to compare, or of a shape no
    driver produces, is that case's RE with a clear message."""
    try:
        return _judge_case(case, observation)
    except RecursionError:
        return Judgement(RE, "the returned value is nested too deeply to compare")
    except (TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
        return Judgement(RE, f"the case's result has a shape no driver produces ({type(exc).__name__})")


def _judge_case(case: dict, observation: dict) -> Judgement:
    status = observation.get("status")
    if status in STATUS_VERDICTS:
        verdict = STATUS_VERDICTS[status]
        return Judgement(verdict, observation.get("message") or status.replace("_", " "))
    if status == "exception":
        raised = observation.get("exc_type") or "Exception"
        detail = f"{raised}: {observation.get('message', '')}".strip()
        if observation.get("phase") == "import":
            return Judgement(CE, f"your module failed to import: {detail}")
        if "raises" in case:
            if _raised_matches(case["raises"], observation.get("exc_mro"), raised):
                return Judgement(AC)
            return Judgement(WA, f"expected {case['raises']} to be raised, got {detail}",
                             case["raises"], raised)
        return Judgement(RE, detail)
    if status != "ok":
        return Judgement(SE, f"unknown observation status {status!r}")
    actual = observation.get("value")
    if "raises" in case:
        return Judgement(WA, f"expected {case['raises']} to be raised, returned {short(actual)}",
                         case["raises"], actual)
    if case.get("driver") == "calls":
        if not isinstance(actual, list) or not all(isinstance(step, dict) for step in actual):
            return Judgement(RE, "the case's result is not a list of step outcomes (it was tampered with)")
        return _judge_steps(case, actual)
    expected = case.get("expect")
    compare = case.get("compare", "exact")
    tolerance = float(case.get("tolerance", DEFAULT_TOLERANCE))
    if values_equal(expected, actual, compare=compare, tolerance=tolerance):
        return Judgement(AC)
    return Judgement(WA, f"expected {short(expected)}, got {short(actual)}", expected, actual)


HIDDEN_TEXT = {
    AC: "",
    WA: "wrong answer on a hidden case",
    TLE: "time limit exceeded on a hidden case",
    MLE: "memory limit exceeded on a hidden case",
    RE: "runtime error on a hidden case",
    OLE: "output limit exceeded on a hidden case",
    CE: "your module failed to import",
    SE: "the sandbox failed (not your fault)",
}


def shown_message(case: dict, judgement: Judgement, observation: dict) -> str:
    """The message a candidate may see for this case.

    A sample case shows the judge's full message. A hidden case shows only its verdict, its
    description (stored separately) and the type of the exception raised: never its expected
    value, its input, its output, or any text the candidate's code produced while running it
    (an exception's message can carry the input)."""
    if case.get("sample"):
        return judgement.message
    text = HIDDEN_TEXT.get(judgement.verdict, "")
    raised = observation.get("exc_type") if observation.get("status") == "exception" else None
    if raised and judgement.verdict != AC:
        # A class name is the candidate's text too (it can spell the input): only built-in names.
        name = raised if raised in BUILTIN_EXCEPTIONS else "an exception class of your own"
        text = f"{text} ({name} raised)"
    return text


BUILTIN_EXCEPTIONS = frozenset(
    name for name, obj in vars(builtins).items() if isinstance(obj, type) and issubclass(obj, BaseException)
)
