"""Every change of a registration's status goes through here.

`_place` is the one decision of who gets a seat. It runs only while the edition's
registration page row is locked (`_locked_page`), so that concurrent confirmations,
approvals, cancellations and capacity changes are applied one after another and no seat is
ever given twice. On SQLite, where rows cannot be locked, every transaction takes the
database's write lock at its start instead (see the `transaction_mode` setting).
"""

from contextlib import contextmanager
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from wagtail.models import ModelLogEntry

from conference import page_cache

from .addresses import normalise_email
from .forms import CONSENT_WORDING, wording_version
from .models import (
    Consent,
    ConsentKind,
    EmailKind,
    OutgoingEmail,
    Registration,
    RegistrationMode,
    RegistrationPage,
    RegistrationStatus,
    availability_tag,
    new_token,
)
from .signals import registration_changed, registration_erased
from .tasks import deliver_email

CONFIRMATION_SALT = "registrations.confirm-address"
CONFIRMATION_MAX_AGE = timedelta(days=3)
# A second request for the same link within this time (a double submit, an impatient
# click) sends no second e-mail.
RESEND_QUIET_PERIOD = timedelta(minutes=2)

ANONYMISED_FIELDS = {
    "email": "",
    "name": "",
    "organisation": "",
    "job_title": "",
    "dietary_needs": "",
    "accessibility_needs": "",
    "directory_listing": False,
    "photography": False,
}


class RegistrationError(Exception):
    """A change that cannot be made; the message says why, for attendees and organisers."""


def seats_taken(edition):
    return Registration.objects.filter(
        edition=edition, status=RegistrationStatus.CONFIRMED
    ).count()


def waitlist(edition):
    return Registration.objects.filter(
        edition=edition, status=RegistrationStatus.WAITLISTED
    ).order_by("queued_at", "pk")


