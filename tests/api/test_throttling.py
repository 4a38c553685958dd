"""Quotas on starting interviews and creating submissions: 429 with Retry-After, counted in Redis."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test.utils import override_settings

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


def test_throttle_counts_live_in_the_shared_redis_cache(redis_url):
    from django.core.cache import caches

    assert caches["throttle"].__class__.__name__ == "RedisCache"


def test_a_malformed_rate_in_the_environment_stops_start_up(monkeypatch):
    from config.settings import _throttle_rate

    monkeypatch.setenv("API_THROTTLE_SUBMISSIONS", "lots")
    with pytest.raises(ImproperlyConfigured, match="API_THROTTLE_SUBMISSIONS must look like 30/minute"):
        _throttle_rate("API_THROTTLE_SUBMISSIONS", "30/minute")
    monkeypatch.setenv("API_THROTTLE_SUBMISSIONS", "5/second")
    assert _throttle_rate("API_THROTTLE_SUBMISSIONS", "30/minute") == "5/second"
