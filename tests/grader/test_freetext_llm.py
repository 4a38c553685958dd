"""The model-server grader (ANSWER_GRADER=llm) against a small local server speaking the
OpenAI-compatible chat-completions protocol: verdicts in, verbatim-quote check, visible fallback."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from grader import freetext
from grader.freetext import LlmConfig, grade_text

RUBRIC = {
    "points": [
        {"id": "batching", "weight": 2, "statement": "Uses dynamic batching with a size cap and a timeout.",
         "evidence": ["dynamic batching"]},
        {"id": "caching", "weight": 1, "statement": "Caches responses.", "evidence": ["cache"]},
        {"id": "quantization", "weight": 1, "statement": "Quantizes the model.", "evidence": ["int8"]},
    ]
}
ANSWER = (
    "I would put a dynamic batcher in front of the GPU that flushes at 32 requests or after 5 ms, "
    "whichever comes first, so the p99 stays inside the 100 ms budget. Popular prompts are answered "
    "from a response cache keyed by the input hash."
)


class _ChatServer:
    """A local chat-completions server whose reply the test sets."""

    def __init__(self):
        self.reply: dict | str = {}
        self.status = 200
        self.delay_s = 0.0
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                length = int(self.headers["Content-Length"])
                server.requests.append({"path": self.path, "body": json.loads(self.rfile.read(length))})
                time.sleep(server.delay_s)
                content = server.reply if isinstance(server.reply, str) else json.dumps(server.reply)
                payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]})
                self.send_response(server.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(payload.encode())

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def chat_server():
    server = _ChatServer()
    yield server
    server.close()


def _config(server, timeout_s=5.0):
    return LlmConfig(url=server.url, model="tiny-grader", timeout_s=timeout_s)


def test_verdicts_with_verbatim_quotes_are_credited(chat_server):
    chat_server.reply = {"points": [
        {"id": "batching", "status": "covered", "quote": "flushes at 32 requests or after 5 ms", "why": "both knobs"},
        {"id": "caching", "status": "partly", "quote": "response cache keyed by the input hash", "why": "no TTL"},
        {"id": "quantization", "status": "missed", "quote": "", "why": "not mentioned"},
    ]}
    grade = grade_text("concept", ANSWER, RUBRIC, prompt="Serve a model fast.", llm=_config(chat_server))
    points = {point.id: point for point in grade.points}
    assert points["batching"].status == "covered" and points["batching"].credit == 1.0
    assert points["batching"].evidence == "flushes at 32 requests or after 5 ms"
    assert points["caching"].status == "partly" and points["caching"].credit == 0.5
    assert points["quantization"].status == "missed"
    assert grade.score == pytest.approx((2 * 1.0 + 1 * 0.5) / 4, abs=1e-4)
    assert "graded_by_llm" in grade.flags
    sent = chat_server.requests[0]
    assert sent["path"] == "/v1/chat/completions" and sent["body"]["model"] == "tiny-grader"
    assert "batching" in sent["body"]["messages"][1]["content"] and ANSWER in sent["body"]["messages"][1]["content"]


def test_a_quote_that_is_not_in_the_answer_earns_nothing(chat_server):
    chat_server.reply = {"points": [
        {"id": "quantization", "status": "covered", "quote": "we quantize to INT8 with calibration", "why": "int8"},
    ]}
    grade = grade_text("concept", ANSWER, RUBRIC, llm=_config(chat_server))
    point = next(point for point in grade.to_dict()["points"] if point["id"] == "quantization")
    assert point["status"] == "missed" and point["credit"] == 0 and point["evidence"] == ""
    assert "not in the answer" in point["why"]


@pytest.mark.parametrize("failure", ["timeout", "http-500", "not-json"])
def test_timeouts_and_errors_fall_back_to_the_embedded_grader_visibly(chat_server, failure):
    embedded = grade_text("concept", ANSWER, RUBRIC, llm=False)
    if failure == "timeout":
        chat_server.delay_s, timeout_s = 2.0, 0.3
    else:
        timeout_s = 5.0
        chat_server.status = 500 if failure == "http-500" else 200
        chat_server.reply = "I think the answer is pretty good!"
    grade = grade_text("concept", ANSWER, RUBRIC, llm=_config(chat_server, timeout_s=timeout_s))
    assert "llm_fallback" in grade.flags and "graded_by_llm" not in grade.flags
    assert grade.score == embedded.score
    assert grade.suggestions[0].startswith("Graded by the embedded grader:")
    expected = {"timeout": "did not answer within", "http-500": "HTTP 500", "not-json": "not the expected JSON"}
    assert expected[failure] in grade.suggestions[0]


def test_an_unreachable_server_falls_back():
    config = LlmConfig(url="http://127.0.0.1:9/v1", model="m", timeout_s=1)
    grade = grade_text("behavioral", "I rolled back the model at 10:40 and restored service.", {"star": {}}, llm=config)
    assert "llm_fallback" in grade.flags and "cannot be reached" in grade.suggestions[0]


def test_the_configured_grader_is_used_by_default_and_can_be_turned_off(chat_server):
    chat_server.reply = {"points": [{"id": "batching", "status": "covered", "quote": "dynamic batcher", "why": "ok"}]}
    freetext.configure(llm=_config(chat_server))
    try:
        assert "graded_by_llm" in grade_text("concept", ANSWER, RUBRIC).flags
        assert "graded_by_llm" not in grade_text("concept", ANSWER, RUBRIC, llm=False).flags
    finally:
        freetext.configure(llm=None)
    assert "graded_by_llm" not in grade_text("concept", ANSWER, RUBRIC).flags
