"""Question choice: an interview avoids questions the candidate saw recently and leans toward
the sections where their finished interviews scored lowest."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from django.utils import timezone

from interviews import services
from interviews.models import Interview, InterviewStatus
from interviews.tracks import TRACKS

pytestmark = pytest.mark.django_db


def _finish_now(interview: Interview, section_scores: dict | None = None) -> None:
    Interview.objects.filter(pk=interview.pk).update(
        status=InterviewStatus.FINISHED, finished_at=timezone.now(), section_scores=section_scores or {}
    )


def test_a_new_interview_avoids_the_questions_of_recent_ones(alice, bank):
    seen: set[int] = set()
    for seed in range(4):
        interview = services.interview_start(user=alice, track=TRACKS["coding-screen"], rng=random.Random(seed))
        picked = {item.version.question_id for item in interview.items.all()}
        assert len(picked) == 2
        assert not picked & seen, "a question seen in the last interviews was drawn again"
        seen |= picked
        _finish_now(interview)


def test_choice_leans_toward_the_weakest_section(alice, bank):
    history = services.interview_start(user=alice, track=TRACKS["coding-screen"], rng=random.Random(0))
    _finish_now(history, {"dsa": 0.1, "coding": 1.0})
    rng = random.Random(42)
    sections = Counter()
    for _ in range(150):
        for version, _followup in services._pick_questions(user=alice, track=TRACKS["coding-screen"], rng=rng):
            sections[version.question.section] += 1
    # Weights 2.8 (dsa, scored 0.1) against 1.0 (coding, scored 1.0); an even draw would give 0.5.
    assert sections["dsa"] / sum(sections.values()) > 0.6


def test_infra_deep_dive_asks_concepts_with_their_coding_follow_ups(alice, bank):
    interview = services.interview_start(user=alice, track=TRACKS["infra-deep-dive"], rng=random.Random(1))
    items = list(interview.items.select_related("version__question"))
    assert [item.part for item in items] == ["main", "followup", "main", "followup"]
    assert all(item.version.question.section == "concepts" and item.version.has_coding for item in items)
    assert items[1].is_code and items[1].draft == items[1].version.starter
