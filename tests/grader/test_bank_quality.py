"""The bank's teeth: blind mutants and alternatives on disk, `bank check` (alternatives must be
AC, every mutant rejected on a hidden case, in every repeated run), `bank mutate` (cosmic-ray's
operators, the judge as the oracle) and the expected-value generator. The sandbox runs for real
(the process backend for the planted-failure tests, to stay quick; the docker backend in
tests/grader/test_commands.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sandbox
from grader.bankcheck import check_bank, totals
from grader.mutation import OPERATORS, generate_mutants, mutate_part
from references.loader import BANK_ROOT, BankError, read_bank, read_question

REPO = Path(__file__).resolve().parents[2]
CODING = [question for question in read_bank() if question.coding is not None]


@pytest.fixture(scope="module")
def process_backend():
    return sandbox.get_backend("process", debug=True)


@pytest.mark.parametrize("question", CODING, ids=lambda question: question.key)
def test_every_coding_part_has_blind_mutants_and_alternatives(question):
    blind = [name for name in question.coding.mutants if name.startswith("blind_")]
    assert len(blind) >= 5, f"{question.key}: {len(blind)} blind mutants"
    assert len(question.coding.alternatives) >= 2, question.key
    for name, source in question.coding.mutants.items():
        assert source.startswith("# mutant: ") and len(source.splitlines()[0]) > 20, name


def test_a_mutant_without_its_first_line_comment_is_refused(tmp_path):
    folder = tmp_path / "coding" / "flatten"
    shutil.copytree(BANK_ROOT / "coding" / "flatten", folder)
    (folder / "mutants" / "silent.py").write_text("def flatten(lst):\n    return lst\n")
    with pytest.raises(BankError, match=r"silent.py:1: a mutant's first line must be"):
        read_question(folder)


def test_equivalent_yaml_is_read_and_validated(tmp_path):
    folder = tmp_path / "coding" / "flatten"
    shutil.copytree(BANK_ROOT / "coding" / "flatten", folder)
    (folder / "equivalent.yaml").write_text(
        "equivalent:\n  - id: 'NumberReplacer#0 L3'\n    reason: the constant is never read\n")
    assert read_question(folder).coding.equivalent == {"NumberReplacer#0 L3": "the constant is never read"}
    (folder / "equivalent.yaml").write_text("equivalent:\n  - id: 'NumberReplacer#0 L3'\n")
    with pytest.raises(BankError, match="every entry needs an `id` and a `reason`"):
        read_question(folder)


def _planted(tmp_path: Path) -> Path:
    """coding/flatten with a 'mutant' that is the canonical solution (it must survive) and an
    'alternative' that is wrong (it must not be AC)."""
    root = tmp_path / "bank"
    folder = root / "coding" / "flatten"
    shutil.copytree(BANK_ROOT / "coding" / "flatten", folder)
    solution = (folder / "solution.py").read_text()
    (folder / "mutants" / "zz_same_as_canonical.py").write_text("# mutant: not wrong at all\n" + solution)
    (folder / "alternatives" / "zz_wrong.py").write_text("def flatten(lst):\n    return list(lst)\n")
    return root


def test_check_reports_a_surviving_mutant_and_a_failing_alternative(tmp_path, process_backend):
    root = _planted(tmp_path)
    (row,) = check_bank(["coding/flatten"], root=root, backend=process_backend, jobs=2, repeat=2)
    assert row.canonical == "AC" and not row.ok
    assert any(survivor.startswith("zz_same_as_canonical.py") for survivor in row.survivors)
    assert len(row.survivors) == 1, row.survivors
    assert [failed.split(":")[0] for failed in row.alternatives_failed] == ["zz_wrong.py"]
    assert row.alternatives_ac == row.alternatives_total - 1 >= 2
    assert row.blind_killed == row.blind_total >= 5
    report = {program.name: program for program in row.programs}
    assert report["zz_same_as_canonical.py"].runs == 2 and report["zz_same_as_canonical.py"].passed_runs == 0
    killed = [p for p in row.programs if p.kind == "mutant" and p.ok]
    assert killed and all(p.runs == 2 and p.passed_runs == 2 and p.killers for p in killed)
    summary = totals([row])
    assert summary["mutants_total"] == row.mutants_total and summary["alternatives_total"] == row.alternatives_total


def test_bank_check_command_repeat_jobs_json_and_exit_status(tmp_path):
    done = subprocess.run([sys.executable, "manage.py", "bank", "check", "coding/flatten", "--repeat", "2", "-j", "2",
                           "--backend", "process", "--json"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert report["repeat"] == 2 and report["failed"] == 0
    (row,) = report["questions"]
    assert row["alternatives_ac"] == row["alternatives_total"] >= 2
    assert row["blind_killed"] == row["blind_total"] >= 5 and row["survivors"] == []
    assert report["totals"]["blind_total"] == row["blind_total"]
    bad = subprocess.run([sys.executable, "manage.py", "bank", "check", "--repeat", "0"], cwd=REPO,
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode != 0 and "at least 1" in bad.stderr


def test_generate_mutants_uses_cosmic_ray_operators_with_stable_ids():
    source = "def f(a, b):\n    if a < b and b > 0:\n        return a + 1\n    return None\n"
    mutants = generate_mutants(source)
    ids = [mutant.id for mutant in mutants]
    assert len(ids) == len(set(ids)) and all(mutant.source != source for mutant in mutants)
    assert {"ReplaceComparisonOperator_Lt_LtE#0 L2", "ReplaceBinaryOperator_Add_Sub#0 L3",
            "ReplaceAndWithOr#0 L2"} <= set(ids)
    by_id = {mutant.id: mutant.source for mutant in mutants}
    assert "a <= b" in by_id["ReplaceComparisonOperator_Lt_LtE#0 L2"]
    assert [mutant.id for mutant in generate_mutants(source)] == ids   # deterministic
    assert all(name.startswith("core/") for name in OPERATORS)


def test_mutate_judges_generated_mutants_and_honours_equivalents(tmp_path, process_backend):
    folder = tmp_path / "coding" / "flatten"
    shutil.copytree(BANK_ROOT / "coding" / "flatten", folder)
    part = read_question(folder).coding
    result = mutate_part("coding/flatten", part, backend=process_backend)
    assert result.generated == len(generate_mutants(part.solution)) > 0
    assert result.killed + result.equivalent + len(result.survivors) == result.generated
    assert result.score >= 0.9, result.to_dict()
    data = result.to_dict()
    assert {"question", "generated", "killed", "equivalent", "survivors"} <= set(data)
    # a planted survivor listed as equivalent is counted as such, not as a survivor
    part.solution = part.solution + "\nUNUSED = 1 + 2\n"
    part.equivalent = {mutant.id: "UNUSED is never read" for mutant in generate_mutants(part.solution)
                       if mutant.id.endswith(f"L{len(part.solution.splitlines())}")}
    planted = mutate_part("coding/flatten", part, backend=process_backend)
    assert planted.equivalent == len(part.equivalent) >= 1 and planted.survivors == []


def test_bank_expect_computes_expected_values_from_the_canonical(tmp_path):
    folder = tmp_path / "references" / "bank" / "coding" / "flatten"
    shutil.copytree(BANK_ROOT / "coding" / "flatten", folder)
    script = tmp_path / "scripts" / "bank_expect.py"
    script.parent.mkdir()
    shutil.copy(REPO / "scripts" / "bank_expect.py", script)
    (tmp_path / "sandbox").symlink_to(REPO / "sandbox")
    cases = folder / "cases.yaml"
    cases.write_text(cases.read_text() + "  - id: generated-one\n    args: [[1, [0, [\"\"]], []]]\n"
                     "    expect: {$canonical: true}\n")
    done = subprocess.run([sys.executable, str(script), "coding/flatten"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    generated = next(case for case in read_question(folder).coding.cases if case["id"] == "generated-one")
    assert generated["expect"] == [1, 0, ""] and generated["generated"] == "canonical"