def waitlist_position(registration):
    """1 for the next person to get a seat; None when not on the waitlist."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = waitlist(registration.edition).filter(
        Q(queued_at__lt=registration.queued_at)
        | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def registration_page(edition):
    page = RegistrationPage.objects.child_of(edition).first()
    if page is None:
        raise RegistrationError(f"{edition.title} has no registration page.")
    return page


# Links


def _attempt(registration):
    """Which time of registering a confirmation link was sent for: coming back after
    cancelling starts a new one (the same record, a new status), and the old link must not
    confirm it."""
    return registration.status_changed_at.isoformat()


def confirmation_code(registration):
    """Signed and dated; base64-encoded again so that it fits in one path segment."""
    signed = signing.dumps(
        [registration.reference, _attempt(registration)], salt=CONFIRMATION_SALT
    )
    return urlsafe_base64_encode(signed.encode())


def registration_for_confirmation(code):
    """The registration a confirmation link names, if the link was sent for the registration
    as it stands; RegistrationError if forged, expired or sent for an earlier one."""
    try:
        reference, attempt = signing.loads(
            urlsafe_base64_decode(code).decode(),
            salt=CONFIRMATION_SALT,
            max_age=CONFIRMATION_MAX_AGE.total_seconds(),
        )
    except signing.SignatureExpired:
        raise RegistrationError(
            "This confirmation link has expired. Register again with the same address and "
            "we will send you a new one."
        ) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise RegistrationError(
            "This confirmation link is not valid. Copy the whole link from the e-mail."
        ) from None
    registration = Registration.objects.filter(reference=reference).first()
    if registration is None or registration.anonymised_at:
        raise RegistrationError("This registration no longer exists.")
    if attempt != _attempt(registration) and registration.status == RegistrationStatus.UNCONFIRMED:
        raise RegistrationError(
            "This confirmation link was sent for an earlier registration with this address. "
            "Use the link in the newest e-mail we sent you."
        )
    return registration


# E-mail


def queue_email(registration, kind, about=None):
    """Write the e-mail down with the change it tells of; send it once that is committed."""
    email = OutgoingEmail.objects.create(registration=registration, kind=kind, about=about)
    transaction.on_commit(lambda: deliver_email.enqueue(email.pk))
    return email


def _send_link_again(registration, now):
    """The confirmation link while the address is unconfirmed, else the manage link; not
    twice within the quiet period."""
    if registration.link_sent_at and now - registration.link_sent_at < RESEND_QUIET_PERIOD:
        return
    registration.link_sent_at = now
    registration.save(update_fields=["link_sent_at"])
    unconfirmed = registration.status == RegistrationStatus.UNCONFIRMED
    queue_email(registration, EmailKind.CONFIRM_ADDRESS if unconfirmed else EmailKind.MANAGE_LINK)


# The attendee's path


def _record_consents(registration, choices, privacy_notice, now, *, new=False):
    """Write a consent record for each choice, unless the last one recorded is the same
    choice on the same wording (a `new` registration has none to look up)."""
    latest = (
        {}
        if new
        else {
            consent.kind: (consent.given, consent.wording_version)
            for consent in registration.consents.all()
        }
    )
    records = []
    for kind, given in choices.items():
        version = wording_version(kind, privacy_notice)
        if latest.get(kind) != (given, version):
            records.append(
                Consent(
                    registration=registration,
                    kind=kind,
                    given=given,
                    recorded_at=now,
                    wording=CONSENT_WORDING[kind],
                    wording_version=version,
                )
            )
    Consent.objects.bulk_create(records)


def register(page, *, email, details, now=None):
    """Start a registration, or answer a repeated one without making a second.

    The caller shows the same answer either way, so the page never tells who is registered;
    the e-mail does: a new confirmation link, or the link to manage the registration.
    """
    now = now or timezone.now()
    email, email_key = normalise_email(email)
    edition = page.edition
    consents = {
        ConsentKind.PRIVACY: True,
        ConsentKind.DIRECTORY: details["directory_listing"],
        ConsentKind.PHOTOGRAPHY: details["photography"],
    }
    with transaction.atomic():
        existing = (
            Registration.objects.select_for_update()
            .filter(edition=edition, email_key=email_key)
            .first()
        )
        if existing is None:
            try:
                with transaction.atomic():
                    registration = Registration.objects.create(
                        edition=edition,
                        email=email,
                        email_key=email_key,
                        created_at=now,
                        status_changed_at=now,
                        link_sent_at=now,
                        **details,
                    )
            except IntegrityError:
                # The same form posted twice at once: the other request made it.
                existing = Registration.objects.filter(edition=edition, email_key=email_key)
                existing = existing.first()
                if existing is None:
                    raise
            else:
                _record_consents(registration, consents, page.privacy_notice, now, new=True)
                queue_email(registration, EmailKind.CONFIRM_ADDRESS)
                return registration
        return _register_again(existing, now)


def _register_again(registration, now):
    """Answer by e-mail only. The form's details are not taken: nothing yet shows that the
    sender owns the address. The attendee changes them from their own page."""
    if registration.status == RegistrationStatus.CANCELLED:
        # Coming back after cancelling: confirmed through the inbox again.
        registration.address_confirmed_at = None
        registration.queued_at = None
        registration.link_sent_at = now
        _set_status(
            registration,
            RegistrationStatus.UNCONFIRMED,
            now,
            EmailKind.CONFIRM_ADDRESS,
            fields=["address_confirmed_at", "link_sent_at"],
        )
    else:
        _send_link_again(registration, now)
    return registration


def send_link(page, email, now=None):
    """For someone who lost their link: e-mail it to the address if it has a registration
    for this edition. Says nothing either way."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .filter(edition=page.edition, email_key=normalise_email(email)[1], anonymised_at=None)
            .first()
        )
        if registration is not None:
            _send_link_again(registration, now)


def confirm_address(registration, now=None, *, page=None):
    """The address is confirmed: the registration now takes a seat, a waitlist place, or
    waits for approval. Confirming twice changes nothing.

    `page`, the edition's registration page as the caller has it (a view does), saves
    looking it up; it is read again, locked, all the same. Without `now`, the time is taken
    once the lock is held, so that the times recorded follow the order seats were given."""
    edition = page.edition if page is not None else registration.edition
    with transaction.atomic(), _deciding_seats(edition, page, registration) as locked:
        registration = locked.registration
        if registration.status != RegistrationStatus.UNCONFIRMED:
            return registration
        now = now or timezone.now()
        registration.address_confirmed_at = now
        _place(locked, registration, now, fields=["address_confirmed_at"])
    return registration


