"""The demo account that `make run` prints."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run_demo_user() -> str:
    out = StringIO()
    call_command("demo_user", stdout=out)
    return out.getvalue()


def test_demo_user_creates_the_account_and_prints_its_credentials() -> None:
    output = run_demo_user()

    assert 'username "demo", password "onsite-demo"' in output
    assert get_user_model().objects.get(username="demo").check_password("onsite-demo")


def test_demo_user_is_idempotent_and_repairs_a_changed_password() -> None:
    run_demo_user()
    user = get_user_model().objects.get(username="demo")
    user.set_password("changed")
    user.save()

    run_demo_user()
    run_demo_user()

    assert get_user_model().objects.filter(username="demo").count() == 1
    assert get_user_model().objects.get(username="demo").check_password("onsite-demo")
