"""The account page where a logged-in user creates and revokes their API token.

A new token's key is shown once, in the answer to the POST that created it; afterwards the page
only says when the current token was created.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from interviews import selectors, services


@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """GET: the page. POST: create a token (replacing the old one) and show its key once."""
    new_key = services.api_token_create(user=request.user) if request.method == "POST" else None
    return render(request, "api/tokens.html", {
        "new_key": new_key,
        "token_created_at": selectors.api_token_created_at(user=request.user),
    })


@require_POST
def api_token_revoke(request: HttpRequest) -> HttpResponse:
    if services.api_token_revoke(user=request.user):
        messages.success(request, "Your API token was revoked: scripts using it are refused from now on.")
    else:
        messages.info(request, "You had no API token.")
    return redirect("api-tokens")
