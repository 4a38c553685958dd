"""Replay of a code answer (issue #16): autosave snapshots stored compactly (one per window, a
capped count, deleted with the interview), every Run/Submit with its verdict on the timeline, and
a diff (difflib, on the server) between two moments. Permissions: alice, bob, staff, anonymous."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from interviews import selectors, services
from interviews.models import DraftSnapshot, Interview, InterviewItem
from interviews.tracks import custom_track
from tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def interview(alice, mini_bank) -> Interview:
    return services.interview_start(user=alice, track=custom_track(sections=["dsa"], count=1, minutes=60))


def code_item(interview: Interview) -> InterviewItem:
    return selectors.access_item(interview.owner, interview.pk, 1)


def test_saves_inside_the_window_replace_the_last_snapshot(interview) -> None:
    item = code_item(interview)
    start = timezone.now()
    services.snapshot_record(item=item, code="a = 1\n", now=start)
    services.snapshot_record(item=item, code="a = 2\n", now=start + timedelta(seconds=1))
    services.snapshot_record(item=item, code="a = 3\n", now=start + timedelta(seconds=2))
    services.snapshot_record(item=item, code="a = 3\n", now=start + timedelta(seconds=40))  # unchanged: nothing
    services.snapshot_record(item=item, code="a = 4\n", now=start + timedelta(seconds=60))

    codes = list(DraftSnapshot.objects.filter(item=item).values_list("code", flat=True))

    # The first state stays; typing inside the window keeps only its newest state.
    assert codes == ["a = 1\n", "a = 3\n", "a = 4\n"]


def test_snapshots_are_capped_per_item_keeping_the_first(interview, settings) -> None:
    item = code_item(interview)
    start = timezone.now()
    for number in range(services.SNAPSHOT_MAX + 15):
        services.snapshot_record(item=item, code=f"x = {number}\n", now=start + timedelta(minutes=number))

    codes = list(DraftSnapshot.objects.filter(item=item).values_list("code", flat=True))

    assert len(codes) == services.SNAPSHOT_MAX
    assert codes[0] == "x = 0\n" and codes[-1] == f"x = {services.SNAPSHOT_MAX + 14}\n"


def test_autosaving_code_records_snapshots_and_written_answers_do_not(alice, mini_bank) -> None:
    interview = services.interview_start(user=alice, track=custom_track(sections=["dsa", "concepts"], count=2,
                                                                        minutes=60))
    for item in selectors.room_items(interview=interview):
        services.item_save_draft(item=item, draft="something\n")

    snapshots = DraftSnapshot.objects.filter(item__interview=interview)
    assert [snapshot.item.is_code for snapshot in snapshots] == [True]


def test_snapshots_are_deleted_with_the_interview(interview) -> None:
    services.item_save_draft(item=code_item(interview), draft="x = 1\n")
    assert DraftSnapshot.objects.count() == 1

    interview.delete()

    assert DraftSnapshot.objects.count() == 0


def finished_with_history(interview: Interview) -> InterviewItem:
    item = code_item(interview)
    start = timezone.now()
    services.snapshot_record(item=item, code="class LRUCache:\n    pass\n", now=start)
    SubmissionFactory(item=item, mode="run", code="class LRUCache:\n    x = 1\n", status="done", verdict="WA",
                      score=0.0)
    services.snapshot_record(item=item, code="class LRUCache:\n    y = 2\n", now=start + timedelta(seconds=1))
    final = SubmissionFactory(item=item, mode="submit", code="class LRUCache:\n    y = 2\n", status="done",
                              verdict="AC", score=1.0)
    InterviewItem.objects.filter(pk=item.pk).update(final_submission=final)
    services.interview_finish(interview=interview)
    return code_item(interview)


def test_the_timeline_has_the_starter_autosaves_and_every_run_and_submit_with_its_verdict(interview) -> None:
    item = finished_with_history(interview)

    timeline = selectors.item_timeline(item)

    kinds = [moment["kind"] for moment in timeline]
    assert kinds[0] == "start" and kinds.count("autosave") == 2
    assert ("run", "WA") in [(moment["kind"], moment["verdict"]) for moment in timeline]
    assert ("submit", "AC") in [(moment["kind"], moment["verdict"]) for moment in timeline]
    assert [moment["index"] for moment in timeline] == list(range(len(timeline)))


def test_the_diff_between_two_moments_is_computed_on_the_server() -> None:
    rows = selectors.code_diff("a = 1\nb = 2\n", "a = 1\nb = 3\n")

    assert {"kind": "del", "text": "-b = 2"} in rows and {"kind": "add", "text": "+b = 3"} in rows


def test_the_report_replays_and_the_slider_endpoint_renders_a_chosen_moment(alice_client: Client, interview):
    item = finished_with_history(interview)
    timeline = selectors.item_timeline(item)
    run = next(moment["index"] for moment in timeline if moment["kind"] == "run")

    report = alice_client.get(reverse("interview-report", args=[interview.pk])).content.decode()
    moment = alice_client.get(reverse("interview-replay", args=[interview.pk, 1]),
                              {"from": 0, "to": run}, **HTMX).content.decode()

    assert 'data-testid="replay-1"' in report and "Submit: AC" in report
    assert "x = 1" in moment  # the code at the Run
    assert 'class="diff-add">+    x = 1</span>' in moment


def test_bad_slider_values_are_clamped_not_errors(alice_client: Client, interview) -> None:
    finished_with_history(interview)

    response = alice_client.get(reverse("interview-replay", args=[interview.pk, 1]), {"from": "x", "to": "999"})

    assert response.status_code == 200 and "Submit: AC" in response.content.decode()


def test_no_replay_while_the_interview_is_in_progress(alice_client: Client, interview) -> None:
    assert alice_client.get(reverse("interview-replay", args=[interview.pk, 1])).status_code == 404


def test_replay_permissions(bob_client: Client, staff_client: Client, interview) -> None:
    finished_with_history(interview)
    url = reverse("interview-replay", args=[interview.pk, 1])

    assert bob_client.get(url).status_code == 404
    assert staff_client.get(url).status_code == 200
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
