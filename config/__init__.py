"""Wiring only: settings, URLs, ASGI routing and the Celery app. No logic lives here.

The Celery app is imported here so that ``@shared_task`` in the apps binds to it in every
process that loads Django (web, worker, management commands).
"""

from config.celery import app as celery_app

__all__ = ["celery_app"]
