"""Helpers for the sandbox tests (plain pytest: no Django, no database)."""

from __future__ import annotations

import os
import subprocess
import textwrap

from sandbox import Job, Limits, Observation, Summary, run

# Appended to every hostile module: the case after the attack calls it to look at what the
# attack left behind inside the same sandbox (processes, files in every writable folder).
PROBE = '''

def probe():
    import os
    me = os.getpid()
    ancestors = {1, me}          # our supervisor, the template, the harness, init
    pid = me
    while pid > 1:
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                raw = handle.read()
            pid = int(raw[raw.rindex(b")") + 2:].split()[1])
        except (OSError, ValueError):
            break
        ancestors.add(pid)
    procs = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) not in ancestors:
            try:
                with open(f"/proc/{entry}/comm") as handle:
                    procs.append(handle.read().strip())
            except OSError:
                pass
    def ls(path):
        try:
            return sorted(os.listdir(path))
        except OSError as exc:
            return type(exc).__name__
    return {"procs": procs, "tmp": ls(os.environ.get("TMPDIR", "/tmp")), "run": ls("."),
            "shm": ls("/dev/shm") if os.path.isdir("/dev/shm") and os.environ.get("TMPDIR") == "/tmp" else []}
'''
CLEAN = {"procs": [], "tmp": [], "run": [], "shm": []}


def call(case_id: str, target: str, *args, **extra) -> dict:
    return {"id": case_id, "driver": "call", "target": target, "args": list(args), **extra}


def run_job(backend, source: str, cases: list[dict], *, probe: bool = True, **limits):
    """Run a job; check the stream's shape; return ({case_id: Observation}, Summary)."""
    source = textwrap.dedent(source) + (PROBE if probe else "")
    limits.setdefault("time_limit_ms", 500)
    job = Job(files={"solution.py": source}, cases=cases, limits=Limits(**limits))
    items = list(run(job, backend))
    assert items and isinstance(items[-1], Summary), items
    assert all(isinstance(item, Observation) for item in items[:-1]), items
    observations = {item.case_id: item for item in items[:-1]}
    assert sorted(observations) == sorted(case["id"] for case in cases), items
    assert len(items) - 1 == len(cases), items
    return observations, items[-1]


def host_processes_matching(marker: str) -> list[str]:
    out = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if marker in line and "ps -eo" not in line]


def containers_exist(api, ids: list[str]) -> list[str]:
    left = []
    for cid in ids:
        if api.containers(all=True, filters={"id": cid}):
            left.append(cid)
    return left


def uid_name() -> str:
    return str(os.getuid())
