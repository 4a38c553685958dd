"""Issue #5 end to end: submit → real Celery worker → real sandbox → judged → live stream.

Everything here is real: the Redis broker and channel layer, a prefork Celery worker in its
own process, the Docker sandbox, daphne's ASGI application (origin check, session auth) driven
by a WebsocketCommunicator. The worker sees the rows, hence ``transaction=True``.
"""

from __future__ import annotations

import pytest

from grader import services
from grader.models import CaseResult, Mode, Status, Submission, Verdict
from tests.grader.conftest import SLOW_FLATTEN, LiveStream, current_version, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("bank")]

FLATTEN = "coding/flatten"


def stored_verdicts(submission: Submission) -> dict[str, str]:
    return dict(CaseResult.objects.filter(submission=submission).values_list("case_id", "verdict"))


def finished(submission_id: int) -> Submission | None:
    submission = Submission.objects.get(pk=submission_id)
    return submission if submission.is_finished else None


@pytest.fixture
def held_enqueue(monkeypatch):
    """submission_create stores the row but the message is sent only when the test says so, so
    that a stream can be connected before the worker starts (every event is then live)."""
    held: list[dict] = []
    real = services.submission_enqueue
    monkeypatch.setattr(services, "submission_enqueue", lambda **kwargs: held.append(kwargs) or True)

    def release() -> None:
        for kwargs in held:
            assert real(**kwargs)
        held.clear()

    return release


def test_submit_streams_each_case_in_order_then_the_summary_matching_stored_results(
        alice, celery_worker_proc, held_enqueue, ws_loop):
    version = current_version(FLATTEN)
    # treats dicts as iterables: fails some cases
    mutant = next(code for name, code in version.mutants.items() if name.startswith("any_iterable"))
    submission = services.submission_create(owner=alice, version=version, code=mutant, mode=Mode.SUBMIT)
    cases = [case["id"] for case in version.cases]
    live = LiveStream(ws_loop, submission.pk, alice)
    try:
        assert live.accepted
        state = live.receive_state(len(cases))
        assert state.rows == [(case_id, "pending") for case_id in cases]
        assert state.summaries == [("queued", "")]
        state_size = len(state.fragments)

        held_enqueue()
        stream = live.receive(until=lambda s: s.finished, timeout=60)
    finally:
        live.close()

    submission.refresh_from_db()
    assert submission.status == Status.DONE and submission.verdict == Verdict.WA
    stored = stored_verdicts(submission)
    assert sorted(stored) == sorted(cases)
    live_fragments = stream.fragments[state_size:]
    live_rows = [row for fragment in live_fragments for row in LiveStream.parse_rows(fragment)]
    # Each case arrives once, as it is judged, in case order, with the stored verdict.
    assert [case_id for case_id, _ in live_rows] == cases
    assert dict(live_rows) == stored
    assert {"WA", "AC"} <= set(stored.values())
    # The summary says running before the first case and done (with the stored verdict) last.
    live_summaries = [s for fragment in live_fragments for s in LiveStream.parse_summaries(fragment)]
    assert live_summaries[0] == ("running", "") and live_summaries[-1] == ("done", "WA")
    assert LiveStream.parse_summaries(live_fragments[-1]) == [("done", "WA")]
    assert submission.cases_passed == sum(v == "AC" for v in stored.values())
    assert submission.cases_total == len(cases)
    assert submission.score == pytest.approx(submission.cases_passed / len(cases))
    assert submission.attempts == 1


@pytest.mark.sqlite_smoke
def test_run_grades_sample_cases_only_and_shows_their_inputs(alice, celery_worker_proc):
    version = current_version(FLATTEN)
    submission = services.submission_create(owner=alice, version=version, code=version.solution, mode=Mode.RUN)
    done = wait_for(lambda: finished(submission.pk), timeout=60, what="the run to be graded")
    samples = [case for case in version.cases if case["sample"]]
    assert done.status == Status.DONE and done.verdict == Verdict.AC and done.score == 1.0
    results = list(done.results.order_by("position"))
    assert [r.case_id for r in results] == [case["id"] for case in samples]
    assert all(r.sample and r.inputs and r.expected is not None for r in results)


def test_bob_cannot_subscribe_to_alices_submission(alice, bob, staff, held_enqueue, ws_loop):
    version = current_version(FLATTEN)
    submission = services.submission_create(owner=alice, version=version, code=version.solution, mode=Mode.RUN)

    refused = LiveStream(ws_loop, submission.pk, bob)
    assert not refused.accepted and refused.close_code == 4404
    anonymous = LiveStream(ws_loop, submission.pk, headers=[(b"origin", b"http://localhost")])
    assert not anonymous.accepted
    no_such = LiveStream(ws_loop, submission.pk + 1000, alice)
    assert not no_such.accepted

    for person in (alice, staff):
        allowed = LiveStream(ws_loop, submission.pk, person)
        try:
            assert allowed.accepted
            assert allowed.receive_state(3).summaries == [("queued", "")]
        finally:
            allowed.close()