# The one decision


DECISION_SETTINGS = ["capacity", "waitlist_enabled", "mode"]


def _locked_page(edition, page=None):
    """The edition's registration page, read again with its row locked until the
    transaction ends. Everything that gives or frees a seat holds this lock first, so
    decisions are made one at a time. `page`, when the caller has it, saves looking it up."""
    page = page if page is not None else registration_page(edition)
    # Only the settings a decision reads: one small row, without the page's own.
    locked = (
        RegistrationPage.objects.select_for_update(of=("self",))
        .only(*DECISION_SETTINGS)
        .get(pk=page.pk)
    )
    locked.edition = edition  # known already: no query for it while the lock is held
    return locked


@contextmanager
def _deciding_seats(edition, page=None, registration=None):
    """The edition's registration page, locked until the transaction ends, with the seats
    taken counted once the lock is held (`page.seats_held`, kept up to date by `_set_status`
    while the lock is held: nobody else can change it meanwhile), and `registration`, if
    given, read again and locked (`page.registration`) in the same query as the count.

    The lock is held until the commit, so what happens under it is kept short: few
    queries, no e-mail (queued for after the commit), no cache call. When the seats run
    out or one frees up, pages that show whether seats are left are out of date: their
    cache is emptied once the change is committed (before, a page could be cached again
    from the old state)."""
    page = _locked_page(edition, page)
    if registration is None:
        page.seats_held = seats_taken(edition)
    else:
        # Counted by a new statement, after the lock was granted: it sees every seat
        # given before (a count in the statement that waited for the lock would not).
        page.registration = (
            Registration.objects.select_for_update(of=("self",))
            .annotate(seats_now=_seats_count(edition))
            .get(pk=registration.pk)
        )
        page.seats_held = page.registration.seats_now
    was_full = page.seats_held >= page.capacity
    yield page
    if (page.seats_held >= page.capacity) != was_full:
        tag = availability_tag(edition.pk)
        transaction.on_commit(lambda: page_cache.invalidate(tag))


def _seats_count(edition):
    confirmed = Registration.objects.filter(
        edition=edition, status=RegistrationStatus.CONFIRMED
    ).order_by()
    count = confirmed.values("edition").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(count), 0)


STATUS_FIELDS = ["status", "status_changed_at", "queued_at"]


def _set_status(registration, status, now, email_kind, *, page=None, fields=()):
    """Change the status, queue its e-mail, tell other apps. A change that gives or frees a
    seat is made only while the edition's page is locked (`page`, from `_deciding_seats`),
    whose count of seats it keeps up to date. Saves the status fields and `fields`."""
    held = RegistrationStatus.CONFIRMED
    if (status == held) != (registration.status == held):
        if page is None or not hasattr(page, "seats_held"):
            raise RuntimeError("A seat is given or freed only under the edition's lock.")
        page.seats_held += 1 if status == held else -1
    was = registration.status
    registration.status = status
    registration.status_changed_at = now
    if status == RegistrationStatus.WAITLISTED:
        registration.queued_at = now
    registration.save(update_fields=[*STATUS_FIELDS, *fields])
    queue_email(registration, email_kind)
    if was != RegistrationStatus.UNCONFIRMED:
        # An address not (yet again) confirmed has taken part in nothing: other apps have
        # nothing to end when it is confirmed (see signals.py), and the lock is held.
        registration_changed.send(sender=Registration, registration=registration)


