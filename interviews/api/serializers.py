"""What the API reads and writes. Input serializers validate shape and size only; the services
decide everything else. Output serializers render objects and the selectors' dicts."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from grader.models import Mode, Status, Verdict
from grader.selectors import submission_rows
from grader.services import MAX_CODE_BYTES
from grader.trying import MAX_SNIPPET_BYTES, SnippetRefused, check_snippet
from interviews.models import InterviewStatus, ItemPart
from interviews.selectors import item_prompt, submission_item
from interviews.services import MAX_DRAFT_BYTES
from interviews.tracks import CUSTOM, CUSTOM_MAX_QUESTIONS, CUSTOM_MINUTES, SECTION_NAMES, TRACKS, custom_track

# --- Tracks ------------------------------------------------------------------------------------


class TrackSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    minutes = serializers.IntegerField()
    question_count = serializers.IntegerField()
    description = serializers.CharField()
    sections = serializers.SerializerMethodField()

    def get_sections(self, track) -> list[str]:
        return list(dict.fromkeys(section for slot in track.slots for section in slot.sections))


class SectionSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class RangeSerializer(serializers.Serializer):
    min = serializers.IntegerField()
    max = serializers.IntegerField()


class CustomTrackParametersSerializer(serializers.Serializer):
    slug = serializers.CharField(
        help_text='Start one with {"track": "custom", "sections": [...], "count": n, "minutes": m}.')
    sections = SectionSerializer(many=True)
    count = RangeSerializer()
    minutes = RangeSerializer()


class TracksSerializer(serializers.Serializer):
    tracks = TrackSerializer(many=True)
    custom = CustomTrackParametersSerializer()


def tracks_payload() -> dict:
    return {
        "tracks": list(TRACKS.values()),
        "custom": {
            "slug": CUSTOM,
            "sections": [{"slug": slug, "name": name} for slug, name in SECTION_NAMES.items()],
            "count": {"min": 1, "max": CUSTOM_MAX_QUESTIONS},
            "minutes": {"min": CUSTOM_MINUTES[0], "max": CUSTOM_MINUTES[1]},
        },
    }


# --- Interviews --------------------------------------------------------------------------------


class InterviewStartSerializer(serializers.Serializer):
    track = serializers.ChoiceField(choices=[*TRACKS, CUSTOM], help_text="A track's slug, or custom.")
    sections = serializers.ListField(child=serializers.ChoiceField(choices=list(SECTION_NAMES)), required=False,
                                     max_length=len(SECTION_NAMES), help_text="custom only: the sections to draw from.")
    count = serializers.IntegerField(required=False, min_value=1, max_value=CUSTOM_MAX_QUESTIONS,
                                     help_text="custom only: how many questions.")
    minutes = serializers.IntegerField(required=False, min_value=CUSTOM_MINUTES[0], max_value=CUSTOM_MINUTES[1],
                                       help_text="custom only: how long the interview lasts.")

    def validate(self, attrs: dict) -> dict:
        if attrs["track"] != CUSTOM:
            attrs["track_spec"] = TRACKS[attrs["track"]]
            return attrs
        missing = {name: ["This field is required for a custom track."]
                   for name in ("sections", "count", "minutes") if name not in attrs}
        if missing:
            raise serializers.ValidationError(missing)
        try:
            attrs["track_spec"] = custom_track(sections=attrs["sections"], count=attrs["count"],
                                               minutes=attrs["minutes"])
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from None
        return attrs


class ItemSummarySerializer(serializers.Serializer):
    position = serializers.IntegerField()
    part = serializers.ChoiceField(choices=ItemPart.choices)
    section = serializers.CharField()
    kind = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    is_code = serializers.BooleanField()
    draft_saved_at = serializers.DateTimeField(allow_null=True)

    def get_kind(self, item) -> str:
        return "coding" if item.is_code else item.version.kind

    def get_title(self, item) -> str:
        return item_prompt(item)["title"]


def _remaining_seconds(interview) -> int:
    return interview.remaining_seconds() if interview.is_active else 0


class InterviewListSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    track = serializers.CharField()
    title = serializers.CharField()
    minutes = serializers.IntegerField()
    status = serializers.ChoiceField(choices=InterviewStatus.choices)
    started_at = serializers.DateTimeField()
    deadline = serializers.DateTimeField(help_text="The server's deadline; writes after it (plus a short grace) "
                                                   "are refused.")
    remaining_seconds = serializers.SerializerMethodField()
    finished_at = serializers.DateTimeField(allow_null=True)
    finished_reason = serializers.CharField(help_text='"candidate", "deadline", or empty while in progress.')
    score = serializers.FloatField(allow_null=True, help_text="0..1; null until graded.")

    def get_remaining_seconds(self, interview) -> int:
        return _remaining_seconds(interview)

    def to_representation(self, interview):
        data = super().to_representation(interview)
        if interview.is_active and interview.is_over():
            # Time is up but the periodic sweep has not finished it yet: it reads as finished (GETs
            # never write); its written answers are graded when the sweep runs (scores.pending).
            data.update(status=InterviewStatus.FINISHED.value, finished_reason="deadline",
                        finished_at=serializers.DateTimeField().to_representation(interview.deadline))
        return data


class InterviewSerializer(InterviewListSerializer):
    server_time = serializers.SerializerMethodField(help_text="The server's clock when this was rendered.")
    section_scores = serializers.DictField(child=serializers.FloatField(allow_null=True))
    items = serializers.SerializerMethodField()

    def get_server_time(self, interview) -> str:
        from django.utils import timezone

        return serializers.DateTimeField().to_representation(timezone.now())

    @extend_schema_field(ItemSummarySerializer(many=True))
    def get_items(self, interview):
        items = interview.items.select_related("version", "version__question")
        return ItemSummarySerializer(items, many=True).data


# --- Items and submissions ---------------------------------------------------------------------


class SubmissionSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    mode = serializers.ChoiceField(choices=Mode.choices)
    status = serializers.ChoiceField(choices=Status.choices)
    verdict = serializers.SerializerMethodField()
    score = serializers.FloatField(allow_null=True)
    cases_total = serializers.IntegerField()
    cases_passed = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    snippet = serializers.CharField(help_text="try only: the snippet that was run; empty for run and submit.")

    @extend_schema_field(serializers.ChoiceField(choices=Verdict.choices, allow_null=True))
    def get_verdict(self, submission):
        return submission.verdict or None


class ItemSerializer(serializers.Serializer):
    interview = serializers.IntegerField(source="interview_id")
    position = serializers.IntegerField()
    part = serializers.ChoiceField(choices=ItemPart.choices)
    section = serializers.CharField()
    kind = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    prompt_md = serializers.SerializerMethodField(help_text="The question, in Markdown.")
    follows = serializers.SerializerMethodField(help_text="For a coding follow-up: the question it follows.")
    minutes = serializers.SerializerMethodField(help_text="Suggested minutes for this question.")
    is_code = serializers.BooleanField(help_text="Code items take submissions; the others a written answer.")
    starter = serializers.SerializerMethodField(help_text="Code items: the signature to start from.")
    draft = serializers.CharField(help_text="The saved answer or code.")
    draft_saved_at = serializers.DateTimeField(allow_null=True)
    time_spent_seconds = serializers.IntegerField()
    deadline = serializers.DateTimeField(source="interview.deadline")
    remaining_seconds = serializers.SerializerMethodField()
    submissions = SubmissionSummarySerializer(many=True, help_text="Runs and Submits, newest first.")

    def get_kind(self, item) -> str:
        return "coding" if item.is_code else item.version.kind

    def get_title(self, item) -> str:
        return item_prompt(item)["title"]

    def get_prompt_md(self, item) -> str:
        return item_prompt(item)["prompt_md"]

    def get_follows(self, item) -> str:
        return item_prompt(item)["follows"]

    def get_minutes(self, item) -> int:
        return item_prompt(item)["minutes"]

    def get_starter(self, item) -> str:
        return item.version.starter if item.is_code else ""

    def get_remaining_seconds(self, item) -> int:
        return _remaining_seconds(item.interview)


def _check_bytes(value: str, limit: int, what: str) -> str:
    if len(value.encode("utf-8")) > limit:
        raise serializers.ValidationError(f"{what} is over {limit // 1024} KiB; shorten it.")
    return value


class DraftSerializer(serializers.Serializer):
    draft = serializers.CharField(allow_blank=True, trim_whitespace=False,
                                  help_text=f"The whole answer or code (at most {MAX_DRAFT_BYTES // 1024} KiB).")
    seconds_spent = serializers.IntegerField(required=False, default=0, min_value=0, max_value=300,
                                             help_text="Seconds spent on the item since the last save (max 300).")

    def validate_draft(self, value: str) -> str:
        return _check_bytes(value, MAX_DRAFT_BYTES, "Your answer")


class SubmissionCreateSerializer(serializers.Serializer):
    code = serializers.CharField(trim_whitespace=False, help_text=f"The code (at most {MAX_CODE_BYTES // 1024} KiB).")
    mode = serializers.ChoiceField(choices=Mode.choices, help_text="run: the sample cases; submit: all cases "
                                                                   "(the latest submit is graded); try: run "
                                                                   "`snippet` against the code (never scored).")
    # --- Try mode (issue #15)
    snippet = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, default="",
        help_text=f"mode try only (required there): a few lines of Python that use the code, e.g. "
                  f"`flatten([1, [2, [3]]])`; the value of a final expression is returned with stdout and "
                  f"stderr (at most {MAX_SNIPPET_BYTES // 1024} KiB).")

    def validate(self, attrs: dict) -> dict:
        if attrs.get("mode") == Mode.TRY:
            try:
                check_snippet(attrs.get("snippet", ""))
            except SnippetRefused as refusal:
                raise serializers.ValidationError({"snippet": [str(refusal)]}) from None
        elif attrs.get("snippet"):
            raise serializers.ValidationError({"snippet": ["Only a try takes a snippet; run and submit grade "
                                                           "the code against the question's cases."]})
        return attrs

    def validate_code(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("There is no code to run: write your solution first.")
        if "\x00" in value:
            raise serializers.ValidationError("Your code contains a NUL character; remove it and try again.")
        return _check_bytes(value, MAX_CODE_BYTES, "Your code")


class CaseSerializer(serializers.Serializer):
    """One case of a submission; hidden cases never show their inputs, expected or actual values."""

    position = serializers.IntegerField()
    case_id = serializers.CharField()
    sample = serializers.BooleanField()
    description = serializers.CharField()
    verdict = serializers.SerializerMethodField(help_text="null while the case is not judged yet.")
    message = serializers.SerializerMethodField()
    cpu_ms = serializers.SerializerMethodField()
    wall_ms = serializers.SerializerMethodField()
    memory_kb = serializers.SerializerMethodField()
    stdout = serializers.SerializerMethodField()
    stderr = serializers.SerializerMethodField()
    output_truncated = serializers.SerializerMethodField()
    inputs = serializers.SerializerMethodField(help_text="Sample cases only; null for hidden cases.")
    expected = serializers.SerializerMethodField(help_text="Sample cases only; null for hidden cases.")
    actual = serializers.SerializerMethodField(help_text="Sample cases only; null for hidden cases.")

    def _result(self, row, name, default):
        result = row["result"]
        return default if result is None else getattr(result, name)

    @extend_schema_field(serializers.ChoiceField(choices=Verdict.choices, allow_null=True))
    def get_verdict(self, row):
        return self._result(row, "verdict", None)

    def get_message(self, row) -> str:
        return self._result(row, "message", "")

    def get_cpu_ms(self, row) -> int:
        return self._result(row, "cpu_ms", 0)

    def get_wall_ms(self, row) -> int:
        return self._result(row, "wall_ms", 0)

    def get_memory_kb(self, row) -> int:
        return self._result(row, "memory_kb", 0)

    def get_stdout(self, row) -> str:
        return self._result(row, "stdout", "")

    def get_stderr(self, row) -> str:
        return self._result(row, "stderr", "")

    def get_output_truncated(self, row) -> bool:
        return self._result(row, "output_truncated", False)

    def _sample_only(self, row, name):
        return self._result(row, name, None) if row["sample"] else None

    @extend_schema_field(serializers.JSONField(allow_null=True))
    def get_inputs(self, row):
        return self._sample_only(row, "inputs")

    @extend_schema_field(serializers.JSONField(allow_null=True))
    def get_expected(self, row):
        return self._sample_only(row, "expected")

    @extend_schema_field(serializers.JSONField(allow_null=True))
    def get_actual(self, row):
        return self._sample_only(row, "actual")


class SubmissionItemSerializer(serializers.Serializer):
    interview = serializers.IntegerField()
    position = serializers.IntegerField()


class SubmissionSerializer(SubmissionSummarySerializer):
    item = serializers.SerializerMethodField(help_text="The interview item it answers.")
    finished = serializers.BooleanField(source="is_finished", help_text="done or failed: poll until true.")
    message = serializers.CharField(help_text="Why a submission failed (a system error is not your fault).")
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    cases = serializers.SerializerMethodField(help_text="One row per case, judged or still pending.")

    @extend_schema_field(SubmissionItemSerializer(allow_null=True))
    def get_item(self, submission):
        item = submission_item(submission)
        return None if item is None else {"interview": item.interview_id, "position": item.position}

    @extend_schema_field(CaseSerializer(many=True))
    def get_cases(self, submission):
        return CaseSerializer(submission_rows(submission), many=True).data


# --- Issue #16: hints at a cost ---------------------------------------------------------------


class HintSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="Reveal with POST .../hints/{index}/reveal/.")
    label = serializers.CharField(help_text="Coding: the ladder's rung (approach, data structure, edge cases); "
                                            "written: the rubric point's id.")
    cost = serializers.FloatField(help_text="The share (0..1) of the item's score that revealing it takes off.")
    revealed = serializers.BooleanField()
    revealed_at = serializers.DateTimeField(allow_null=True)
    text = serializers.CharField(allow_null=True, help_text="Null until revealed.")
    available = serializers.BooleanField(help_text="May be revealed now (a ladder is climbed in order; "
                                                   "nothing once the interview is over).")


class HintUsedSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    label = serializers.CharField()
    text = serializers.CharField()
    cost = serializers.FloatField()
    revealed_at = serializers.DateTimeField()


class FollowUpSerializer(serializers.Serializer):
    point_id = serializers.CharField(help_text="The rubric point it is about (the most important one missed).")
    point_status = serializers.CharField(help_text="The point when it was asked: missed or partly.")
    question = serializers.CharField()
    required = serializers.BooleanField(help_text="The full loop: an unanswered follow-up counts as 0.")
    asked_at = serializers.DateTimeField()
    answer = serializers.CharField(allow_blank=True)
    answer_saved_at = serializers.DateTimeField(allow_null=True)
    score = serializers.FloatField(allow_null=True, help_text="0..1 against that point, once finished.")
    feedback = serializers.DictField(help_text="The point's grade: status, credit, evidence, why.")


class FollowUpAnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(allow_blank=True, trim_whitespace=False, max_length=MAX_DRAFT_BYTES)


# --- Report ------------------------------------------------------------------------------------


class ScoresSerializer(serializers.Serializer):
    overall = serializers.FloatField(allow_null=True, help_text="0..1; null while nothing is graded.")
    sections = serializers.DictField(child=serializers.FloatField(), help_text="Per section slug, 0..1.")
    pending = serializers.BooleanField(help_text="Some code is still being graded: poll again.")


class ReportItemSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    part = serializers.ChoiceField(choices=ItemPart.choices)
    section = serializers.CharField()
    section_name = serializers.CharField()
    kind = serializers.CharField()
    title = serializers.CharField()
    answer = serializers.CharField(help_text="What the candidate wrote (code items: the last draft).")
    score = serializers.FloatField(allow_null=True, help_text="0..1; null while grading.")
    feedback = serializers.DictField(help_text="Written answers: rubric points covered or missed with evidence, "
                                               "or the STAR breakdown. Empty for code.")
    submission = SubmissionSerializer(allow_null=True, help_text="Code items: the graded submission and its cases.")
    model_answer = serializers.CharField(allow_null=True)
    canonical_solution = serializers.CharField(allow_null=True)
    # Issue #16: hints at a cost.
    score_before_hints = serializers.FloatField(allow_null=True, help_text="0..1, before the hints' cost.")
    hint_penalty = serializers.FloatField(help_text="The share of the score the revealed hints took (0..1).")
    hints_used = HintUsedSerializer(many=True, help_text="The hints revealed, in order, with their cost.")
    followup = FollowUpSerializer(allow_null=True, help_text="The follow-up question, shown under its question.")


class ReportSerializer(serializers.Serializer):
    interview = InterviewListSerializer()
    scores = ScoresSerializer()
    items = ReportItemSerializer(many=True)


def report_payload(report: dict) -> dict:
    """interviews.selectors.interview_report → the fields of ReportSerializer."""
    from interviews.selectors import item_model_answer

    items = []
    for entry in report["items"]:
        item = entry["item"]
        prompt = item_prompt(item)
        items.append({
            "position": item.position,
            "part": item.part,
            "section": item.section,
            "section_name": entry["section_name"],
            "kind": "coding" if item.is_code else item.version.kind,
            "title": prompt["title"],
            "answer": item.draft,
            "score": entry["score"],
            "feedback": entry["feedback"] or {},
            "submission": entry["submission"],
            **item_model_answer(item=item),
            "score_before_hints": entry["raw_score"],
            "hint_penalty": entry["hint_penalty"],
            "hints_used": entry["hints_used"],
            "followup": entry["followup"],
        })
    return {"interview": report["interview"], "scores": report["scores"], "items": items}


class ModelAnswerSerializer(serializers.Serializer):
    model_answer = serializers.CharField(allow_null=True, help_text="Markdown; null for a coding follow-up.")
    canonical_solution = serializers.CharField(allow_null=True, help_text="Python; null for a written question.")

