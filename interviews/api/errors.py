"""One shape for every API error, and its OpenAPI description.

``{"error": {"status": 404, "code": "not_found", "message": "No such interview.", "fields": {}}}``
— `fields` maps a request field to its messages (validation errors only). Domain refusals of
the services (`InterviewRefused`, `SubmissionRefused`) become 409 with their message as is;
anything unexpected is logged and answered with a 500 of the same shape, never a traceback.
"""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

from grader.services import SubmissionRefused
from interviews.services import InterviewRefused

logger = logging.getLogger(__name__)

CODES = {
    400: "invalid",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    415: "unsupported_media_type",
    429: "throttled",
    500: "server_error",
}


def error_body(status_code: int, message: str, *, code: str | None = None, fields: dict | None = None) -> dict:
    return {"error": {"status": status_code, "code": code or CODES.get(status_code, "error"), "message": message,
                      "fields": fields or {}}}


def _flatten(detail) -> list[str]:
    if isinstance(detail, dict):
        return [f"{key}: {message}" for key, value in detail.items() for message in _flatten(value)]
    if isinstance(detail, list):
        return [message for value in detail for message in _flatten(value)]
    return [str(detail)]


def _validation_body(detail) -> dict:
    if isinstance(detail, dict):
        general = detail.get("non_field_errors", [])
        fields = {key: _flatten(value) for key, value in detail.items() if key != "non_field_errors"}
    else:
        general, fields = detail, {}
    messages = _flatten(general)
    if messages:
        message = " ".join(messages)
    elif len(fields) == 1:
        message = next(iter(fields.values()))[0]
    else:
        message = "Some fields are invalid: " + ", ".join(sorted(fields)) + "."
    return error_body(400, message, fields=fields)


def api_exception_handler(exc: Exception, context: dict) -> Response:
    """DRF's EXCEPTION_HANDLER: every error as `error_body`, keeping DRF's headers (Retry-After, Allow)."""
    if isinstance(exc, (InterviewRefused, SubmissionRefused)):
        set_rollback()
        return Response(error_body(409, str(exc)), status=status.HTTP_409_CONFLICT)
    response = exception_handler(exc, context)
    if response is None:
        request = context.get("request")
        logger.error("API error on %s %s", getattr(request, "method", "?"), getattr(request, "path", "?"),
                     exc_info=exc)
        set_rollback()
        return Response(error_body(500, "Something went wrong on our side; it has been logged."),
                        status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    if isinstance(exc, exceptions.ValidationError):
        response.data = _validation_body(exc.detail)
        return response
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        message = f"Too many requests: try again in {max(1, int(exc.wait))} seconds."
    else:
        message = str(response.data.get("detail", "")) if isinstance(response.data, dict) else str(exc)
    response.data = error_body(response.status_code, message, code=getattr(exc, "api_code", None))
    return response


@csrf_exempt  # it changes nothing, and a POST to a wrong URL should say 404, not "CSRF failed"
@login_not_required
def api_not_found(request, *args, **kwargs) -> JsonResponse:
    """Any URL under /api/ that matches no endpoint (or an id out of range)."""
    return JsonResponse(error_body(404, "No such API endpoint: see /api/docs/."), status=404)


# --- OpenAPI ------------------------------------------------------------------------------

class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status, repeated.")
    code = serializers.CharField(help_text="A stable machine-readable code, e.g. not_found, conflict, throttled.")
    message = serializers.CharField(help_text="A sentence fit to show to a person.")
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                   help_text="Per request field, what is wrong with it (400 only; else empty).")


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


ERROR_DESCRIPTIONS = {
    400: "The request is malformed or a field is invalid (`fields` says which).",
    401: "No credentials, or a wrong token: send `Authorization: Token <key>` or log in.",
    403: "Authenticated, but this is not allowed (e.g. a missing CSRF token on a session write, "
         "or model answers before the interview is finished).",
    404: "No such object for this user: someone else's objects are not found either.",
    409: "The interview's state refuses it (finished, time is up, another interview in progress, "
         "report not ready yet...); the message says why.",
    429: "Too many requests: a quota was reached; the `Retry-After` header says in how many seconds to retry.",
}


def error_responses(*status_codes: int) -> dict[int, OpenApiResponse]:
    """`extend_schema(responses=...)` entries for the given error statuses (401 and 404 are common to all)."""
    responses = {}
    for status_code in status_codes:
        responses[status_code] = OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[status_code])
    return responses