def _place(page, registration, now, *, approved=False, fields=()):
    """Give a confirmed or approved registration a seat if one is free, else a waitlist
    place, else turn it away. In approval mode, unapproved requests wait for organisers."""
    if page.mode == RegistrationMode.APPROVAL and not approved:
        status, kind = RegistrationStatus.PENDING, EmailKind.PENDING
    elif page.seats_held < page.capacity:
        status = RegistrationStatus.CONFIRMED
        kind = EmailKind.APPROVED if approved else EmailKind.CONFIRMED
    elif page.waitlist_enabled:
        status, kind = RegistrationStatus.WAITLISTED, EmailKind.WAITLISTED
    else:
        status, kind = RegistrationStatus.DECLINED, EmailKind.DECLINED
    _set_status(registration, status, now, kind, page=page, fields=fields)


def _promote_in_order(page, now):
    """Fill free seats from the waitlist, first come first served. Call with the lock held."""
    free = page.capacity - page.seats_held
    if free <= 0:
        return []
    promoted = list(waitlist(page.edition).select_for_update()[:free])
    for registration in promoted:
        _set_status(registration, RegistrationStatus.CONFIRMED, now, EmailKind.PROMOTED, page=page)
    return promoted


def promote_waitlist(edition, now=None):
    """After a capacity change: give the seats that are now free to the waitlist, in order."""
    with transaction.atomic(), _deciding_seats(edition) as page:
        return _promote_in_order(page, now or timezone.now())


# Changes made by the attendee or at the desk


def _change(registration, allowed, refusal, change, now=None):
    """Apply `change(page, registration, now)` under the lock if the status allows it (the
    time, unless given, taken once the lock is held)."""
    with transaction.atomic(), _deciding_seats(registration.edition, None, registration) as page:
        now = now or timezone.now()
        current = page.registration
        if current.status not in allowed or current.anonymised_at:
            raise RegistrationError(refusal.format(status=current.get_status_display().lower()))
        change(page, current, now)
    return current


def approve(registration, now=None):
    def seat_or_waitlist(page, current, now):
        if page.seats_held >= page.capacity and not page.waitlist_enabled:
            raise RegistrationError(
                f"All {page.capacity} seats are taken and the waitlist is off. Raise the "
                "capacity or turn the waitlist on first."
            )
        _place(page, current, now, approved=True)

    return _change(
        registration,
        {RegistrationStatus.PENDING},
        "Only requests awaiting approval can be approved; this one is {status}.",
        seat_or_waitlist,
        now,
    )


def decline(registration, now=None):
    def turn_away(page, current, now):
        _set_status(current, RegistrationStatus.DECLINED, now, EmailKind.DECLINED, page=page)

    return _change(
        registration,
        {
            RegistrationStatus.UNCONFIRMED,
            RegistrationStatus.PENDING,
            RegistrationStatus.WAITLISTED,
        },
        "Only requests that hold no seat can be declined; this one is {status}. "
        "Cancel it instead.",
        turn_away,
        now,
    )


def cancel(registration, now=None):
    """Cancel, and give a freed seat to the waitlist in order."""

    def cancel_and_free(page, current, now):
        held_a_seat = current.holds_a_seat
        _set_status(current, RegistrationStatus.CANCELLED, now, EmailKind.CANCELLED, page=page)
        if held_a_seat:
            _promote_in_order(page, now)

    return _change(
        registration,
        {
            RegistrationStatus.UNCONFIRMED,
            RegistrationStatus.PENDING,
            RegistrationStatus.WAITLISTED,
            RegistrationStatus.CONFIRMED,
        },
        "This registration is already {status}.",
        cancel_and_free,
        now,
    )


def promote(registration, now=None):
    """Give a free seat to this waitlisted person, ahead of their turn."""

    def seat(page, current, now):
        if page.seats_held >= page.capacity:
            raise RegistrationError(
                f"All {page.capacity} seats are taken. Raise the capacity on the registration "
                "page: the waitlist then moves up in order."
            )
        _set_status(current, RegistrationStatus.CONFIRMED, now, EmailKind.PROMOTED, page=page)

    return _change(
        registration,
        {RegistrationStatus.WAITLISTED},
        "Only waitlisted registrations can be promoted; this one is {status}.",
        seat,
        now,
    )


