"""A WSGI entry point for tools that want one; Onsite itself is served over ASGI (asgi.py)."""

import os

from django.core.wsgi import get_wsgi_application

from config.env import exit_on_misconfiguration

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

with exit_on_misconfiguration():
    application = get_wsgi_application()
