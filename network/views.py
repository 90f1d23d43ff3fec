"""The directory's pages. Who may see them: the edition's confirmed delegates signed in
with their link, and organisers; everyone else is told who can and how to get in."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.db.models.functions import Lower
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from registrations import ratelimit
from registrations.models import RegistrationStatus
from registrations.services import RegistrationError, registration_page
from registrations.sign_in import signed_in_registration
from registrations.views import private

from . import meetings, services
from .directory import (
    PER_PAGE,
    apply_filters,
    confirmed,
    filter_choices,
    listed,
    profile_of,
    sector_counts,
    with_profiles,
)
from .forms import DirectoryFilterForm, HideForm, MeetingRequestForm
from .models import Meeting, MeetingStatus
from .suggestions import people_to_meet

NOTICES = {
    "requested": "Your request is sent. You will find the answer on your registration page.",
    "hidden": "The profile is hidden from the directory; the delegate sees the reason.",
    "shown": "The profile is in the directory again.",
    "suspended": "The delegate is suspended from 1:1 meetings; their requests and meetings "
    "are cancelled and the others told.",
    "unsuspended": "The delegate may ask for and accept 1:1 meetings again.",
}


class Viewer:
    """Who is looking: a signed-in delegate (any status), an organiser, both or neither."""

    def __init__(self, request, page):
        self.registration = signed_in_registration(request, page.edition)
        user = request.user
        self.organiser = user.is_authenticated and user.has_perm("network.view_delegateprofile")
        self.can_hide = self.organiser and user.has_perm("network.hide_delegateprofile")

    @property
    def delegate(self):
        """The signed-in registration if it is confirmed: the one status the network opens to."""
        if self.registration and self.registration.status == RegistrationStatus.CONFIRMED:
            return self.registration
        return None

    @property
    def may_enter(self):
        return self.organiser or self.delegate is not None


def _render(request, page, template, context, status=200):
    full_context = page.get_context(request)
    full_context.update({"edition": page.edition, **context})
    return TemplateResponse(request, template, full_context, status=status)


def _kept_out(request, page, viewer, status):
    """Who can see the directory and how to get in, for someone who cannot (yet)."""
    try:
        form_page = registration_page(page.edition)
    except RegistrationError:
        form_page = None
    return _render(
        request,
        page,
        "network/directory_closed.html",
        {
            "viewer": viewer,
            "registration_page": form_page,
            "sign_in_days": settings.DELEGATE_SIGN_IN_DAYS,
        },
        status,
    )


def _over_the_limit(request, page, viewer):
    """Organisers are not counted; each delegate has REGISTRATION_RATE_LIMITS["directory"]."""
    if viewer.organiser:
        return None
    if ratelimit.allow("directory", f"delegate:{viewer.delegate.pk}"):
        return None
    response = _render(request, page, "network/too_many_requests.html", {}, 429)
    response["Retry-After"] = str(settings.REGISTRATION_RATE_LIMITS["directory"][1])
    return response


@private
@require_http_methods(["GET", "HEAD"])
def directory(request, page):
    viewer = Viewer(request, page)
    if not viewer.may_enter:
        return _kept_out(request, page, viewer, 200)
    if refusal := _over_the_limit(request, page, viewer):
        return refusal
    edition = page.edition
    form = DirectoryFilterForm(request.GET, choices=filter_choices(edition))
    status = 200
    filters = {}
    if form.is_valid():
        filters = form.cleaned_data
    else:
        status = 400
    entries = apply_filters(listed(edition, with_hidden=viewer.organiser), filters)
    counts = sector_counts(entries)
    if filters.get("sector"):
        entries = entries.filter(sector=filters["sector"])
    listing = Paginator(with_profiles(entries.order_by(Lower("name"), "pk")), PER_PAGE)
    delegate = viewer.delegate
    return _render(
        request,
        page,
        "network/directory_page.html",
        {
            "viewer": viewer,
            "form": form,
            "filtered": any(filters.values()),
            "sector_counts": counts,
            "results": listing.get_page(request.GET.get("page")),
            "suggestions": people_to_meet(delegate) if delegate else [],
            "own_listing": delegate.directory_listing if delegate else None,
        },
        status,
    )


@private
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request, page, registration_id):
    viewer = Viewer(request, page)
    if not viewer.may_enter:
        return _kept_out(request, page, viewer, 403)
    if refusal := _over_the_limit(request, page, viewer):
        return refusal
    own = viewer.delegate is not None and viewer.delegate.pk == registration_id
    # Delegates see their own profile whether or not it is listed, to check it.
    candidates = confirmed(page.edition) if own else listed(page.edition, with_hidden=True)
    entry = with_profiles(candidates.filter(pk=registration_id)).first()
    details = profile_of(entry) if entry else None
    hidden = details is not None and details.hidden_at is not None
    if entry is None or (hidden and not (own or viewer.organiser)):
        return _render(request, page, "network/profile_missing.html", {}, 404)

    here = page.profile_url(entry.pk)
    hide_form = HideForm()
    meeting = _meeting_offer(page, viewer, entry, own)
    status = 200
    if request.method == "POST" and request.POST.get("action") == "request-meeting":
        form = meeting["form"]
        if form is not None:
            form = meeting["form"] = MeetingRequestForm(request.POST, times=meeting["times"])
        if form is not None and form.is_valid():
            try:
                meetings.request_meeting(
                    viewer.delegate,
                    entry,
                    form.cleaned_data["times"],
                    form.cleaned_data["message"],
                    share_email=form.cleaned_data["share_email"],
                )
            except meetings.MeetingError as error:
                form.add_error(None, str(error))
            else:
                return HttpResponseRedirect(here + "?done=requested", status=303)
        meeting["refused"] = form is None
        status = 400
    elif request.method == "POST":
        if not viewer.can_hide:
            raise PermissionDenied("Only organisers may hide a profile.")
        action = request.POST.get("action")
        if action == "show":
            services.show_again(entry)
            return HttpResponseRedirect(here + "?done=shown", status=303)
        if action in ("suspend", "unsuspend"):
            services.suspend_from_meetings(entry, suspended=action == "suspend")
            return HttpResponseRedirect(f"{here}?done={action}ed", status=303)
        hide_form = HideForm(request.POST)
        if action == "hide" and hide_form.is_valid():
            services.hide(entry, reason=hide_form.cleaned_data["reason"], user=request.user)
            return HttpResponseRedirect(here + "?done=hidden", status=303)
        if action != "hide":
            hide_form.add_error(None, "That action is not known. Use the buttons on this page.")
        status = 400
    return _render(
        request,
        page,
        "network/profile_page.html",
        {
            "viewer": viewer,
            "entry": entry,
            "details": details,
            "hidden": hidden,
            "own": own,
            "hide_form": hide_form,
            "meeting": meeting,
            "notice": NOTICES.get(request.GET.get("done", "")),
        },
        status,
    )


def _meeting_offer(page, viewer, entry, own):
    """What the profile offers its signed-in viewer about meeting this delegate: their
    meetings so far, and the request form or why there is none."""
    delegate = viewer.delegate
    if delegate is None or own:
        return {"form": None, "with_them": [], "why_not": None, "times": None}
    with_them = list(
        Meeting.objects.filter(
            Q(requester=delegate, invitee=entry)
            | Q(requester=entry, invitee=delegate, silenced=False)
        ).select_related("time", "point")[:5]
    )
    state = page.meetings_state()
    why_not = None
    if state != "open":
        why_not = meetings.STATE_REFUSALS[state] if state != "off" else None
    elif not meetings.may_meet(delegate):
        why_not = (
            "List yourself in the directory, from your registration page, to ask for meetings."
        )
    elif not meetings.may_meet(entry):
        why_not = "This delegate cannot be asked for a meeting."
    elif any(meeting.status == MeetingStatus.REQUESTED for meeting in with_them):
        why_not = "A request between you is waiting for an answer."
    times = meetings.times_both_free(delegate, entry)
    form = None
    if why_not is None and state == "open":
        form = MeetingRequestForm(times=times)
    return {"form": form, "with_them": with_them, "why_not": why_not, "times": times}