STATUS_EMAIL = {
    RegistrationStatus.UNCONFIRMED: EmailKind.CONFIRM_ADDRESS,
    RegistrationStatus.PENDING: EmailKind.PENDING,
    RegistrationStatus.CONFIRMED: EmailKind.CONFIRMED,
    RegistrationStatus.WAITLISTED: EmailKind.WAITLISTED,
    RegistrationStatus.DECLINED: EmailKind.DECLINED,
    RegistrationStatus.CANCELLED: EmailKind.CANCELLED,
}


def resend_email(registration):
    """Send again the e-mail that tells the registration's current state, with its links."""
    if registration.anonymised_at:
        raise RegistrationError("This registration's personal data have been erased.")
    with transaction.atomic():
        return queue_email(registration, STATUS_EMAIL[registration.status])


def new_manage_link(registration, now=None):
    """Revoke the manage link and e-mail a new one."""
    with transaction.atomic():
        registration.manage_token = new_token()
        registration.link_sent_at = now or timezone.now()
        registration.save(update_fields=["manage_token", "link_sent_at"])
        queue_email(registration, EmailKind.MANAGE_LINK)
    return registration


def new_feed_token(registration):
    """Revoke the personal calendar address; calendars subscribed to it stop updating."""
    registration.feed_token = new_token()
    registration.save(update_fields=["feed_token"])
    return registration


def update_details(registration, details, now=None):
    now = now or timezone.now()
    page = registration_page(registration.edition)
    with transaction.atomic():
        for field, value in details.items():
            setattr(registration, field, value)
        registration.save(update_fields=list(details))
        # The directory consent may be given on another part of the page (network/).
        consent_fields = {
            ConsentKind.DIRECTORY: "directory_listing",
            ConsentKind.PHOTOGRAPHY: "photography",
        }
        _record_consents(
            registration,
            {kind: details[field] for kind, field in consent_fields.items() if field in details},
            page.privacy_notice,
            now,
        )
        if "directory_listing" in details:
            registration_changed.send(sender=Registration, registration=registration)
    return registration


def set_directory_listing(registration, listed, now=None):
    """Give or withdraw the consent to be listed in the delegate directory, recorded with
    its wording like the consents given at registration."""
    now = now or timezone.now()
    page = registration_page(registration.edition)
    with transaction.atomic():
        registration.directory_listing = listed
        registration.save(update_fields=["directory_listing"])
        _record_consents(registration, {ConsentKind.DIRECTORY: listed}, page.privacy_notice, now)
        registration_changed.send(sender=Registration, registration=registration)
    return registration


def choose_sessions(registration, sessions):
    registration.sessions.set(sessions)


# Privacy


def _anonymise(registration, now):
    """Call with the edition's registration page locked."""
    for field, value in ANONYMISED_FIELDS.items():
        setattr(registration, field, value)
    registration.email_key = f"erased:{registration.reference}"
    registration.manage_token = new_token()
    registration.feed_token = new_token()
    registration.anonymised_at = now
    registration.save()
    registration.sessions.clear()
    registration_erased.send(sender=Registration, registration=registration)
    registration.consents.all().delete()
    registration.emails.all().delete()
    # The admin's history named the person: keep the entries, by reference only.
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Registration),
        object_id=str(registration.pk),
    ).update(label=registration.reference)


def erase(registration, now=None):
    """The attendee's right to erasure: cancel (freeing the seat) and keep only the sector,
    country and status for the organisers' counts."""
    now = now or timezone.now()
    with transaction.atomic():
        if registration.is_active:
            registration = cancel(registration, now)
        _locked_page(registration.edition)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        _anonymise(registration, now)
    return registration


def anonymise_expired(now=None):
    """Anonymise every registration whose edition ended more than its retention period ago.
    Returns how many were anonymised."""
    now = now or timezone.now()
    count = 0
    for page in RegistrationPage.objects.all():
        if now < page.anonymise_after():
            continue
        with transaction.atomic():
            _locked_page(page.edition)
            expired = Registration.objects.filter(edition=page.edition, anonymised_at=None)
            for registration in expired.select_for_update():
                _anonymise(registration, now)
                count += 1
    return count
