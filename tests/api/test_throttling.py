"""Quotas on starting interviews and creating submissions: 429 with Retry-After, counted in Redis."""

from __future__ import annotations

import json
import urllib.request

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test.utils import override_settings
from rest_framework.authtoken.models import Token

from tests.api.conftest import start_interview

pytestmark = pytest.mark.django_db

TIGHT = {"interview_start": "2/hour", "submission": "3/minute"}


@override_settings(API_THROTTLE_RATES=TIGHT)
def test_the_fourth_submission_in_a_minute_is_429_with_retry_after(redis_url, clients, bank, alice):
    interview = start_interview(alice, "coding-screen")
    url = f"/api/interviews/{interview.pk}/items/1/submissions/"
    for _ in range(3):
        assert clients["alice"].post(url, {"code": "x = 1\n", "mode": "run"}, format="json").status_code == 201
    throttled = clients["alice"].post(url, {"code": "x = 1\n", "mode": "run"}, format="json")
    assert throttled.status_code == 429
    assert 0 < int(throttled["Retry-After"]) <= 60
    error = throttled.json()["error"]
    assert error["code"] == "throttled" and "try again in" in error["message"]
    # Reading is never throttled, and another user has their own quota.
    assert clients["alice"].get(url).status_code == 200


@override_settings(API_THROTTLE_RATES=TIGHT)
def test_starting_interviews_is_throttled_per_user(redis_url, clients, bank, bob):
    for _ in range(2):
        started = clients["bob"].post("/api/interviews/", {"track": "behavioral"}, format="json")
        assert started.status_code == 201
        clients["bob"].post(f"/api/interviews/{started.json()['id']}/finish/")
    throttled = clients["bob"].post("/api/interviews/", {"track": "behavioral"}, format="json")
    assert throttled.status_code == 429 and int(throttled["Retry-After"]) > 60
    assert clients["alice"].post("/api/interviews/", {"track": "behavioral"}, format="json").status_code == 201


@override_settings(API_THROTTLE_RATES=TIGHT)
def test_even_refused_attempts_count_against_the_quota(redis_url, clients, bank, alice):
    start_interview(alice)
    assert [clients["alice"].post("/api/interviews/", {"track": "behavioral"}, format="json").status_code
            for _ in range(3)] == [409, 409, 429]


@pytest.mark.django_db(transaction=True)  # the server process reads the users and the interview
@override_settings(API_THROTTLE_RATES=TIGHT)
def test_another_web_process_counts_against_the_same_quota(redis_url, asgi_server, clients, bank, alice):
    """Two processes, one budget: a request served by daphne (a separate process, production
    settings) is counted in the same Redis as the requests served here."""
    interview = start_interview(alice, "coding-screen")
    path = f"/api/interviews/{interview.pk}/items/1/submissions/"
    body = {"code": "x = 1\n", "mode": "run"}
    for _ in range(2):
        assert clients["alice"].post(path, body, format="json").status_code == 201
    token = Token.objects.get(user=alice).key
    request = urllib.request.Request(
        f"{asgi_server}{path}", data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 201  # the server's own quota (30/minute) lets it through ...

    # ... and it counted: this process, allowing 3 a minute, has now seen 3.
    assert clients["alice"].post(path, body, format="json").status_code == 429


def test_a_malformed_rate_in_the_environment_stops_start_up(monkeypatch):
    from config.settings import _throttle_rate

    monkeypatch.setenv("API_THROTTLE_SUBMISSIONS", "lots")
    with pytest.raises(ImproperlyConfigured, match="API_THROTTLE_SUBMISSIONS must look like 30/minute"):
        _throttle_rate("API_THROTTLE_SUBMISSIONS", "30/minute")
    monkeypatch.setenv("API_THROTTLE_SUBMISSIONS", "5/second")
    assert _throttle_rate("API_THROTTLE_SUBMISSIONS", "30/minute") == "5/second"
