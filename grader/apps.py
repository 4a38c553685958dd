"""App configuration for grader, which owns submissions, judging and scores."""

from django.apps import AppConfig


class GraderConfig(AppConfig):
    name = "grader"
    verbose_name = "Grader"

    def ready(self):
        from django.conf import settings

        from grader import freetext

        if getattr(settings, "ANSWER_GRADER", "embedded") == "llm":
            freetext.configure(llm=freetext.LlmConfig(
                url=settings.ANSWER_GRADER_LLM_URL, model=settings.ANSWER_GRADER_LLM_MODEL,
                timeout_s=settings.ANSWER_GRADER_LLM_TIMEOUT, api_key=settings.ANSWER_GRADER_LLM_API_KEY))
        else:
            freetext.configure(llm=None)
