"""Fixtures for the interview pages: alice (owner), bob (another candidate), staff, logged-in
clients, and a small question bank (a few real folders copied aside, so these tests do not
depend on the whole bank being complete)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.test import Client

from references.loader import BANK_ROOT

MINI_BANK = ("dsa/lru-cache", "coding/flatten", "concepts/model-serving", "design/url-shortener",
             "behavioral/production-incident")
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    """Hashing passwords properly takes ~0.3 s each; these tests are not about that."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def mini_bank(db, tmp_path: Path):
    from references.services import bank_sync

    for key in MINI_BANK:
        shutil.copytree(BANK_ROOT / key, tmp_path / key)
    return bank_sync(root=tmp_path)





def _client_for(user) -> Client:
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client


@pytest.fixture
def alice_client(alice) -> Client:
    return _client_for(alice)


@pytest.fixture
def bob_client(bob) -> Client:
    return _client_for(bob)


@pytest.fixture
def staff_client(staff) -> Client:
    return _client_for(staff)
