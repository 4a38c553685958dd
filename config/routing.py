"""WebSocket URL patterns, mounted by config/asgi.py behind origin validation and auth."""

from django.urls import path

from grader.consumers import SubmissionConsumer

websocket_urlpatterns = [
    path("ws/submissions/<int:submission_id>/", SubmissionConsumer.as_asgi()),
]
