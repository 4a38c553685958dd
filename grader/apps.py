"""App configuration for grader, which owns submissions, judging and scores."""

from django.apps import AppConfig


class GraderConfig(AppConfig):
    name = "grader"
    verbose_name = "Grader"
