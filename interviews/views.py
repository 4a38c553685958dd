"""Pages of the interviews app: landing, dashboard, the interview room, the report and history.

Views stay thin: parse, authorize (`access_*` selectors: a foreign id is a 404), call one
service, render. Staff may look at anyone's interview but only its owner may write to it.
Writes the interview refuses (`InterviewRefused`: time is up, finished, too long) are shown
to the candidate: inline with status 409 for htmx requests, as a message otherwise.
GET handlers never write: an interview past its deadline reads as over (`Interview.is_over`)
and the periodic sweep (interviews.tasks.expire) finishes it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from grader.models import Mode
from grader.selectors import submission_rows
from grader.trying import MAX_SNIPPET_BYTES
from interviews import charts, selectors, services
from interviews.api.throttles import page_submission_wait
from interviews.forms import CustomTrackForm, TrackChoiceForm
from interviews.models import FONT_SIZES, Interview, InterviewItem, Keybinding, Theme
from interviews.services import InterviewInProgress, InterviewRefused
from interviews.tracks import SECTION_NAMES, TRACKS, custom_track


@login_not_required
@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "landing.html")


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and container health checks: the process answers HTTP."""
    return HttpResponse("ok", content_type="text/plain")


# --- Dashboard and starting an interview -----------------------------------------------------


def _dashboard_context(request: HttpRequest, custom_form: CustomTrackForm | None = None) -> dict:
    active = selectors.active_interview(user=request.user)
    if active is not None and active.is_over():
        active = None  # time is up: starting another finishes it first
    weakest = selectors.weakest_section(user=request.user)
    return {
        "tracks": list(TRACKS.values()),
        "custom_form": custom_form or CustomTrackForm(),
        "active": active,
        "recent": selectors.recent_interviews(user=request.user),
        "weakest": weakest,
        "weakest_name": SECTION_NAMES.get(weakest, weakest),
        "section_names": SECTION_NAMES,
    }


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "interviews/dashboard.html", _dashboard_context(request))


def _start(request: HttpRequest, track) -> HttpResponse:
    try:
        interview = services.interview_start(user=request.user, track=track)
    except InterviewInProgress as refusal:
        # A second Start (a double click, another tab) lands in the interview in progress.
        messages.info(request, str(refusal))
        return redirect("interview-room", interview_id=refusal.interview.pk, position=1)
    except InterviewRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("dashboard")
    return redirect("interview-room", interview_id=interview.pk, position=1)


@require_POST
def interview_start(request: HttpRequest) -> HttpResponse:
    form = TrackChoiceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the tracks.")
        return redirect("dashboard")
    return _start(request, TRACKS[form.cleaned_data["track"]])


@require_POST
def interview_start_custom(request: HttpRequest) -> HttpResponse:
    form = CustomTrackForm(request.POST)
    if form.is_valid():
        try:
            track = custom_track(**form.cleaned_data)
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            return _start(request, track)
    return render(request, "interviews/dashboard.html", _dashboard_context(request, form), status=400)


@require_POST
def interview_start_weakest(request: HttpRequest) -> HttpResponse:
    track = selectors.weakest_section_track(user=request.user)
    if track is None:
        messages.error(request, "Finish an interview first: then we know which section to practise.")
        return redirect("dashboard")
    return _start(request, track)


# --- The interview room ---------------------------------------------------------------------


def _owned_item(request: HttpRequest, interview_id: int, position: int) -> InterviewItem:
    """The item for a write: 404 unless visible, 403 for staff looking at someone else's."""
    item = selectors.access_item(request.user, interview_id, position)
    if item.interview.owner_id != request.user.pk:
        raise PermissionDenied("Only the candidate can change their answers.")
    return item


def _refused(request: HttpRequest, refusal: InterviewRefused, *, item: InterviewItem,
             element_id: str = "") -> HttpResponse:
    if request.htmx:
        return render(request, "interviews/_refused.html", {"message": str(refusal), "element_id": element_id},
                      status=409)
    messages.error(request, str(refusal))
    return redirect("interview-room", interview_id=item.interview_id, position=item.position)


@require_GET
def interview_detail(request: HttpRequest, interview_id: int) -> HttpResponse:
    interview = selectors.access_interview(request.user, interview_id)
    if not interview.is_over():
        return redirect("interview-room", interview_id=interview.pk, position=1)
    return redirect("interview-report", interview_id=interview.pk)


