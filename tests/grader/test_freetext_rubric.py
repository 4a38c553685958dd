"""Rubric grading of concept and design answers: coverage, evidence, depth, stuffing."""

import json

import pytest

from grader.freetext import grade_rubric, grade_text
from grader.freetext.rubric import MAX_DEPTH_BONUS

RUBRIC = {
    "points": [
        {
            "id": "parameter-server",
            "weight": 2,
            "statement": "Names a parameter server that holds the global weights and aggregates gradients.",
            "evidence": ["parameter server", "all-reduce", "aggregate gradients"],
            "hint": "Say where the global model state lives and who combines the gradients.",
        },
        {
            "id": "workers",
            "weight": 2,
            "statement": "Workers run forward and backward passes on shards of the data.",
            "evidence": ["worker", "forward pass", "backward pass"],
            "hint": "Say who computes the gradients.",
        },
        {
            "id": "storage",
            "weight": 1,
            "statement": "A distributed storage layer keeps the training data and the checkpoints.",
            "evidence": ["checkpoint", "distributed storage", "object store"],
        },
        {
            "id": "orchestration",
            "weight": 1,
            "statement": "An orchestrator allocates nodes and handles node failures.",
            "evidence": ["orchestrator", "kubernetes", "fault tolerance"],
            "hint": "Say who places the jobs and replaces failed nodes.",
        },
    ],
    "depth_signals": {
        "tradeoffs": ["trade-off", "at the cost of", "versus", "instead of"],
        "numbers": True,
        "failure_modes": ["straggler", "fails", "crash", "timeout"],
    },
}
MODEL_ANSWER = (
    "A parameter server keeps the global state and aggregates gradients.\n\n"
    "Checkpoints are written to an object store every few minutes so a job can resume."
)
STRONG = """## Components

The parameter server holds the global weights and aggregates the gradients that workers push.

- Each worker runs the forward and backward pass on its shard of the batch.
- Training data and checkpoints live in distributed storage such as S3, written every 30 minutes.
- An orchestrator such as Kubernetes allocates the nodes and restarts a worker when it crashes.

All-reduce removes the central server at the cost of more network traffic; with 64 GPUs a ring
moves about 2x the model size per step, and a straggler slows every step.
"""


def _point(grade, point_id):
    return next(point for point in grade.points if point.id == point_id)


PROMPT = (
    "Walk me through the components of a distributed training setup: who holds the weights, who computes "
    "gradients, where data and checkpoints live, and who allocates the nodes."
)


def test_a_point_named_and_explained_is_covered_with_its_sentence_and_why():
    grade = grade_rubric(STRONG, RUBRIC, prompt=PROMPT)
    point = _point(grade, "workers")
    assert point.status == "covered" and point.covered
    assert "worker" in point.evidence.lower() and point.evidence in STRONG
    assert point.why.startswith("names") and "explains" in point.why
    assert point.hint == ""


def test_the_fields_abbreviations_cover_a_point_through_the_thesaurus():
    answer = (
        "A PS holds the global weights; each of the 64 workers pulls them, computes its gradients on its "
        "own shard and pushes them back, so the PS applies one update per step."
    )
    point = _point(grade_rubric(answer, RUBRIC, prompt=PROMPT), "parameter-server")
    assert point.status == "covered", point.why
    assert point.matched == "ps"


def test_a_concept_matches_in_any_word_order_within_its_sentence():
    answer = "Gradients are aggregated by one central server every step, so all 64 replicas stay in sync."
    point = _point(grade_rubric(answer, RUBRIC, prompt=PROMPT), "parameter-server")
    assert point.status == "covered", point.why


def test_a_negated_concept_does_not_cover_the_point():
    said = "We use Kubernetes to allocate the 64 nodes and to restart a worker when its node dies."
    denied = "We do not use Kubernetes to allocate the 64 nodes or to restart a worker when its node dies."
    covered = _point(grade_rubric(said, RUBRIC, prompt=PROMPT), "orchestration")
    negated = _point(grade_rubric(denied, RUBRIC, prompt=PROMPT), "orchestration")
    assert covered.status in ("covered", "partly") and covered.credit > 0.3
    assert negated.credit < 0.5 * covered.credit and "negated" in negated.why


def test_naming_a_term_in_a_generic_sentence_is_not_explaining_it():
    filler = (
        "It is worth remembering that a parameter server and a worker are things good teams always have.\n"
        "Checkpoints are something every team should think about.\n"
        "Kubernetes plays a big role in the overall picture."
    )
    grade = grade_rubric(filler, RUBRIC, prompt=PROMPT)
    strong = grade_rubric(STRONG, RUBRIC, prompt=PROMPT)
    assert all(point.status != "covered" for point in grade.points)
    assert "filler" in grade.flags
    assert grade.score < 0.3 < strong.score
    assert any("filler" in point.why for point in grade.points if point.status == "partly")


