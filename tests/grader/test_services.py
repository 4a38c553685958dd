"""grader.services with recorded sandbox observations: fast, no worker, no Docker.

The recording (tests/grader/recorded/) is what the real sandbox returned for coding/flatten's
`any_iterable` mutant; the integration tests (test_pipeline.py) cover the real components.
"""

from __future__ import annotations

import json
import socket
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

import sandbox
from grader import events, services
from grader.models import CaseResult, Mode, Status, Submission, Verdict
from tests.grader.conftest import current_version

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bank")]

RECORDED = json.loads((Path(__file__).parent / "recorded" / "flatten-any-iterable.json").read_text())


def observations(overrides: dict[str, dict] | None = None):
    for record in RECORDED["observations"]:
        yield sandbox.Observation(**{**record, **(overrides or {}).get(record["case_id"], {})})


@pytest.fixture
def recorded_sandbox(monkeypatch):
    """sandbox.run replaced by the recording; `script` changes what the next runs return."""
    script: dict = {"overrides": {}, "stop_after": None, "summary": "completed"}
    jobs: list[sandbox.Job] = []

    def run(job, backend=None):
        jobs.append(job)
        wanted = {case["id"] for case in job.cases}
        count = 0
        for observation in observations(script["overrides"]):
            if observation.case_id not in wanted:
                continue
            if script["stop_after"] is not None and count >= script["stop_after"]:
                break
            count += 1
            yield observation
        yield sandbox.Summary(status=script["summary"], cases_run=count)

    monkeypatch.setattr("grader.judging.sandbox.run", run)
    script["jobs"] = jobs
    return script


@pytest.fixture
def published(monkeypatch):
    sent: list[tuple[int, dict]] = []
    monkeypatch.setattr(events, "_publish", lambda submission_id, message: sent.append((submission_id, message)))
    return sent


@pytest.fixture
def no_queue(monkeypatch):
    sent: list[dict] = []
    monkeypatch.setattr(services, "submission_enqueue", lambda **kwargs: sent.append(kwargs) or True)
    return sent


def create(alice, mode=Mode.SUBMIT, code="def flatten(items):\n    return items\n") -> Submission:
    return services.submission_create(owner=alice, version=current_version("coding/flatten"), code=code, mode=mode)


# --- creating -------------------------------------------------------------------------------

def test_submission_is_stored_then_queued_on_commit(alice, django_capture_on_commit_callbacks, no_queue):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submission = create(alice, mode=Mode.RUN)
    assert submission.status == Status.QUEUED and submission.queued_at is not None
    assert submission.cases_total == 3 and no_queue == []
    callbacks[0]()
    assert no_queue == [{"submission_id": submission.pk, "mode": "run"}]


@pytest.mark.parametrize(("code", "mode", "message"), [
    ("   \n", Mode.RUN, "no code"),
    ("x = 1\x00", Mode.RUN, "NUL"),
    ("#" * (65 * 1024), Mode.RUN, "KiB"),
    ("def f(): pass", "debug", "Unknown mode"),
])
def test_bad_submissions_are_refused_with_a_reason(alice, code, mode, message, no_queue):
    with pytest.raises(services.SubmissionRefused, match=message):
        create(alice, mode=mode, code=code)
    assert not Submission.objects.exists()


def test_written_answer_question_refuses_code(alice):
    with pytest.raises(services.SubmissionRefused, match="written answer"):
        services.submission_create(owner=alice, version=current_version("behavioral/production-incident"),
                                   code="print(1)", mode=Mode.RUN)


def test_submission_after_deadline_and_grace_is_refused(alice, settings):
    settings.INTERVIEW_GRACE_SECONDS = 10
    version = current_version("coding/flatten")
    services.submission_create(owner=alice, version=version, code="x = 1", mode=Mode.RUN,
                               deadline=timezone.now() - timedelta(seconds=5))  # within grace
    with pytest.raises(services.SubmissionRefused, match="Time is up"):
        services.submission_create(owner=alice, version=version, code="x = 1", mode=Mode.RUN,
                                   deadline=timezone.now() - timedelta(seconds=11))


