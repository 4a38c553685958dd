"""The data the sandbox takes and gives back: Job, Limits, Observation, Summary."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from .safety import HostileValue, safe_text, safe_value

#: Statuses of an observation. ``system_error`` is the machinery's failure, never the candidate's.
STATUSES = ("ok", "exception", "timeout", "memory", "output_limit", "crashed", "system_error")
#: Keys of a case that may enter the sandbox. Expected outputs (expect, raises, compare,
#: tolerance) and anything else are dropped before the job leaves the host.
CASE_KEYS = ("id", "driver", "target", "args", "kwargs", "init", "init_kwargs", "calls",
             "scenario", "params", "time_limit_ms", "memory_mb")
MAX_MESSAGE = 2000
MAX_STREAM = 2 * 65536
FILE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}\.py$")


@dataclass(frozen=True)
class Limits:
    time_limit_ms: int = 2000      # CPU per case; wall per case = 3 x CPU + 1000
    memory_mb: int = 256           # address space per case, on top of the interpreter
    output_bytes: int = 65536      # per stream (stdout, stderr) per case
    processes: int = 64            # processes/threads in the sandbox
    total_wall_ms: int = 60000     # the whole job

    def for_case(self, case: dict) -> Limits:
        changes = {}
        for key in ("time_limit_ms", "memory_mb"):
            if case.get(key):
                changes[key] = int(case[key])
        return dataclasses.replace(self, **changes) if changes else self

    def case_wall_ms(self, case: dict) -> int:
        return 3 * self.for_case(case).time_limit_ms + 1000

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclass
class Job:
    files: dict[str, str]
    cases: list[dict]
    limits: Limits = field(default_factory=Limits)
    entry: str = "solution"

    def __post_init__(self) -> None:
        if not isinstance(self.files, dict) or f"{self.entry}.py" not in self.files:
            raise ValueError(f"the job's files must include {self.entry}.py")
        for name, text in self.files.items():
            if not FILE_NAME.match(name) or not isinstance(text, str):
                raise ValueError(f"bad file name or content: {name!r}")
        ids = [case.get("id") for case in self.cases]
        if len(set(ids)) != len(ids) or not all(isinstance(i, str) and i for i in ids):
            raise ValueError("every case needs a unique string id")

    def sandbox_cases(self) -> list[dict]:
        """The cases as they enter the sandbox: inputs only, never expected outputs."""
        return [{key: case[key] for key in CASE_KEYS if key in case} for case in self.cases]


@dataclass
class Observation:
    case_id: str
    status: str
    value: Any = None
    exc_type: str | None = None
    exc_mro: list[str] = field(default_factory=list)
    message: str = ""
    phase: str = "run"            # "import" | "run"
    stdout: str = ""
    stderr: str = ""
    stdout_truncated: bool = False
    stderr_truncated: bool = False
    cpu_ms: float = 0.0
    wall_ms: float = 0.0
    memory_kb: int = 0

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_record(cls, record: dict) -> Observation:
        """Build from a harness record, trusting nothing about its shape: every text is made
        safe to store (NUL, lone surrogates escaped) and bounded; a value nested too deeply or
        too large becomes this case's ``crashed`` / ``output_limit`` with a clear message."""
        status = record.get("status")
        if status not in STATUSES or status == "system_error":
            status = "crashed"
        mro = record.get("exc_mro")
        message = _text(record.get("message"), MAX_MESSAGE)
        value = record.get("value")
        try:
            value = safe_value(value)
        except HostileValue as exc:
            too_big = "items" in str(exc)
            status = "output_limit" if too_big else "crashed"
            message = f"the returned value was refused: {exc}"
            value = None
        return cls(
            case_id=_text(record.get("case_id"), 200),
            status=status,
            value=value,
            exc_type=_text(record["exc_type"], 200) if record.get("exc_type") else None,
            exc_mro=[_text(x, 200) for x in mro[:64]] if isinstance(mro, list) else [],
            message=message,
            phase="import" if record.get("phase") == "import" else "run",
            stdout=_text(record.get("stdout"), MAX_STREAM),
            stderr=_text(record.get("stderr"), MAX_STREAM),
            stdout_truncated=bool(record.get("stdout_truncated")),
            stderr_truncated=bool(record.get("stderr_truncated")),
            cpu_ms=_number(record.get("cpu_ms")),
            wall_ms=_number(record.get("wall_ms")),
            memory_kb=int(min(_number(record.get("memory_kb")), 1 << 40)),
        )


@dataclass
class Summary:
    status: str                   # "completed" | "system_error"
    message: str = ""
    cases_run: int = 0
    wall_ms: float = 0.0
    backend: str = ""             # which backend ran the job (informational)
    restarts: int = 0             # fresh sandboxes started after a case killed the harness
    sandbox_ids: list[str] = field(default_factory=list)   # containers / processes used

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def _number(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0.0
    value = float(value)
    if value != value or value < 0 or value > 1e12:   # NaN, negative, absurd
        return 0.0
    return value


def _text(value, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value) if isinstance(value, (int, float, bool)) else ""
    return safe_text(value[:limit])
