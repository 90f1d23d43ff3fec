"""Rendering and sending the e-mails owed to attendees (OutgoingEmail rows).

A message is rendered when it is sent, so it always carries the current manage link. A
failed attempt is retried later with a growing delay; `send_due` (the `send_queued_email`
command) retries what is due.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from sessions.calendars.ical import build_calendar
from sessions.queries import public_sessions

from . import extensions
from .digests import digest_context
from .links import email_context
from .models import EmailKind, EmailStatus, OutgoingEmail, RegistrationStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
FIRST_RETRY = timedelta(minutes=1)
# A message being sent is claimed for this long; if the sender dies, it is retried after.
SENDING_LEASE = timedelta(minutes=10)

SUBJECTS = {
    EmailKind.CONFIRM_ADDRESS: "Confirm your e-mail address to register for {edition}",
    EmailKind.MANAGE_LINK: "Your registration for {edition}",
    EmailKind.CONFIRMED: "Your place at {edition} is confirmed",
    EmailKind.WAITLISTED: "You are on the waitlist for {edition}",
    EmailKind.PENDING: "Your request to attend {edition} is awaiting approval",
    EmailKind.PROMOTED: "A seat became free: your place at {edition} is confirmed",
    EmailKind.APPROVED: "Your request to attend {edition} is approved",
    EmailKind.DECLINED: "Your registration for {edition}",
    EmailKind.CANCELLED: "Your registration for {edition} is cancelled",
    EmailKind.SCHEDULE_CHANGED: "Changes to the programme of {edition}",
}
# The e-mails that confirm a seat carry the agenda as an attachment.
SEAT_EMAILS = {EmailKind.CONFIRMED, EmailKind.PROMOTED, EmailKind.APPROVED}
# The status each e-mail tells of. One that could not go before the status changed again
# is not sent: the e-mail about the newer status follows it.
STATUS_TOLD = {
    **dict.fromkeys(SEAT_EMAILS, RegistrationStatus.CONFIRMED),
    EmailKind.WAITLISTED: RegistrationStatus.WAITLISTED,
    EmailKind.PENDING: RegistrationStatus.PENDING,
    EmailKind.DECLINED: RegistrationStatus.DECLINED,
    EmailKind.CANCELLED: RegistrationStatus.CANCELLED,
    # A digest of schedule changes goes only to attendees who still hold a seat.
    EmailKind.SCHEDULE_CHANGED: RegistrationStatus.CONFIRMED,
}


def retry_delay(attempts):
    """1, 2, 4 ... minutes after the first, second, third failure; at most six hours."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), timedelta(hours=6))


def build_message(outgoing):
    registration = outgoing.registration
    context = email_context(registration)
    if outgoing.kind == EmailKind.SCHEDULE_CHANGED:
        context.update(digest_context(outgoing))
    # E-mails of other apps' kinds (1:1 meetings) are theirs to fill in.
    content = extensions.email_content(outgoing)
    context.update(content.get("context", {}))
    template = content.get("template", f"registrations/email/{outgoing.kind}")
    subject = content.get("subject") or SUBJECTS[outgoing.kind].format(
        edition=registration.edition.title
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    if outgoing.kind in SEAT_EMAILS:
        message.attach(*agenda_attachment(registration.edition))
    for attachment in content.get("attachments", ()):
        message.attach(*attachment)
    return message


def agenda_attachment(edition):
    """(filename, .ics bytes, MIME type): the whole agenda, METHOD:PUBLISH."""
    body = build_calendar(
        feed_id=f"edition-{edition.pk}-agenda",
        sessions=public_sessions(edition),
        name=edition.title,
        description=f"The agenda of {edition.title}.",
        url=edition.get_full_url(),
        session_url=lambda session: session.get_full_url(),
    )
    return (f"{edition.slug}-agenda.ics", body, "text/calendar; method=PUBLISH; charset=utf-8")


def _claim(outgoing_id, now):
    """Mark the message as being sent, unless it is sent, given up, not yet due or claimed
    by another sender. Only the message's own row is locked (of="self"): a registration
    row locked by a request must not make the message look claimed."""
    with transaction.atomic():
        outgoing = (
            OutgoingEmail.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=outgoing_id, next_attempt_at__lte=now)
            .exclude(status__in=[EmailStatus.SENT, EmailStatus.FAILED])
            .first()
        )
        if outgoing is None:
            return None
        outgoing.status = EmailStatus.SENDING
        outgoing.attempts += 1
        outgoing.next_attempt_at = timezone.now() + SENDING_LEASE
        outgoing.save(update_fields=["status", "attempts", "next_attempt_at"])
    return OutgoingEmail.objects.select_related("registration__edition").get(pk=outgoing.pk)


def deliver(outgoing_id, now=None):
    """Send one message if it is due at `now`; on failure, schedule the next attempt.
    Returns True if sent."""
    outgoing = _claim(outgoing_id, now or timezone.now())
    if outgoing is None:
        return False
    told = STATUS_TOLD.get(outgoing.kind)
    if told is not None and outgoing.registration.status != told:
        OutgoingEmail.objects.filter(pk=outgoing.pk).update(status=EmailStatus.SUPERSEDED)
        return False
    try:
        build_message(outgoing).send()
    except Exception as error:  # Any failure of rendering or sending is retried later.
        gave_up = outgoing.attempts >= MAX_ATTEMPTS
        # The error class only: messages such as refused recipients hold the address.
        logger.warning(
            "E-mail %s (%s) attempt %s failed%s: %s",
            outgoing.pk,
            outgoing.kind,
            outgoing.attempts,
            "; giving up" if gave_up else "",
            type(error).__name__,
        )
        OutgoingEmail.objects.filter(pk=outgoing.pk).update(
            status=EmailStatus.FAILED if gave_up else EmailStatus.QUEUED,
            next_attempt_at=timezone.now() + retry_delay(outgoing.attempts),
            last_error=f"{type(error).__name__}: {error}"[:1000],
        )
        return False
    OutgoingEmail.objects.filter(pk=outgoing.pk).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def send_due(now=None):
    """Try every message that is due (new, to retry, or whose sender died). Returns
    (sent, still owed)."""
    now = now or timezone.now()
    due = OutgoingEmail.objects.filter(
        status__in=[EmailStatus.QUEUED, EmailStatus.SENDING], next_attempt_at__lte=now
    ).values_list("pk", flat=True)
    sent = sum(deliver(outgoing_id, now) for outgoing_id in list(due))
    owed = OutgoingEmail.objects.filter(
        status__in=[EmailStatus.QUEUED, EmailStatus.SENDING]
    ).count()
    return sent, owed
