"""The attendee's pages: register, confirm the address, manage the registration, and the
personal calendar feed. Views read the request and answer; services.py makes the changes."""

import hmac
import json
import time
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_safe

from sessions.calendars.feeds import feed_links, personal_feed, serve_private_feed
from sessions.queries import group_by_day, public_sessions

from . import extensions, ratelimit, services, sign_in
from .addresses import normalise_email
from .forms import AttendeeDetailsForm, LostLinkForm, RegistrationForm, SessionChoiceForm
from .links import manage_path
from .models import Registration, RegistrationMode, RegistrationStatus

DETAIL_FIELDS = list(AttendeeDetailsForm.base_fields)

NOTICES = {
    "details": "Your details are saved.",
    "sessions": "Your sessions are saved; your personal calendar follows them.",
    "feed": "Your personal calendar has a new address. The old one no longer works: "
    "subscribe again with the new one.",
    "cancelled": "Your registration is cancelled. We have sent you an e-mail to say so.",
}


def private(view):
    """Pages and files behind a secret link: never cached by others, never indexed, and the
    link never leaks to other sites through the Referer header. ("same-origin", not
    "no-referrer": with no referrer at all, browsers send "Origin: null" with the page's
    own forms, which CSRF protection rightly refuses.)"""

    @wraps(view)
    def wrapped(*args, **kwargs):
        response = view(*args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


def _render(request, page, template, context=None, status=200):
    full_context = page.get_context(request)
    full_context.update({"edition": page.edition, **(context or {})})
    return TemplateResponse(request, template, full_context, status=status)


def _form_state(page):
    """(why the form cannot be used right now or None, whether newcomers join the
    waitlist)."""
    state = page.window_state()
    if state != "open":
        return state, False
    full = services.seats_taken(page.edition) >= page.capacity
    if not full or page.mode != RegistrationMode.OPEN:
        return None, False
    return (None, True) if page.waitlist_enabled else ("full", False)


def _rate_limited(request, form, email):
    """Add the reason to the form if this valid submission is one too many, per client
    address or per e-mail address; invalid ones cost nothing and are not counted."""
    if not ratelimit.allow("address", ratelimit.client_address(request)):
        form.add_error(None, "Too many attempts from your network. Wait an hour and try again.")
        return True
    if not ratelimit.allow("email", normalise_email(email)[1]):
        form.add_error("email", "Too many attempts with this address. Wait an hour and try again.")
        return True
    return False


def same_answer_time(view):
    """A form that answers the same whether or not an address is registered answers in the
    same time too: registering anew writes more than being told again, and the difference
    (some milliseconds) would tell who is registered. Every POST takes at least
    REGISTRATION_ANSWER_SECONDS, whatever it did."""

    @wraps(view)
    def answered_in_time(request, *args, **kwargs):
        started = time.monotonic()
        response = view(request, *args, **kwargs)
        if request.method == "POST":
            time.sleep(max(0, settings.REGISTRATION_ANSWER_SECONDS - (time.monotonic() - started)))
        return response

    return answered_in_time


@require_http_methods(["GET", "HEAD", "POST"])
@same_answer_time
def registration_form(request, page):
    template = "registrations/registration_page.html"
    closed_state, waitlist_only = _form_state(page)
    context = {"closed_state": closed_state, "waitlist_only": waitlist_only}
    if closed_state:
        status = 403 if request.method == "POST" else 200
        return _render(request, page, template, context, status)
    if request.method != "POST":
        return _render(request, page, template, {**context, "form": RegistrationForm()})

    form = RegistrationForm(request.POST)
    if not form.is_valid():
        return _render(request, page, template, {**context, "form": form}, 400)
    email = form.cleaned_data["email"]
    if _rate_limited(request, form, email):
        return _render(request, page, template, {**context, "form": form}, 429)
    services.register(
        page, email=email, details={field: form.cleaned_data[field] for field in DETAIL_FIELDS}
    )
    return HttpResponseRedirect(page.url + page.reverse_subpage("check_inbox_view"), status=303)


@require_http_methods(["GET", "HEAD", "POST"])
@same_answer_time
def lost_link(request, page):
    """E-mail the link again to whoever has a registration: works after registration has
    closed too, and answers the same whether or not the address is registered."""
    template = "registrations/lost_link.html"
    form = LostLinkForm(request.POST or None)
    if request.method != "POST":
        return _render(request, page, template, {"form": form})
    if not form.is_valid():
        return _render(request, page, template, {"form": form}, 400)
    if _rate_limited(request, form, form.cleaned_data["email"]):
        return _render(request, page, template, {"form": form}, 429)
    services.send_link(page, form.cleaned_data["email"])
    return HttpResponseRedirect(page.url + page.reverse_subpage("check_inbox_view"), status=303)


@require_safe
def check_inbox(request, page):
    return _render(request, page, "registrations/check_inbox.html")


@private
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_address(request, page, code):
    try:
        registration = services.registration_for_confirmation(code)
    except services.RegistrationError as error:
        return _render(
            request, page, "registrations/link_problem.html", {"problem": str(error)}, 400
        )
    if registration.edition_id != page.edition.pk:
        raise Http404("This link belongs to another edition.")
    if registration.status != RegistrationStatus.UNCONFIRMED:
        # Not a way into the registration: that is the manage link, which can be revoked.
        return _render(request, page, "registrations/already_confirmed.html")
    if request.method == "POST":
        registration = services.confirm_address(registration, page=page)
        return HttpResponseRedirect(manage_path(page, registration), status=303)
    # Confirmed by a button, not by opening the link: mail scanners open links too.
    return _render(request, page, "registrations/confirm.html", {"registration": registration})


def _registration_for(page, reference, token):
    """The registration a manage link names, compared in constant time; 404 otherwise."""
    registration = (
        Registration.objects.filter(edition=page.edition, reference=reference, anonymised_at=None)
        .select_related("edition")
        .first()
    )
    if registration is None or not hmac.compare_digest(
        registration.manage_token.encode(), token.encode()
    ):
        raise Http404("This link is not valid.")
    return registration


def _manage_context(
    request, page, registration, *, details_form=None, sessions_form=None, section_errors=None
):
    """The manage page's context; `section_errors` is {section class: context} for a
    section whose form was sent with errors."""
    sessions = public_sessions(page.edition)
    section_errors = section_errors or {}
    chosen = registration.sessions.all()
    details_form = details_form or extensions.details_form(
        page, initial={field: getattr(registration, field) for field in DETAIL_FIELDS}
    )
    sessions_form = sessions_form or SessionChoiceForm(
        sessions=sessions, initial={"sessions": list(chosen)}
    )
    return {
        "registration": registration,
        "waitlist_position": services.waitlist_position(registration),
        "details_form": details_form,
        "sessions_form": sessions_form,
        "chosen_ids": sorted(session.pk for session in chosen),
        "days": group_by_day(sessions, page.edition.time_zone),
        "personal_feed": feed_links(
            request,
            "personal-calendar",
            registration.reference,
            registration.feed_token,
            title="My sessions",
        ),
        "agenda_feed": feed_links(
            request, "calendar-agenda", page.edition.pk, title=f"{page.edition.title} agenda"
        ),
        "notice": NOTICES.get(request.GET.get("done", "")),
        "sections": [
            {
                "template": section.template_name,
                "context": {
                    **section.get_context(request, page, registration),
                    **section_errors.get(type(section), {}),
                },
            }
            for section in extensions.manage_sections()
        ],
        "data_url": page.url
        + page.reverse_subpage(
            "export_view", args=[registration.reference, registration.manage_token]
        ),
    }


@private
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, page, reference, token):
    try:
        registration = _registration_for(page, reference, token)
    except Http404:
        return _render(request, page, "registrations/link_problem.html", {"problem": None}, 404)
    here = manage_path(page, registration)
    if request.method != "POST":
        # The link is the delegate's key: opening it signs this browser in.
        sign_in.sign_in(request, registration)
        return _render(
            request,
            page,
            "registrations/manage.html",
            _manage_context(request, page, registration),
        )

    action = request.POST.get("action")
    if action == "details":
        form = extensions.details_form(page, request.POST)
        if not form.is_valid():
            context = _manage_context(request, page, registration, details_form=form)
            return _render(request, page, "registrations/manage.html", context, 400)
        services.update_details(registration, form.cleaned_data)
        return HttpResponseRedirect(here + "?done=details", status=303)
    if action == "sessions":
        form = SessionChoiceForm(request.POST, sessions=public_sessions(page.edition))
        if not form.is_valid():
            context = _manage_context(request, page, registration, sessions_form=form)
            return _render(request, page, "registrations/manage.html", context, 400)
        services.choose_sessions(registration, form.cleaned_data["sessions"])
        return HttpResponseRedirect(here + "?done=sessions", status=303)
    if action == "new-feed":
        services.new_feed_token(registration)
        return HttpResponseRedirect(here + "?done=feed", status=303)
    if action == "new-link":
        services.new_manage_link(registration)
        return _render(request, page, "registrations/new_link_sent.html")
    if action in ("cancel", "erase") and request.POST.get("confirm") != "yes":
        context = _manage_context(request, page, registration)
        context[f"{action}_error"] = "Tick the box to confirm."
        return _render(request, page, "registrations/manage.html", context, 400)
    if action == "cancel":
        try:
            services.cancel(registration)
        except services.RegistrationError:
            # A second click finds it already cancelled: the page shows the status.
            return HttpResponseRedirect(here, status=303)
        return HttpResponseRedirect(here + "?done=cancelled", status=303)
    if action == "erase":
        services.erase(registration)
        return _render(request, page, "registrations/erased.html")
    for section in extensions.manage_sections():
        if action in section.actions:
            answer = section.post(request, page, registration, action, here)
            if isinstance(answer, HttpResponse):
                return answer
            context = _manage_context(
                request, page, registration, section_errors={type(section): answer}
            )
            return _render(request, page, "registrations/manage.html", context, 400)
    context = _manage_context(request, page, registration)
    context["action_error"] = "That action is not known. Use the buttons on this page."
    return _render(request, page, "registrations/manage.html", context, 400)


