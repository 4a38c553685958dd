"""Fixtures for the API tests: alice (owner), bob (another candidate), staff; token clients;
an interview of alice's; throttle counters in the test Redis, emptied around every test."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from django.core.cache import caches
from django.test.utils import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def throttle_cache(request: pytest.FixtureRequest) -> Iterator[None]:
    """Point the throttle cache at this xdist worker's Redis database and start every test at zero."""
    if "redis_url" not in request.fixturenames:
        # Only tests that ask for Redis get it; the others use a process-local cache.
        location = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": request.node.nodeid}
    else:
        location = {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": request.getfixturevalue("redis_url"), "KEY_PREFIX": "onsite-throttle"}
    # A fast hasher: three users per test, and PBKDF2 is slow on purpose.
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
                                   "throttle": location},
                           PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        caches["throttle"].clear()
        yield
        caches["throttle"].clear()





def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def clients(alice, bob, staff) -> dict[str, APIClient]:
    return {"anonymous": APIClient(), "alice": token_client(alice), "bob": token_client(bob),
            "staff": token_client(staff)}


def start_interview(user, track: str = "coding-screen", seed: int = 7):
    from interviews.services import interview_start
    from interviews.tracks import TRACKS

    return interview_start(user=user, track=TRACKS[track], rng=random.Random(seed))


@pytest.fixture
def full_loop(bank, alice):
    """alice's interview with every kind of item: concept, DSA, design, coding, behavioral."""
    return start_interview(alice, "full-loop")


@pytest.fixture(scope="session")
def _bank_contents():
    from references.loader import read_bank

    return read_bank()


@pytest.fixture
def bank(_bank_contents, monkeypatch):
    """The real question bank in the test database; the folders are read once per session."""
    from references import services

    monkeypatch.setattr(services, "read_bank", lambda root=None: _bank_contents)
    return services.bank_sync()
