"""STAR grading of behavioral answers: components, checks, signals, red flags, suggestions."""

import json

import pytest

from grader.freetext import grade_star, grade_text

RUBRIC = {
    "competencies": ["ownership", "incident-response"],
    "star": {
        "situation": {
            "expect": "The production context: system, scale, what went wrong.",
            "evidence": ["production", "outage", "latency", "customers"],
        },
        "task": {
            "expect": "The candidate's own responsibility and the constraint.",
            "evidence": ["my responsibility", "i was responsible", "i owned", "my goal", "i needed to"],
        },
        "action": {
            "expect": "What the candidate did, step by step, in first person.",
            "evidence": ["i profiled", "i rolled back", "i wrote", "i added", "flame graph"],
        },
        "result": {
            "expect": "A measured outcome and what changed afterwards.",
            "evidence": ["reduced", "improved", "dropped", "from", "to", "%"],
        },
    },
    "signals": [
        {"id": "quantified-result", "statement": "Gives a number for the result."},
        {"id": "first-person", "statement": "Says I for their own actions."},
        {"id": "lesson-learned", "statement": "Names a lesson.", "evidence": ["i learned", "lesson", "since then"]},
        {
            "id": "measured-first",
            "statement": "Profiles before changing things.",
            "evidence": ["profiled", "flame graph"],
        },
        {"id": "rollback", "statement": "Restores service first.", "evidence": ["rolled back", "rollback"]},
    ],
    "red_flags": [
        {"id": "blames-others", "statement": "Blames another team.", "evidence": ["their fault", "not my job"]},
    ],
}

STORY = """Last spring our recommendation service in production started timing out for customers:
p99 latency went from 80 ms to 900 ms during the evening peak.

I was on call, so restoring the service was my responsibility, and I needed to do it without
losing the new ranking model the product team had just launched.

I rolled back the ranking model first, which brought latency down within ten minutes. Then I
profiled the new model on a staging replica and the flame graph showed that a feature lookup
made one database call per candidate. I wrote a batched lookup and added a cache in front of it,
and I ran a load test at twice the peak traffic before I shipped it again.

As a result p99 latency dropped to 70 ms, 10% better than before the incident, and we had no
timeouts in the following quarter. I learned to load-test every model change at peak traffic,
and since then it is a required step in our release checklist.
"""


def test_each_star_component_is_found_with_its_evidence_sentences():
    grade = grade_star(STORY, RUBRIC)
    star = grade.star
    assert star["situation"].evidence[0].startswith("Last spring our recommendation service")
    assert star["task"].evidence[0].startswith("I was on call, so restoring the service was my responsibility")
    assert any(s.startswith("Then I profiled") for s in star["action"].evidence)
    assert any(s.startswith("I wrote a batched lookup") for s in star["action"].evidence)
    assert star["result"].evidence[0].startswith("As a result p99 latency dropped to 70 ms")
    assert all(component.score >= 0.75 for component in star.values())


def test_checks_measure_numbers_ownership_balance_and_lesson():
    checks = grade_star(STORY, RUBRIC).checks
    assert checks["quantified_result"] is True
    assert checks["first_person_ratio"] == 1.0
    assert checks["action_share"] > 0.35 and checks["balanced"] is True
    assert checks["lesson"] is True


def test_a_strong_story_scores_high_with_its_signals_present():
    grade = grade_star(STORY, RUBRIC)
    assert grade.score >= 0.8
    assert all(signal.present for signal in grade.signals)
    assert grade.red_flags == []


def test_explicit_star_labels_decide_the_components():
    labelled = (
        "**Situation:** Our nightly training pipeline in production kept failing.\n\n"
        "**Task:** I owned the pipeline and had to make it reliable before the launch.\n\n"
        "**Action:** We moved the jobs to a new queue. I added retries and I wrote alerts for every stage.\n\n"
        "**Result:** Failures dropped from 12 a month to 1, and I learned to alert on every stage."
    )
    grade = grade_star(labelled, RUBRIC)
    assert grade.star["situation"].evidence == ["Situation: Our nightly training pipeline in production kept failing."]
    assert grade.star["task"].evidence[0].startswith("Task: I owned the pipeline")
    assert grade.star["action"].evidence == [
        "Action: We moved the jobs to a new queue.",
        "I added retries and I wrote alerts for every stage.",
    ]
    assert grade.star["result"].evidence[0].startswith("Result: Failures dropped")
    assert grade.checks["quantified_result"] and grade.checks["lesson"]


def test_markdown_headings_label_the_sentences_below_them():
    answer = (
        "## Situation\nOur feature store was slow for every customer at peak.\n\n"
        "## Action\nI profiled the service and I added an index on the hot table.\n\n"
        "## Result\nLatency improved by 40% within a week."
    )
    grade = grade_star(answer, RUBRIC)
    assert grade.star["situation"].evidence == ["Our feature store was slow for every customer at peak."]
    assert grade.star["action"].evidence == ["I profiled the service and I added an index on the hot table."]
    assert grade.star["result"].evidence == ["Latency improved by 40% within a week."]
    assert grade.star["task"].score == 0
    assert any(s.startswith("Add the Task") for s in grade.suggestions)


