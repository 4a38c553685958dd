"""App configuration for references, which owns the question bank."""

from django.apps import AppConfig


class ReferencesConfig(AppConfig):
    name = "references"
    verbose_name = "Question bank"
