"""Hints of a coding part: a ladder of three (approach -> data structure -> edge cases).

Kept as reviewed content beside the question: `references/bank/<section>/<slug>/hints.yaml`,
for every coding question and every concept/design question with a coding follow-up. Written
questions' hints are the `hint` of each rubric point (rubric.yaml), not this file.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from references.loader import BANK_ROOT, BankError

HINT_LEVELS = ("approach", "data structure", "edge cases")


def read_hints(path: Path) -> list[dict]:
    """The validated ladder of a hints.yaml: [{"level", "text"}] in HINT_LEVELS order; BankError otherwise."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise BankError(f"{path}:1: cannot read hints: {error}") from None
    hints = (document or {}).get("hints") if isinstance(document, dict) else None
    if not isinstance(hints, list) or [h.get("level") if isinstance(h, dict) else None for h in hints] \
            != list(HINT_LEVELS):
        raise BankError(f"{path}:1: `hints` must be a list of three, levels {', '.join(HINT_LEVELS)} in order")
    for hint in hints:
        if not isinstance(hint.get("text"), str) or len(hint["text"].strip()) < 20:
            raise BankError(f"{path}:1: the {hint['level']} hint needs a text (a sentence or two)")
    return [{"level": hint["level"], "text": " ".join(hint["text"].split())} for hint in hints]


@lru_cache(maxsize=256)
def _cached(path: str, mtime: float) -> tuple:
    return tuple(tuple(hint.items()) for hint in read_hints(Path(path)))


def coding_hints(*, section: str, slug: str, root: Path = BANK_ROOT) -> list[dict]:
    """The question's coding hints, or [] when it has none (a question without a coding part)."""
    path = root / section / slug / "hints.yaml"
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return []
    return [dict(hint) for hint in _cached(str(path), mtime)]
