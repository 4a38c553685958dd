"""The account page /account/tokens/: create (shown once), use, and revoke an API token."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_session(alice) -> Client:
    client = Client()
    client.force_login(alice)
    return client


def test_anonymous_visitors_are_sent_to_log_in(db):
    response = Client().get("/account/tokens/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_alice_creates_a_token_shown_once_uses_it_and_revokes_it(alice_session, alice):
    assert b"You have no token" in alice_session.get("/account/tokens/").content

    created = alice_session.post("/account/tokens/")
    key = Token.objects.get(user=alice).key
    assert created.status_code == 200 and key.encode() in created.content
    assert key.encode() not in alice_session.get("/account/tokens/").content  # shown once only

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/interviews/").status_code == 200

    revoked = alice_session.post("/account/tokens/revoke/", follow=True)
    assert b"was revoked" in revoked.content
    assert not Token.objects.filter(user=alice).exists()
    assert api.get("/api/interviews/").status_code == 401


def test_creating_again_replaces_the_old_token(alice_session, alice):
    alice_session.post("/account/tokens/")
    first = Token.objects.get(user=alice).key
    alice_session.post("/account/tokens/")
    assert Token.objects.get(user=alice).key != first


def test_the_token_page_needs_csrf_for_its_posts(alice):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    assert browser.post("/account/tokens/").status_code == 403
    assert not Token.objects.filter(user=alice).exists()
