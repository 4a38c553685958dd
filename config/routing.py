"""WebSocket URL patterns, mounted by config/asgi.py behind origin validation and auth."""

from django.urls import URLPattern

websocket_urlpatterns: list[URLPattern] = []