def test_restating_the_question_earns_nothing():
    echo = (
        "So the question is about the components of a distributed training setup: who holds the weights, "
        "who computes gradients, where data and checkpoints live, and who allocates the nodes."
    )
    grade = grade_rubric(echo, RUBRIC, prompt=PROMPT)
    assert grade.coverage == 0
    assert "restates_question" in grade.flags
    assert grade.to_dict()["uncredited"][0]["reason"] == "restates the question"


def test_a_keyword_list_is_flagged_and_earns_almost_nothing():
    soup = "parameter server, worker, forward pass, backward pass, checkpoint, object store, kubernetes, orchestrator"
    grade = grade_rubric(soup, RUBRIC, prompt=PROMPT)
    assert "keyword_stuffed" in grade.flags
    assert grade.coverage < 0.1 and grade.score < 0.1


def test_keywords_dumped_without_commas_earn_almost_nothing():
    dump = "parameter server worker forward pass backward pass checkpoint object store kubernetes orchestrator sharding"
    assert grade_rubric(dump, RUBRIC, prompt=PROMPT).coverage < 0.1


def test_an_off_topic_answer_scores_near_zero_however_well_written():
    answer = (
        "For a responsive page I use CSS Grid for the page structure and Flexbox for components. "
        "Container queries let a card respond to the width of its column, and clamp() scales the type "
        "smoothly between 16 and 20 pixels without media queries."
    )
    grade = grade_rubric(answer, RUBRIC, prompt=PROMPT)
    assert grade.score < 0.05 and "off_topic" in grade.flags


def test_score_is_monotone_in_coverage_strong_beats_partial_beats_vague():
    partial = "Each worker runs the forward and backward pass on its own shard of the batch, then sends gradients on."
    vague = "Distributed training spreads the work over many machines so that it finishes sooner."
    scores = [grade_rubric(text, RUBRIC, prompt=PROMPT).score for text in (STRONG, partial, vague)]
    assert scores[0] > scores[1] > scores[2]


def test_depth_bonus_is_bounded_and_never_lifts_the_score_above_one():
    grade = grade_rubric(STRONG * 3, RUBRIC, prompt=PROMPT)
    assert grade.depth.bonus <= MAX_DEPTH_BONUS
    assert grade.score <= 1


def test_missed_points_carry_the_rubric_hint_or_the_model_answers_sentence():
    grade = grade_rubric("Each worker computes gradients on its own shard of data.", RUBRIC, MODEL_ANSWER)
    assert _point(grade, "parameter-server").hint.startswith("Say where the global model state")
    storage = _point(grade, "storage")  # no hint in the rubric: the model answer's sentence
    assert not storage.covered and storage.hint.startswith("Checkpoints are written to an object store")
    assert any(s.startswith("Cover parameter server:") for s in grade.suggestions)
    assert any(s.startswith("Give numbers") for s in grade.suggestions)


@pytest.mark.parametrize("answer", ["", "   \n\t  ", None])
def test_an_empty_answer_scores_zero_with_a_suggestion(answer):
    grade = grade_text("concept", answer, RUBRIC)
    assert grade.score == 0
    assert "empty" in grade.flags
    assert grade.suggestions
    assert not any(point.covered for point in grade.points)


def test_an_off_topic_answer_covers_nothing():
    grade = grade_rubric("I enjoy hiking in the mountains with my dog on sunny weekends in May.", RUBRIC)
    assert grade.score == 0 and "off_topic" in grade.flags


def test_to_dict_has_the_documented_json_shape():
    data = grade_text("design", STRONG, RUBRIC, MODEL_ANSWER).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["kind"] == "design"
    assert {"kind", "score", "points", "depth", "flags", "suggestions"} <= set(data)
    assert set(data["relevance"]) == {"share", "factor", "words"}
    assert set(data["points"][0]) == {
        "id", "statement", "weight", "covered", "status", "credit", "evidence", "matched", "why", "hint"
    }
    assert {"raw_score", "coverage", "uncredited"} <= set(data)
    assert set(data["depth"]) == {"tradeoffs", "numbers", "failure_modes", "bonus"}


def test_grading_is_deterministic():
    assert grade_rubric(STRONG, RUBRIC).to_dict() == grade_rubric(STRONG, RUBRIC).to_dict()


def test_a_malformed_rubric_does_not_raise():
    grade = grade_rubric("Some answer with a parameter server in it.", {"points": [{"id": "x"}, "junk"]})
    assert grade.score == 0  # a point with no evidence can be covered by nothing
    assert grade_rubric("text here", {}).score == 0


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        grade_text("coding", "x", RUBRIC)


def test_a_hundred_kilobyte_answer_is_graded_in_full():
    answer = (STRONG * 400)[:100_000]
    grade = grade_rubric(answer, RUBRIC, MODEL_ANSWER)
    assert grade.score == 1.0
    one_line = "parameter server aggregate gradients worker " * 2500
    grade_rubric(one_line, RUBRIC)
