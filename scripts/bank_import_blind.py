"""Copy blind-written solutions into the bank (re-runnable; never overwrites a changed file silently).

    python scripts/bank_import_blind.py [BLIND_DIR] [--skip section/slug:name ...]

BLIND_DIR (default /work/blind-output/coding) holds `<section>--<slug>/wrong/*.py` (plausible
wrong solutions, first line `# mutant: ...`) and `<section>--<slug>/alternatives/*.py` (correct
solutions). Wrong ones become `references/bank/<section>/<slug>/mutants/blind_<name>.py`,
alternatives `references/bank/<section>/<slug>/alternatives/<name>.py`. Names listed in
references/bank/<section>/<slug>/blind-rejected.yaml (with the reason) are not imported.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BANK = ROOT / "references" / "bank"


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/blind-output/coding")
    added = 0
    for folder in sorted(p for p in source.iterdir() if p.is_dir() and "--" in p.name):
        section, slug = folder.name.split("--", 1)
        target = BANK / section / slug
        if not (target / "solution.py").is_file():
            print(f"skip {folder.name}: no coding part {section}/{slug}")
            continue
        rejected_file = target / "blind-rejected.yaml"
        rejected = set()
        if rejected_file.is_file():
            document = yaml.safe_load(rejected_file.read_text()) or {}
            rejected = {entry["file"] for entry in document.get("rejected", [])}
        for kind, sub, prefix in (("wrong", "mutants", "blind_"), ("alternatives", "alternatives", "")):
            for path in sorted((folder / kind).glob("*.py")):
                if f"{kind}/{path.name}" in rejected:
                    continue
                text = path.read_text(encoding="utf-8")
                if kind == "wrong" and not text.startswith("# mutant:"):
                    text = "# mutant: (blind, no description given)\n" + text
                dest = target / sub / f"{prefix}{path.name}"
                if dest.exists():
                    continue
                dest.parent.mkdir(exist_ok=True)
                dest.write_text(text, encoding="utf-8")
                added += 1
                print(f"added {dest.relative_to(ROOT)}")
    print(f"{added} file(s) added")
    return 0


if __name__ == "__main__":
    sys.exit(main())
