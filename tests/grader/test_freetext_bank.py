"""Issue 12's failures, tried on every written question of the real bank: pasting the question
back, or wrapping its rubric's terms in filler, must not score; the model answer must."""

from functools import cache

import pytest

from grader.freetext import grade_text
from grader.freetext.vocabulary import VOCABULARY_PATH, load_vocabulary
from references.loader import read_bank


@cache
def _written():
    return [question for question in read_bank() if question.kind in ("concept", "design", "behavioral")]


def _ids():
    return [question.key for question in _written()]


@pytest.mark.parametrize("key", _ids())
def test_pasting_the_question_back_scores_low(key):
    question = next(q for q in _written() if q.key == key)
    grade = grade_text(question.kind, question.prompt_md, question.rubric, question.answer_md,
                       prompt=question.prompt_md, llm=False)
    assert grade.score <= 0.25, (key, grade.score)


@pytest.mark.parametrize("key", _ids())
def test_rubric_terms_wrapped_in_filler_score_low_and_the_model_answer_scores_high(key):
    question = next(q for q in _written() if q.key == key)
    if question.kind == "behavioral":
        terms = [str(e) for s in question.rubric.get("signals", []) for e in (s.get("evidence") or [])[:2]]
    else:
        terms = [str(point["evidence"][0]) for point in question.rubric["points"]]
    filler = "\n".join(
        f"It is also worth remembering that {a} and {b} are things good teams always have."
        for a, b in zip(terms[::2], terms[1::2], strict=False)
    )
    filler_grade = grade_text(question.kind, filler, question.rubric, question.answer_md,
                              prompt=question.prompt_md, llm=False)
    model_grade = grade_text(question.kind, question.answer_md, question.rubric, question.answer_md,
                             prompt=question.prompt_md, llm=False)
    assert filler_grade.score <= 0.3, (key, filler_grade.score)
    assert model_grade.score >= 0.7, (key, model_grade.score)


def test_the_thesaurus_is_well_formed():
    vocabulary = load_vocabulary(VOCABULARY_PATH)
    assert len(vocabulary.groups) >= 100
    assert all(len(group) >= 2 for group in vocabulary.groups)
    assert vocabulary.generic and vocabulary.mechanism and vocabulary.generic_phrases


def test_grading_works_without_a_thesaurus(tmp_path):
    empty = load_vocabulary(tmp_path / "missing.yaml")
    assert empty.groups == () and not empty.generic
