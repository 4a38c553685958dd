"""schemathesis against the live schema: every operation, generated requests (valid and invalid),
with alice's token and ids of her real interview, item and submission mixed in. No 5xx, and
every answer conforms to the schema (status code, content type, body)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis import checks as st_checks

from grader.models import Mode
from interviews.services import item_submit_code
from tests.api.conftest import start_interview
from tests.factories import UserFactory

EXAMPLES_PER_OPERATION = 25
CHECKS = [
    st_checks.not_a_server_error,
    st_checks.status_code_conformance,
    st_checks.content_type_conformance,
    st_checks.response_schema_conformance,
    st_checks.response_headers_conformance,
]


@pytest.mark.django_db(transaction=True)
def test_every_operation_answers_within_its_schema_and_never_5xx(bank, asgi_server):
    alice = UserFactory(username="alice")
    headers = {"Authorization": f"Token {Token.objects.create(user=alice).key}"}
    interview = start_interview(alice, "full-loop")
    code_item = next(item for item in interview.items.all() if item.is_code)
    submission = item_submit_code(item=code_item, code=code_item.version.starter + "\n", mode=Mode.RUN)
    real_ids = {"interview_id": interview.pk, "position": code_item.position, "submission_id": submission.pk}

    schema = schemathesis.openapi.from_url(f"{asgi_server}/api/schema/")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 17, [operation.label for operation in operations]  # 12 + 5 of issue #16
    # Finishing last, so that drafts and submissions are tried while the interview is in progress.
    operations.sort(key=lambda operation: operation.path.endswith("/finish/"))

    seen: set[int] = set()
    for operation in operations:
        names = {parameter.name for parameter in operation.path_parameters}
        fixed = {name: value for name, value in real_ids.items() if name in names}
        strategies = [operation.as_strategy(generation_mode=GenerationMode.POSITIVE)]
        if fixed:
            strategies.append(operation.as_strategy(generation_mode=GenerationMode.POSITIVE, path_parameters=fixed))
        if fixed or operation.body:
            strategies.append(operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))

        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=st.one_of(*strategies))
        def check(case) -> None:
            response = case.call_and_validate(base_url=asgi_server, headers=headers, checks=CHECKS)
            seen.add(response.status_code)

        check()
    # The run reached real objects, not only 404s: successes, validation errors and refusals.
    assert {200, 201, 400, 404} <= seen, seen
