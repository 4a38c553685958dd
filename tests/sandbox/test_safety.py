"""What the host does with hostile documents: bounded, never an exception, text a database stores."""

from __future__ import annotations

import json

import pytest

from grader.judge import AC, RE, WA, judge_case, shown_message, values_equal
from sandbox.protocol import LineReader
from sandbox.safety import HostileValue, loads_bounded, safe_text, safe_value
from sandbox.types import Observation


def deep(levels: int):
    value: list = []
    for _ in range(levels):
        value = [value]
    return value


def test_safe_text_escapes_nul_and_lone_surrogates_only():
    assert safe_text("plain é ✓") == "plain é ✓"
    assert safe_text("a\x00b") == "a\\x00b"
    assert safe_text("x\udc80y\ud800") == "x\\udc80y\\ud800"
    safe_text("x\udc80\x00").encode("utf-8")        # storable


def test_safe_value_bounds_depth_items_and_types_without_recursion():
    assert safe_value({"k\x00": ["\udc80", 1, None]}) == {"k\\x00": ["\\udc80", 1, None]}
    assert safe_value(deep(200)) == deep(200)
    with pytest.raises(HostileValue, match="nested"):
        safe_value(deep(5000))
    with pytest.raises(HostileValue, match="items"):
        safe_value([0] * 10, max_items=5)
    with pytest.raises(HostileValue, match="set"):
        safe_value({1, 2})


def test_a_document_deep_enough_to_exhaust_the_parser_is_refused_not_raised():
    with pytest.raises(HostileValue):
        loads_bounded(b"[" * 100_000 + b"]" * 100_000, max_bytes=1 << 20)
    with pytest.raises(HostileValue, match="bytes"):
        loads_bounded(b"[1]", max_bytes=2)


def test_the_line_reader_counts_a_deep_record_as_garbage():
    reader = LineReader("N")
    line = b'{"n": "N", "t": "obs", "value": ' + b"[" * 50_000 + b"]" * 50_000 + b"}\n"
    assert reader.feed(line) == [] and reader.garbage == 1
    assert reader.feed(b'{"n": "N", "t": "end"}\n') == [{"n": "N", "t": "end"}]


def test_an_observation_with_a_hostile_value_becomes_the_cases_verdict():
    record = {"case_id": "c", "status": "ok", "value": deep(990), "stdout": "a\x00", "message": "\udc80",
              "exc_mro": ["X\x00"] * 100, "cpu_ms": float("nan"), "memory_kb": 10 ** 30}
    observation = Observation.from_record(record)
    assert observation.status == "crashed" and "nested" in observation.message
    assert observation.stdout == "a\\x00" and len(observation.exc_mro) == 64
    assert observation.cpu_ms == 0.0 and observation.memory_kb == 0
    assert judge_case({"expect": 1}, observation.to_dict()).verdict == RE
    json.dumps(observation.to_dict()).encode("utf-8")


def test_the_judge_never_raises_on_a_hostile_observation():
    assert judge_case({"expect": [1]}, {"status": "ok", "value": deep(5000)}).verdict == RE
    assert judge_case({"driver": "calls", "calls": [["f"]], "expect": [1]},
                      {"status": "ok", "value": [1, "not a step"]}).verdict == RE
    assert judge_case({"driver": "calls", "expect": [1]}, {"status": "ok", "value": {"$repr": "x"}}).verdict == RE


def test_tuples_are_told_apart_only_where_the_case_asks():
    pair = {"$tuple": [1, 2]}
    assert values_equal([1, 2], pair) and values_equal([1, 2], [1, 2])          # old cases keep passing
    assert values_equal(pair, pair) and not values_equal(pair, [1, 2])          # a tuple required
    assert values_equal([pair, [3]], [{"$tuple": [1, 2]}, {"$tuple": [3]}])     # list accepts a tuple
    assert not values_equal([pair], [[1, 2]])
    assert values_equal({"$tuple": [0.1, 2]}, {"$tuple": [0.1 + 1e-9, 2]}, compare="float")
    assert values_equal([[1, 2], [3, 4]], [{"$tuple": [3, 4]}, [1, 2]], compare="unordered")
    assert values_equal([pair, {"$tuple": [3, 4]}], [{"$tuple": [3, 4]}, pair], compare="unordered")
    assert not values_equal([pair], [[1, 2]], compare="unordered")
    assert judge_case({"expect": pair}, {"status": "ok", "value": [1, 2]}).verdict == WA
    assert judge_case({"expect": [1, 2]}, {"status": "ok", "value": pair}).verdict == AC


def test_a_hidden_case_shows_verdict_and_builtin_exception_type_only():
    hidden, sample = {"id": "h", "expect": [42]}, {"id": "s", "sample": True, "expect": [42]}
    wrong = {"status": "ok", "value": [41]}
    assert shown_message(hidden, judge_case(hidden, wrong), wrong) == "wrong answer on a hidden case"
    assert "42" in shown_message(sample, judge_case(sample, wrong), wrong)
    raised = {"status": "exception", "exc_type": "ValueError", "message": "input was [42]"}
    shown = shown_message(hidden, judge_case(hidden, raised), raised)
    assert shown == "runtime error on a hidden case (ValueError raised)"
    own = {"status": "exception", "exc_type": "Leak_42", "message": ""}
    assert "42" not in shown_message(hidden, judge_case(hidden, own), own)
    imported = {"status": "exception", "phase": "import", "exc_type": "SyntaxError", "message": "secret 42"}
    assert "42" not in shown_message(hidden, judge_case(hidden, imported), imported)
