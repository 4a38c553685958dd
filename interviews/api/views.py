"""The API's endpoints: parse, authorize (the `access_*` selectors: someone else's object is a 404),
call one service or selector, serialize. Errors are shaped by `interviews.api.errors`."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from grader.selectors import access_submission
from interviews import selectors, services
from interviews.api import serializers as api
from interviews.api.errors import error_responses
from interviews.api.throttles import InterviewStartQuota, SubmissionQuota
from interviews.models import Interview


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _own(request: Request, interview: Interview) -> Interview:
    """Writes are the candidate's own: staff may read anyone's interview but not change it."""
    if interview.owner_id != request.user.pk:
        raise PermissionDenied("Only the candidate can change their interview; staff can read it.")
    return interview


def _current(interview: Interview) -> Interview:
    """GETs never write: an interview past its deadline reads as over (the sweep finishes it)."""
    return interview


READ = error_responses(401, 404)


class Endpoint(APIView):
    # Only the methods the schema documents: OPTIONS and HEAD answer 405, and Allow matches the schema.
    http_method_names = ["get", "post", "put"]


class TrackListView(Endpoint):
    @extend_schema(
        operation_id="tracks_list", tags=["tracks"], summary="The tracks an interview can start from",
        description="The fixed tracks, and the parameters of a custom track (sections, question count, minutes).",
        responses={200: api.TracksSerializer, **error_responses(401)},
    )
    def get(self, request: Request) -> Response:
        return Response(api.TracksSerializer(api.tracks_payload()).data)


class InterviewListView(Endpoint):
    throttle_classes = [InterviewStartQuota]

    @extend_schema(
        operation_id="interviews_list", tags=["interviews"], summary="Your interviews, newest first",
        responses={200: api.InterviewListSerializer(many=True), **error_responses(401)},
    )
    def get(self, request: Request) -> Response:
        interviews = selectors.interview_history(user=request.user)
        return Response(api.InterviewListSerializer(interviews, many=True).data)

    @extend_schema(
        operation_id="interviews_start", tags=["interviews"], summary="Start an interview",
        description="From a track (`{\"track\": \"coding-screen\"}`) or a custom spec. The deadline is the "
                    "server's. One interview at a time: 409 while another is in progress. Throttled (429).",
        request=api.InterviewStartSerializer,
        responses={201: api.InterviewSerializer, **error_responses(400, 401, 409, 429)},
        examples=[
            OpenApiExample("A track", value={"track": "coding-screen"}, request_only=True),
            OpenApiExample("Custom", value={"track": "custom", "sections": ["dsa", "coding"], "count": 2,
                                            "minutes": 40}, request_only=True),
        ],
    )
    def post(self, request: Request) -> Response:
        start = api.InterviewStartSerializer(data=request.data)
        start.is_valid(raise_exception=True)
        interview = services.interview_start(user=request.user, track=start.validated_data["track_spec"])
        return Response(api.InterviewSerializer(interview).data, status=status.HTTP_201_CREATED)


class InterviewDetailView(Endpoint):
    @extend_schema(
        operation_id="interviews_retrieve", tags=["interviews"], summary="An interview's state",
        description="Status, the server's deadline and remaining_seconds, and the items (questions).",
        responses={200: api.InterviewSerializer, **READ},
    )
    def get(self, request: Request, interview_id: int) -> Response:
        interview = _current(selectors.access_interview(request.user, interview_id))
        return Response(api.InterviewSerializer(interview).data)


class InterviewFinishView(Endpoint):
    @extend_schema(
        operation_id="interviews_finish", tags=["interviews"], summary="Finish the interview",
        description="Submits code drafts that were never submitted, grades written answers, stores scores. "
                    "`finished_reason` is \"deadline\" once the server's deadline has passed, else \"candidate\". "
                    "Finishing a finished interview changes nothing.",
        request=None,
        responses={200: api.InterviewSerializer, **error_responses(401, 403, 404)},
    )
    def post(self, request: Request, interview_id: int) -> Response:
        interview = _own(request, selectors.access_interview(request.user, interview_id))
        interview = services.interview_finish(interview=interview,
                                              reason=services.finish_reason_for_api(interview=interview))
        return Response(api.InterviewSerializer(interview).data)


class InterviewReportView(Endpoint):
    @extend_schema(
        operation_id="interviews_report", tags=["interviews"], summary="The report of a finished interview",
        description="Scores (overall, per section), and per item: the feedback, the graded submission with its "
                    "cases, the model answer and canonical solution. 409 while the interview is in progress; "
                    "`scores.pending` is true while code is still being graded.",
        responses={200: api.ReportSerializer, **error_responses(401, 404, 409)},
    )
    def get(self, request: Request, interview_id: int) -> Response:
        interview = _current(selectors.access_interview(request.user, interview_id))
        if not interview.is_over():
            raise Conflict("The report is ready once the interview is finished (POST .../finish/).")
        report = api.report_payload(selectors.interview_report(interview=interview))
        return Response(api.ReportSerializer(report).data)


def _item_data(item) -> dict:
    item.submissions = selectors.item_submissions_list(item=item)
    return api.ItemSerializer(item).data


class ItemDetailView(Endpoint):
    @extend_schema(
        operation_id="items_retrieve", tags=["items"], summary="A question of the interview",
        description="Title, kind, prompt (Markdown), the saved draft, the starter code and the item's submissions.",
        responses={200: api.ItemSerializer, **READ},
    )
    def get(self, request: Request, interview_id: int, position: int) -> Response:
        item = selectors.access_item(request.user, interview_id, position)
        _current(item.interview)
        return Response(_item_data(item))


class ItemDraftView(Endpoint):
    @extend_schema(
        operation_id="items_draft_save", tags=["items"], summary="Save the draft (answer or code)",
        description="409 once the interview is finished or its time is up.",
        request=api.DraftSerializer,
        responses={200: api.ItemSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def put(self, request: Request, interview_id: int, position: int) -> Response:
        item = selectors.access_item(request.user, interview_id, position)
        _own(request, item.interview)
        draft = api.DraftSerializer(data=request.data)
        draft.is_valid(raise_exception=True)
        item = services.item_save_draft(item=item, draft=draft.validated_data["draft"],
                                        seconds_spent=draft.validated_data["seconds_spent"])
        return Response(_item_data(item))


class ItemSubmissionsView(Endpoint):
    throttle_classes = [SubmissionQuota]

    @extend_schema(
        operation_id="submissions_list", tags=["submissions"], summary="The item's runs and submits, newest first",
        responses={200: api.SubmissionSummarySerializer(many=True), **READ},
    )
    def get(self, request: Request, interview_id: int, position: int) -> Response:
        item = selectors.access_item(request.user, interview_id, position)
        return Response(api.SubmissionSummarySerializer(selectors.item_submissions_list(item=item), many=True).data)

    @extend_schema(
        operation_id="submissions_create", tags=["submissions"], summary="Run, submit or try code for a code item",
        description="`run` grades against the sample cases, `submit` against all (the latest submit is graded); "
                    "`try` runs your `snippet` with the code (one case, `try`: its `actual` is "
                    "`{expression, repr, type}` of the snippet's final expression; stdout and stderr are shown; "
                    "never scored). "
                    "The code is also saved as the draft. The submission is queued: poll "
                    "`GET /api/submissions/{id}/` until `finished`. Throttled (429 with Retry-After).",
        request=api.SubmissionCreateSerializer,
        responses={201: api.SubmissionSerializer, **error_responses(400, 401, 403, 404, 409, 429)},
    )
    def post(self, request: Request, interview_id: int, position: int) -> Response:
        item = selectors.access_item(request.user, interview_id, position)
        _own(request, item.interview)
        submission_in = api.SubmissionCreateSerializer(data=request.data)
        submission_in.is_valid(raise_exception=True)
        submission = services.item_submit_code(item=item, code=submission_in.validated_data["code"],
                                               mode=submission_in.validated_data["mode"],
                                               snippet=submission_in.validated_data.get("snippet", ""))
        return Response(api.SubmissionSerializer(submission).data, status=status.HTTP_201_CREATED)


class ItemAnswerView(Endpoint):
    @extend_schema(
        operation_id="items_model_answer", tags=["items"], summary="Model answer and canonical solution",
        description="Only once the interview is finished: 403 before.",
        responses={200: OpenApiResponse(api.ModelAnswerSerializer), **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, interview_id: int, position: int) -> Response:
        item = selectors.access_item(request.user, interview_id, position)
        _current(item.interview)
        return Response(api.ModelAnswerSerializer(selectors.item_model_answer(item=item)).data)


class SubmissionDetailView(Endpoint):
    @extend_schema(
        operation_id="submissions_retrieve", tags=["submissions"], summary="A submission and its case results",
        description="Hidden cases show their verdict, time and memory, never their inputs or expected values.",
        responses={200: api.SubmissionSerializer, **READ},
    )
    def get(self, request: Request, submission_id: int) -> Response:
        return Response(api.SubmissionSerializer(access_submission(request.user, submission_id)).data)


# --- Issue #16: hints at a cost ---------------------------------------------------------------


class ItemHintsView(Endpoint):
    @extend_schema(
        operation_id="items_hints_list", tags=["items"], summary="The item's hints and what each costs",
        description="Each hint states its cost (a share of the item's score) before it is revealed; its text "
                    "is null until then. Coding items: a ladder of three, revealed in order. Written concept and "
                    "design items: one per rubric point. Behavioral: none.",
        responses={200: api.HintSerializer(many=True), **READ},
    )
    def get(self, request: Request, interview_id: int, position: int) -> Response:
        item = selectors.access_item(request.user, interview_id, position)
        return Response(api.HintSerializer(selectors.item_hints(item), many=True).data)


class ItemHintRevealView(Endpoint):
    @extend_schema(
        operation_id="items_hints_reveal", tags=["items"], summary="Reveal a hint (at its stated cost)",
        description="Idempotent: revealing a revealed hint costs nothing more. 409 once the interview is over, "
                    "for a ladder's rung whose previous rung is hidden, or for no such hint.",
        request=None,
        responses={200: api.HintSerializer(many=True), **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, interview_id: int, position: int, index: int) -> Response:
        item = selectors.access_item(request.user, interview_id, position)
        _own(request, item.interview)
        services.hint_reveal(item=item, index=index)
        return Response(api.HintSerializer(selectors.item_hints(item), many=True).data)


class ItemFollowUpView(Endpoint):
    @extend_schema(
        operation_id="items_followup_retrieve", tags=["items"], summary="The follow-up question of a written answer",
        description="404 when none was asked yet (or the item is not a written concept/design question).",
        responses={200: api.FollowUpSerializer, **READ},
    )
    def get(self, request: Request, interview_id: int, position: int) -> Response:
        from django.http import Http404

        item = selectors.access_item(request.user, interview_id, position)
        followup = selectors.item_followup(item)
        if followup is None:
            raise Http404("No follow-up was asked on this question.")
        return Response(api.FollowUpSerializer(followup).data)

    @extend_schema(
        operation_id="items_followup_ask", tags=["items"], summary="Ask the follow-up (from the saved answer)",
        description="Chosen from the most important rubric point the saved answer missed. Idempotent: one "
                    "follow-up per question. 409 with no saved answer, when every point is covered, or once "
                    "the interview is over.",
        request=None,
        responses={200: api.FollowUpSerializer, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, interview_id: int, position: int) -> Response:
        item = selectors.access_item(request.user, interview_id, position)
        _own(request, item.interview)
        return Response(api.FollowUpSerializer(services.followup_ask(item=item)).data)


class ItemFollowUpAnswerView(Endpoint):
    @extend_schema(
        operation_id="items_followup_answer", tags=["items"], summary="Save the answer to the follow-up",
        description="Within the interview's time (409 after); graded when the interview finishes.",
        request=api.FollowUpAnswerSerializer,
        responses={200: api.FollowUpSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def put(self, request: Request, interview_id: int, position: int) -> Response:
        item = selectors.access_item(request.user, interview_id, position)
        _own(request, item.interview)
        answer = api.FollowUpAnswerSerializer(data=request.data)
        answer.is_valid(raise_exception=True)
        followup = services.followup_save_answer(item=item, answer=answer.validated_data["answer"])
        return Response(api.FollowUpSerializer(followup).data)
