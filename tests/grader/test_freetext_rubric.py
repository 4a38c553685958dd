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


def test_a_covered_point_returns_the_sentence_that_evidences_it_and_the_phrase():
    grade = grade_rubric(STRONG, RUBRIC)
    point = _point(grade, "parameter-server")
    assert point.covered
    assert (
        point.evidence
        == "The parameter server holds the global weights and aggregates the gradients that workers push."
    )
    assert point.matched in ("parameter server", "aggregate gradients")
    assert _point(grade, "storage").evidence.startswith("Training data and checkpoints")


def test_inflected_forms_cover_the_evidence_phrase():
    grade = grade_rubric("The coordinator is aggregating the gradients of every step.", RUBRIC)
    point = _point(grade, "parameter-server")
    assert point.covered and point.matched == "aggregate gradients"


def test_coverage_is_the_covered_weight_over_the_total_weight():
    answer = "A parameter server holds the weights for the whole job. The orchestrator places every job on a node."
    grade = grade_rubric(answer, RUBRIC)
    assert [p.id for p in grade.points if p.covered] == ["parameter-server", "orchestration"]
    assert grade.coverage == pytest.approx(3 / 6, abs=1e-3)
    assert grade.depth.bonus == 0  # no trade-off, number or failure in those sentences
    assert grade.score == pytest.approx(grade.coverage + grade.relevance["credit"], abs=1e-3)


def test_a_vague_answer_on_the_subject_earns_a_little_more_than_an_off_topic_one():
    vague = "We would train on many machines with the data split between them and keep the global weights safe."
    off_topic = "I enjoy hiking in the mountains with my dog on sunny weekends in May, then baking bread."
    vague_grade, off_grade = grade_rubric(vague, RUBRIC, MODEL_ANSWER), grade_rubric(off_topic, RUBRIC, MODEL_ANSWER)
    assert 0 < vague_grade.relevance["credit"] <= 0.1
    assert off_grade.score == 0 and "off_topic" in off_grade.flags
    assert off_grade.score < vague_grade.score <= 0.1 + 1e-9


def test_depth_bonus_is_bounded_and_never_lifts_the_score_above_one():
    grade = grade_rubric(STRONG, RUBRIC)
    assert grade.coverage == 1.0
    assert grade.depth.tradeoffs and grade.depth.numbers and grade.depth.failure_modes
    assert 0 < grade.depth.bonus <= MAX_DEPTH_BONUS
    assert grade.score == 1.0


def test_depth_raises_a_partial_score_by_at_most_fifteen_points():
    plain = "A parameter server holds the weights for the whole job. Each worker computes the gradients."
    deep = plain + (
        " A parameter server versus all-reduce is a trade-off at the cost of 2x traffic over 100 GB links."
        " When a worker fails after a 30 s timeout, a straggler crash restarts from 10 minutes back."
    )
    base, raised = grade_rubric(plain, RUBRIC), grade_rubric(deep, RUBRIC)
    assert raised.coverage == base.coverage
    assert base.score < raised.score <= base.score + MAX_DEPTH_BONUS + 1e-9


def test_depth_alone_earns_nothing_when_no_point_is_covered():
    answer = "It is a trade-off at the cost of 40 ms, and a crash after a timeout is the failure we fear."
    grade = grade_rubric(answer, RUBRIC)
    assert grade.coverage == 0 and grade.depth.bonus == 0
    assert grade.score == grade.relevance["credit"] < 0.1


def test_a_keyword_list_is_flagged_and_earns_almost_nothing():
    stuffed = (
        "parameter server, all-reduce, aggregate gradients, worker, forward pass, backward pass, "
        "checkpoint, distributed storage, object store, orchestrator, kubernetes, fault tolerance, "
        "trade-off, straggler, 10 ms, 2x"
    )
    grade = grade_rubric(stuffed, RUBRIC)
    assert "keyword_stuffed" in grade.flags
    assert grade.score < 0.1
    assert not any(point.covered for point in grade.points)
    assert any("keywords" in suggestion for suggestion in grade.suggestions)


def test_keywords_glued_into_sentences_are_penalised():
    stuffed = (
        "The parameter server and all-reduce and aggregate gradients and worker and forward pass. "
        "The checkpoint and distributed storage and object store and orchestrator and kubernetes."
    )
    grade = grade_rubric(stuffed, RUBRIC)
    assert "keyword_stuffed" in grade.flags
    assert grade.score < 0.35


def test_template_sentences_that_only_name_keywords_are_penalised():
    stuffed = (
        "We use parameter server and worker. We use checkpoint and orchestrator. "
        "We use all-reduce and forward pass. We use object store and kubernetes."
    )
    grade = grade_rubric(stuffed, RUBRIC)
    assert "keyword_stuffed" in grade.flags
    assert grade.score <= 0.25


def test_one_sentence_evidences_at_most_two_points():
    answer = (
        "Our parameter server, each worker, the checkpoint store and the orchestrator are what the"
        " system is made of in the cluster."
    )
    grade = grade_rubric(answer, RUBRIC)
    assert sum(point.covered for point in grade.points) == 2
    assert {p.id for p in grade.points if p.covered} == {"parameter-server", "workers"}  # heaviest first


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
    assert set(data["relevance"]) == {"share", "credit", "words"}
    assert set(data["points"][0]) == {"id", "statement", "weight", "covered", "evidence", "matched", "hint"}
    assert set(data["depth"]) == {"tradeoffs", "numbers", "failure_modes", "bonus"}


def test_grading_is_deterministic():
    assert grade_rubric(STRONG, RUBRIC).to_dict() == grade_rubric(STRONG, RUBRIC).to_dict()


def test_a_malformed_rubric_does_not_raise():
    grade = grade_rubric("Some answer with a parameter server in it.", {"points": [{"id": "x"}, "junk"]})
    assert 0 <= grade.score <= 1
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
