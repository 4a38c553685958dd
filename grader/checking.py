"""Grading outside an interview: a file against a question (`manage.py grade`) and the whole
bank's canonical solutions and mutants (`manage.py bank check`). Both go through
`grader.judging.judge_code`, the same sandbox and judge as the site.
"""

from __future__ import annotations

from pathlib import Path

from grader.freetext import grade_text
from grader.judge import AC, shown_message
from grader.judging import JudgedCase, JudgingSummary, default_backend, judge_code, overall_verdict
from references.loader import BANK_ROOT, CodingPart, QuestionContent, read_question
from sandbox.safety import safe_text


class CheckError(Exception):
    """Grading could not be done (unknown question, unreadable file, sandbox failure)."""


def load_question(key: str, root: Path = BANK_ROOT) -> QuestionContent:
    folder = root / key
    if key.count("/") != 1 or not (folder / "question.md").is_file():
        raise CheckError(f"no question {key!r}: expected <section>/<slug> under {root}")
    return read_question(folder)


def grade_code(part: CodingPart, code: str, *, sample_only: bool = False, backend=None,
               reveal_hidden: bool = True) -> dict:
    """Grade code on a coding part. ``reveal_hidden=False`` shows hidden cases as the site does
    (verdict, description, built-in exception type only)."""
    cases = [case for case in part.cases if case["sample"] or not sample_only]
    backend = backend if backend is not None else default_backend()
    rows, summary = [], None
    for event in judge_code(code=code, cases=cases, scenarios=part.scenarios, backend=backend):
        if isinstance(event, JudgingSummary):
            summary = event
            continue
        rows.append(_case_row(event, reveal_hidden=reveal_hidden))
    if summary is None or summary.system_error:
        raise CheckError(f"the sandbox failed: {summary.message if summary else 'no summary'}")
    rows.sort(key=lambda row: row["position"])
    verdicts = [row["verdict"] for row in rows]
    passed = sum(verdict == AC for verdict in verdicts)
    return {"verdict": overall_verdict(verdicts), "score": round(passed / len(rows), 4) if rows else 0.0,
            "backend": getattr(backend, "name", "?"),
            "cases": [{key: value for key, value in row.items() if key != "position"} for row in rows]}


def _case_row(judged: JudgedCase, *, reveal_hidden: bool = True) -> dict:
    observation = judged.observation
    message = judged.judgement.message if reveal_hidden else shown_message(
        judged.case, judged.judgement, observation)
    return {
        "position": judged.position, "id": judged.case["id"], "sample": bool(judged.case.get("sample")),
        "verdict": judged.judgement.verdict, "cpu_ms": observation.get("cpu_ms") or 0,
        "wall_ms": observation.get("wall_ms") or 0, "memory_kb": observation.get("memory_kb") or 0,
        "message": safe_text(message),
    }


def grade_file(key: str, path: Path, *, sample_only: bool = False, backend=None,
               reveal_hidden: bool = True) -> dict:
    """The `manage.py grade` result for one file, as a JSON-ready dict."""
    question = load_question(key)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CheckError(f"cannot read {path}: {error}") from None
    code_answer = question.kind == "coding" or (question.coding is not None and path.suffix == ".py")
    if code_answer:
        if question.coding is None:
            raise CheckError(f"{key} takes a written answer, not code")
        return {"question": key, "kind": "coding", **grade_code(question.coding, text, sample_only=sample_only,
                                                               backend=backend, reveal_hidden=reveal_hidden)}
    return {"question": key, **grade_text(question.kind, text, question.rubric, question.answer_md,
                                              prompt=question.prompt_md).to_dict()}