def test_enqueue_failure_leaves_the_row_for_the_sweep(alice, monkeypatch):
    from grader.tasks import grade_submission

    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(grade_submission, "apply_async", broker_down)
    assert services.submission_enqueue(submission_id=1, mode="run") is False


# --- grading --------------------------------------------------------------------------------

def test_grading_stores_each_case_publishes_it_and_finishes(alice, recorded_sandbox, published, no_queue):
    submission = create(alice)
    graded = services.submission_grade(submission_id=submission.pk)

    results = list(CaseResult.objects.filter(submission=submission).order_by("position"))
    assert len(results) == 19 == graded.cases_total
    assert graded.status == Status.DONE and graded.verdict == Verdict.WA
    assert graded.cases_passed == sum(r.verdict == "AC" for r in results) == 16
    assert graded.score == pytest.approx(16 / 19)
    assert graded.attempts == 1 and graded.started_at and graded.finished_at
    # Sample cases keep what the page shows; hidden cases never reveal their expected values.
    atoms = next(r for r in results if r.case_id == "sample-atoms")
    assert atoms.verdict == "WA" and atoms.expected == ["a", "bc", None, {"k": [1]}]
    assert atoms.actual == ["a", "bc", None, "k"] and atoms.inputs == {"args": [[["a", "bc"], [[None]], {"k": [1]}]]}
    mixed = next(r for r in results if r.case_id == "sample-mixed")
    assert mixed.verdict == "AC" and mixed.expected == mixed.actual == [1, 2, 3, 4, 5, 6]
    assert all(r.expected is None and r.actual is None and r.inputs is None for r in results if not r.sample)
    # Events: running, one per case in order, then done.
    messages = [message for sid, message in published if sid == submission.pk]
    assert messages[0] == {"type": "submission.status", "status": "running"}
    assert [m["result_id"] for m in messages[1:-1]] == [r.pk for r in results]
    assert messages[-1] == {"type": "submission.status", "status": "done"}
    # Expected outcomes never entered the sandbox.
    job = recorded_sandbox["jobs"][0]
    assert all(not {"expect", "raises", "compare", "tolerance"} & set(case) for case in job.cases)


def test_run_mode_grades_only_the_sample_cases(alice, recorded_sandbox, published, no_queue):
    graded = services.submission_grade(submission_id=create(alice, mode=Mode.RUN).pk)
    assert graded.cases_total == 3 and graded.results.count() == 3
    assert all(case["id"].startswith("sample-") for case in recorded_sandbox["jobs"][0].cases)


def test_a_sandbox_error_is_retried_and_never_counted_against_the_candidate(
        alice, recorded_sandbox, published, no_queue):
    submission = create(alice)
    recorded_sandbox["overrides"] = {"dicts-are-atoms": {"status": "system_error", "message": "docker died"}}
    with pytest.raises(services.GradingInterrupted, match="docker died") as interrupted:
        services.submission_grade(submission_id=submission.pk)
    assert interrupted.value.attempt == 1
    assert services.submission_requeue_or_fail(submission_id=submission.pk, reason="x", attempt=1) == Status.QUEUED
    assert Submission.objects.get(pk=submission.pk).verdict == ""

    recorded_sandbox["overrides"] = {}
    graded = services.submission_grade(submission_id=submission.pk)
    assert graded.attempts == 2 and graded.verdict == Verdict.WA and graded.results.count() == 19
    assert {"type": "submission.state"} in [m for _, m in published]  # pages re-render the restart


def test_a_sandbox_that_ends_early_is_a_system_error(alice, recorded_sandbox, published, no_queue):
    submission = create(alice)
    recorded_sandbox["stop_after"] = 5
    recorded_sandbox["summary"] = "system_error"
    with pytest.raises(services.GradingInterrupted):
        services.submission_grade(submission_id=submission.pk)
    recorded_sandbox["summary"] = "completed"
    with pytest.raises(services.GradingInterrupted, match="5 of 19"):  # completed, but cases missing
        services.submission_requeue_or_fail(submission_id=submission.pk, reason="x", attempt=1)
        services.submission_grade(submission_id=submission.pk)