@private
@require_safe
def export_data(request, page, reference, token):
    registration = _registration_for(page, reference, token)
    response = HttpResponse(
        json.dumps(registration_data(registration), indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"registration-{registration.reference}.json"
    )
    return response


def registration_data(registration):
    """Everything kept about the attendee, for the right of access."""
    return {
        "edition": registration.edition.title,
        "reference": registration.reference,
        "status": registration.get_status_display(),
        "email": registration.email,
        **{field: getattr(registration, field) for field in DETAIL_FIELDS if field != "country"},
        "country": registration.country.name,
        "registered_at": registration.created_at.isoformat(),
        "address_confirmed_at": _iso(registration.address_confirmed_at),
        "status_changed_at": _iso(registration.status_changed_at),
        "starred_sessions": [
            {"title": session.title, "start": _iso(session.start)}
            for session in registration.sessions.order_by("start")
        ],
        "consents": [
            {
                "consent": consent.get_kind_display(),
                "given": consent.given,
                "recorded_at": consent.recorded_at.isoformat(),
                "wording": consent.wording,
                "wording_version": consent.wording_version,
            }
            for consent in registration.consents.all()
        ],
        "emails": [
            {
                "subject": email.get_kind_display(),
                "status": email.get_status_display(),
                "queued_at": email.created_at.isoformat(),
                "sent_at": _iso(email.sent_at),
            }
            for email in registration.emails.all()
        ],
        **extensions.more_registration_data(registration),
        "exported_at": timezone.now().isoformat(),
    }


def _iso(moment):
    return moment.isoformat() if moment else None


@require_safe
def personal_calendar(request, reference, token):
    registration = get_object_or_404(
        Registration.objects.select_related("edition"), reference=reference, anonymised_at=None
    )
    if not hmac.compare_digest(registration.feed_token.encode(), token.encode()):
        raise Http404("No such calendar.")
    edition = registration.edition
    sessions = public_sessions(edition).filter(pk__in=registration.sessions.values("pk"))
    feed = personal_feed(
        request,
        edition,
        registration.reference,
        sessions,
        extensions.more_calendar_events(registration),
    )
    return serve_private_feed(request, feed)


@private
@require_http_methods(["GET", "HEAD", "POST"])
def sign_out(request):
    """Sign this browser out as a delegate (a form on every delegate page posts here)."""
    if request.method == "POST":
        sign_in.sign_out(request)
        return HttpResponseRedirect(request.path, status=303)
    return TemplateResponse(
        request,
        "registrations/signed_out.html",
        {"signed_in": sign_in.signed_in_registrations(request)},
    )


@private
@require_safe
def my_registration(request, edition_id):
    """The signed-in delegate's own manage page, so that no other page carries its link."""
    registration = sign_in.signed_in_registrations(request).get(edition_id)
    if registration is None:
        return HttpResponseRedirect(reverse("delegate-sign-out"), status=303)
    page = services.registration_page(registration.edition)
    return HttpResponseRedirect(manage_path(page, registration), status=303)
