"""App configuration for interviews, which owns accounts, interviews and the candidate's pages."""

from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = "Interviews"
