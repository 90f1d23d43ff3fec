"""Digest e-mails of schedule changes: one e-mail per attendee per change window.

`send_change_digests` (the `send_change_digests` command, run every few minutes) takes each
edition's schedule changes not yet dealt with, once no new change has come for
SCHEDULE_CHANGE_QUIET_MINUTES (or once the oldest has waited
SCHEDULE_CHANGE_LONGEST_WAIT_MINUTES, so that a programme edited all day is still told). It
queues one "schedule_changed" e-mail per confirmed attendee concerned, through the outbox:

- an attendee is concerned by a change to a session they starred;
- every confirmed attendee is concerned by a major change (a cancellation, a removal or a
  move to another day; sessions/changes.py decides which are major).

Each change is marked as dealt with (DigestedChange) and each one told to each attendee is
recorded (ChangeNotice, unique per attendee and change) in the same transaction as the
e-mails, so running the job twice, or twice at once, tells nobody anything twice.
"""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from sessions.models import ScheduleChange
from sessions.queries import with_public_sessions

from .models import (
    ChangeNotice,
    DigestedChange,
    EmailKind,
    Registration,
    RegistrationStatus,
)
from .services import queue_email


def quiet_period():
    return timedelta(minutes=settings.SCHEDULE_CHANGE_QUIET_MINUTES)


def longest_wait():
    return timedelta(minutes=settings.SCHEDULE_CHANGE_LONGEST_WAIT_MINUTES)


def _due_changes(now):
    """The changes not yet dealt with, of the editions whose change window has closed."""
    pending = ScheduleChange.objects.exclude(
        pk__in=DigestedChange.objects.values("change_id")
    ).order_by("happened_at", "pk")
    by_edition = defaultdict(list)
    for change in pending:
        by_edition[change.edition_id].append(change)
    return {
        edition_id: changes
        for edition_id, changes in by_edition.items()
        if now - changes[-1].happened_at >= quiet_period()
        or now - changes[0].happened_at >= longest_wait()
    }


def _recipients(edition_id, changes):
    """{registration id: [change, ...]} for the confirmed attendees each change concerns."""
    attending = Registration.objects.filter(
        edition_id=edition_id, status=RegistrationStatus.CONFIRMED, anonymised_at__isnull=True
    )
    starred = defaultdict(set)
    session_ids = {change.session_id for change in changes if change.session_id}
    for registration_id, session_id in Registration.sessions.through.objects.filter(
        registration__in=attending, sessionpage_id__in=session_ids
    ).values_list("registration_id", "sessionpage_id"):
        starred[session_id].add(registration_id)
    everyone = (
        set(attending.values_list("pk", flat=True))
        if any(change.is_major for change in changes)
        else set()
    )
    told = defaultdict(list)
    for change in changes:
        for registration_id in everyone if change.is_major else starred[change.session_id]:
            told[registration_id].append(change)
    return told


def send_change_digests(now=None):
    """Queue the digests that are due. Returns how many e-mails were queued."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            queued = 0
            for edition_id, changes in _due_changes(now).items():
                told = _recipients(edition_id, changes)
                registrations = Registration.objects.in_bulk(told)
                for registration_id, its_changes in told.items():
                    email = queue_email(registrations[registration_id], EmailKind.SCHEDULE_CHANGED)
                    ChangeNotice.objects.bulk_create(
                        ChangeNotice(registration_id=registration_id, change=change, email=email)
                        for change in its_changes
                    )
                    queued += 1
                DigestedChange.objects.bulk_create(
                    DigestedChange(change=change, digested_at=now) for change in changes
                )
            return queued
    except IntegrityError:
        return 0  # another run dealt with these changes at the same time


def digest_context(outgoing):
    """What a digest e-mail shows: its changes, oldest first, each with its session's address
    while that is on the agenda, and the edition's changes page and feed."""
    edition = outgoing.registration.edition
    notices = outgoing.change_notices.select_related("change").order_by(
        "change__happened_at", "change__pk"
    )
    changes = with_public_sessions(edition, [notice.change for notice in notices])
    for change in changes:
        change.session_url = change.public_session.get_full_url() if change.public_session else ""
    agenda_page = edition.section("agenda.AgendaPage")
    return {
        "changes": changes,
        "changes_page_url": (
            agenda_page.get_full_url() + agenda_page.reverse_subpage("changes")
            if agenda_page
            else ""
        ),
        "changes_feed_url": edition.get_site().root_url
        + reverse("schedule-changes-feed", args=[edition.pk]),
    }
