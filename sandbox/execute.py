"""Drive one job through a backend: send it, stream observations back, recover, summarize.

A backend opens *sessions*: one fresh harness (a container, or a local process) that takes
exactly one job. This loop is the same for every backend:

- it sends the job (inputs only) and reads records until ``end``;
- it never relies on the stream ending: every read has a deadline (the case in flight's wall
  limit + grace, the job's total budget + grace), and on a deadline the session is killed;
- if the harness disappears or stops answering while a case runs (the case killed or
  stopped its parent, or the OOM killer took the harness), that case is reported
  ``crashed`` (``memory`` when the engine says the sandbox ran out of memory) and the
  remaining cases run in a new sandbox: a case costs that case, not the others;
- a sandbox that never accepts the job is retried twice, then the job ends in
  ``system_error``, as does a harness that dies between cases: never the candidate's fault.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Iterator
from typing import Protocol

from .protocol import MAX_DIAG, LineReader, encode_job
from .safety import safe_text
from .types import Job, Observation, Summary

log = logging.getLogger("sandbox")

ACCEPT_TIMEOUT_S = 15.0     # from sending the job to the harness saying "accepted"
CASE_GRACE_S = 6.0          # on top of a case's wall limit before the host steps in (the
                            # harness gives its supervisor 3 s, then reports the case crashed)
TOTAL_GRACE_S = 5.0         # on top of the job's total budget
STARTUP_RETRIES = 2
BUDGET_GONE = "the job's total time budget ran out before this case"


class Session(Protocol):
    ident: str

    def send(self, data: bytes) -> None: ...

    def read(self, timeout: float) -> tuple[str, bytes] | None:
        """("out" | "err", chunk), ("eof", b"") when the harness is gone, None on timeout."""

    def kill(self) -> None: ...

    def oom_killed(self) -> bool: ...

    def close(self) -> None: ...


class SessionFactory(Protocol):
    name: str

    def open(self, job: Job) -> Session: ...


def execute(backend: SessionFactory, job: Job) -> Iterator[Observation | Summary]:
    started = time.monotonic()
    limits = job.limits
    pending = job.sandbox_cases()
    by_id = {case["id"]: case for case in pending}
    total_deadline = started + limits.total_wall_ms / 1000.0 + TOTAL_GRACE_S
    cases_run = 0
    restarts = 0
    startup_failures = 0
    idents: list[str] = []
    problem = ""

    def summary(status: str, message: str = "") -> Summary:
        # Tests read this line from a worker's log to prove which backend graded (backend=docker).
        log.info("sandbox job done: backend=%s status=%s cases=%d restarts=%d",
                 backend.name, status, cases_run, restarts)
        return Summary(status=status, message=safe_text(message), cases_run=cases_run,
                       wall_ms=round((time.monotonic() - started) * 1000.0, 3),
                       backend=backend.name, restarts=restarts, sandbox_ids=list(idents))

    while pending:
        elapsed_ms = (time.monotonic() - started) * 1000.0
        remaining_ms = limits.total_wall_ms - elapsed_ms
        if remaining_ms <= 0 and restarts:
            for case in pending:
                cases_run += 1
                yield Observation(case["id"], "timeout", message=BUDGET_GONE)
            pending = []
            break
        nonce = secrets.token_hex(12)
        payload = encode_job(nonce, job.files, job.entry, pending, limits.to_dict(), max(remaining_ms, 1.0))
        try:
            session = backend.open(job)
        except Exception as exc:  # noqa: BLE001 - the machinery failed to give us a sandbox
            log.warning("sandbox: could not open a %s sandbox: %s", backend.name, exc)
            startup_failures += 1
            problem = f"could not start a sandbox: {type(exc).__name__}: {exc}"
            if startup_failures > STARTUP_RETRIES:
                break
            continue
        idents.append(session.ident)
        reader = LineReader(nonce)
        accepted = False
        ended = False
        retired = ""
        session_cases = 0
        inflight: str | None = None
        inflight_deadline = 0.0
        outcome = ""       # why the session ended early: "eof" | "case-timeout" | "total-timeout" | "accept-timeout"
        diag = bytearray()
        try:
            sent_at = time.monotonic()
            session.send(payload)
            while not ended and not retired:
                now = time.monotonic()
                deadline = total_deadline
                if not accepted:
                    deadline = min(deadline, sent_at + ACCEPT_TIMEOUT_S)
                if inflight is not None:
                    deadline = min(deadline, inflight_deadline)
                if now >= deadline:
                    outcome = ("accept-timeout" if not accepted else
                               "case-timeout" if inflight is not None and deadline == inflight_deadline else
                               "total-timeout")
                    break
                event = session.read(deadline - now)
                if event is None:
                    continue
                kind, data = event
                if kind == "eof":
                    outcome = "eof"
                    break
                if kind == "err":
                    if len(diag) < MAX_DIAG:
                        diag += data[: MAX_DIAG - len(diag)]
                    continue
                for record in reader.feed(data):
                    kind = record["t"]
                    if kind == "accepted":
                        accepted = True
                    elif kind == "start":
                        # Cases run in order: only the next pending case may start, one at a time.
                        case_id = record.get("case_id")
                        if inflight is None and pending and case_id == pending[0]["id"]:
                            inflight = case_id
                            case_wall_s = limits.case_wall_ms(by_id[case_id]) / 1000.0
                            inflight_deadline = time.monotonic() + case_wall_s + CASE_GRACE_S
                    elif kind == "obs":
                        # Accepted only for the case in flight, and only once.
                        case_id = record.get("case_id")
                        if inflight is None or case_id != inflight:
                            reader.garbage += 1
                            continue
                        observation = Observation.from_record(record)
                        pending = [c for c in pending if c["id"] != case_id]
                        inflight = None
                        cases_run += 1
                        session_cases += 1
                        yield observation
                    elif kind == "retire":
                        # The harness cannot give the next case a clean sandbox (a wipe failed,
                        # its case runner is gone): the remaining cases go to a fresh one.
                        retired = str(record.get("reason") or "")[:300]
                        break
                    elif kind == "end":
                        ended = True
                        break
            if not ended:
                session.kill()
        finally:
            oom = False
            if not ended and not retired:
                try:
                    oom = session.oom_killed()
                except Exception:  # noqa: BLE001
                    oom = False
            session.close()
        if retired and inflight is None:
            log.warning("sandbox: retired after %d case(s): %s", session_cases, retired)
            if session_cases == 0:
                startup_failures += 1
                problem = f"the sandbox retired before any case: {retired}"
                if startup_failures > STARTUP_RETRIES:
                    break
            else:
                restarts += 1
            continue
        if ended:
            if pending:  # the harness said "end" but skipped cases: machinery fault
                problem = f"the harness ended without reporting {len(pending)} case(s)"
                break
            continue
        diag_text = bytes(diag).decode("utf-8", "replace").strip()
        if not accepted:
            startup_failures += 1
            problem = f"the sandbox did not accept the job ({outcome}); {diag_text[-500:]}".strip()
            log.warning("sandbox: %s", problem)
            if startup_failures > STARTUP_RETRIES:
                break
            continue
        if inflight is not None:
            if oom:
                status, message = "memory", "the sandbox ran out of memory during this case"
            elif outcome == "total-timeout":
                status, message = "timeout", "the job's total time budget ran out during this case"
            elif outcome == "case-timeout":
                status, message = "crashed", ("the sandbox stopped answering during this case "
                                              "(its code stopped or killed the harness)")
            else:
                status, message = "crashed", ("the sandbox's harness was killed during this case "
                                              "(its code killed its parent or the whole sandbox)")
            pending = [c for c in pending if c["id"] != inflight]
            cases_run += 1
            yield Observation(inflight, status, message=message)
            if outcome == "total-timeout":
                for case in pending:
                    cases_run += 1
                    yield Observation(case["id"], "timeout", message=BUDGET_GONE)
                pending = []
                break
            restarts += 1
            continue
        problem = f"the harness stopped between cases ({outcome}); {diag_text[-500:]}".strip()
        log.warning("sandbox: %s", problem)
        break

    if pending:
        for case in pending:
            yield Observation(case["id"], "system_error", message=safe_text(problem or "the sandbox failed"))
        yield summary("system_error", problem or "the sandbox failed")
        return
    yield summary("completed")
