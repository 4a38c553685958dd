"""Accounts in the browser: sign up, log in and out, passwords, and the login wall."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.sqlite_smoke
def test_visitor_signs_up_and_lands_on_the_dashboard_logged_in(client: Client) -> None:
    response = client.post(
        reverse("signup"),
        {
            "username": "alice",
            "email": "alice@example.com",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert response.context["user"].username == "alice"
    assert get_user_model().objects.get(username="alice").email == "alice@example.com"


def test_sign_up_rejects_mismatched_passwords_and_creates_nobody(client: Client) -> None:
    response = client.post(
        reverse("signup"),
        {"username": "alice", "email": "alice@example.com", "password1": DEFAULT_PASSWORD, "password2": "other-pw-123"},
    )

    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert not get_user_model().objects.filter(username="alice").exists()


def test_sign_up_rejects_an_email_already_in_use(client: Client) -> None:
    UserFactory(username="alice", email="alice@example.com")

    response = client.post(
        reverse("signup"),
        {
            "username": "alice2",
            "email": "ALICE@example.com",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
        },
    )

    assert "email" in response.context["form"].errors


def test_candidate_logs_in_with_username_and_password(client: Client) -> None:
    UserFactory(username="alice")

    response = client.post(reverse("login"), {"username": "alice", "password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert client.get(reverse("dashboard")).context["user"].username == "alice"


def test_wrong_password_shows_the_form_again(client: Client) -> None:
    UserFactory(username="alice")

    response = client.post(reverse("login"), {"username": "alice", "password": "not-it"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not response.context["user"].is_authenticated


def test_log_out_ends_the_session(client: Client) -> None:
    client.force_login(UserFactory())

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url == reverse("landing")
    assert client.get(reverse("dashboard")).status_code == 302


def test_dashboard_redirects_a_visitor_to_the_login_page(client: Client) -> None:
    response = client.get(reverse("dashboard"))

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={reverse('dashboard')}"


def test_landing_and_auth_pages_are_public(client: Client) -> None:
    for name in ("landing", "login", "signup", "password_reset"):
        assert client.get(reverse(name)).status_code == 200, name


def test_password_change_page_requires_login(client: Client) -> None:
    response = client.get(reverse("password_change"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_login_is_throttled_after_repeated_failures(client: Client) -> None:
    UserFactory(username="alice")
    for _ in range(5):
        client.post(reverse("login"), {"username": "alice", "password": "guess"})

    response = client.post(reverse("login"), {"username": "alice", "password": DEFAULT_PASSWORD})

    assert response.status_code == 429
    assert b"Too many failed log-ins" in response.content
    assert client.get(reverse("dashboard")).status_code == 302


def test_throttling_one_account_does_not_lock_out_another(client: Client) -> None:
    UserFactory(username="alice")
    UserFactory(username="bob")
    for _ in range(5):
        client.post(reverse("login"), {"username": "alice", "password": "guess"})

    response = client.post(reverse("login"), {"username": "bob", "password": DEFAULT_PASSWORD})

    assert response.status_code == 302


def test_candidate_changes_password(client: Client) -> None:
    user = UserFactory(username="alice")
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": "a-new-passphrase-42",
            "new_password2": "a-new-passphrase-42",
        },
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-new-passphrase-42")


def test_password_reset_mails_a_link_that_sets_a_new_password(client: Client) -> None:
    user = UserFactory(username="alice", email="alice@example.com")

    client.post(reverse("password_reset"), {"email": "alice@example.com"})

    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-passphrase-42", "new_password2": "a-new-passphrase-42"},
    )
    user.refresh_from_db()
    assert user.check_password("a-new-passphrase-42")


def test_unknown_page_shows_the_friendly_404(client: Client, settings) -> None:
    settings.DEBUG = False

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()
