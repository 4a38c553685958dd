"""grader.judge: deciding a verdict from an observation, outside the sandbox (pure functions)."""

import pytest

from grader.judge import (
    AC,
    CE,
    MLE,
    OLE,
    RE,
    SE,
    TLE,
    WA,
    case_inputs,
    judge_case,
    values_equal,
)
from grader.judging import overall_verdict


def ok(value) -> dict:
    return {"case_id": "c", "status": "ok", "value": value}


def raised(exc_type: str, mro: list[str], message: str = "boom", phase: str = "run") -> dict:
    return {"case_id": "c", "status": "exception", "exc_type": exc_type, "exc_mro": mro, "message": message,
            "phase": phase}


# --- what enters the sandbox --------------------------------------------------------------

def test_case_inputs_never_carry_the_expected_outcome():
    case = {"id": "c", "driver": "call", "target": "f", "args": [1], "expect": 2, "raises": "KeyError",
            "compare": "float", "tolerance": 0.1, "description": "d", "sample": True, "time_limit_ms": 500}
    assert case_inputs(case) == {"id": "c", "driver": "call", "target": "f", "args": [1], "time_limit_ms": 500}


# --- exact ----------------------------------------------------------------------------------

def test_exact_equal_values_are_accepted():
    assert judge_case({"expect": {"a": [1, 2]}}, ok({"a": [1, 2]})).verdict == AC


def test_exact_different_value_is_a_wrong_answer_with_both_values():
    judgement = judge_case({"expect": [1, 2, 3]}, ok([1, 2]))
    assert judgement.verdict == WA
    assert judgement.expected == [1, 2, 3] and judgement.actual == [1, 2]
    assert "expected [1, 2, 3], got [1, 2]" in judgement.message


@pytest.mark.parametrize(("expected", "actual"), [(1, True), (True, 1), (0, False), (1, 1.0000001), ([1], [[1]])])
def test_exact_keeps_json_types_apart(expected, actual):
    assert not values_equal(expected, actual)


def test_exact_ignores_dict_key_order_but_not_list_order():
    assert values_equal({"a": 1, "b": 2}, {"b": 2, "a": 1})
    assert not values_equal([1, 2], [2, 1])


def test_exact_int_and_integral_float_are_equal_as_json_numbers():
    # json.dumps(1.0) == "1.0" != "1": an exact case wanting 1 rejects 1.0 (write compare: float).
    assert not values_equal(1, 1.0)


# --- float ----------------------------------------------------------------------------------

def test_float_within_tolerance_is_accepted_recursively():
    case = {"compare": "float", "expect": {"p50": 0.1, "xs": [1.0, 2.0]}}
    assert judge_case(case, ok({"p50": 0.1 + 1e-9, "xs": [1.0000000001, 2]})).verdict == AC


def test_float_outside_tolerance_is_wrong():
    assert judge_case({"compare": "float", "expect": 0.5}, ok(0.51)).verdict == WA


def test_float_case_tolerance_is_used():
    case = {"compare": "float", "tolerance": 0.05, "expect": 0.5}
    assert judge_case(case, ok(0.51)).verdict == AC
    assert judge_case(case, ok(0.6)).verdict == WA


def test_float_relative_tolerance_for_large_numbers():
    assert values_equal(1e9, 1e9 + 1, compare="float")


def test_float_does_not_accept_bool_for_number():
    assert not values_equal(1, True, compare="float")
    assert values_equal(True, True, compare="float")


def test_float_lists_of_different_length_are_wrong():
    assert not values_equal([1.0, 2.0], [1.0], compare="float")
    assert not values_equal({"a": 1.0}, {"a": 1.0, "b": 2.0}, compare="float")


def test_float_non_numbers_compare_exactly():
    assert values_equal(["a", None], ["a", None], compare="float")
    assert not values_equal("a", "b", compare="float")


# --- unordered ------------------------------------------------------------------------------

def test_unordered_compares_top_level_list_as_multiset():
    case = {"compare": "unordered", "expect": [[1, 2], "a", "a", {"k": 1}]}
    assert judge_case(case, ok(["a", {"k": 1}, [1, 2], "a"])).verdict == AC


def test_unordered_counts_duplicates():
    assert not values_equal(["a", "a", "b"], ["a", "b", "b"], compare="unordered")


def test_unordered_is_only_top_level():
    assert not values_equal([[1, 2]], [[2, 1]], compare="unordered")


def test_unordered_non_list_falls_back_to_exact():
    assert values_equal(5, 5, compare="unordered")
    assert not values_equal([1], 1, compare="unordered")


# --- raises and the MRO ---------------------------------------------------------------------

def test_expected_exception_raised_is_accepted():
    assert judge_case({"raises": "ValueError"}, raised("ValueError", ["ValueError", "Exception"])).verdict == AC


def test_subclass_of_expected_exception_is_accepted_along_the_mro():
    observation = raised("KeyError", ["KeyError", "LookupError", "Exception", "BaseException"])
    assert judge_case({"raises": "LookupError"}, observation).verdict == AC


def test_superclass_of_expected_exception_is_wrong():
    observation = raised("LookupError", ["LookupError", "Exception"])
    judgement = judge_case({"raises": "KeyError"}, observation)
    assert judgement.verdict == WA
    assert "expected KeyError to be raised, got LookupError" in judgement.message


def test_candidate_cannot_forge_the_mro_name_into_the_type_name_only():
    # A class *named* like the expected one is accepted by name: the judge trusts names, and
    # the harness reports them from type(exc).__mro__, not from anything the candidate prints.
    observation = raised("ValueError", ["ValueError", "Exception"])
    assert judge_case({"raises": "ValueError"}, observation).verdict == AC


