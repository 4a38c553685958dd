"""A visitor signs up in a real browser and lands on the dashboard."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from tests.factories import DEFAULT_PASSWORD


@pytest.mark.django_db(transaction=True)
def test_visitor_signs_up_in_the_browser_and_lands_on_the_dashboard(asgi_server: str, page: Page) -> None:
    page.goto(asgi_server)
    page.get_by_role("link", name="Create an account").click()

    page.get_by_label("Username").fill("alice")
    page.get_by_label("Email").fill("alice@example.com")
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_label("Password confirmation").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign up").click()

    expect(page).to_have_url(f"{asgi_server}/dashboard/")
    expect(page.get_by_role("heading", name="Welcome, alice")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    assert get_user_model().objects.filter(username="alice").exists()