def test_after_max_attempts_the_submission_fails_visibly_as_a_system_error(alice, published, no_queue):
    submission = create(alice)
    Submission.objects.filter(pk=submission.pk).update(status=Status.RUNNING, attempts=services.MAX_ATTEMPTS)
    status = services.submission_requeue_or_fail(submission_id=submission.pk, reason="docker died",
                                                 attempt=services.MAX_ATTEMPTS)
    failed = Submission.objects.get(pk=submission.pk)
    assert status == Status.FAILED == failed.status and failed.verdict == Verdict.SE
    assert "not counted against you" in failed.message and failed.score is None


def test_requeue_of_an_old_attempt_leaves_a_newer_claim_alone(alice, no_queue):
    submission = create(alice)
    Submission.objects.filter(pk=submission.pk).update(status=Status.RUNNING, attempts=3)
    assert services.submission_requeue_or_fail(submission_id=submission.pk, reason="x", attempt=2) == Status.RUNNING


# --- claiming -------------------------------------------------------------------------------

def test_claim_is_exclusive_while_the_claimant_lives(alice, no_queue):
    submission = create(alice)
    assert services.submission_claim(submission_id=submission.pk) == 1
    assert services.submission_claim(submission_id=submission.pk) is None  # this process is alive


def test_claim_left_by_a_dead_process_is_taken_over_and_its_results_dropped(alice, no_queue):
    submission = create(alice)
    Submission.objects.filter(pk=submission.pk).update(
        status=Status.RUNNING, attempts=1, started_at=timezone.now(), claimed_by=f"{socket.gethostname()}:999999")
    CaseResult.objects.create(submission=submission, position=0, case_id="sample-mixed", verdict="AC")
    assert services.submission_claim(submission_id=submission.pk) == 2
    assert not CaseResult.objects.filter(submission=submission).exists()


def test_claim_by_a_process_on_another_host_is_trusted_until_it_is_stuck(alice, settings, no_queue):
    submission = create(alice)
    Submission.objects.filter(pk=submission.pk).update(
        status=Status.RUNNING, attempts=1, started_at=timezone.now(), claimed_by="elsewhere:1")
    assert services.submission_claim(submission_id=submission.pk) is None
    Submission.objects.filter(pk=submission.pk).update(
        started_at=timezone.now() - timedelta(seconds=settings.GRADER_STUCK_AFTER_SECONDS + 1))
    assert services.submission_claim(submission_id=submission.pk) == 2


def test_finished_submission_is_never_claimed_again(alice, recorded_sandbox, published, no_queue):
    submission = create(alice)
    services.submission_grade(submission_id=submission.pk)
    assert services.submission_claim(submission_id=submission.pk) is None
    assert services.submission_grade(submission_id=submission.pk) is None
    assert Submission.objects.get(pk=submission.pk).attempts == 1


def test_a_superseded_run_stops_writing(alice, recorded_sandbox, published, no_queue, monkeypatch):
    submission = create(alice)
    real_store = services._store_case

    def store_then_lose_the_claim(sub, attempt, judged):
        if judged.position == 2:  # another process took over meanwhile
            Submission.objects.filter(pk=sub.pk).update(attempts=attempt + 1)
        return real_store(sub, attempt, judged)

    monkeypatch.setattr(services, "_store_case", store_then_lose_the_claim)
    assert services.submission_grade(submission_id=submission.pk) is None
    stale = Submission.objects.get(pk=submission.pk)
    assert stale.status == Status.RUNNING and stale.verdict == "" and stale.results.count() == 2


# --- sweeping -------------------------------------------------------------------------------