def test_a_team_story_without_numbers_gets_concrete_suggestions():
    answer = (
        "Our service in production had an outage that hurt customers. We needed to fix it fast. "
        "We looked at the logs and we found a bad config. We rolled it back and we added a check. "
        "We also wrote a postmortem together. I helped with the rollback. "
        "In the end the outage was resolved and the customers were happy again."
    )
    grade = grade_star(answer, RUBRIC)
    assert grade.checks["quantified_result"] is False
    assert grade.checks["first_person_ratio"] < 0.5
    text = " ".join(grade.suggestions)
    assert "Your Result has no number" in text
    assert "You say 'we'" in text and "say what you did" in text
    assert grade.score < grade_star(STORY, RUBRIC).score


def test_red_flags_are_reported_with_their_sentence_and_lower_the_score():
    blaming = STORY + "\nHonestly the outage was their fault, since the data team never tested anything."
    grade = grade_star(blaming, RUBRIC)
    assert [flag["id"] for flag in grade.red_flags] == ["blames-others"]
    assert "their fault" in grade.red_flags[0]["evidence"]
    assert grade.score < grade_star(STORY, RUBRIC).score


def test_an_off_topic_story_scores_low():
    answer = (
        "Last summer I planned a hiking trip with friends in the Alps. My goal was to pick a route "
        "everyone could manage. I compared three trails, I booked the huts and I packed the food. "
        "In the end we walked 60 km in four days and everyone enjoyed it. I learned to plan rest days."
    )
    grade = grade_star(answer, RUBRIC)
    assert grade.score < 0.35
    assert "off_topic" in grade.flags


@pytest.mark.parametrize("answer", ["", "  \n ", None])
def test_an_empty_answer_scores_zero_with_a_suggestion(answer):
    grade = grade_text("behavioral", answer, RUBRIC)
    assert grade.score == 0 and "empty" in grade.flags and grade.suggestions


def test_a_keyword_list_is_flagged():
    answer = "production, outage, latency, i profiled, flame graph, rolled back, reduced, 50%, lesson, i learned"
    grade = grade_star(answer, RUBRIC)
    assert "keyword_stuffed" in grade.flags and grade.score < 0.2


def test_to_dict_has_the_documented_json_shape():
    data = grade_text("behavioral", STORY, RUBRIC).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["kind"] == "behavioral"
    assert set(data["star"]) == {"situation", "task", "action", "result"}
    assert set(data["star"]["action"]) == {"score", "evidence"}
    assert {"quantified_result", "first_person_ratio", "action_share", "lesson"} <= set(data["checks"])
    assert set(data["signals"][0]) == {"id", "statement", "present", "evidence"}
    assert [p["id"] for p in data["points"]][:4] == ["situation", "task", "action", "result"]
    assert len(data["points"]) == 4 + len(RUBRIC["signals"])
    assert set(data["points"][0]) == {
        "id", "statement", "weight", "covered", "status", "credit", "evidence", "matched", "why", "hint"
    }
    assert {point["status"] for point in data["points"]} <= {"covered", "partly", "missed"}
    assert "raw_score" in data and isinstance(data["uncredited"], list)


def test_a_red_flag_phrase_that_is_negated_or_leads_on_is_not_a_red_flag():
    excusing = STORY + "\nIt was not their fault: the alert threshold was mine to set, so I moved on to fixing it."
    grade = grade_star(excusing, RUBRIC)
    assert grade.red_flags == []


def test_a_generic_labelled_template_scores_far_below_a_specific_unlabelled_story():
    template = (
        "Situation: We had a major production incident that affected users.\n\n"
        "Task: I was responsible for resolving it as quickly as possible.\n\n"
        "Action: I assessed the situation, communicated with stakeholders and worked with the team to fix it.\n\n"
        "Result: The incident was resolved and the system became more reliable. I learned a lot."
    )
    unlabelled = STORY.replace("Situation:", "").replace("Result:", "")
    template_grade, story_grade = grade_star(template, RUBRIC), grade_star(unlabelled, RUBRIC)
    assert story_grade.score >= 0.7
    assert template_grade.score <= 0.35
    assert "generic" in template_grade.flags
    assert any("generic" in item["reason"] for item in template_grade.to_dict()["uncredited"])


def test_a_hundred_kilobyte_story_is_graded_in_full():
    answer = (STORY * 120)[:100_000]
    grade = grade_star(answer, RUBRIC)
    # Repeating a strong story neither breaks the grader nor changes its grade much.
    assert grade.score == pytest.approx(grade_star(STORY, RUBRIC).score, abs=0.05)
    assert grade.to_dict()["star"]["action"]["evidence"]
