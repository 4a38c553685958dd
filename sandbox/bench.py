"""Sandbox benchmark: ``python -m sandbox.bench [--json] [--repeats N]``.

Medians over repeated runs, the variants measured side by side (interleaved, round-robin,
in one run), for two jobs:

(a) 10 trivial cases; (b) 10 cases of ~50 ms CPU each.

Variants: ``bare`` (the harness run directly on the host with sys.executable, no isolation:
the floor), ``pool`` (docker backend, warm pool of started containers), ``pool_created``
(docker backend, pool of created-but-not-started containers), ``cold`` (a plain
``docker run --rm -i`` per submission, same hardening flags). Then submissions per minute
through the warm pool with 1 and 2 concurrent jobs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import threading
import time

from . import imagebuild, seccomp
from .docker_backend import HARNESS_COMMAND, SHM_MB, TMPFS_MB, DockerBackend
from .execute import execute
from .process_backend import ProcessBackend
from .protocol import LineReader, encode_job
from .types import Job, Limits, Summary

TRIVIAL = "def add(a, b):\n    return a + b\n"
CPU = "def work(n):\n    total = 0\n    for i in range(n):\n        total += i * i\n    return total\n"


def job_a() -> Job:
    return Job(files={"solution.py": TRIVIAL},
               cases=[{"id": f"c{i}", "driver": "call", "target": "add", "args": [i, 1]} for i in range(10)],
               limits=Limits())


def job_b(n: int) -> Job:
    return Job(files={"solution.py": CPU},
               cases=[{"id": f"c{i}", "driver": "call", "target": "work", "args": [n]} for i in range(10)],
               limits=Limits())


def calibrate(target_ms: float = 50.0) -> int:
    """Loop count that takes ~target_ms of CPU in this interpreter (same as the image's 3.11)."""
    namespace: dict = {}
    exec(CPU, namespace)
    n = 100_000
    started = time.process_time()
    namespace["work"](n)
    spent = (time.process_time() - started) * 1000.0
    return max(1000, int(n * target_ms / max(spent, 0.1)))


def timed_run(backend, job: Job) -> float:
    started = time.perf_counter()
    items = list(execute(backend, job))
    elapsed = (time.perf_counter() - started) * 1000.0
    summary = items[-1]
    if not isinstance(summary, Summary) or summary.status != "completed" or any(
            o.status != "ok" for o in items[:-1]):
        raise RuntimeError(f"benchmark job failed: {items}")
    return elapsed


_SECCOMP_FILE: list[str] = []


def _seccomp_file() -> str:
    """The CLI takes the profile as a file: written once per run."""
    if not _SECCOMP_FILE:
        import tempfile

        handle = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        handle.write(seccomp.profile_json())
        handle.close()
        _SECCOMP_FILE.append(handle.name)
    return _SECCOMP_FILE[0]


def cold_run(image: str, job: Job) -> float:
    """A plain `docker run --rm -i` per submission, with the same hardening as the pool."""
    tmpfs = f"rw,noexec,nosuid,nodev,size={TMPFS_MB}m,mode=1777"
    limits = job.limits
    profile = _seccomp_file()
    argv = ["docker", "run", "--rm", "-i", "--network", "none", "--user", "0:0", "--cap-drop", "ALL",
            "--cap-add", "SETUID", "--cap-add", "SETGID", "--security-opt", f"seccomp={profile}",
            "--security-opt", "no-new-privileges:true", "--read-only", "--tmpfs", f"/work:{tmpfs}",
            "--tmpfs", f"/tmp:{tmpfs}", "--shm-size", f"{SHM_MB}m", "--ipc", "private",
            "--pids-limit", str(limits.processes + 8), "--memory", f"{limits.memory_mb + 256}m",
            "--memory-swap", f"{limits.memory_mb + 256}m", "--cpus", "1", "--ulimit", "nofile=256:256",
            "--ulimit", "core=0:0", "--init", "--log-opt", "max-size=256k", image, *HARNESS_COMMAND]
    nonce = "bench"
    payload = encode_job(nonce, job.files, job.entry, job.sandbox_cases(), limits.to_dict(), limits.total_wall_ms)
    started = time.perf_counter()
    proc = subprocess.run(argv, input=payload, capture_output=True, timeout=120)
    elapsed = (time.perf_counter() - started) * 1000.0
    records = LineReader(nonce).feed(proc.stdout)
    if not records or records[-1].get("t") != "end":
        raise RuntimeError(f"cold run failed: {proc.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def throughput(backend: DockerBackend, job: Job, concurrency: int, jobs_per_worker: int) -> float:
    backend.wait_ready(60)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(jobs_per_worker):
                timed_run(backend, job)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise errors[0]
    return concurrency * jobs_per_worker * 60.0 / elapsed


def measure(repeats: int, tput_jobs: int) -> dict:
    image = imagebuild.image_tag()
    bare = ProcessBackend(debug=True, isolation=False)
    pool = DockerBackend(pool_size=2, prestart=True)
    created = DockerBackend(pool_size=2, prestart=False)
    n = calibrate()
    jobs = {"a": job_a(), "b": job_b(n)}
    results: dict = {"repeats": repeats, "cpu_loop_n": n}
    try:
        for name, job in jobs.items():
            times: dict[str, list[float]] = {"bare": [], "pool": [], "pool_created": [], "cold": []}
            for variant in times:  # warm-up, not counted
                _one(variant, job, bare, pool, created, image)
            for _ in range(repeats):
                for variant in times:
                    if variant == "pool":
                        pool.wait_ready(60)
                        created.drain(60)
                    elif variant == "pool_created":
                        created.wait_ready(60)
                        pool.drain(60)
                    times[variant].append(_one(variant, job, bare, pool, created, image))
            for variant, values in times.items():
                results[f"{variant}_ms" if name == "a" else f"b_{variant}_ms"] = round(statistics.median(values), 1)
            prefix = "" if name == "a" else "b_"
            results[f"{prefix}pool_over_bare"] = round(results[f"{prefix}pool_ms"] / results[f"{prefix}bare_ms"], 3)
            results[f"{prefix}pool_over_cold"] = round(results[f"{prefix}pool_ms"] / results[f"{prefix}cold_ms"], 3)
            results[f"{prefix}pool_created_over_cold"] = round(
                results[f"{prefix}pool_created_ms"] / results[f"{prefix}cold_ms"], 3)
        created.close()
        for name, job in jobs.items():
            for concurrency in (1, 2):
                key = f"{'' if name == 'a' else 'b_'}pool_per_min_c{concurrency}"
                results[key] = round(throughput(pool, job, concurrency, tput_jobs), 1)
    finally:
        pool.close()
        created.close()
    return results


def _one(variant, job, bare, pool, created, image) -> float:
    if variant == "bare":
        return timed_run(bare, job)
    if variant == "pool":
        return timed_run(pool, job)
    if variant == "pool_created":
        return timed_run(created, job)
    return cold_run(image, job)


def table(results: dict) -> str:
    rows = [("job", "bare ms", "pool ms", "pool-created ms", "cold ms", "pool/bare", "pool/cold",
             "per min (1)", "per min (2)")]
    for name, prefix in (("(a) 10 trivial cases", ""), ("(b) 10 x ~50 ms CPU", "b_")):
        rows.append((name, results[f"{prefix}bare_ms"], results[f"{prefix}pool_ms"],
                     results[f"{prefix}pool_created_ms"], results[f"{prefix}cold_ms"],
                     results[f"{prefix}pool_over_bare"], results[f"{prefix}pool_over_cold"],
                     results[f"{prefix}pool_per_min_c1"], results[f"{prefix}pool_per_min_c2"]))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)) for row in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sandbox.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print one JSON object only")
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--throughput-jobs", type=int, default=10, help="jobs per concurrent worker")
    args = parser.parse_args(argv)
    results = measure(args.repeats, args.throughput_jobs)
    print(json.dumps(results, sort_keys=True))
    if not args.json:
        print()
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
