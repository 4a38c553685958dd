"""The report of a finished 5-question interview renders in a bounded number of queries.

The interview is real: started from the full-loop track on the mini bank (one question per
section), its two coding questions submitted and graded through the sandbox (the process
backend, in this process, so no worker is needed), the written answers graded on finish.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.interviews.conftest import _client_for

pytestmark = pytest.mark.django_db
REPORT_QUERY_BUDGET = 30  # the goal; interviews.bench reports the measured figure


@pytest.fixture
def finished_full_loop(alice, mini_bank, redis_url):
    from grader import services as grader_services
    from grader.models import Mode
    from interviews import services
    from interviews.tracks import TRACKS
    from sandbox.process_backend import ProcessBackend

    interview = services.interview_start(user=alice, track=TRACKS["full-loop"])
    backend = ProcessBackend(debug=True)
    for item in interview.items.select_related("version"):
        if item.is_code:
            submission = services.item_submit_code(item=item, code=item.version.solution, mode=Mode.SUBMIT)
            grader_services.submission_grade(submission_id=submission.pk, backend=backend)
        else:
            services.item_save_draft(item=item, draft=item.version.answer_md)
    services.interview_finish(interview=interview)
    return interview


def test_the_report_of_a_five_question_interview_stays_within_its_query_budget(
        alice, finished_full_loop, django_assert_max_num_queries):
    interview = finished_full_loop
    assert interview.items.count() == 5
    assert sum(item.is_code for item in interview.items.all()) == 2
    client = _client_for(alice)
    client.get(f"/interviews/{interview.pk}/report/")  # warm: session, template loaders
    with django_assert_max_num_queries(REPORT_QUERY_BUDGET):
        response = client.get(f"/interviews/{interview.pk}/report/")
    assert response.status_code == 200
    assert response.content.count(b'data-verdict="AC"') >= 2  # the graded cases are on the page


def test_the_report_query_count_does_not_grow_with_the_number_of_cases(alice, finished_full_loop):
    """More cases on a submission must not mean more queries (no query per case row)."""
    from grader.models import CaseResult

    client = _client_for(alice)
    url = f"/interviews/{finished_full_loop.pk}/report/"
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    result = CaseResult.objects.filter(submission__item_id__in=finished_full_loop.items.values("pk")).first()
    for index in range(10):
        CaseResult.objects.create(submission=result.submission, case_id=f"extra-{index}", position=100 + index,
                                  verdict="AC")
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)
