"""How a case exercises the candidate's module: the `call`, `calls` and `scenario` drivers.

This file runs inside the sandbox (in the child process of each case) and in the fast
in-process checks; it imports only the standard library. It never sees expected outputs:
it turns a case's *inputs* into an *observation* that the grader judges outside.

`run_case(module, case, scenarios)` returns either
``{"status": "ok", "value": <encoded>}`` or
``{"status": "exception", "exc_type": name, "exc_mro": [names], "message": str}``.
For the `calls` driver the value is a list with one entry per step:
``{"ok": <encoded>}`` or ``{"raises": name, "mro": [names], "message": str}``.
"""

from __future__ import annotations

import math

MAX_REPR = 200
MAX_DEPTH = 100


class FakeClock:
    """A clock the case drives: calling it returns the current fake time in seconds."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = float(start)

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += float(seconds)

    def __repr__(self) -> str:
        return f"FakeClock({self.now})"


def _substitute_clock(value, state: dict):
    """Replace every ``{"$clock": t}`` in a case's inputs by the case's fake clock."""
    if isinstance(value, dict):
        if set(value) == {"$clock"}:
            if "clock" not in state:
                state["clock"] = FakeClock(value["$clock"] or 0.0)
            return state["clock"]
        return {key: _substitute_clock(item, state) for key, item in value.items()}
    if isinstance(value, list):
        return [_substitute_clock(item, state) for item in value]
    return value


def encode(value, depth: int = 0):
    """Turn a returned value into JSON data, as documented in docs/BANK-FORMAT.md."""
    if depth > MAX_DEPTH:
        return {"$repr": "<nested too deeply>"}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        # Python refuses to print ints over 4300 digits; say what it was instead of failing.
        if value.bit_length() > 14_000:
            return {"$repr": f"<int of {value.bit_length()} bits>"}
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return {"$float": "nan"}
        if math.isinf(value):
            return {"$float": "inf" if value > 0 else "-inf"}
        return value
    if isinstance(value, tuple):   # kept apart from a list: {"$tuple": [...]} (docs/BANK-FORMAT.md)
        return {"$tuple": [encode(item, depth + 1) for item in value]}
    if isinstance(value, list):
        return [encode(item, depth + 1) for item in value]
    if isinstance(value, (set, frozenset)):
        items = list(value)
        try:
            items.sort()
        except TypeError:
            items.sort(key=repr)
        return [encode(item, depth + 1) for item in items]
    if isinstance(value, dict):
        return {str(key): encode(item, depth + 1) for key, item in value.items()}
    try:
        text = repr(value)
    except Exception:  # a hostile __repr__ must not take the harness down
        text = f"<unrepresentable {type(value).__name__}>"
    return {"$repr": text[:MAX_REPR]}


def _exception_fields(exc: BaseException) -> dict:
    try:
        message = str(exc)
    except Exception:
        message = "<unprintable message>"
    return {
        "exc_type": type(exc).__name__,
        "exc_mro": [cls.__name__ for cls in type(exc).__mro__],
        "message": message[:2000],
    }


def _resolve_target(module, name: str):
    target = module
    for part in name.split("."):
        target = getattr(target, part)
    return target


def _call(module, case: dict, state: dict):
    target = _resolve_target(module, case["target"])
    args = _substitute_clock(case.get("args") or [], state)
    kwargs = _substitute_clock(case.get("kwargs") or {}, state)
    return encode(target(*args, **kwargs))


def _calls(module, case: dict, state: dict):
    target = _resolve_target(module, case["target"])
    init = _substitute_clock(case.get("init") or [], state)
    init_kwargs = _substitute_clock(case.get("init_kwargs") or {}, state)
    obj = target(*init, **init_kwargs)
    outcomes = []
    for step in case.get("calls") or []:
        method, args = step[0], step[1] if len(step) > 1 else []
        kwargs = step[2] if len(step) > 2 else {}
        args = _substitute_clock(args, state)
        kwargs = _substitute_clock(kwargs, state)
        if method == "$advance":
            if "clock" not in state:
                state["clock"] = FakeClock(0.0)
            state["clock"].advance(*args)
            outcomes.append({"ok": None})
            continue
        try:
            outcomes.append({"ok": encode(getattr(obj, method)(*args, **kwargs))})
        except Exception as exc:  # the step's exception is part of the observation
            fields = _exception_fields(exc)
            outcomes.append(
                {"raises": fields["exc_type"], "mro": fields["exc_mro"], "message": fields["message"]}
            )
    return outcomes


def _scenario(module, case: dict, scenarios, state: dict):
    if scenarios is None:
        raise RuntimeError("this case needs scenarios.py, which the job did not include")
    function = getattr(scenarios, case["scenario"])
    params = _substitute_clock(case.get("params") or {}, state)
    return encode(function(module, **params))


def run_case(module, case: dict, scenarios=None) -> dict:
    """Exercise `module` with one case's inputs and return the observation payload."""
    driver = case.get("driver", "call")
    state: dict = {}
    try:
        if driver == "call":
            value = _call(module, case, state)
        elif driver == "calls":
            value = _calls(module, case, state)
        elif driver == "scenario":
            value = _scenario(module, case, scenarios, state)
        else:
            raise ValueError(f"unknown driver {driver!r}")
    except Exception as exc:
        return {"status": "exception", **_exception_fields(exc)}
    return {"status": "ok", "value": value}
