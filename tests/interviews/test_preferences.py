"""Issue #15: per-user display preferences (theme, editor keys, font size), used on every page."""

from __future__ import annotations

import pytest
from django.test import Client

from interviews.models import Preferences

pytestmark = pytest.mark.django_db


def test_a_new_user_follows_the_system_theme_with_standard_keys(alice_client):
    page = alice_client.get("/dashboard/").content.decode()
    assert 'data-theme-choice="system"' in page and 'data-theme="' not in page.split("<head>")[0]
    assert alice_client.get("/preferences/", HTTP_ACCEPT="application/json").json() == {
        "theme": "system", "keybinding": "default", "font_size": 15}


def test_alice_saves_dark_vim_and_a_font_size_and_every_page_uses_them(alice, alice_client, bob_client):
    saved = alice_client.post("/preferences/", {"theme": "dark"}, HTTP_ACCEPT="application/json")
    assert saved.status_code == 200 and saved.json()["theme"] == "dark"
    alice_client.post("/preferences/", {"keybinding": "vim", "font_size": "18"}, HTTP_ACCEPT="application/json")
    assert Preferences.objects.get(user=alice).theme == "dark", "saving one choice keeps the others"
    chosen = Preferences.objects.get(user=alice)
    assert (chosen.keybinding, chosen.font_size) == ("vim", 18)
    for url in ("/dashboard/", "/history/", "/preferences/"):
        html = alice_client.get(url).content.decode()
        assert 'data-theme-choice="dark"' in html and 'data-theme="dark"' in html, url
    # Bob's pages are not alice's choice.
    assert 'data-theme-choice="system"' in bob_client.get("/dashboard/").content.decode()


def test_the_form_without_javascript_saves_and_redirects_only_to_this_site(alice, alice_client):
    response = alice_client.post("/preferences/", {"theme": "light", "keybinding": "emacs", "font_size": "13",
                                                   "next": "/history/"})
    assert response.status_code == 302 and response["Location"] == "/history/"
    assert Preferences.objects.filter(user=alice, theme="light", keybinding="emacs", font_size=13).exists()
    elsewhere = alice_client.post("/preferences/", {"theme": "dark", "next": "https://evil.example/"})
    assert elsewhere["Location"] == "/preferences/"
    page = alice_client.get("/preferences/").content.decode()
    assert 'value="emacs" checked' in page and "Preferences" in page


@pytest.mark.parametrize("field, value, message", [
    ("theme", "purple", "Unknown theme 'purple'"),
    ("keybinding", "nano", "Unknown key binding 'nano'"),
    ("font_size", "99", "Font size must be one of"),
    ("font_size", "big", "Font size must be one of"),
])
def test_a_bad_choice_is_refused_with_a_clear_message(alice, alice_client, field, value, message):
    response = alice_client.post("/preferences/", {field: value}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and message in response.json()["error"]
    page = alice_client.post("/preferences/", {field: value}, follow=True).content.decode()
    assert message.replace("'", "&#x27;") in page
    assert not Preferences.objects.filter(user=alice).exclude(theme="system").exists()


def test_anonymous_visitors_are_sent_to_log_in():
    assert Client().get("/preferences/")["Location"].startswith("/accounts/login/")
    assert Client().post("/preferences/", {"theme": "dark"}).status_code == 302
    assert not Preferences.objects.exists()


def test_the_room_renders_the_editor_toolbar_with_the_saved_choices(alice, alice_client, mini_bank):
    from interviews.services import interview_start
    from interviews.tracks import custom_track

    alice_client.post("/preferences/", {"keybinding": "emacs", "font_size": "20"})
    interview = interview_start(user=alice, track=custom_track(sections=["coding"], count=1, minutes=30))
    html = alice_client.get(f"/interviews/{interview.pk}/q/1/").content.decode()
    assert 'data-keybinding="emacs"' in html and 'data-font-size="20"' in html
    assert '<option value="emacs" selected>' in html and 'id="try-snippet"' in html
