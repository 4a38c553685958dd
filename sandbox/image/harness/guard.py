"""Keeps a scenario's checks out of the candidate's reach, inside the case's process.

A scenario (``scenarios.py`` of a question) calls the candidate's code and checks what it did
(e.g. "the input is unchanged"). It runs in the candidate's interpreter, so:

- it is imported *before* the candidate's module, from a file the case's uid cannot write,
  and the function to run is taken then (a later ``sys.modules["scenarios"]`` or attribute
  swap changes nothing);
- the built-ins and every module the scenario's globals refer to are fingerprinted before the
  candidate's module is imported; they are checked again after the import and after the
  scenario returns: a candidate that patched them (``builtins.len = ...``,
  ``random.Random = ...``) gets an error, not a pass;
- an audit hook (it cannot be removed once added) refuses what reaches into another function's
  code or the process's memory: ``gc.get_objects/get_referrers/get_referents``,
  ``sys._current_frames``, ``sys.settrace/setprofile``, ``ctypes``, opening ``/proc/*/mem``,
  and replacing a scenario function's ``__code__``/defaults.

The residual risk (reading a scenario's frame through ``sys._getframe``/``f_back``, which the
standard library itself needs: logging, namedtuple) is in sandbox/README.md.
"""

from __future__ import annotations

import builtins
import sys
import types


class SandboxViolation(Exception):
    """The candidate's code reached for what the checks use."""


BLOCKED_EVENTS = frozenset({
    "gc.get_objects", "gc.get_referrers", "gc.get_referents", "sys._current_frames",
    "sys.settrace", "sys.setprofile", "sys._setprofileallthreads", "sys._settraceallthreads",
})


class Guard:
    def __init__(self, scenarios: types.ModuleType, name: str) -> None:
        function = getattr(scenarios, name, None)
        if not callable(function):
            raise RuntimeError(f"scenarios.py has no scenario {name!r}")
        self.function = function
        self.scenarios = scenarios
        self.watched: list[tuple[str, dict, dict, bool]] = [
            ("builtins", builtins.__dict__, dict(builtins.__dict__), False),
            ("scenarios", scenarios.__dict__, dict(scenarios.__dict__), True),
        ]
        seen = {id(builtins), id(scenarios)}
        for value in list(scenarios.__dict__.values()):
            module = value if isinstance(value, types.ModuleType) else sys.modules.get(
                getattr(value, "__module__", None) or "")
            if isinstance(module, types.ModuleType) and id(module) not in seen:
                seen.add(id(module))
                self.watched.append((module.__name__, module.__dict__, dict(module.__dict__), False))
        self.code = {id(f): (f.__code__, f.__defaults__, f.__kwdefaults__)
                     for f in scenarios.__dict__.values() if isinstance(f, types.FunctionType)}
        self.functions = [f for f in scenarios.__dict__.values() if isinstance(f, types.FunctionType)]
        self.protected = set(self.code)

    def install(self) -> None:
        protected = self.protected

        def hook(event: str, args: tuple) -> None:
            if event in BLOCKED_EVENTS or event.startswith("ctypes."):
                raise SandboxViolation(f"{event} is not allowed in a scenario case")
            if event == "open" and args and isinstance(args[0], str) and args[0].startswith("/proc/") \
                    and args[0].rstrip("/").endswith("/mem"):
                raise SandboxViolation("opening a process's memory is not allowed")
            if event == "object.__setattr__" and len(args) >= 2 and id(args[0]) in protected:
                raise SandboxViolation(f"changing a scenario function's {args[1]} is not allowed")

        sys.addaudithook(hook)

    def check(self, when: str) -> None:
        for name, live, snapshot, strict in self.watched:
            if strict and _plain(live) != _plain(snapshot):
                raise SandboxViolation(f"{name} was changed {when}")
            for key, value in snapshot.items():
                if not _dunder(key) and live.get(key, _MISSING) is not value:
                    raise SandboxViolation(f"{name}.{key} was replaced {when}")
        for function in self.functions:
            if (function.__code__, function.__defaults__, function.__kwdefaults__) != self.code[id(function)]:
                raise SandboxViolation(f"the scenario function {function.__name__} was changed {when}")


_MISSING = object()


def _dunder(key) -> bool:   # __warningregistry__ and friends change legitimately
    return isinstance(key, str) and key.startswith("__") and key.endswith("__")


def _plain(namespace: dict) -> set:
    return {key for key in namespace if not _dunder(key)}
