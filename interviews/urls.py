"""URLs of the candidate's pages."""

from django.urls import path

from interviews import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("history/", views.history, name="history"),
    path("interviews/start/", views.interview_start, name="interview-start"),
    path("interviews/start/custom/", views.interview_start_custom, name="interview-start-custom"),
    path("interviews/start/weakest/", views.interview_start_weakest, name="interview-start-weakest"),
    path("interviews/<int:interview_id>/", views.interview_detail, name="interview"),
    path("interviews/<int:interview_id>/q/<int:position>/", views.interview_room, name="interview-room"),
    path("interviews/<int:interview_id>/q/<int:position>/draft/", views.item_draft, name="item-draft"),
    path("interviews/<int:interview_id>/q/<int:position>/run/", views.item_run, name="item-run"),
    path("interviews/<int:interview_id>/q/<int:position>/submit/", views.item_submit, name="item-submit"),
    path("interviews/<int:interview_id>/q/<int:position>/try/", views.item_try, name="item-try"),
    path("preferences/", views.preferences, name="preferences"),
    path("interviews/<int:interview_id>/q/<int:position>/preview/", views.item_preview, name="item-preview"),
    path("interviews/<int:interview_id>/q/<int:position>/hints/<int:index>/reveal/", views.item_hint_reveal,
         name="item-hint-reveal"),  # issue #16
    path("interviews/<int:interview_id>/q/<int:position>/followup/ask/", views.item_followup_ask,
         name="item-followup-ask"),
    path("interviews/<int:interview_id>/q/<int:position>/followup/answer/", views.item_followup_answer,
         name="item-followup-answer"),
    path("interviews/<int:interview_id>/report/q/<int:position>/replay/", views.interview_replay,
         name="interview-replay"),  # issue #16
    path("interviews/<int:interview_id>/report.pdf", views.interview_report_pdf, name="interview-report-pdf"),
    path("interviews/<int:interview_id>/share/", views.interview_share_create, name="interview-share"),
    path("interviews/<int:interview_id>/share/<int:share_id>/revoke/", views.interview_share_revoke,
         name="interview-share-revoke"),
    path("shared/<str:token>/", views.shared_report, name="shared-report"),
    path("shared/<str:token>/report.pdf", views.shared_report_pdf, name="shared-report-pdf"),
    path("shared/<str:token>/q/<int:position>/replay/", views.shared_replay, name="shared-replay"),
    path("shared/<str:token>/q/<int:position>/comment/", views.shared_comment, name="shared-comment"),
    path("interviews/<int:interview_id>/finish/", views.interview_finish, name="interview-finish"),
    path("interviews/<int:interview_id>/report/", views.interview_report, name="interview-report"),
    path("interviews/<int:interview_id>/report/scores/", views.interview_report_scores,
         name="interview-report-scores"),
]
