"""Quotas on the API's expensive writes: starting interviews and creating submissions.

DRF scoped throttles, per user, counted in the shared "throttle" cache (Redis) so that every
web process sees the same counts. The rates come from settings.API_THROTTLE_RATES (environment:
API_THROTTLE_INTERVIEW_START, API_THROTTLE_SUBMISSIONS) and are read on every request, so
`override_settings` changes them in tests.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle


class WriteQuota(SimpleRateThrottle):
    """Counts only the unsafe methods (POST): reading a list of interviews is never throttled."""

    scope = ""

    @property
    def cache(self):  # looked up per request: tests swap the cache's location
        return caches["throttle"]

    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        # SimpleRateThrottle reads the rate in __init__; read it again now (settings may have changed).
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str | None:
        if not request.user.is_authenticated:
            return None
        return f"throttle_{self.scope}_{request.user.pk}"


class InterviewStartQuota(WriteQuota):
    scope = "interview_start"


class SubmissionQuota(WriteQuota):
    scope = "submission"


def page_submission_wait(request) -> int | None:
    """For the page's Run and Submit: None when allowed (and counted), else the seconds to wait.

    The same quota and counter as the API's submissions, so a page and a script share one budget.
    """
    quota = SubmissionQuota()
    if quota.allow_request(request, None):
        return None
    return max(1, round(quota.wait() or 1))
