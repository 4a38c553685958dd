"""Running code through the sandbox and judging every observation: one path for all callers.

The grading task, `manage.py grade` and `manage.py bank check` all call `judge_code`, so a
verdict means the same thing everywhere. The expected outcome stays here; only the cases'
inputs (`case_inputs`) enter the sandbox.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import sandbox
from grader.judge import AC, SE, Judgement, case_inputs, judge_case


@dataclass
class JudgedCase:
    position: int
    case: dict
    observation: dict
    judgement: Judgement


@dataclass
class JudgingSummary:
    system_error: bool
    message: str
    cases_run: int


@lru_cache(maxsize=1)
def default_backend():
    """The sandbox backend from the settings, made once per process (it owns the warm pool)."""
    from django.conf import settings

    options = {"image": settings.SANDBOX_IMAGE} if settings.SANDBOX_IMAGE else {}
    return sandbox.get_backend(
        settings.SANDBOX_BACKEND,
        pool_size=settings.SANDBOX_POOL_SIZE,
        debug=settings.DEBUG,
        allow_process_in_production=settings.SANDBOX_ALLOW_PROCESS_IN_PRODUCTION,
        **options,
    )


def build_job(*, code: str, cases: list[dict], scenarios: str = "") -> sandbox.Job:
    files = {"solution.py": code}
    if scenarios:
        files["scenarios.py"] = scenarios
    return sandbox.Job(files=files, cases=[case_inputs(case) for case in cases], limits=sandbox.Limits())


def judge_code(*, code: str, cases: list[dict], scenarios: str = "", backend=None
               ) -> Iterator[JudgedCase | JudgingSummary]:
    """Yield a JudgedCase as each case finishes, then one JudgingSummary."""
    backend = backend if backend is not None else default_backend()
    by_id = {case["id"]: (position, case) for position, case in enumerate(cases)}
    seen = set()
    for event in sandbox.run(build_job(code=code, cases=cases, scenarios=scenarios), backend=backend):
        if isinstance(event, sandbox.Summary):
            system_error = event.status != "completed" or len(seen) != len(cases)
            message = event.message or ("" if not system_error else
                                        f"the sandbox reported {len(seen)} of {len(cases)} cases")
            yield JudgingSummary(system_error=system_error, message=message, cases_run=len(seen))
            return
        observation = event.to_dict()
        position, case = by_id[event.case_id]
        seen.add(event.case_id)
        yield JudgedCase(position, case, observation, judge_case(case, observation))
    yield JudgingSummary(system_error=True, message="the sandbox ended without a summary", cases_run=len(seen))


def overall_verdict(verdicts: list[str]) -> str:
    """AC when every case passes, else the verdict of the first case that did not."""
    return next((verdict for verdict in verdicts if verdict != AC), AC)


__all__ = ["AC", "SE", "JudgedCase", "JudgingSummary", "build_job", "default_backend", "judge_code",
           "overall_verdict"]
