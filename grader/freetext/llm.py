"""An optional model-server grader (`ANSWER_GRADER=llm`): a per-point verdict from a chat model.

Speaks the OpenAI-compatible chat-completions protocol (vLLM, Ollama, llama.cpp's server): the
question, the rubric's points and the answer go in; a JSON verdict per point comes out, each
with a quote from the answer. A point is credited only when its quote is verbatim in the answer
(whitespace and case aside), so the model cannot credit what the candidate did not write.
Timeouts, HTTP errors and malformed replies fall back to the embedded grader, visibly (flag
`llm_fallback` and a note saying why). Its grading quality is NOT measured by
`grader evaluate`; the embedded grader's is.

Pure Python (urllib), no Django: the caller passes an `LlmConfig`.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass

from grader.freetext.results import RubricGrade, StarGrade

STATUS_CREDIT = {"covered": 1.0, "partly": 0.5, "missed": 0.0}
MAX_REPLY_BYTES = 1_000_000


@dataclass(frozen=True)
class LlmConfig:
    url: str  # the base URL (".../v1") or the full chat-completions endpoint
    model: str
    timeout_s: float = 30.0
    api_key: str = ""

    @property
    def endpoint(self) -> str:
        url = self.url.rstrip("/")
        return url if url.endswith("/chat/completions") else f"{url}/chat/completions"


class LlmError(Exception):
    """The model server could not give a usable verdict (the message says why)."""


def _points_for(grade: RubricGrade | StarGrade) -> list[dict]:
    return [{"id": point.id, "statement": point.statement} for point in grade.points]


def build_messages(kind: str, answer: str, points: list[dict], prompt: str | None) -> list[dict]:
    rubric = "\n".join(f"- {point['id']}: {point['statement']}" for point in points)
    system = (
        "You are a fair technical interviewer grading a candidate's written answer against rubric points. "
        "Judge meaning, not keywords: a point is covered only if the answer explains it (a mechanism, a "
        "consequence, a number or an example), partly if it is only named, missed otherwise. Restating the "
        "question or generic filler earns nothing. For every point reply with the shortest verbatim quote "
        "from the answer that supports your verdict (empty for missed). Reply with JSON only: "
        '{"points": [{"id": "...", "status": "covered|partly|missed", "quote": "...", "why": "..."}]}'
    )
    user = f"Question ({kind}):\n{prompt or ''}\n\nRubric points:\n{rubric}\n\nCandidate's answer:\n{answer}"
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def request_verdicts(config: LlmConfig, messages: list[dict]) -> list[dict]:
    body = json.dumps({"model": config.model, "messages": messages, "temperature": 0,
                       "response_format": {"type": "json_object"}}).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    if config.api_key:
        headers["Authorization"] = f"Bearer {config.api_key}"
    request = urllib.request.Request(config.endpoint, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=config.timeout_s) as response:
            raw = response.read(MAX_REPLY_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise LlmError(f"the model server answered HTTP {error.code}") from None
    except TimeoutError:
        raise LlmError(f"the model server did not answer within {config.timeout_s:g} s") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            raise LlmError(f"the model server did not answer within {config.timeout_s:g} s") from None
        raise LlmError(f"the model server cannot be reached: {reason}") from None
    if len(raw) > MAX_REPLY_BYTES:
        raise LlmError("the model server's reply is too large")
    try:
        content = json.loads(raw)["choices"][0]["message"]["content"]
        content = re.sub(r"^\s*```(?:json)?\s*|\s*```\s*$", "", content)
        verdicts = json.loads(content)["points"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise LlmError("the model server's reply is not the expected JSON verdict") from None
    if not isinstance(verdicts, list):
        raise LlmError("the model server's reply is not the expected JSON verdict")
    return [verdict for verdict in verdicts if isinstance(verdict, dict)]


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def grade_with_llm(embedded: RubricGrade | StarGrade, answer: str, config: LlmConfig, *,
                   prompt: str | None = None) -> RubricGrade | StarGrade:
    """Re-grade the embedded grader's points with the model; on any failure keep the embedded grade."""
    if not (answer or "").strip():
        return embedded
    try:
        verdicts = request_verdicts(config, build_messages(embedded.kind, answer, _points_for(embedded), prompt))
    except LlmError as error:
        embedded.flags.append("llm_fallback")
        embedded.suggestions.insert(0, f"Graded by the embedded grader: {error}.")
        return embedded
    by_id = {str(verdict.get("id")): verdict for verdict in verdicts}
    haystack = _normalise(answer)
    total = sum(point.weight for point in embedded.points) or 1.0
    earned = 0.0
    for point in embedded.points:
        verdict = by_id.get(point.id) or {}
        status = str(verdict.get("status") or "missed").lower()
        quote = str(verdict.get("quote") or "")
        credit = STATUS_CREDIT.get(status, 0.0)
        why = str(verdict.get("why") or "")[:400]
        if credit and (not quote.strip() or _normalise(quote) not in haystack):
            status, credit = "missed", 0.0
            why = "the model's quote is not in the answer, so the point is not credited"
        point.status, point.credit, point.covered = status if credit else "missed", credit, status == "covered"
        point.evidence, point.matched = (quote if credit else ""), ""
        point.why = f"model: {why}" if why else "model verdict"
        if credit >= 1.0:
            point.hint = ""
        earned += point.weight * credit
    embedded.raw_score = round(earned / total, 4)
    embedded.score = embedded.raw_score
    if isinstance(embedded, RubricGrade):
        embedded.coverage = embedded.raw_score
    embedded.flags.append("graded_by_llm")
    return embedded