def test_returning_when_an_exception_was_expected_is_wrong():
    judgement = judge_case({"raises": "TypeError"}, ok([1]))
    assert judgement.verdict == WA
    assert "expected TypeError to be raised, returned [1]" in judgement.message


def test_unexpected_exception_is_a_runtime_error():
    judgement = judge_case({"expect": 1}, raised("ZeroDivisionError", ["ZeroDivisionError"], "division by zero"))
    assert judgement.verdict == RE
    assert judgement.message == "ZeroDivisionError: division by zero"


def test_exception_while_importing_is_compile_error_even_if_that_exception_was_expected():
    observation = raised("SyntaxError", ["SyntaxError", "Exception"], "invalid syntax", phase="import")
    assert judge_case({"expect": 1}, observation).verdict == CE
    assert judge_case({"raises": "SyntaxError"}, observation).verdict == CE


# --- the calls driver -----------------------------------------------------------------------

CALLS_CASE = {
    "driver": "calls",
    "calls": [["put", [1, 1]], ["get", [1]], ["get", [9]], ["$advance", [1.5]]],
    "expect": [None, 1, {"raises": "KeyError"}, None],
}


def test_calls_all_steps_right_is_accepted():
    steps = [{"ok": None}, {"ok": 1}, {"raises": "KeyError", "mro": ["KeyError", "LookupError"]}, {"ok": None}]
    assert judge_case(CALLS_CASE, ok(steps)).verdict == AC


def test_calls_step_raising_a_subclass_of_the_expected_exception_is_accepted():
    case = {**CALLS_CASE, "expect": [None, 1, {"raises": "LookupError"}, None]}
    steps = [{"ok": None}, {"ok": 1}, {"raises": "KeyError", "mro": ["KeyError", "LookupError"]}, {"ok": None}]
    assert judge_case(case, ok(steps)).verdict == AC


def test_calls_wrong_step_value_names_the_step_and_method():
    steps = [{"ok": None}, {"ok": 2}, {"raises": "KeyError"}, {"ok": None}]
    judgement = judge_case(CALLS_CASE, ok(steps))
    assert judgement.verdict == WA
    assert judgement.message == "step 2 (get): expected 1, got 2"


def test_calls_step_that_returns_instead_of_raising_is_wrong():
    steps = [{"ok": None}, {"ok": 1}, {"ok": -1}, {"ok": None}]
    judgement = judge_case(CALLS_CASE, ok(steps))
    assert judgement.verdict == WA
    assert judgement.message.startswith("step 3 (get): expected KeyError to be raised, returned -1")


def test_calls_step_that_raises_the_wrong_exception_is_wrong():
    steps = [{"ok": None}, {"ok": 1}, {"raises": "IndexError", "mro": ["IndexError", "LookupError"],
                                       "message": "no"}, {"ok": None}]
    judgement = judge_case(CALLS_CASE, ok(steps))
    assert judgement.verdict == WA and "expected KeyError, raised IndexError" in judgement.message


def test_calls_unexpected_raise_in_a_step_is_wrong_answer_not_runtime_error():
    steps = [{"raises": "RuntimeError", "message": "oops"}, {"ok": 1}, {"raises": "KeyError"}, {"ok": None}]
    judgement = judge_case(CALLS_CASE, ok(steps))
    assert judgement.verdict == WA and judgement.message == "step 1 (put): raised RuntimeError: oops"


def test_calls_missing_steps_are_wrong():
    judgement = judge_case(CALLS_CASE, ok([{"ok": None}]))
    assert judgement.verdict == WA and "expected 4 step results, got 1" in judgement.message


def test_calls_steps_use_the_case_comparison():
    case = {"driver": "calls", "calls": [["rate", []]], "expect": [0.5], "compare": "float"}
    assert judge_case(case, ok([{"ok": 0.5000000001}])).verdict == AC


def test_calls_constructor_expected_to_raise():
    case = {"driver": "calls", "init": [0], "raises": "ValueError"}
    assert judge_case(case, raised("ValueError", ["ValueError"])).verdict == AC
    assert judge_case(case, ok([])).verdict == WA


def test_calls_driver_without_a_step_list_is_the_cases_runtime_error():
    # Only a case that tampered with its own result gets there: the candidate's RE, not an SE.
    assert judge_case({"driver": "calls", "expect": [1]}, ok({"$repr": "x"})).verdict == RE


# --- sandbox statuses -----------------------------------------------------------------------

@pytest.mark.parametrize(("status", "verdict"), [
    ("timeout", TLE), ("memory", MLE), ("output_limit", OLE), ("crashed", RE), ("system_error", SE),
])
def test_status_maps_to_verdict_whatever_was_expected(status, verdict):
    observation = {"case_id": "c", "status": status, "message": "", "value": 1}
    assert judge_case({"expect": 1}, observation).verdict == verdict
    assert judge_case({"raises": "ValueError"}, observation).verdict == verdict


def test_status_message_is_kept_or_made_readable():
    assert judge_case({}, {"status": "timeout", "message": "CPU limit 2000 ms"}).message == "CPU limit 2000 ms"
    assert judge_case({}, {"status": "output_limit"}).message == "output limit"


def test_unknown_status_is_a_system_error_never_the_candidates():
    assert judge_case({"expect": 1}, {"status": "weird"}).verdict == SE


def test_printing_the_expected_value_does_not_pass():
    observation = {**ok(None), "stdout": "1\nAC\n"}
    assert judge_case({"expect": 1}, observation).verdict == WA


# --- the overall verdict --------------------------------------------------------------------

def test_overall_verdict_is_the_first_failure_or_accepted():
    assert overall_verdict([AC, AC]) == AC
    assert overall_verdict([AC, TLE, WA]) == TLE
    assert overall_verdict([]) == AC
