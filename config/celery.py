"""The Celery app. Its configuration is the ``CELERY_*`` block of config/settings.py.

Start a worker for both queues with ``celery -A config worker -Q run,submit``.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("onsite")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
