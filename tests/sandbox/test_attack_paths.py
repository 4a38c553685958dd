"""The attack suite of issue #10, run twice: through `manage.py grade` and through the full
service path (stored submission -> real Celery worker -> real Docker sandbox -> database ->
report rows). Each attack (tests/sandbox/attacks.py) has the verdict it must get; on top of
it, what the host keeps is checked: no forged AC, nothing of a hidden case shown, text that
PostgreSQL stores, and the next correct submission on the same worker is AC.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import call_command

from grader.judge import HIDDEN_TEXT
from tests.sandbox.attacks import ATTACKS, BIG_CASES, FLATTEN, HIDDEN_MARKERS, Attack

#: A JSON escape PostgreSQL's jsonb refuses: \u0000 or a lone surrogate (not preceded by a backslash).
UNSAFE_JSON_ESCAPE = re.compile(r"(?<!\\)\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})")


def unsafe_text(text: str) -> str:
    """Why PostgreSQL would refuse this text ('' when it would store it)."""
    if "\x00" in text:
        return "a NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "a lone surrogate"
    return ""


def verdict_ok(attack: Attack, verdict: str, case_verdicts: dict[str, str]) -> bool:
    """The expected verdict; for an attack expected AC that runs the canonical code on every
    case, a TLE confined to the big cases (timing on a loaded machine) is tolerated too."""
    if verdict == attack.verdict:
        return True
    failing = {case: v for case, v in case_verdicts.items() if v != "AC"}
    return attack.verdict == "AC" and verdict == "TLE" and set(failing) <= BIG_CASES and \
        set(failing.values()) == {"TLE"}


def leaked(text: str) -> list[str]:
    return [marker for marker in (*HIDDEN_MARKERS, "LEAK") if marker in text]


# --------------------------------------------------------------------------- through `manage.py grade`


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda attack: attack.name)
def test_attack_through_grade(attack: Attack, tmp_path):
    path = tmp_path / "solution.py"
    path.write_text(attack.source)
    out = io.StringIO()
    call_command("grade", FLATTEN, str(path), "--json", "--as-candidate",
                 *([] if attack.hidden else ["--sample"]), stdout=out)
    result = json.loads(out.getvalue())
    assert result["backend"] == "docker"
    verdicts = {case["id"]: (case["verdict"], case["message"]) for case in result["cases"]}
    assert verdict_ok(attack, result["verdict"], {case: v for case, (v, _m) in verdicts.items()}), \
        (attack.why, result["verdict"], verdicts)
    for case in result["cases"]:
        assert not unsafe_text(case["message"]), case
        if not case["sample"]:
            assert not leaked(case["message"]), case
            assert case["message"].split(" (")[0] in HIDDEN_TEXT.values(), case


# --------------------------------------------------------------------------- through the service path

GROUPS = 4


def _group(index: int) -> list[Attack]:
    return [attack for position, attack in enumerate(ATTACKS) if position % GROUPS == index]


def _problems_with_rows(attack: Attack, submission, results) -> list[str]:
    problems = []
    if submission.status != "done":
        problems.append(f"status {submission.status}: {submission.message}")
    if not verdict_ok(attack, submission.verdict, {row.case_id: row.verdict for row in results}):
        problems.append(f"verdict {submission.verdict}, expected {attack.verdict} "
                        f"({[(r.case_id, r.verdict, r.message[:80]) for r in results]})")
    if unsafe_text(submission.message):
        problems.append(f"submission message has {unsafe_text(submission.message)}")
    for row in results:
        for name in ("message", "stdout", "stderr", "description"):
            why = unsafe_text(getattr(row, name))
            if why:
                problems.append(f"{row.case_id}.{name} has {why}")
        for name in ("expected", "actual", "inputs"):
            if UNSAFE_JSON_ESCAPE.search(json.dumps(getattr(row, name))):
                problems.append(f"{row.case_id}.{name} holds an escape jsonb refuses")
        if row.sample:
            continue
        if row.stdout or row.stderr or row.expected is not None or row.actual is not None or row.inputs is not None:
            problems.append(f"hidden case {row.case_id} keeps output, expected, actual or inputs")
        if leaked(row.message) or row.message.split(" (")[0] not in HIDDEN_TEXT.values():
            problems.append(f"hidden case {row.case_id} shows {row.message!r}")
    return problems


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("bank")
@pytest.mark.parametrize("group", range(GROUPS))
def test_attacks_through_the_service_path(group: int, alice, celery_worker_proc):
    from grader import services
    from grader.models import Mode, Submission, Verdict
    from tests.conftest import backends_in_log
    from tests.grader.conftest import current_version, wait_for

    version = current_version(FLATTEN)
    attacks = _group(group)
    submitted = [(attack, services.submission_create(
        owner=alice, version=version, code=attack.source, mode=Mode.SUBMIT if attack.hidden else Mode.RUN))
        for attack in attacks]
    honest = services.submission_create(owner=alice, version=version, code=version.solution, mode=Mode.RUN)
    ids = [submission.pk for _, submission in submitted] + [honest.pk]

    def all_finished():
        return Submission.objects.filter(pk__in=ids, finished_at__isnull=False).count() == len(ids)

    wait_for(all_finished, timeout=280, what=f"{len(ids)} submissions to be graded", every=0.5)
    problems = {}
    for attack, submission in submitted:
        submission.refresh_from_db()
        found = _problems_with_rows(attack, submission, list(submission.results.order_by("position")))
        if found:
            problems[attack.name] = found
    honest.refresh_from_db()
    assert honest.verdict == Verdict.AC and honest.status == "done", honest.message
    assert not problems, json.dumps(problems, indent=1)
    assert set(backends_in_log(celery_worker_proc.log_path)) == {"docker"}
