"""URLs of the API (under /api/) and of the account's token page (/account/tokens/)."""

from django.urls import path, re_path, register_converter

from interviews.api import tokens, views
from interviews.api.errors import api_not_found


class IdConverter:
    """A positive database id: 1 to 18 digits, so an absurd number is a 404, not a database overflow."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")

urlpatterns = [
    path("tracks/", views.TrackListView.as_view(), name="api-tracks"),
    path("interviews/", views.InterviewListView.as_view(), name="api-interviews"),
    path("interviews/<id:interview_id>/", views.InterviewDetailView.as_view(), name="api-interview"),
    path("interviews/<id:interview_id>/finish/", views.InterviewFinishView.as_view(), name="api-interview-finish"),
    path("interviews/<id:interview_id>/report/", views.InterviewReportView.as_view(), name="api-interview-report"),
    path("interviews/<id:interview_id>/items/<id:position>/", views.ItemDetailView.as_view(), name="api-item"),
    path("interviews/<id:interview_id>/items/<id:position>/draft/", views.ItemDraftView.as_view(),
         name="api-item-draft"),
    path("interviews/<id:interview_id>/items/<id:position>/submissions/", views.ItemSubmissionsView.as_view(),
         name="api-item-submissions"),
    path("interviews/<id:interview_id>/items/<id:position>/answer/", views.ItemAnswerView.as_view(),
         name="api-item-answer"),
    path("interviews/<id:interview_id>/items/<id:position>/hints/", views.ItemHintsView.as_view(),
         name="api-item-hints"),  # issue #16
    path("interviews/<id:interview_id>/items/<id:position>/hints/<id:index>/reveal/",
         views.ItemHintRevealView.as_view(), name="api-item-hint-reveal"),
    path("interviews/<id:interview_id>/items/<id:position>/followup/", views.ItemFollowUpView.as_view(),
         name="api-item-followup"),
    path("interviews/<id:interview_id>/items/<id:position>/followup/answer/", views.ItemFollowUpAnswerView.as_view(),
         name="api-item-followup-answer"),
    path("submissions/<id:submission_id>/", views.SubmissionDetailView.as_view(), name="api-submission"),
]

# Included last under api/: whatever matched nothing above is a JSON 404, not an HTML page.
fallback_urlpatterns = [re_path(r"^[\s\S]*$", api_not_found)]  # any character, newlines too

token_urlpatterns = [
    path("", tokens.api_tokens, name="api-tokens"),
    path("revoke/", tokens.api_token_revoke, name="api-token-revoke"),
]
