"""Writes owned by interviews: accounts for now, interviews later."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "onsite-demo"
DEMO_EMAIL = "demo@onsite.localhost"


def account_create(*, username: str, email: str, password: str) -> AbstractBaseUser:
    """Create a candidate's account. The caller has validated the values (see SignUpForm)."""
    return get_user_model().objects.create_user(username=username, email=email, password=password)


@transaction.atomic
def account_ensure_demo() -> tuple[AbstractBaseUser, bool]:
    """Make sure the demo account exists and has the documented password; idempotent.

    Returns the user and whether anything had to be created or changed.
    """
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_USERNAME, defaults={"email": DEMO_EMAIL}
    )
    if created or not user.check_password(DEMO_PASSWORD) or not user.is_active:
        user.set_password(DEMO_PASSWORD)
        user.is_active = True
        user.save()
        return user, True
    return user, False
