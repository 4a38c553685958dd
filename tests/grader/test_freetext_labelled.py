"""The blind labelled set and the `grader evaluate` command that measures the graders on it."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from grader.freetext import evaluation
from grader.freetext.calibration import TARGET_BY_LABEL

LABELLED = Path(__file__).resolve().parent / "labelled"


def test_the_labelled_set_is_large_split_by_question_and_well_formed():
    answers = evaluation.read_labelled(LABELLED)
    questions = {answer.question for answer in answers}
    halves = evaluation.read_split(LABELLED)
    assert len(answers) >= 200 and len(questions) >= 20
    assert {answer.half for answer in answers} == {"dev", "heldout"}
    dev = {q for q, half in halves.items() if half == "dev"}
    assert dev and dev.isdisjoint(q for q, half in halves.items() if half == "heldout")
    assert {answer.question.split("/")[0] for answer in answers} == {"concepts", "design", "behavioral"}
    behavioral = {answer.kind for answer in answers if answer.question.startswith("behavioral/")}
    assert {"unlabelled", "template", "paraphrase", "echo", "filler", "soup", "offtopic"} <= behavioral


def test_spearman_uses_tie_averaged_ranks():
    assert evaluation.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert evaluation.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert evaluation.spearman([0.1, 0.1, 0.5, 0.9], [0, 1, 2, 3]) == pytest.approx(0.9487, abs=1e-4)
    assert evaluation.spearman([1, 1, 1], [0, 1, 2]) == 0.0


def test_the_monotone_fit_never_reorders_scores():
    knots = evaluation.fit_monotone([(0.1, 0.0), (0.2, 0.2), (0.3, 0.1), (0.6, 0.6), (0.9, 1.0)])
    ys = [y for _, y in knots]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)
    mapped = [evaluation.apply_monotone(knots, x / 100) for x in range(101)]
    assert mapped == sorted(mapped) and mapped[0] == 0.0


def test_a_malformed_labelled_set_is_a_clear_error(tmp_path):
    with pytest.raises(evaluation.LabelledSetError, match="split.yaml: missing"):
        evaluation.read_labelled(tmp_path)
    (tmp_path / "split.yaml").write_text("dev: [concepts/x]\n")
    (tmp_path / "concepts" / "x").mkdir(parents=True)
    (tmp_path / "concepts" / "x" / "brilliant-1.md").write_text("hi")
    with pytest.raises(CommandError, match="brilliant-1.md: expected <kind>-<n>.md"):
        call_command("grader", "evaluate", "--labelled", str(tmp_path))


def test_grader_evaluate_json_has_both_halves_and_the_dev_half_meets_the_targets():
    out = StringIO()
    call_command("grader", "evaluate", "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert set(figures) == {"dev", "heldout"}
    for half in figures.values():
        assert {"n", "spearman", "mean_by_kind", "ordering_failures"} <= set(half)
        assert set(half["mean_by_kind"]) <= set(evaluation.LABELS)
    dev = figures["dev"]
    assert dev["n"] >= 100
    assert all(evaluation.target_checks(dev).values()), evaluation.target_checks(dev)
    means = dev["mean_by_kind"]
    assert means["strong"] > means["average"] > means["weak"] > means["soup"]


def test_grader_evaluate_prints_a_readable_table_for_one_half():
    out = StringIO()
    call_command("grader", "evaluate", "--half", "dev", stdout=out)
    text = out.getvalue()
    assert text.startswith("dev: n=") and "spearman=" in text and "heldout" not in text
    assert "pairs out of order" in text


def test_calibration_targets_keep_labels_in_order():
    values = [TARGET_BY_LABEL[label] for label in sorted(TARGET_BY_LABEL)]
    assert values == sorted(values) and values[0] == 0.0
