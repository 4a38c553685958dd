"""Compute the `expect` of generated cases from the canonical solution (differential cases).

    python scripts/bank_expect.py <section>/<slug> [...]

In a part's cases.yaml, a case written with `expect: {$canonical: true}` (inputs only: a
`calls` sequence, a `call`, or a seeded `scenario` workload) gets its expected value from
running `solution.py` on it, in a fresh subprocess through the same driver as the sandbox
(sandbox/image/harness/drivers.py). Steps of a `calls` case that raise become
`{raises: <ExceptionName>}`. The file is edited in place: only the marker line is replaced
by the computed `expect` (or `raises`) and `generated: canonical` (`--reset id,...` puts the
marker back first, to recompute). The canonical must be deterministic on these inputs
(fixed seeds, fake clock).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BANK = ROOT / "references" / "bank"
MARK = {"$canonical": True}

CHILD = r"""
import importlib.util, json, sys
sys.path.insert(0, sys.argv[1])
from drivers import run_case
request = json.loads(sys.stdin.read())
def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
out = sys.stdout
sys.stdout = sys.stderr
module = load("solution", request["solution"])
scenarios = load("scenarios", request["scenarios"]) if request["scenarios"] else None
out.write(json.dumps(run_case(module, request["case"], scenarios)))
"""


class Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


Dumper.add_representer(str, _str)


def canonical_value(folder: Path, case: dict, defaults: dict):
    full = {**defaults, **case}
    inputs = {k: full[k] for k in ("id", "driver", "target", "args", "kwargs", "init", "init_kwargs", "calls",
                                   "scenario", "params") if k in full}
    scenarios = folder / "scenarios.py"
    request = {"solution": str(folder / "solution.py"), "scenarios": str(scenarios) if scenarios.exists() else None,
               "case": inputs}
    done = subprocess.run([sys.executable, "-c", CHILD, str(ROOT / "sandbox" / "image" / "harness")],
                          input=json.dumps(request), capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"{folder.name}/{case['id']}: the canonical crashed: {done.stderr[-2000:]}")
    observation = json.loads(done.stdout)
    if observation["status"] == "exception":
        return None, observation["exc_type"]
    value = observation["value"]
    if full.get("driver") == "calls":
        value = [step["ok"] if "ok" in step else {"raises": step["raises"]} for step in value]
    return value, None


def reset(path: Path, ids: set[str]) -> None:
    """Put the marker back in place of the computed expect of the cases `ids` (generated ones only)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out, current, skipping = [], None, None
    for line in lines:
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if stripped.startswith("- id:"):
            current = stripped.split(":", 1)[1].strip().strip("'\"")
            skipping = None
        if skipping is not None:
            if indent > skipping:
                continue
            if stripped == "generated: canonical":
                skipping = None
                continue
            skipping = None
        if current in ids and (stripped.startswith("expect:") or stripped.startswith("raises:")):
            out.append(" " * indent + "expect: {$canonical: true}\n")
            skipping = indent
            continue
        out.append(line)
    path.write_text("".join(out), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("questions", nargs="+")
    parser.add_argument("--reset", default="", help="comma-separated case ids whose generated expect is recomputed")
    options = parser.parse_args()
    for key in options.questions:
        folder = BANK / key
        path = folder / "cases.yaml"
        if options.reset:
            reset(path, set(options.reset.split(",")))
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        defaults = {k: document[k] for k in ("target", "driver") if k in document}
        defaults.setdefault("driver", "call")
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        markers = [n for n, line in enumerate(lines) if line.strip() in ("expect: {$canonical: true}",
                                                                          "expect: {'$canonical': true}")]
        todo = [case for case in document["cases"] if case.get("expect") == MARK]
        if len(markers) != len(todo):
            raise SystemExit(f"{path}: write the marker exactly as `expect: {{$canonical: true}}` on its own line")
        changed = 0
        for line_no, case in reversed(list(zip(markers, todo))):
            value, raised = canonical_value(folder, case, defaults)
            if raised:
                print(f"  note: {case['id']}: the canonical raises {raised} (written as `raises:`)")
            indent = lines[line_no][: len(lines[line_no]) - len(lines[line_no].lstrip())]
            body = {"raises": raised} if raised else {"expect": value}
            body["generated"] = "canonical"
            dumped = yaml.dump(body, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=110,
                               default_flow_style=None)
            if dumped.startswith("{"):   # a mapping of scalars comes out in flow style: not as lines
                dumped = yaml.dump(body, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=110,
                                   default_flow_style=False)
            lines[line_no:line_no + 1] = [indent + line + "\n" for line in dumped.splitlines()]
            changed += 1
        if changed:
            path.write_text("".join(lines), encoding="utf-8")
        print(f"{key}: {changed} case(s) computed from solution.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
