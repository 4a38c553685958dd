"""Share and export (issue #16): a signed, expiring, revocable read-only link to one report; a PDF
export (WeasyPrint) checked by parsing its first page; mentor comments by signed-in link holders
that only the candidate reads. Permission matrix: alice (owner), bob, staff, anonymous, and an
expired, revoked or tampered link."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from interviews import services
from interviews.models import Interview, MentorComment, ReportShare
from interviews.tracks import custom_track
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ANSWER = "I would use dynamic batching with a max batch size and a timeout, and quantization to int8."


@pytest.fixture
def interview(alice, mini_bank) -> Interview:
    interview = services.interview_start(user=alice, track=custom_track(sections=["concepts"], count=1, minutes=30))
    services.item_save_draft(item=interview.items.get(position=1), draft=ANSWER)
    return services.interview_finish(interview=interview)


@pytest.fixture
def share(interview) -> ReportShare:
    return services.share_create(interview=interview, days=7)


def shared_url(share: ReportShare, name: str = "shared-report", *args) -> str:
    return reverse(name, args=[services.share_token(share), *args])


def mentor_client(username: str = "carol") -> Client:
    client = Client()
    client.force_login(UserFactory(username=username), backend="django.contrib.auth.backends.ModelBackend")
    return client


# --- Creating and revoking --------------------------------------------------------------------------


def test_alice_creates_a_share_link_and_sees_it_on_her_report(alice_client: Client, interview) -> None:
    response = alice_client.post(reverse("interview-share", args=[interview.pk]), {"days": "3"})

    share = ReportShare.objects.get(interview=interview)
    assert response.status_code == 302
    assert timedelta(days=3) - timedelta(minutes=1) < share.expires_at - timezone.now() <= timedelta(days=3)
    report = alice_client.get(reverse("interview-report", args=[interview.pk])).content.decode()
    assert services.share_token(share) in report and 'data-testid="share-revoke"' in report


@pytest.mark.parametrize("days", ["0", "31", "x", "-2"])
def test_a_bad_duration_is_refused_with_a_message(alice_client: Client, interview, days) -> None:
    response = alice_client.post(reverse("interview-share", args=[interview.pk]), {"days": days}, follow=True)

    assert "1 to 30 days" in response.content.decode()
    assert not ReportShare.objects.exists()


def test_an_interview_in_progress_cannot_be_shared(alice, mini_bank) -> None:
    interview = services.interview_start(user=alice, track=custom_track(sections=["dsa"], count=1, minutes=30))

    with pytest.raises(services.InterviewRefused, match="Finish the interview first"):
        services.share_create(interview=interview)


def test_only_alice_can_create_or_revoke_her_links(bob_client, staff_client, interview, share) -> None:
    create = reverse("interview-share", args=[interview.pk])
    revoke = reverse("interview-share-revoke", args=[interview.pk, share.pk])

    assert bob_client.post(create).status_code == 404
    assert staff_client.post(create).status_code == 403
    assert Client().post(create).status_code == 302  # to log in
    assert bob_client.post(revoke).status_code == 404
    assert staff_client.post(revoke).status_code == 403
    assert Client().post(revoke).status_code == 302  # to log in
    assert ReportShare.objects.count() == 1 and ReportShare.objects.get().revoked_at is None


# --- Opening a link ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "bob", "staff", "alice"])
def test_anyone_holding_a_valid_link_reads_that_report_read_only(request, interview, share, who) -> None:
    client = Client() if who == "anonymous" else request.getfixturevalue(f"{who}_client")

    response = client.get(shared_url(share))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="shared-banner"' in page and interview.title in page
    assert "share-create" not in page and reverse("dashboard") + '"' not in page.split("<main", 1)[1]


def test_the_link_shows_that_report_and_nothing_else(alice, interview, share, mini_bank) -> None:
    other = services.interview_start(user=alice, track=custom_track(sections=["dsa"], count=1, minutes=30))
    services.interview_finish(interview=other)
    client = Client()

    # The token is bound to one interview: the other report, its pages and the API stay closed.
    assert client.get(reverse("interview-report", args=[other.pk])).status_code == 302
    assert client.get(shared_url(share, "shared-replay", 1)).status_code == 404  # a written item: no replay
    assert client.get(shared_url(share, "shared-replay", 2)).status_code == 404
    assert client.get(f"/api/interviews/{interview.pk}/report/").status_code == 401


def test_a_revoked_link_stops_working_at_once(alice_client: Client, interview, share) -> None:
    alice_client.post(reverse("interview-share-revoke", args=[interview.pk, share.pk]))

    assert Client().get(shared_url(share)).status_code == 404
    assert Client().get(shared_url(share, "shared-report-pdf")).status_code == 404


def test_an_expired_link_stops_working(share) -> None:
    ReportShare.objects.filter(pk=share.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert Client().get(shared_url(share)).status_code == 404


@pytest.mark.parametrize("mangle", [lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), lambda t: "x" + t,
                                    lambda t: "1:abc", lambda t: "not-a-token"])
def test_a_tampered_token_is_a_404(share, mangle) -> None:
    assert Client().get(reverse("shared-report", args=[mangle(services.share_token(share))])).status_code == 404


def test_a_signed_token_for_another_nonce_is_a_404(share) -> None:
    from django.core import signing

    forged = signing.Signer(salt=services.SHARE_SALT).sign_object({"s": share.pk, "n": "0" * 32})

    assert Client().get(reverse("shared-report", args=[forged])).status_code == 404


# --- PDF export --------------------------------------------------------------------------------------


def first_page_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 1
    return reader.pages[0].extract_text()


def test_alice_exports_her_report_as_a_pdf_whose_first_page_is_the_report(alice_client: Client, interview) -> None:
    response = alice_client.get(reverse("interview-report-pdf", args=[interview.pk]))

    text = first_page_text(response)
    assert response.status_code == 200
    assert f"Report: {interview.title}" in text and "Scores" in text
    assert "Dashboard" not in text and "Skip to content" not in text  # the print view leaves controls out


def test_a_link_holder_exports_the_shared_report(share, interview) -> None:
    text = first_page_text(Client().get(shared_url(share, "shared-report-pdf")))

    assert f"Report: {interview.title}" in text and "shared by alice" in text


def test_pdf_export_permissions(bob_client, staff_client, interview) -> None:
    url = reverse("interview-report-pdf", args=[interview.pk])

    assert bob_client.get(url).status_code == 404
    assert staff_client.get(url).status_code == 200
    assert Client().get(url).status_code == 302


def test_the_pdf_export_fetches_nothing_an_answer_points_to(alice, mini_bank, alice_client, monkeypatch) -> None:
    from interviews import export

    interview = services.interview_start(user=alice, track=custom_track(sections=["concepts"], count=1, minutes=30))
    services.item_save_draft(item=interview.items.get(position=1),
                             draft='<img src="http://169.254.169.254/latest/meta-data/"> batching')
    services.interview_finish(interview=interview)
    fetched = []
    original = export.html_to_pdf

    def recording(html: str) -> bytes:
        fetched.append("169.254.169.254" in html and "&lt;img" in html)  # escaped text, not an element
        return original(html)

    monkeypatch.setattr(export, "html_to_pdf", recording)

    response = alice_client.get(reverse("interview-report-pdf", args=[interview.pk]))

    assert response.status_code == 200 and fetched == [True]


# --- Mentor comments ---------------------------------------------------------------------------------


def test_a_signed_in_mentor_comments_and_only_the_candidate_reads_it(alice_client, staff_client, interview, share):
    bob_mentor = mentor_client("bob")
    posted = bob_mentor.post(shared_url(share, "shared-comment", 1), {"body": "Say how you pick the batch size."})

    assert posted.status_code == 302
    assert MentorComment.objects.get().author.username == "bob"
    alice_report = alice_client.get(reverse("interview-report", args=[interview.pk])).content.decode()
    assert "Say how you pick the batch size." in alice_report
    # The author sees their own comment on the shared page; another mentor, staff and anonymous do not.
    assert "Say how you pick the batch size." in bob_mentor.get(shared_url(share)).content.decode()
    assert "Say how you pick the batch size." not in mentor_client("carol").get(shared_url(share)).content.decode()
    assert "Say how you pick the batch size." not in staff_client.get(
        reverse("interview-report", args=[interview.pk])).content.decode()
    assert "Say how you pick the batch size." not in Client().get(shared_url(share)).content.decode()


def test_anonymous_link_holders_cannot_comment(share) -> None:
    response = Client().post(shared_url(share, "shared-comment", 1), {"body": "hi"})

    assert response.status_code == 302 and "login" in response["Location"]
    assert not MentorComment.objects.exists()


def test_no_comment_through_a_revoked_or_expired_link(share) -> None:
    mentor = mentor_client()
    services.share_revoke(share=share)

    assert mentor.post(shared_url(share, "shared-comment", 1), {"body": "late"}).status_code == 404
    assert not MentorComment.objects.exists()


def test_an_empty_or_overlong_comment_is_refused(share) -> None:
    mentor = mentor_client()

    empty = mentor.post(shared_url(share, "shared-comment", 1), {"body": "   "}, follow=True)
    long = mentor.post(shared_url(share, "shared-comment", 1), {"body": "x" * 4001}, follow=True)

    assert "Write a comment first" in empty.content.decode()
    assert "at most 4000 characters" in long.content.decode()
    assert not MentorComment.objects.exists()


def test_a_comment_on_a_question_that_is_not_in_the_report_is_a_404(share) -> None:
    assert mentor_client().post(shared_url(share, "shared-comment", 9), {"body": "hi"}).status_code == 404


def test_comments_and_links_are_deleted_with_the_interview(interview, share) -> None:
    services.comment_create(share=share, item=interview.items.get(position=1), author=UserFactory(username="m"),
                            body="good")

    interview.delete()

    assert not ReportShare.objects.exists() and not MentorComment.objects.exists()
