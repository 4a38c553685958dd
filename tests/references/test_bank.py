"""The bank on disk: every folder validates, syncs idempotently, versions by content, and
every canonical solution passes its sample cases (in-process, without the sandbox)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from grader.judge import AC, case_inputs, judge_case
from references.loader import BANK_ROOT, SECTIONS, BankError, read_bank, read_question
from references.models import Question, QuestionVersion
from references.services import bank_sync

HARNESS = Path(__file__).resolve().parents[2] / "sandbox" / "image" / "harness"
SEED_SLUGS = {
    "concepts": ["distributed-training-components", "model-serving", "training-monitoring",
                 "model-versioning-deployment", "gpu-utilization", "fault-tolerant-training",
                 "automated-retraining", "feature-pipelines", "ml-security-compliance", "cloud-cost-optimization"],
    "dsa": ["consistent-hashing", "lru-cache", "bounded-queue", "sliding-window-max", "striped-hashmap",
            "token-bucket", "circular-buffer", "bloom-filter", "connection-pool", "distributed-cache"],
    "design": ["url-shortener", "task-scheduler", "realtime-analytics", "distributed-cache-system",
               "notification-service", "distributed-rate-limiter", "log-aggregation", "config-management",
               "job-queue", "search-engine"],
    "coding": ["flatten", "memory-profiling", "thread-safe-singleton", "prediction-error-handler",
               "caching-decorator", "metrics-decorator", "model-context-manager", "api-rate-limiter",
               "logging-decorator", "batch-iterator"],
    "behavioral": ["optimize-performance", "production-incident", "technical-decision", "mentoring", "tech-debt",
                   "cost-optimization", "framework-migration", "deployment-process", "conflicting-priorities",
                   "scaling-load"],
}
QUESTIONS = read_bank()
CODING = [question for question in QUESTIONS if question.coding is not None]


def test_all_fifty_seed_questions_exist_in_seed_order():
    by_section = {section: [q for q in QUESTIONS if q.section == section] for section in SECTIONS}
    for section, slugs in SEED_SLUGS.items():
        ordered = sorted(by_section[section], key=lambda question: question.order)
        assert [question.slug for question in ordered] == slugs
        assert [question.order for question in ordered] == list(range(1, 11))


def test_every_coding_question_and_enough_follow_ups_have_judged_parts():
    for question in QUESTIONS:
        if question.section in ("dsa", "coding"):
            assert question.coding is not None, question.key
    assert sum(q.section == "concepts" and q.coding is not None for q in QUESTIONS) >= 5
    assert sum(q.section == "design" and q.coding is not None for q in QUESTIONS) >= 3


@pytest.mark.parametrize("question", CODING, ids=lambda question: question.key)
def test_coding_part_has_enough_cases_and_mutants(question):
    cases = question.coding.cases
    assert sum(case["sample"] for case in cases) >= 3
    assert sum(not case["sample"] for case in cases) >= 10
    assert len(question.coding.mutants) >= 3


def test_text_questions_have_rubrics_of_the_documented_shape():
    for question in QUESTIONS:
        if question.kind in ("concept", "design"):
            assert 5 <= len(question.rubric["points"]) <= 10, question.key
            assert question.answer_md.strip()
        if question.kind == "behavioral":
            assert set(question.rubric["star"]) >= {"situation", "task", "action", "result"}


def _load(name: str, source: str, tmp_path: Path):
    path = tmp_path / f"{name}.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("question", CODING, ids=lambda question: question.key)
def test_canonical_solution_passes_its_sample_cases_in_process(question, tmp_path):
    sys.path.insert(0, str(HARNESS))
    switch_interval = sys.getswitchinterval()
    try:
        import drivers

        solution = _load("solution", question.coding.solution, tmp_path)
        scenarios = _load("scenarios", question.coding.scenarios, tmp_path) if question.coding.scenarios else None
        for case in question.coding.cases:
            if not case["sample"]:
                continue
            observation = drivers.run_case(solution, case_inputs(case), scenarios)
            judgement = judge_case(case, observation)
            assert judgement.verdict == AC, f"{question.key} {case['id']}: {judgement.message}"
    finally:
        sys.setswitchinterval(switch_interval)
        sys.path.remove(str(HARNESS))
        sys.modules.pop("solution", None)
        sys.modules.pop("scenarios", None)


@pytest.mark.django_db
def test_sync_is_idempotent_and_versions_by_content(tmp_path):
    root = tmp_path / "bank"
    shutil.copytree(BANK_ROOT / "dsa" / "lru-cache", root / "dsa" / "lru-cache")
    shutil.copytree(BANK_ROOT / "behavioral" / "mentoring", root / "behavioral" / "mentoring")
    first = bank_sync(root=root)
    assert len(first.created) == 2 and not first.updated
    again = bank_sync(root=root)
    assert len(again.unchanged) == 2 and not again.created and not again.updated
    question = Question.objects.get(section="dsa", slug="lru-cache")
    old_version = question.current
    prompt = root / "dsa" / "lru-cache" / "question.md"
    prompt.write_text(prompt.read_text() + "\nOne more sentence.\n")
    changed = bank_sync(root=root)
    assert changed.updated == ["dsa/lru-cache"]
    question.refresh_from_db()
    assert question.current != old_version
    assert QuestionVersion.objects.filter(question=question).count() == 2  # the old one stays


@pytest.mark.django_db
def test_a_malformed_file_stops_the_sync_with_path_and_line_and_changes_nothing(tmp_path):
    root = tmp_path / "bank"
    shutil.copytree(BANK_ROOT / "dsa" / "lru-cache", root / "dsa" / "lru-cache")
    shutil.copytree(BANK_ROOT / "behavioral" / "mentoring", root / "behavioral" / "mentoring")
    cases = root / "dsa" / "lru-cache" / "cases.yaml"
    lines = cases.read_text().splitlines()
    lines.append("  - id: Bad_Id")
    lines.append("    expect: 1")
    cases.write_text("\n".join(lines) + "\n")
    with pytest.raises(BankError) as error:
        bank_sync(root=root)
    assert f"{cases}:{len(lines) - 1}:" in str(error.value)
    assert not Question.objects.exists()


def test_front_matter_errors_name_the_file_and_line(tmp_path):
    folder = tmp_path / "bank" / "dsa" / "broken"
    shutil.copytree(BANK_ROOT / "dsa" / "lru-cache", folder)
    prompt = folder / "question.md"
    prompt.write_text(prompt.read_text().replace("kind: coding", "kind: poetry", 1))
    with pytest.raises(BankError, match=r"question\.md:\d+: `kind` must be"):
        read_question(folder)