@require_GET
def interview_room(request: HttpRequest, interview_id: int, position: int) -> HttpResponse:
    item = selectors.access_item(request.user, interview_id, position)
    interview = item.interview
    if interview.is_over():
        return redirect("interview-report", interview_id=interview.pk)
    items = selectors.room_items(interview=interview)
    navigation = [{"item": other, "prompt": selectors.item_prompt(other),
                   "answered": selectors.item_is_answered(other), "current": other.pk == item.pk}
                  for other in items]
    last_submission = selectors.item_last_submission(item) if item.is_code else None
    index = next(index for index, entry in enumerate(navigation) if entry["current"])
    return render(request, "interviews/room.html", {
        "interview": interview,
        "item": item,
        "prompt": selectors.item_prompt(item),
        "section_name": SECTION_NAMES.get(item.section, item.section),
        "navigation": navigation,
        "previous": navigation[index - 1]["item"] if index > 0 else None,
        "next": navigation[index + 1]["item"] if index + 1 < len(navigation) else None,
        "remaining_seconds": interview.remaining_seconds(),
        "read_only": interview.owner_id != request.user.pk,
        "submission": last_submission,
        "rows": submission_rows(last_submission) if last_submission else [],
        **_try_context(item),
    })


@require_POST
def item_draft(request: HttpRequest, interview_id: int, position: int) -> HttpResponse:
    item = _owned_item(request, interview_id, position)
    try:
        seconds_spent = int(request.POST.get("seconds_spent") or 0)
    except ValueError:
        seconds_spent = 0
    try:
        item = services.item_save_draft(item=item, draft=request.POST.get("draft", ""), seconds_spent=seconds_spent)
    except InterviewRefused as refusal:
        return _refused(request, refusal, item=item, element_id="save-status")
    if not request.htmx:
        return redirect("interview-room", interview_id=item.interview_id, position=item.position)
    return render(request, "interviews/_save_status.html", {"item": item})


def _submit_code(request: HttpRequest, interview_id: int, position: int, mode: str) -> HttpResponse:
    item = _owned_item(request, interview_id, position)
    wait = page_submission_wait(request)
    if wait is not None:
        # The same quota as the API's submissions (one count per user, shared by both).
        response = _refused(request, InterviewRefused(f"Too many runs and submits: try again in {wait} s."),
                            item=item)
        if request.htmx:
            response.status_code = 429
        response["Retry-After"] = str(wait)
        return response
    try:
        submission = services.item_submit_code(item=item, code=request.POST.get("code", ""), mode=mode,
                                               snippet=request.POST.get("snippet", ""))
    except InterviewRefused as refusal:
        return _refused(request, refusal, item=item)
    if not request.htmx:
        return redirect("interview-room", interview_id=item.interview_id, position=item.position)
    return render(request, "grader/_results.html",
                  {"submission": submission, "rows": submission_rows(submission), "live": True})


@require_POST
def item_run(request: HttpRequest, interview_id: int, position: int) -> HttpResponse:
    return _submit_code(request, interview_id, position, Mode.RUN)


@require_POST
def item_submit(request: HttpRequest, interview_id: int, position: int) -> HttpResponse:
    return _submit_code(request, interview_id, position, Mode.SUBMIT)


# --- The Try console and preferences (issue #15) ---------------------------------------------


def _try_context(item: InterviewItem) -> dict:
    last_try = selectors.item_last_try(item) if item.is_code else None
    return {"last_try": last_try, "try_rows": submission_rows(last_try) if last_try else [],
            "max_snippet_kib": MAX_SNIPPET_BYTES // 1024}


@require_POST
def item_try(request: HttpRequest, interview_id: int, position: int) -> HttpResponse:
    """Run the candidate's snippet against their code: throttled with Run and Submit, never scored."""
    return _submit_code(request, interview_id, position, Mode.TRY)


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """The theme, key bindings and font size: a page without JavaScript, JSON for the page's scripts."""
    wants_json = "application/json" in request.headers.get("Accept", "")
    if request.method == "POST":
        try:
            chosen = services.preferences_update(
                user=request.user, theme=request.POST.get("theme") or None,
                keybinding=request.POST.get("keybinding") or None, font_size=request.POST.get("font_size") or None,
            )
        except services.PreferencesRefused as refusal:
            if wants_json:
                return JsonResponse({"error": str(refusal)}, status=400)
            messages.error(request, str(refusal))
            return redirect("preferences")
        if wants_json:
            return JsonResponse({"theme": chosen.theme, "keybinding": chosen.keybinding, "font_size": chosen.font_size})
        messages.success(request, "Your preferences are saved.")
        next_url = request.POST.get("next", "")
        if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                                        require_https=request.is_secure()):
            return redirect(next_url)
        return redirect("preferences")
    chosen = selectors.user_preferences(user=request.user)
    if wants_json:
        return JsonResponse({"theme": chosen.theme, "keybinding": chosen.keybinding, "font_size": chosen.font_size})
    return render(request, "interviews/preferences.html", {
        "preferences": chosen, "themes": Theme.choices, "keybindings": Keybinding.choices, "font_sizes": FONT_SIZES,
    })


