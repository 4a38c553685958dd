"""Who may see and change an interview: alice owns it, bob gets 404 everywhere (as for an id that
does not exist), staff may look but not write, and anonymous visitors are sent to log in."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from grader.models import Submission
from interviews import services
from interviews.models import Interview
from interviews.tracks import custom_track

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def interview(alice, mini_bank) -> Interview:
    return services.interview_start(user=alice, track=custom_track(sections=["dsa", "behavioral"], count=2,
                                                                   minutes=30))


def item_urls(interview: Interview) -> dict[str, str]:
    return {name: reverse(name, args=[interview.pk, 1])
            for name in ("interview-room", "item-draft", "item-run", "item-submit", "item-preview")}


def interview_urls(interview: Interview) -> dict[str, str]:
    return {name: reverse(name, args=[interview.pk])
            for name in ("interview", "interview-finish", "interview-report", "interview-report-scores")}


WRITES = {"item-draft": {"draft": "mine"}, "item-run": {"code": "x = 1"}, "item-submit": {"code": "x = 1"},
          "item-preview": {"draft": "hi"}, "interview-finish": {}}


def request(client: Client, name: str, path: str):
    if name in WRITES:
        return client.post(path, WRITES[name], **HTMX)
    return client.get(path)


@pytest.mark.parametrize("name", ["interview-room", "item-draft", "item-run", "item-submit", "item-preview"])
def test_bob_gets_404_on_alices_items(bob_client: Client, interview: Interview, name: str) -> None:
    response = request(bob_client, name, item_urls(interview)[name])

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["interview", "interview-finish", "interview-report", "interview-report-scores"])
def test_bob_gets_404_on_alices_interview(bob_client: Client, interview: Interview, name: str) -> None:
    services.interview_finish(interview=interview) if name != "interview-finish" else None

    response = request(bob_client, name, interview_urls(interview)[name])

    assert response.status_code == 404


def test_bobs_attempts_change_nothing(bob_client: Client, interview: Interview) -> None:
    for name, path in item_urls(interview).items():
        request(bob_client, name, path)
    request(bob_client, "interview-finish", interview_urls(interview)["interview-finish"])

    interview.refresh_from_db()
    assert interview.is_active
    assert interview.items.get(position=1).draft == interview.items.get(position=1).version.starter
    assert not Submission.objects.exists()


def test_a_missing_interview_is_404_like_a_foreign_one(alice_client: Client) -> None:
    assert alice_client.get(reverse("interview-room", args=[999999, 1])).status_code == 404
    assert alice_client.get(reverse("interview-report", args=[999999])).status_code == 404


@pytest.mark.parametrize("name", ["interview-room", "item-draft", "item-run", "item-submit", "item-preview"])
def test_alice_may_use_every_item_endpoint(alice_client: Client, interview: Interview, name: str) -> None:
    response = request(alice_client, name, item_urls(interview)[name])

    assert response.status_code == 200


def test_staff_may_look_at_alices_room_read_only(staff_client: Client, interview: Interview) -> None:
    response = staff_client.get(item_urls(interview)["interview-room"])

    html = response.content.decode()
    assert response.status_code == 200
    assert "read only" in html and 'data-readonly="true"' in html
    assert "Run sample cases" not in html and "Finish interview" not in html


@pytest.mark.parametrize("name", ["item-draft", "item-run", "item-submit"])
def test_staff_cannot_write_alices_answers(staff_client: Client, interview: Interview, name: str) -> None:
    response = request(staff_client, name, item_urls(interview)[name])

    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_staff_cannot_finish_alices_interview(staff_client: Client, interview: Interview) -> None:
    response = staff_client.post(interview_urls(interview)["interview-finish"])

    assert response.status_code == 403
    interview.refresh_from_db()
    assert interview.is_active


def test_staff_may_read_alices_report(staff_client: Client, interview: Interview) -> None:
    services.interview_finish(interview=interview)

    assert staff_client.get(interview_urls(interview)["interview-report"]).status_code == 200
    assert staff_client.get(interview_urls(interview)["interview-report-scores"]).status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client: Client, interview: Interview) -> None:
    paths = [*item_urls(interview).items(), *interview_urls(interview).items(),
             ("dashboard", reverse("dashboard")), ("history", reverse("history")),
             ("interview-start", reverse("interview-start")),
             ("interview-start-custom", reverse("interview-start-custom")),
             ("interview-start-weakest", reverse("interview-start-weakest"))]
    for name, path in paths:
        response = client.post(path) if name in WRITES or name.startswith("interview-start") else client.get(path)
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("login")), name
    interview.refresh_from_db()
    assert interview.is_active


def test_the_pages_of_alices_own_account_are_only_hers(bob_client: Client, interview: Interview) -> None:
    services.interview_finish(interview=interview)

    assert "Recent results" in bob_client.get(reverse("dashboard")).content.decode()
    assert "No finished interviews yet" in bob_client.get(reverse("dashboard")).content.decode()
    assert "No interviews yet" in bob_client.get(reverse("history")).content.decode()