def test_a_stream_from_another_origin_is_refused(alice, held_enqueue, ws_loop):
    version = current_version(FLATTEN)
    submission = services.submission_create(owner=alice, version=version, code=version.solution, mode=Mode.RUN)
    headers = [(b"origin", b"http://evil.example")] + LiveStream.cookie_headers(alice)
    assert not LiveStream(ws_loop, submission.pk, headers=headers).accepted


def test_reconnecting_mid_run_receives_the_full_state(alice, celery_worker_proc, ws_loop):
    version = current_version(FLATTEN)
    code = SLOW_FLATTEN.format(delay=0.15)
    submission = services.submission_create(owner=alice, version=version, code=code, mode=Mode.SUBMIT)
    total = len(version.cases)

    first = LiveStream(ws_loop, submission.pk, alice)
    try:
        first.receive(until=lambda s: sum(v != "pending" for _, v in s.rows) >= 3, timeout=60)
    finally:
        first.close()

    second = LiveStream(ws_loop, submission.pk, alice)
    try:
        state = second.receive_state(total)
        judged_on_connect = {case: verdict for case, verdict in state.rows[:total] if verdict != "pending"}
        assert len(judged_on_connect) >= 3, state.rows
        assert set(judged_on_connect.values()) == {"AC"}
        assert state.summaries[0] == ("running", "")
        stream = second.receive(until=lambda s: s.finished, timeout=60)
    finally:
        second.close()

    submission.refresh_from_db()
    assert submission.status == Status.DONE and submission.verdict == Verdict.AC
    assert stream.final_rows() == stored_verdicts(submission)
    assert len(stream.final_rows()) == total


HOSTILE = '''
import os


def flatten(items):
    if items == [3, 1, 2]:          # sample-flat: fork bomb
        while True:
            try:
                os.fork()
            except OSError:
                pass
    if items and items[0] == 1:     # sample-mixed: memory bomb
        hog = []
        while True:
            hog.append(bytearray(32 * 1024 * 1024))
    return ["a", "bc", None, {"k": [1]}]   # sample-atoms: right
'''


def test_fork_and_memory_bombs_get_their_verdict_and_the_next_submission_is_unaffected(
        alice, celery_worker_proc):
    version = current_version(FLATTEN)
    hostile = services.submission_create(owner=alice, version=version, code=HOSTILE, mode=Mode.RUN)
    done = wait_for(lambda: finished(hostile.pk), timeout=90, what="the hostile run to be graded")
    assert done.status == Status.DONE, done.message
    verdicts = stored_verdicts(done)
    assert verdicts["sample-atoms"] == "AC"
    assert verdicts["sample-mixed"] in ("MLE", "RE")
    assert verdicts["sample-flat"] in ("TLE", "RE")
    assert done.attempts == 1  # judged the first time: never mistaken for a sandbox error

    after = services.submission_create(owner=alice, version=version, code=version.solution, mode=Mode.SUBMIT)
    graded = wait_for(lambda: finished(after.pk), timeout=60, what="the next submission to be graded")
    assert graded.verdict == Verdict.AC and graded.score == 1.0
    # Every case judged, none a TLE/MLE left over from the bombs. (No absolute wall-time bound: the
    # bank's large cases take seconds on a busy shared machine, which says nothing about isolation.)
    assert sorted(graded.results.values_list("verdict", flat=True)) == ["AC"] * len(version.cases)


@pytest.mark.sqlite_smoke
def test_finishing_an_interview_grades_every_answer_and_the_worker_stores_the_final_score(
        alice, celery_worker_proc):
    import random

    from interviews.models import Interview
    from interviews.services import interview_finish, interview_start
    from interviews.tracks import custom_track

    track = custom_track(sections=["coding", "behavioral"], count=2, minutes=30)
    interview = interview_start(user=alice, track=track, rng=random.Random(5))
    items = list(interview.items.select_related("version"))
    code_item = next(item for item in items if item.is_code)
    text_item = next(item for item in items if not item.is_code)
    code_item.draft = code_item.version.solution  # written but never submitted
    code_item.save(update_fields=["draft"])
    text_item.draft = text_item.version.answer_md
    text_item.save(update_fields=["draft"])

    interview_finish(interview=interview)
    interview.refresh_from_db()
    assert interview.score is None and interview.scored_at is None  # the code is still being graded

    text_item.refresh_from_db()
    assert text_item.feedback["score"] == text_item.score and text_item.score > 0.5
    assert "star" in text_item.feedback
    code_item.refresh_from_db()
    submission = code_item.final_submission
    assert submission is not None and submission.mode == Mode.SUBMIT and submission.code == code_item.draft
    graded = wait_for(lambda: finished(submission.pk), timeout=60, what="the interview's code to be graded")
    assert graded.verdict == Verdict.AC and graded.score == 1.0
    # The worker announces the graded submission and the interview stores its final score (no page asked).
    scored = wait_for(lambda: Interview.objects.filter(pk=interview.pk, scored_at__isnull=False).first(),
                      timeout=30, what="the interview's final score")
    assert scored.score == pytest.approx((text_item.score + 1.0) / 2, abs=1e-4)
    assert scored.section_scores == {"coding": 1.0, "behavioral": pytest.approx(text_item.score)}
    assert Submission.objects.filter(item_id=code_item.pk).count() == 1
