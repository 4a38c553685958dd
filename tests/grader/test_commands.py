"""`manage.py grade` and `manage.py bank check`: the same sandbox and judge as the site, from a shell."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from references.loader import BANK_ROOT
from tests.conftest import REPO

CASE_KEYS = {"id", "sample", "verdict", "cpu_ms", "wall_ms", "memory_kb", "message"}


def manage(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=timeout)


def test_grade_prints_the_documented_json_for_a_code_file_and_exits_0_on_a_wrong_answer():
    mutant = sorted((BANK_ROOT / "coding/flatten/mutants").glob("*.py"))[0]
    done = manage("grade", "coding/flatten", str(mutant), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert {"question", "verdict", "score", "cases"} <= set(result)
    assert result["question"] == "coding/flatten"
    assert result["verdict"] != "AC" and result["score"] < 1
    assert result["cases"] and all(set(case) == CASE_KEYS for case in result["cases"])
    assert any(case["verdict"] == "WA" and case["message"].startswith("expected") for case in result["cases"])
    assert result["score"] == round(sum(c["verdict"] == "AC" for c in result["cases"]) / len(result["cases"]), 4)


def test_grade_sample_only_runs_the_sample_cases(tmp_path):
    solution = BANK_ROOT / "coding/flatten/solution.py"
    done = manage("grade", "coding/flatten", str(solution), "--sample", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["verdict"] == "AC" and result["score"] == 1.0
    assert result["cases"] and all(case["sample"] for case in result["cases"])


@pytest.mark.parametrize("key", ["concepts/model-serving", "behavioral/production-incident"])
def test_grade_prints_the_documented_json_for_a_markdown_answer(key):
    done = manage("grade", key, str(BANK_ROOT / key / "answer.md"), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert {"question", "kind", "score", "points", "suggestions"} <= set(result)
    assert result["question"] == key and 0.5 < result["score"] <= 1
    assert result["points"] and all({"id", "covered", "evidence"} <= set(point) for point in result["points"])
    if key.startswith("behavioral/"):
        assert result["kind"] == "behavioral" and isinstance(result["star"], dict) and result["star"]


def test_grade_human_output_and_errors(tmp_path):
    answer = tmp_path / "answer.md"
    answer.write_text("I do not know.", encoding="utf-8")
    done = manage("grade", "concepts/model-serving", str(answer))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("concepts/model-serving  score 0.")
    assert "✗" in done.stdout
    missing = manage("grade", "coding/no-such-question", str(answer))
    assert missing.returncode != 0 and "no question 'coding/no-such-question'" in missing.stderr


def test_bank_check_passes_for_good_questions_and_reports_json():
    done = manage("bank", "check", "--json", "coding/flatten", "dsa/lru-cache", timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["failed"] == 0 and report["passed"] == 2
    for row in report["questions"]:
        assert row["ok"] and row["canonical"] == "AC" and row["survivors"] == []
        assert row["mutants_total"] >= 3 and row["mutants_killed"] == row["mutants_total"]


def test_bank_check_of_an_unknown_question_fails_loudly():
    done = manage("bank", "check", "coding/no-such-question")
    assert done.returncode != 0 and "no such question(s)" in done.stderr
