"""`manage.py bank check`: every coding part's canonical solution, mutants and alternatives
through the real sandbox and judge (`grader.judging.judge_code`, the same path as the site).

A part passes when
- its canonical solution is AC on every case, in every one of `repeat` runs;
- every mutant (`mutants/*.py`, hand-written `*.py` and blind `blind_*.py`) fails at least one
  **hidden** case (any verdict but AC or SE), in every one of `repeat` runs;
- every alternative (`alternatives/*.py`, a correct solution with another algorithm) is AC on
  every case, in every one of `repeat` runs.

Programs run in parallel (`jobs` threads sharing one backend whose warm pool has `jobs`
sandboxes). The canonical solutions run first; their per-case CPU time then orders the hidden
cases of the mutants cheapest first, and a mutant's run stops at its first failing hidden case
(`full=True` runs every case and lists every killer). A run that ends in a system error is
retried once, then reported as an error (never as a kill). A canonical or alternative whose
only failures are wall-clock time-outs (CPU under its limit: a loaded machine) is re-run up to
twice before it counts as failing; a mutant is never re-run.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from grader.judge import AC, SE
from grader.judging import JudgedCase, JudgingSummary, judge_code
from references.loader import BANK_ROOT, BankError, CodingPart, read_bank

CANONICAL, MUTANT, ALTERNATIVE = "canonical", "mutant", "alternative"
BLIND_PREFIX = "blind_"


@dataclass
class RunResult:
    """One program's run against (some of) a part's cases."""

    verdicts: dict[str, str] = field(default_factory=dict)      # case id -> verdict
    cpu_ms: dict[str, int] = field(default_factory=dict)
    messages: dict[str, str] = field(default_factory=dict)
    error: str = ""                                              # the sandbox failed

    def failures(self, cases: list[dict], *, hidden_only: bool = False) -> list[str]:
        return [case["id"] for case in cases if case["id"] in self.verdicts
                and self.verdicts[case["id"]] not in (AC, SE)
                and not (hidden_only and case["sample"])]


def run_program(part: CodingPart, source: str, cases: list[dict], *, stop_at_failure: bool, backend=None,
                retries: int = 1) -> RunResult:
    """Run `source` on `cases` (in that order) through the sandbox and judge each observation."""
    for attempt in range(retries + 1):
        result = RunResult()
        events = judge_code(code=source, cases=cases, scenarios=part.scenarios, backend=backend)
        try:
            for event in events:
                if isinstance(event, JudgingSummary):
                    if event.system_error:
                        result.error = event.message or "the sandbox failed"
                    break
                assert isinstance(event, JudgedCase)
                case_id = event.case["id"]
                verdict = event.judgement.verdict
                result.verdicts[case_id] = verdict
                result.cpu_ms[case_id] = int(event.observation.get("cpu_ms") or 0)
                result.messages[case_id] = event.judgement.message
                if verdict == SE:
                    result.error = f"system error on case {case_id}: {event.judgement.message}"
                if stop_at_failure and verdict not in (AC, SE):
                    break
        finally:
            events.close()   # stops the sandbox session when we leave early
        if not result.error:
            return result
        if attempt < retries:
            time.sleep(0.5)
    return result


def _wall_clock_only(result: RunResult, failures: list[str]) -> bool:
    """Every failure is a wall-clock time-out (the CPU limit was not reached): on a loaded
    machine that is the machine, not the program, for a solution that must be AC."""
    return bool(failures) and all(result.verdicts[case_id] == "TLE" and "wall-clock" in result.messages.get(case_id, "")
                                  for case_id in failures)


def run_correct(part: CodingPart, source: str, cases: list[dict], *, stop_at_failure: bool, backend=None,
                wall_retries: int = 2) -> RunResult:
    """Run a program that must be AC (canonical, alternative); re-run it (up to `wall_retries`
    times) when its only failures are wall-clock time-outs."""
    result = run_program(part, source, cases, stop_at_failure=stop_at_failure, backend=backend)
    for _ in range(wall_retries):
        if result.error or not _wall_clock_only(result, result.failures(cases)):
            break
        time.sleep(1.0)
        result = run_program(part, source, cases, stop_at_failure=stop_at_failure, backend=backend)
    return result


@dataclass
class ProgramReport:
    kind: str
    name: str
    runs: int = 0
    passed_runs: int = 0          # canonical/alternative: AC runs; mutant: runs where it was killed
    killers: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.runs > 0 and self.passed_runs == self.runs

    def to_dict(self) -> dict:
        return {"kind": self.kind, "name": self.name, "runs": self.runs, "passed_runs": self.passed_runs,
                "killers": self.killers, "failures": self.failures, "errors": self.errors, "ok": self.ok}


@dataclass
class CheckRow:
    question: str
    canonical: str = ""
    canonical_failures: list[str] = field(default_factory=list)
    mutants_killed: int = 0
    mutants_total: int = 0
    survivors: list[str] = field(default_factory=list)
    blind_killed: int = 0
    blind_total: int = 0
    alternatives_ac: int = 0
    alternatives_total: int = 0
    alternatives_failed: list[str] = field(default_factory=list)
    slowest_case: str = ""
    slowest_ms: int = 0
    error: str = ""
    programs: list[ProgramReport] = field(default_factory=list)
    mutants_checked: bool = True

    @property
    def ok(self) -> bool:
        return (not self.error and self.canonical == AC and not self.survivors
                and (self.mutants_total >= 3 or not self.mutants_checked)
                and not self.alternatives_failed)

    def to_dict(self, *, programs: bool = False) -> dict:
        data = {key: value for key, value in self.__dict__.items() if key not in ("programs", "mutants_checked")}
        data["ok"] = self.ok
        if programs:
            data["programs"] = [program.to_dict() for program in self.programs]
        return data


def _hidden_cheapest_first(part: CodingPart, canonical: RunResult | None) -> list[dict]:
    hidden = [case for case in part.cases if not case["sample"]]
    if canonical is None:
        return hidden
    position = {case["id"]: index for index, case in enumerate(hidden)}
    return sorted(hidden, key=lambda case: (canonical.cpu_ms.get(case["id"], 10 ** 9), position[case["id"]]))


def check_bank(keys: list[str] | None = None, *, repeat: int = 1, jobs: int = 2, backend=None,
               full: bool = False, kinds: tuple[str, ...] = (CANONICAL, MUTANT, ALTERNATIVE),
               root: Path = BANK_ROOT, progress=None, programs: list[str] | None = None) -> list[CheckRow]:
    """Check the coding parts named by `keys` (default: all); one CheckRow per part.
    `programs`: only the mutants/alternatives whose file name matches one of these globs."""
    questions = read_bank(root, only=keys or None)
    unknown = sorted(set(keys or ()) - {question.key for question in questions})
    if unknown:
        raise BankError(f"no such question(s) in {root}: {', '.join(unknown)}")
    parts = [(question.key, question.coding) for question in questions if question.coding is not None]
    if keys and not parts:
        raise BankError(f"no coding part in: {', '.join(keys)}")
    rows = {key: CheckRow(question=key) for key, _ in parts}
    globs = programs or []
    lock = threading.Lock()
    canonical_runs: dict[str, RunResult] = {}

    def note(message: str) -> None:
        if progress:
            with lock:
                progress(message)

    def canonical_task(key: str, part: CodingPart, attempt: int) -> None:
        result = run_correct(part, part.solution, part.cases, stop_at_failure=False, backend=backend)
        with lock:
            row = rows[key]
            report = next((p for p in row.programs if p.kind == CANONICAL), None)
            if report is None:
                report = ProgramReport(CANONICAL, "solution.py")
                row.programs.insert(0, report)
            report.runs += 1
            failures = result.failures(part.cases)
            if result.error:
                report.errors.append(result.error)
            elif not failures and len(result.verdicts) == len(part.cases):
                report.passed_runs += 1
            for case_id in failures:
                entry = f"{case_id}={result.verdicts[case_id]}"
                if entry not in report.failures:
                    report.failures.append(entry)
            if attempt == 0 or key not in canonical_runs:
                canonical_runs[key] = result
        note(f"{key} canonical run {attempt + 1}: {'AC' if not failures and not result.error else 'FAIL'}")

    def other_task(key: str, part: CodingPart, kind: str, name: str, source: str, attempt: int) -> None:
        if kind == MUTANT:
            cases = _hidden_cheapest_first(part, canonical_runs.get(key))
            result = run_program(part, source, cases, stop_at_failure=not full, backend=backend)
            killers = result.failures(cases, hidden_only=True)
            good = bool(killers) and (not result.error or bool(killers))
        else:
            cases = part.cases
            result = run_correct(part, source, cases, stop_at_failure=not full, backend=backend)
            killers = result.failures(cases)
            good = not killers and not result.error and len(result.verdicts) == len(cases)
        with lock:
            report = next(p for p in rows[key].programs if p.kind == kind and p.name == name)
            report.runs += 1
            if kind == MUTANT:
                if killers:
                    report.passed_runs += 1
                    for case_id in killers:
                        entry = f"{case_id}={result.verdicts[case_id]}"
                        if entry not in report.killers:
                            report.killers.append(entry)
                elif result.error:
                    report.errors.append(result.error)
            else:
                if good:
                    report.passed_runs += 1
                elif result.error:
                    report.errors.append(result.error)
                for case_id in killers:
                    entry = f"{case_id}={result.verdicts[case_id]}: {result.messages.get(case_id, '')[:160]}"
                    if entry not in report.failures:
                        report.failures.append(entry)
        note(f"{key} {kind} {name} run {attempt + 1}: "
             + (("killed by " + ", ".join(killers[:3])) if kind == MUTANT and killers else
                "SURVIVED" if kind == MUTANT else "AC" if good else "FAIL"))

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        if CANONICAL in kinds:
            futures = [pool.submit(canonical_task, key, part, attempt)
                       for key, part in parts for attempt in range(repeat)]
            for future in futures:
                future.result()
        tasks = []
        for key, part in parts:
            programs = []
            if MUTANT in kinds:
                programs += [(MUTANT, name, source) for name, source in part.mutants.items()]
            if ALTERNATIVE in kinds:
                programs += [(ALTERNATIVE, name, source) for name, source in part.alternatives.items()]
            if globs:
                programs = [entry for entry in programs if any(fnmatch(entry[1], glob) for glob in globs)]
            for kind, name, _ in programs:
                rows[key].programs.append(ProgramReport(kind, name))
            tasks += [(key, part, kind, name, source, attempt)
                      for kind, name, source in programs for attempt in range(repeat)]
        # Mutants that time out are the slowest jobs: start every part's programs interleaved so
        # no single part's tail holds the pool at the end.
        futures = [pool.submit(other_task, *task) for task in tasks]
        for future in futures:
            future.result()

    for key, _part in parts:
        row = rows[key]
        row.mutants_checked = MUTANT in kinds and not globs
        canonical = next((p for p in row.programs if p.kind == CANONICAL), None)
        if canonical is not None:
            row.canonical = AC if canonical.ok else ("ERROR" if canonical.errors and not canonical.failures
                                                     else "FAIL")
            row.canonical_failures = list(canonical.failures)
            if canonical.errors:
                row.error = canonical.errors[0]
            first = canonical_runs.get(key)
            if first and first.cpu_ms:
                row.slowest_case, row.slowest_ms = max(first.cpu_ms.items(), key=lambda item: item[1])
        elif CANONICAL not in kinds:
            row.canonical = "skipped"
        for program in row.programs:
            if program.kind == MUTANT:
                row.mutants_total += 1
                blind = program.name.startswith(BLIND_PREFIX)
                row.blind_total += blind
                if program.ok:
                    row.mutants_killed += 1
                    row.blind_killed += blind
                else:
                    row.survivors.append(program.name + (f" (killed in {program.passed_runs}/{program.runs} runs)"
                                                         if program.passed_runs else "")
                                         + (f" [error: {program.errors[0]}]" if program.errors else ""))
            elif program.kind == ALTERNATIVE:
                row.alternatives_total += 1
                if program.ok:
                    row.alternatives_ac += 1
                else:
                    row.alternatives_failed.append(program.name + (f": {program.failures[0]}" if program.failures
                                                                   else f" [error: {program.errors[0]}]"
                                                                   if program.errors else ""))
        if CANONICAL not in kinds:
            row.canonical = AC   # not asked: do not fail the row on it
    return [rows[key] for key, _ in parts]


def totals(rows: list[CheckRow]) -> dict:
    return {
        "parts": len(rows),
        "parts_ok": sum(row.ok for row in rows),
        "mutants_killed": sum(row.mutants_killed for row in rows),
        "mutants_total": sum(row.mutants_total for row in rows),
        "blind_killed": sum(row.blind_killed for row in rows),
        "blind_total": sum(row.blind_total for row in rows),
        "alternatives_ac": sum(row.alternatives_ac for row in rows),
        "alternatives_total": sum(row.alternatives_total for row in rows),
    }
