"""Quick author's check of coding questions, without Docker: canonical vs mutants, in-process.

    python scripts/bank_localcheck.py [section/slug ...] [--repeat N]

Runs `solution.py`, every `mutants/*.py` and every `alternatives/*.py` of each question against
its `cases.yaml`, each
case in a fresh subprocess with the case's CPU limit (an rlimit plus a measured check) and a
wall limit, and judges the observations with grader.judge. Exits non-zero when a canonical
solution or an alternative fails a case, or a mutant passes every hidden case. This is NOT the sandbox: it is
the same drivers and judge without isolation, for authors iterating on content. The real
check is `python manage.py bank check`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.judge import AC, case_inputs, judge_case  # noqa: E402
from references.cases import load_cases  # noqa: E402

BANK = ROOT / "references" / "bank"

CHILD = r"""
import importlib.util, json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from drivers import run_case
request = json.loads(sys.stdin.read())
limit_s = request["case"]["time_limit_ms"] / 1000
soft = int(limit_s) + 2
resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 1))
mem = request["case"]["memory_mb"] * 1024 * 1024 + 256 * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
out = sys.stdout
sys.stdout = sys.stderr
try:
    module = load("solution", request["solution"])
except BaseException as exc:
    out.write(json.dumps({"status": "exception", "phase": "import", "exc_type": type(exc).__name__,
                          "exc_mro": [c.__name__ for c in type(exc).__mro__], "message": str(exc)}))
    sys.exit(0)
scenarios = load("scenarios", request["scenarios"]) if request["scenarios"] else None
start = time.process_time()
observation = run_case(module, request["case"], scenarios)
observation["cpu_ms"] = round((time.process_time() - start) * 1000)
observation["phase"] = "run"
out.write(json.dumps(observation))
out.flush()
import os
os._exit(0)
"""


def run_one(solution: Path, scenarios: Path | None, case: dict) -> dict:
    request = {"solution": str(solution), "scenarios": str(scenarios) if scenarios else None,
               "case": case_inputs(case)}
    wall_s = case["time_limit_ms"] * 3 / 1000 + 1
    try:
        completed = subprocess.run(
            [sys.executable, "-c", CHILD, str(ROOT / "sandbox" / "image" / "harness")],
            input=json.dumps(request), capture_output=True, text=True, timeout=wall_s,
        )
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "message": f"wall clock over {wall_s:.1f}s"}
    if completed.returncode != 0 or not completed.stdout.strip():
        if completed.returncode in (-9, -24):
            return {"status": "timeout", "message": "CPU limit (rlimit)"}
        tail = completed.stderr.strip().splitlines()[-3:]
        return {"status": "crashed", "message": f"exit {completed.returncode}: {' | '.join(tail)}"}
    observation = json.loads(completed.stdout)
    if observation.get("cpu_ms", 0) > case["time_limit_ms"]:
        return {"status": "timeout", "message": f"CPU {observation['cpu_ms']} ms over {case['time_limit_ms']} ms"}
    return observation


def check_folder(folder: Path, repeat: int) -> bool:
    name = folder.relative_to(BANK)
    cases = load_cases(folder / "cases.yaml")
    scenarios = folder / "scenarios.py"
    scenarios = scenarios if scenarios.exists() else None
    ok = True
    samples = sum(case["sample"] for case in cases)
    hidden = len(cases) - samples
    print(f"== {name}: {samples} sample, {hidden} hidden cases")
    if samples < 3 or hidden < 10:
        print("   !! need >= 3 sample and >= 10 hidden cases")
        ok = False
    slowest = (0, "")
    canonical_ok = True
    for case in cases:
        observation = run_one(folder / "solution.py", scenarios, case)
        judgement = judge_case(case, observation)
        cpu = observation.get("cpu_ms", 0)
        slowest = max(slowest, (cpu, case["id"]))
        if judgement.verdict != AC:
            ok = canonical_ok = False
            print(f"   canonical FAILS {case['id']}: {judgement.verdict} {judgement.message}")
    print(f"   canonical: {'all pass' if canonical_ok else 'FAILS'}; slowest case {slowest[1]} {slowest[0]} ms")
    mutants = sorted((folder / "mutants").glob("*.py"))
    if len(mutants) < 3:
        print(f"   !! only {len(mutants)} mutants (need >= 3)")
        ok = False
    for mutant in mutants:
        for attempt in range(repeat):
            killers = []
            for case in cases:
                if case["sample"]:
                    continue
                judgement = judge_case(case, run_one(mutant, scenarios, case))
                if judgement.verdict != AC:
                    killers.append(f"{case['id']}={judgement.verdict}")
            if not killers:
                ok = False
                print(f"   mutant {mutant.name}: SURVIVES (attempt {attempt + 1})")
                break
        else:
            print(f"   mutant {mutant.name}: killed by {', '.join(killers[:4])}"
                  + (f" (+{len(killers) - 4})" if len(killers) > 4 else ""))
    for alternative in sorted((folder / "alternatives").glob("*.py")):
        failures = []
        for case in cases:
            judgement = judge_case(case, run_one(alternative, scenarios, case))
            if judgement.verdict != AC:
                failures.append(f"{case['id']}={judgement.verdict}")
        if failures:
            ok = False
            print(f"   alternative {alternative.name}: NOT AC: {', '.join(failures[:4])}")
        else:
            print(f"   alternative {alternative.name}: AC")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("questions", nargs="*", help="section/slug; default: every coding folder")
    parser.add_argument("--repeat", type=int, default=1, help="run each mutant N times (flaky kills)")
    options = parser.parse_args()
    if options.questions:
        folders = [BANK / name for name in options.questions]
    else:
        folders = sorted(path.parent for path in BANK.glob("*/*/cases.yaml"))
    results = {}
    with tempfile.TemporaryDirectory():
        for folder in folders:
            try:
                results[folder] = check_folder(folder, options.repeat)
            except Exception as error:  # report and go on with the next folder
                print(f"== {folder.relative_to(BANK)}: ERROR {error}")
                results[folder] = False
    failed = [str(f.relative_to(BANK)) for f, passed in results.items() if not passed]
    print(f"\n{len(results) - len(failed)}/{len(results)} questions pass" +
          (f"; failing: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