@require_POST
def item_preview(request: HttpRequest, interview_id: int, position: int) -> HttpResponse:
    """The written answer rendered as the report will show it (markdown, cleaned)."""
    selectors.access_item(request.user, interview_id, position)
    return render(request, "interviews/_preview.html", {"text": request.POST.get("draft", "")})


@require_POST
def interview_finish(request: HttpRequest, interview_id: int) -> HttpResponse:
    interview = selectors.access_interview(request.user, interview_id)
    if interview.owner_id != request.user.pk:
        raise PermissionDenied("Only the candidate can finish their interview.")
    reason = services.finish_reason(interview=interview, page_says_time_is_up=request.POST.get("reason") == "deadline")
    services.interview_finish(interview=interview, reason=reason)
    return redirect("interview-report", interview_id=interview.pk)


# --- Report and history ---------------------------------------------------------------------


def _report_or_room(request: HttpRequest, interview_id: int) -> Interview | HttpResponse:
    interview = selectors.access_interview(request.user, interview_id)
    if not interview.is_over():
        messages.info(request, "The report is ready when the interview is finished.")
        return redirect("interview-room", interview_id=interview.pk, position=1)
    return interview


@require_GET
def interview_report(request: HttpRequest, interview_id: int) -> HttpResponse:
    interview = _report_or_room(request, interview_id)
    if isinstance(interview, HttpResponse):
        return interview
    # Issue #16: the same context as a shared report (share links, comments for the candidate).
    return render(request, "interviews/report.html", _report_context(request, interview))


@require_GET
def interview_report_scores(request: HttpRequest, interview_id: int) -> HttpResponse:
    """The scores block alone: the report polls it while code submissions are still grading."""
    interview = _report_or_room(request, interview_id)
    if isinstance(interview, HttpResponse):
        return interview
    return render(request, "interviews/_report_scores.html", selectors.interview_report(interview=interview))


@require_GET
def history(request: HttpRequest) -> HttpResponse:
    progress = selectors.progress_series(user=request.user)
    lines = charts.score_lines(progress["series"], progress["section_names"])
    bars = charts.verdict_bars(progress["verdicts"])
    return render(request, "interviews/history.html", {
        "interviews": selectors.interview_history(user=request.user),
        "lines": lines,
        "bars": bars,
        "section_names": SECTION_NAMES,
    })


# --- Issue #16: hints at a cost ---------------------------------------------------------------


@require_POST
def item_hint_reveal(request: HttpRequest, interview_id: int, position: int, index: int) -> HttpResponse:
    """Reveal one hint (the candidate only); htmx gets the hints panel back, a form post the room."""
    item = _owned_item(request, interview_id, position)
    try:
        services.hint_reveal(item=item, index=index)
    except InterviewRefused as refusal:
        return _refused(request, refusal, item=item, element_id="hints-refused")
    if not request.htmx:
        return redirect("interview-room", interview_id=item.interview_id, position=item.position)
    return render(request, "interviews/_hints.html",
                  {"item": item, "hints": selectors.item_hints(item), "read_only": False})


# --- Issue #16: a follow-up question ------------------------------------------------------------


def _followup_panel(request: HttpRequest, item: InterviewItem, *, saved: bool = False) -> HttpResponse:
    return render(request, "interviews/_followup.html",
                  {"item": item, "offer": selectors.item_followup_offer(item), "read_only": False, "saved": saved})


@require_POST
def item_followup_ask(request: HttpRequest, interview_id: int, position: int) -> HttpResponse:
    item = _owned_item(request, interview_id, position)
    try:
        services.followup_ask(item=item)
    except InterviewRefused as refusal:
        return _refused(request, refusal, item=item, element_id="followup-refused")
    if not request.htmx:
        return redirect("interview-room", interview_id=item.interview_id, position=item.position)
    return _followup_panel(request, item)


@require_POST
def item_followup_answer(request: HttpRequest, interview_id: int, position: int) -> HttpResponse:
    item = _owned_item(request, interview_id, position)
    try:
        services.followup_save_answer(item=item, answer=request.POST.get("answer", ""))
    except InterviewRefused as refusal:
        return _refused(request, refusal, item=item, element_id="followup-save-status")
    if not request.htmx:
        return redirect("interview-room", interview_id=item.interview_id, position=item.position)
    return render(request, "interviews/_followup_saved.html", {})


# --- Issue #16: replay of a code answer ----------------------------------------------------------


@require_GET
def interview_replay(request: HttpRequest, interview_id: int, position: int) -> HttpResponse:
    """The replay block of one code answer between two moments (?from=&to=, timeline indices)."""
    item = selectors.access_item(request.user, interview_id, position)
    if not item.interview.is_over() or not item.is_code:
        from django.http import Http404

        raise Http404("The replay of a code answer is part of the report of a finished interview.")
    replay = selectors.item_replay(item, start=request.GET.get("from"), end=request.GET.get("to"))
    return render(request, "interviews/_replay.html", {"replay": replay, "replay_url": request.path})


