"""Pages of the interviews app: the public landing page and the candidate's dashboard."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "landing.html")


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Login required (LoginRequiredMiddleware). "Start an interview" comes with the tracks."""
    return render(request, "interviews/dashboard.html")


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and container health checks: the process answers HTTP."""
    return HttpResponse("ok", content_type="text/plain")