def test_sweep_requeues_lost_messages_once_per_interval(alice, settings, no_queue):
    settings.GRADER_REQUEUE_AFTER_SECONDS = 60
    lost = create(alice)
    fresh = create(alice, mode=Mode.RUN)
    Submission.objects.filter(pk=lost.pk).update(queued_at=timezone.now() - timedelta(seconds=61))
    no_queue.clear()
    assert services.submissions_sweep()["requeued"] == 1
    assert [(sent["submission_id"], sent["mode"]) for sent in no_queue] == [(lost.pk, "submit")]
    assert services.submissions_sweep()["requeued"] == 0  # its last send is recent
    assert Submission.objects.get(pk=fresh.pk).status == Status.QUEUED


def test_sweep_takes_over_runs_whose_process_died_and_leaves_live_ones(alice, settings, no_queue):
    dead, alive, remote = create(alice), create(alice), create(alice)
    now = timezone.now()
    Submission.objects.filter(pk=dead.pk).update(status=Status.RUNNING, attempts=1, started_at=now,
                                                 claimed_by=f"{socket.gethostname()}:999999")
    Submission.objects.filter(pk=alive.pk).update(status=Status.RUNNING, attempts=1, started_at=now,
                                                  claimed_by=services._worker_identity())
    Submission.objects.filter(pk=remote.pk).update(status=Status.RUNNING, attempts=1, started_at=now,
                                                   claimed_by="elsewhere:1")
    no_queue.clear()
    assert services.submissions_sweep()["stuck"] == 1
    assert no_queue == [{"submission_id": dead.pk, "mode": "submit"}]
    assert Submission.objects.get(pk=dead.pk).status == Status.QUEUED
    assert Submission.objects.get(pk=alive.pk).status == Status.RUNNING

    later = now + timedelta(seconds=settings.GRADER_STUCK_AFTER_SECONDS + 1)
    assert services.submissions_sweep(now=later)["stuck"] == 2  # stuck past every limit, wherever


def test_output_of_hidden_cases_is_not_stored_so_prints_cannot_leak_their_inputs(
        alice, recorded_sandbox, published, no_queue):
    recorded_sandbox["overrides"] = {
        "sample-mixed": {"stdout": "sample debug print\n"},
        "empty": {"stdout": "hidden input is []\n", "stderr": "hidden trace\n"},
    }
    submission = create(alice)
    services.submission_grade(submission_id=submission.pk)
    results = {result.case_id: result for result in CaseResult.objects.filter(submission=submission)}
    assert results["sample-mixed"].stdout == "sample debug print\n"
    assert results["empty"].stdout == "" and results["empty"].stderr == ""


def test_a_backlog_is_not_sent_again_every_minute(alice, settings, monkeypatch, django_capture_on_commit_callbacks):
    # The broker is replaced by a list: this is about which rows the sweep sends, and how often.
    sent: list[int] = []
    monkeypatch.setattr("grader.tasks.grade_submission.apply_async", lambda args, **options: sent.append(args[0]))
    settings.GRADER_REQUEUE_AFTER_SECONDS = 60
    with django_capture_on_commit_callbacks(execute=True):
        backlog = [create(alice).pk for _ in range(3)]
    assert sent == backlog  # each sent once when stored
    now = timezone.now()
    # Five minutes behind a backlog: still waiting in the broker, or lost; the sweep cannot tell.
    Submission.objects.update(queued_at=now - timedelta(minutes=5), enqueued_at=now - timedelta(minutes=5))
    sent.clear()

    assert services.submissions_sweep(now=now)["requeued"] == 3
    assert services.submissions_sweep(now=now + timedelta(seconds=70))["requeued"] == 0  # not every minute
    assert services.submissions_sweep(now=now + timedelta(seconds=130))["requeued"] == 3  # then after 2x
    assert services.submissions_sweep(now=now + timedelta(seconds=250))["requeued"] == 0
    assert services.submissions_sweep(now=now + timedelta(seconds=380))["requeued"] == 3  # then after 4x
    assert sorted(sent) == sorted(backlog * 3)
    assert set(Submission.objects.values_list("enqueues", flat=True)) == {4}