# --- Issue #16: share a report, mentor comments, PDF export -----------------------------------------


def _report_context(request: HttpRequest, interview: Interview, *, share=None, pdf: bool = False) -> dict:
    report = selectors.interview_report(interview=interview)
    owner = request.user.is_authenticated and request.user.pk == interview.owner_id
    context = {**report, "live": not pdf and share is None, "shared": share is not None, "share": share,
               "pdf": pdf, "comments": selectors.report_comments(interview=interview, viewer=request.user,
                                                                 share=share),
               "can_comment": share is not None and request.user.is_authenticated and not pdf,
               "can_share": owner and share is None and not pdf}
    if context["can_share"]:
        context["shares"] = [{"share": each, "url": request.build_absolute_uri(
            reverse("shared-report", args=[services.share_token(each)]))} for each in
            selectors.interview_shares(interview=interview)]
    if share is not None:
        context["share_token"] = services.share_token(share)
    if pdf:
        from interviews.export import inline_stylesheets

        context["inline_css"] = inline_stylesheets()
    return context


def _pdf_response(request: HttpRequest, interview: Interview, *, share=None) -> HttpResponse:
    from django.template.loader import render_to_string

    from interviews.export import ExportUnavailable, html_to_pdf

    html = render_to_string("interviews/report.html", _report_context(request, interview, share=share, pdf=True),
                            request=request)
    try:
        pdf = html_to_pdf(html)
    except ExportUnavailable as error:
        return HttpResponse(str(error), status=503, content_type="text/plain")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="onsite-report-{interview.pk}.pdf"'
    return response


@require_GET
def interview_report_pdf(request: HttpRequest, interview_id: int) -> HttpResponse:
    interview = _report_or_room(request, interview_id)
    if isinstance(interview, HttpResponse):
        return interview
    return _pdf_response(request, interview)


@require_POST
def interview_share_create(request: HttpRequest, interview_id: int) -> HttpResponse:
    interview = selectors.access_interview(request.user, interview_id)
    if interview.owner_id != request.user.pk:
        raise PermissionDenied("Only the candidate can share their report.")
    try:
        days = int(request.POST.get("days") or services.SHARE_DEFAULT_DAYS)
    except ValueError:
        days = -1
    try:
        services.share_create(interview=interview, days=days)
        messages.success(request, "Share link created: copy it from the list below.")
    except InterviewRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(reverse("interview-report", args=[interview.pk]) + "#share")


@require_POST
def interview_share_revoke(request: HttpRequest, interview_id: int, share_id: int) -> HttpResponse:
    from django.http import Http404

    interview = selectors.access_interview(request.user, interview_id)
    if interview.owner_id != request.user.pk:
        raise PermissionDenied("Only the candidate can revoke their share links.")
    share = next((each for each in selectors.interview_shares(interview=interview) if each.pk == share_id), None)
    if share is None:
        raise Http404("No such share link.")
    services.share_revoke(share=share)
    messages.success(request, "Share link revoked: it no longer opens the report.")
    return redirect(reverse("interview-report", args=[interview.pk]) + "#share")


@login_not_required
@require_GET
def shared_report(request: HttpRequest, token: str) -> HttpResponse:
    share = selectors.access_share(token)
    return render(request, "interviews/report.html", _report_context(request, share.interview, share=share))


@login_not_required
@require_GET
def shared_report_pdf(request: HttpRequest, token: str) -> HttpResponse:
    share = selectors.access_share(token)
    return _pdf_response(request, share.interview, share=share)


@login_not_required
@require_GET
def shared_replay(request: HttpRequest, token: str, position: int) -> HttpResponse:
    from django.http import Http404

    share = selectors.access_share(token)
    item = selectors.access_shared_item(share, position)
    if not item.is_code:
        raise Http404("Only code answers have a replay.")
    replay = selectors.item_replay(item, start=request.GET.get("from"), end=request.GET.get("to"))
    return render(request, "interviews/_replay.html", {"replay": replay, "replay_url": request.path})


@require_POST
def shared_comment(request: HttpRequest, token: str, position: int) -> HttpResponse:
    """A signed-in holder of the link comments on one question (anonymous: sent to log in)."""
    share = selectors.access_share(token)
    item = selectors.access_shared_item(share, position)
    try:
        services.comment_create(share=share, item=item, author=request.user, body=request.POST.get("body", ""))
        messages.success(request, "Comment added: the candidate will see it on their report.")
    except InterviewRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(reverse("shared-report", args=[token]) + f"#item-{item.position}")
