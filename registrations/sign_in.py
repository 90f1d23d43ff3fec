"""Delegates sign in by opening the private manage link from their e-mail: no passwords.

The browser's session holds, per edition, a signed note of the registration and of the
manage link it was opened with. A note older than DELEGATE_SIGN_IN_DAYS, or made with a
link that has since been replaced (a new link, erasure), signs nobody in. Only the link
proves who someone is; the status (confirmed or not) is for each page to judge.
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils.cache import patch_cache_control

from .models import Registration

SESSION_KEY = "delegates"
SALT = "registrations.delegate-sign-in"


def _link_fingerprint(registration):
    return hashlib.sha256(registration.manage_token.encode()).hexdigest()[:32]


def _max_age():
    return timedelta(days=settings.DELEGATE_SIGN_IN_DAYS)


def _note_of(registration):
    return [registration.pk, _link_fingerprint(registration)]


def _read_note(note):
    """[registration id, link fingerprint] a valid note names, else None."""
    try:
        return signing.loads(note, salt=SALT, max_age=_max_age()) if note else None
    except signing.BadSignature:
        return None


def sign_in(request, registration):
    """Sign the browser in as this registration for its edition."""
    signed_in = dict(request.session.get(SESSION_KEY, {}))
    edition_key = str(registration.edition_id)
    if _read_note(signed_in.get(edition_key)) != _note_of(registration):
        # Someone new signs in on this browser: a new session key, so that a key planted
        # before (session fixation), even one signed in as someone else, is not theirs.
        request.session.cycle_key()
    signed_in[edition_key] = signing.dumps(_note_of(registration), salt=SALT)
    request.session[SESSION_KEY] = signed_in
    if not request.user.is_authenticated:
        # An organiser's admin login keeps its own, shorter life; the note's age is
        # checked on every read anyway.
        request.session.set_expiry(int(_max_age().total_seconds()))
    # The page being answered is the first with a session cookie: it shows who is signed in.
    request._delegate_session = True
    request._signed_in_registrations = None


def sign_out(request):
    """Sign the browser out of every edition; an organiser's admin login stays."""
    if SESSION_KEY in request.session:
        del request.session[SESSION_KEY]
        request.session.cycle_key()


def _signed_in_notes(request):
    # No session cookie, no session: an anonymous visitor costs nothing and gets no Vary.
    has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
    if not has_session and not getattr(request, "_delegate_session", False):
        return {}
    return request.session.get(SESSION_KEY, {})


def signed_in_registrations(request):
    """{edition id: registration} for every edition this browser is signed in to."""
    cached = getattr(request, "_signed_in_registrations", None)
    if cached is not None:
        return cached
    wanted = {}
    for edition_key, note in _signed_in_notes(request).items():
        if names := _read_note(note):
            pk, fingerprint = names
            wanted[pk] = (int(edition_key), fingerprint)
    found = {}
    if wanted:
        registrations = Registration.objects.filter(pk__in=wanted, anonymised_at=None)
        for registration in registrations.select_related("edition"):
            edition_id, fingerprint = wanted[registration.pk]
            if registration.edition_id == edition_id and hmac.compare_digest(
                fingerprint, _link_fingerprint(registration)
            ):
                found[edition_id] = registration
    if len(found) < len(_signed_in_notes(request)):
        # Expired or replaced links: forget them, so they are not read again.
        request.session[SESSION_KEY] = {
            key: note for key, note in request.session[SESSION_KEY].items() if int(key) in found
        }
    request._signed_in_registrations = found
    return found


def signed_in_registration(request, edition):
    """The registration this browser is signed in as for `edition`, or None."""
    return signed_in_registrations(request).get(edition.pk)


class PrivateWhenSignedInMiddleware:
    """A page that showed a signed-in delegate anything of theirs (the delegate bar on every
    page) is theirs alone: no shared cache may keep it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_signed_in_registrations", None):
            patch_cache_control(response, private=True)  # replaces "public"
        return response
