"""Issue #15, the Try console: the candidate's own snippet, run with their code through the real
Celery worker and the Docker sandbox, streamed like a Run, never scored; refused clearly when bad."""

from __future__ import annotations

import pytest
from django.test import Client
from django.test.utils import override_settings
from rest_framework.test import APIClient

from grader import services
from grader.models import Mode, Status, Submission, Verdict
from grader.trying import MAX_SNIPPET_BYTES, TRY_CASE_ID
from tests.api.conftest import throttle_cache, token_client  # noqa: F401 (autouse fixture)
from tests.grader.conftest import LiveStream, current_version, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("bank")]

FLATTEN = "coding/flatten"
SNIPPET = 'import sys\nprint("hello from try")\nprint("to stderr", file=sys.stderr)\nflatten([1, [2, [3]]])\n'


def start_interview(user, _track: str = ""):
    """An interview with the one coding question these tests load (coding/flatten)."""
    from interviews.services import interview_start
    from interviews.tracks import custom_track

    return interview_start(user=user, track=custom_track(sections=["coding"], count=1, minutes=30))


def finished(submission_id: int) -> Submission | None:
    submission = Submission.objects.get(pk=submission_id)
    return submission if submission.is_finished else None


def try_snippet(owner, snippet: str, code: str | None = None) -> Submission:
    version = current_version(FLATTEN)
    submission = services.submission_create(owner=owner, version=version, code=code or version.solution,
                                            mode=Mode.TRY, snippet=snippet)
    return wait_for(lambda: finished(submission.pk), timeout=90, what="the try to finish")


def test_try_shows_the_value_of_the_last_line_stdout_stderr_cpu_and_memory(alice, celery_worker_proc):
    done = try_snippet(alice, SNIPPET)
    assert done.status == Status.DONE and done.verdict == Verdict.AC
    assert done.score is None, "a try counts for nothing"
    assert done.cases_total == 1 and done.snippet == SNIPPET
    result = done.results.get()
    assert result.case_id == TRY_CASE_ID and result.sample
    assert result.actual == {"expression": True, "repr": "[1, 2, 3]", "type": "list"}
    assert result.stdout == "hello from try\n"
    assert "to stderr" in result.stderr
    assert result.memory_kb > 0 and result.wall_ms > 0


def test_an_exception_in_the_snippet_is_a_runtime_error_with_its_traceback(alice, celery_worker_proc):
    done = try_snippet(alice, "x = 1\nflatten(x)\n")
    assert done.verdict == Verdict.RE and done.status == Status.DONE
    result = done.results.get()
    assert "TypeError" in result.message
    assert 'File "<try>", line 2' in result.stderr and "TypeError" in result.stderr


def test_a_snippet_without_a_final_expression_and_a_syntax_error(alice, celery_worker_proc):
    done = try_snippet(alice, "values = flatten([[1], 2])\nprint(len(values))\ncount = len(values)\n")
    result = done.results.get()
    assert done.verdict == Verdict.AC and result.actual["expression"] is False and result.stdout == "2\n"
    broken = try_snippet(alice, "flatten([1,\n")
    assert broken.verdict == Verdict.RE and "SyntaxError" in broken.results.get().message


def test_a_snippet_that_never_ends_is_stopped_by_the_same_limits_as_run(alice, celery_worker_proc):
    done = try_snippet(alice, "while True:\n    pass\n")
    assert done.verdict == Verdict.TLE and done.score is None


def test_a_try_streams_its_row_and_summary_like_a_run(alice, celery_worker_proc, ws_loop):
    version = current_version(FLATTEN)
    submission = services.submission_create(owner=alice, version=version, code=version.solution,
                                            mode=Mode.TRY, snippet="flatten([[[4]]])")
    stream = LiveStream(ws_loop, submission.pk, alice)
    try:
        assert stream.accepted
        received = stream.receive(until=lambda s: s.finished, timeout=90)
    finally:
        stream.close()
    assert received.final_rows() == {TRY_CASE_ID: "AC"}
    assert received.summaries[-1] == ("done", "AC")
    html = "".join(received.fragments)
    assert 'data-testid="try-value">[4]</pre>' in html and "Your snippet ran" in html


