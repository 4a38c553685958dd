"""The tracks an interview can be started from: which sections, how many questions, how long."""

from __future__ import annotations

from dataclasses import dataclass

SECTION_NAMES = {
    "concepts": "Core concepts",
    "dsa": "Data structures & algorithms",
    "design": "System design",
    "coding": "Python coding",
    "behavioral": "Behavioral",
}


@dataclass(frozen=True)
class Slot:
    """One question of a track: drawn from any of `sections`."""

    sections: tuple[str, ...]
    with_followup: bool = False  # also ask the question's coding follow-up (needs one)


@dataclass(frozen=True)
class Track:
    slug: str
    name: str
    minutes: int
    slots: tuple[Slot, ...]
    description: str

    @property
    def question_count(self) -> int:
        return len(self.slots)


TRACKS: dict[str, Track] = {
    track.slug: track
    for track in (
        Track("full-loop", "Full loop", 75,
              (Slot(("concepts",)), Slot(("dsa",)), Slot(("design",)), Slot(("coding",)), Slot(("behavioral",))),
              "One question from each section: concept, DSA, system design, Python coding and behavioral."),
        Track("coding-screen", "Coding screen", 45, (Slot(("dsa", "coding")), Slot(("dsa", "coding"))),
              "Two coding problems, judged against hidden tests."),
        Track("infra-deep-dive", "Infra deep dive", 45,
              (Slot(("concepts",), with_followup=True), Slot(("concepts",), with_followup=True)),
              "Two ML-infrastructure concepts, each with the code you would write for it."),
        Track("system-design", "System design", 45, (Slot(("design",)),),
              "One large design problem, explained in writing."),
        Track("behavioral", "Behavioral", 30, (Slot(("behavioral",)),) * 3,
              "Three behavioral questions, graded on STAR structure."),
    )
}

CUSTOM = "custom"
CUSTOM_MAX_QUESTIONS = 10
CUSTOM_MINUTES = (1, 180)


def custom_track(*, sections: list[str], count: int, minutes: int) -> Track:
    """A track the candidate composed; raises ValueError with a message fit to show."""
    sections = [section for section in sections if section in SECTION_NAMES]
    if not sections:
        raise ValueError("Choose at least one section.")
    if not 1 <= count <= CUSTOM_MAX_QUESTIONS:
        raise ValueError(f"Choose between 1 and {CUSTOM_MAX_QUESTIONS} questions.")
    if not CUSTOM_MINUTES[0] <= minutes <= CUSTOM_MINUTES[1]:
        raise ValueError(f"Choose between {CUSTOM_MINUTES[0]} and {CUSTOM_MINUTES[1]} minutes.")
    # Spread the questions over the chosen sections in turn.
    slots = tuple(Slot((sections[index % len(sections)],)) for index in range(count))
    return Track(CUSTOM, "Custom", minutes, slots, "Your own mix of sections, count and time.")
