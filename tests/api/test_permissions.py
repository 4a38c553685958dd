"""Every endpoint and method, tried by anonymous, bob (another candidate), staff and alice (owner).

Anonymous gets 401; bob gets 404 for alice's objects (they do not exist for him); staff may read
anyone's interview but not change it (403); alice succeeds. Submissions stay queued here (no
worker, and on_commit never fires inside a test transaction): these tests need no Celery.
"""

from __future__ import annotations

import pytest

from grader.models import Mode
from interviews.services import interview_finish, item_submit_code
from tests.api.conftest import start_interview

pytestmark = pytest.mark.django_db

PEOPLE = ("anonymous", "bob", "staff", "alice")  # alice last: her writes change the state


@pytest.fixture
def world(bank, alice):
    """alice's coding-screen interview (both items are code) with one submission on item 1."""
    interview = start_interview(alice, "coding-screen")
    item = interview.items.get(position=1)
    submission = item_submit_code(item=item, code=item.version.solution, mode=Mode.RUN)
    return {"interview": interview.pk, "position": 1, "submission": submission.pk, "item": item}


def statuses(clients, method: str, url: str, body: dict | None = None, people=PEOPLE) -> dict[str, int]:
    seen = {}
    for person in people:
        call = getattr(clients[person], method)
        response = call(url, body, format="json") if body is not None else call(url)
        seen[person] = response.status_code
        if response.status_code >= 400:
            assert response.json()["error"]["status"] == response.status_code, (person, response.content)
    return seen


ENDPOINTS = [
    # (method, url, body, expected statuses while alice's interview is in progress)
    ("get", "/api/tracks/", None, {"anonymous": 401, "bob": 200, "staff": 200, "alice": 200}),
    ("get", "/api/interviews/", None, {"anonymous": 401, "bob": 200, "staff": 200, "alice": 200}),
    ("get", "/api/interviews/{interview}/", None, {"anonymous": 401, "bob": 404, "staff": 200, "alice": 200}),
    ("post", "/api/interviews/{interview}/finish/", {}, {"anonymous": 401, "bob": 404, "staff": 403, "alice": 200}),
    ("get", "/api/interviews/{interview}/report/", None, {"anonymous": 401, "bob": 404, "staff": 409, "alice": 409}),
    ("get", "/api/interviews/{interview}/items/{position}/", None,
     {"anonymous": 401, "bob": 404, "staff": 200, "alice": 200}),
    ("put", "/api/interviews/{interview}/items/{position}/draft/", {"draft": "def f():\n    return 1\n"},
     {"anonymous": 401, "bob": 404, "staff": 403, "alice": 200}),
    ("get", "/api/interviews/{interview}/items/{position}/submissions/", None,
     {"anonymous": 401, "bob": 404, "staff": 200, "alice": 200}),
    ("post", "/api/interviews/{interview}/items/{position}/submissions/", {"code": "x = 1\n", "mode": "run"},
     {"anonymous": 401, "bob": 404, "staff": 403, "alice": 201}),
    ("get", "/api/interviews/{interview}/items/{position}/answer/", None,
     {"anonymous": 401, "bob": 404, "staff": 403, "alice": 403}),
    ("get", "/api/submissions/{submission}/", None, {"anonymous": 401, "bob": 404, "staff": 200, "alice": 200}),
]


@pytest.mark.parametrize(("method", "url", "body", "expected"), ENDPOINTS,
                         ids=[f"{method.upper()} {url}" for method, url, _, _ in ENDPOINTS])
def test_permission_matrix_while_the_interview_is_in_progress(clients, world, method, url, body, expected):
    assert statuses(clients, method, url.format(**world), body) == expected


def test_starting_an_interview_anonymous_401_alice_busy_409_others_start_their_own(clients, world):
    assert statuses(clients, "post", "/api/interviews/", {"track": "coding-screen"}) == {
        "anonymous": 401, "bob": 201, "staff": 201, "alice": 409}


AFTER_FINISH = [
    ("get", "/api/interviews/{interview}/report/", None, {"anonymous": 401, "bob": 404, "staff": 200, "alice": 200}),
    ("get", "/api/interviews/{interview}/items/{position}/answer/", None,
     {"anonymous": 401, "bob": 404, "staff": 200, "alice": 200}),
    ("put", "/api/interviews/{interview}/items/{position}/draft/", {"draft": "too late"},
     {"anonymous": 401, "bob": 404, "staff": 403, "alice": 409}),
    ("post", "/api/interviews/{interview}/items/{position}/submissions/", {"code": "x = 1\n", "mode": "submit"},
     {"anonymous": 401, "bob": 404, "staff": 403, "alice": 409}),
    ("post", "/api/interviews/{interview}/finish/", {}, {"anonymous": 401, "bob": 404, "staff": 403, "alice": 200}),
]


@pytest.mark.parametrize(("method", "url", "body", "expected"), AFTER_FINISH,
                         ids=[f"{method.upper()} {url}" for method, url, _, _ in AFTER_FINISH])
def test_permission_matrix_after_the_interview_is_finished(clients, world, method, url, body, expected):
    interview_finish(interview=world["item"].interview)
    assert statuses(clients, method, url.format(**world), body) == expected


def test_bob_lists_only_his_own_interviews(clients, world, bob):
    mine = start_interview(bob, "coding-screen")
    assert [row["id"] for row in clients["bob"].get("/api/interviews/").json()] == [mine.pk]
    assert [row["id"] for row in clients["alice"].get("/api/interviews/").json()] == [world["interview"]]


def test_a_wrong_token_is_401_not_anonymous_access(world):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.get("/api/interviews/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Token"