def test_a_snippet_is_refused_clearly_when_empty_too_big_or_nul(alice):
    version = current_version(FLATTEN)
    for snippet, message in (("  ", "nothing to try"), ("x" * (MAX_SNIPPET_BYTES + 1), "over 8 KiB"),
                             ("1\x00", "NUL")):
        with pytest.raises(services.SubmissionRefused, match=message):
            services.submission_create(owner=alice, version=version, code=version.solution, mode=Mode.TRY,
                                       snippet=snippet)
    assert not Submission.objects.exists()


def test_the_api_takes_a_try_and_refuses_a_bad_snippet_with_a_400(alice, bob, redis_url, monkeypatch):
    sent: list[dict] = []
    monkeypatch.setattr(services, "submission_enqueue", lambda **kwargs: sent.append(kwargs) or True)
    interview = start_interview(alice, "coding-screen")
    item = next(item for item in interview.items.all() if item.is_code)
    url = f"/api/interviews/{interview.pk}/items/{item.position}/submissions/"
    client = token_client(alice)
    code = item.version.solution

    too_big = client.post(url, {"code": code, "mode": "try", "snippet": "1\n" * MAX_SNIPPET_BYTES}, format="json")
    assert too_big.status_code == 400 and "over 8 KiB" in str(too_big.json())
    missing = client.post(url, {"code": code, "mode": "try"}, format="json")
    assert missing.status_code == 400 and "nothing to try" in str(missing.json())
    stray = client.post(url, {"code": code, "mode": "run", "snippet": "1"}, format="json")
    assert stray.status_code == 400 and "Only a try takes a snippet" in str(stray.json())

    created = client.post(url, {"code": code, "mode": "try", "snippet": "2 + 2"}, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["mode"] == "try" and body["snippet"] == "2 + 2" and [c["case_id"] for c in body["cases"]] == ["try"]
    assert sent and sent[-1]["mode"] == "try"
    # Bob cannot try on alice's item; the try is not the item's graded submission.
    assert token_client(bob).post(url, {"code": code, "mode": "try", "snippet": "1"},
                                  format="json").status_code == 404
    item.refresh_from_db()
    assert item.final_submission_id is None

    schema = APIClient().get("/api/schema/").content.decode()
    assert "snippet" in schema and "try" in schema


def test_a_try_is_sent_to_the_run_queue(alice, monkeypatch):
    from grader import tasks

    queues: list[str] = []
    monkeypatch.setattr(tasks.grade_submission, "apply_async", lambda **kwargs: queues.append(kwargs["queue"]))
    assert services.submission_enqueue(submission_id=1, mode=Mode.TRY)
    assert services.submission_enqueue(submission_id=1, mode=Mode.SUBMIT)
    assert queues == ["run", "submit"]


@override_settings(API_THROTTLE_RATES={"interview_start": "100/minute", "submission": "2/minute"})
def test_the_page_try_shares_the_run_and_submit_quota_and_keeps_the_last_snippet(alice, redis_url, monkeypatch):
    monkeypatch.setattr(services, "submission_enqueue", lambda **kwargs: True)
    interview = start_interview(alice, "coding-screen")
    item = next(item for item in interview.items.all() if item.is_code)
    client = Client()
    client.force_login(alice)
    base = f"/interviews/{interview.pk}/q/{item.position}/"
    code = item.version.solution
    assert client.post(base + "try/", {"code": code, "snippet": "first = 1"}, HTTP_HX_REQUEST="true").status_code == 200
    assert client.post(base + "try/", {"code": code, "snippet": "last = 2\nlast"},
                       HTTP_HX_REQUEST="true").status_code == 200
    refused = client.post(base + "run/", {"code": code}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 429 and "Too many runs" in refused.content.decode()
    room = client.get(base).content.decode()
    assert "last = 2\nlast</textarea>" in room
    # The try results are in the console, not in the Run / Submit results.
    assert 'id="try-results"' in room and room.index("try-results") < room.index(
        f'id="submission-{Submission.objects.filter(mode=Mode.TRY).first().pk}-summary"')
