"""Recording schedule changes: each publish that moves, cancels, reinstates, adds or removes
a session, compared with what the public saw before it.

For a live page the database row holds what is live (a draft lives only in its revision),
so the row as it was just before the publish saved it is the "before". `remember_live_schedule`
reads it on the save that publishes; `record_publish`, `record_unpublish` and
`record_deletion` compare and write a ScheduleChange. A publish that changes only the
abstract, speakers or title records nothing.

Only sessions that have been published (and are not behind a view restriction) count:
pages that test code or imports create live in one step and never publish are not the
public's programme yet.
"""

from datetime import datetime

from conference.models import ConferencePage
from conference.timezones import utc_to_local

from .models import ScheduleChange, ScheduleChangeKind, SessionPage, SessionStatus

SCHEDULE_FIELDS = ("start", "end", "room_id", "status")
_BEFORE = "_schedule_before_publish"


def schedule_values(start, end, room_name, status):
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "room": room_name or "",
        "status": status,
    }


def _values_of(session):
    room_name = session.room.name if session.room_id else ""
    return schedule_values(session.start, session.end, room_name, session.status)


def remember_live_schedule(sender, instance, update_fields=None, **kwargs):
    """pre_save of a session: keep what the row held before a full save (a publish)."""
    if instance.pk is None or update_fields is not None:
        return
    stored = (
        SessionPage.objects.filter(pk=instance.pk)
        .values("live", "first_published_at", *SCHEDULE_FIELDS, "room__name")
        .first()
    )
    setattr(instance, _BEFORE, stored)


def _kind(before, session):
    if not before["live"]:
        return ScheduleChangeKind.ADDED
    if before["status"] != session.status:
        if session.status == SessionStatus.CANCELLED:
            return ScheduleChangeKind.CANCELLED
        return ScheduleChangeKind.REINSTATED
    if session.status == SessionStatus.CANCELLED:
        return None  # a cancelled session moved: nobody is expected there either way
    if any(before[field] != getattr(session, field) for field in SCHEDULE_FIELDS):
        return ScheduleChangeKind.MOVED
    return None


def _is_major(kind, before, after, zone_name):
    """Cancellations, removals and moves to another day concern every attendee."""
    if kind in (ScheduleChangeKind.CANCELLED, ScheduleChangeKind.REMOVED):
        return True
    if kind != ScheduleChangeKind.MOVED:
        return False

    def local_day(values):
        return utc_to_local(datetime.fromisoformat(values["start"]), zone_name).date()

    return local_day(before) != local_day(after)


def _is_public(session):
    return SessionPage.objects.filter(pk=session.pk).public().exists()


def _record(session, kind, *, before, after, edition=None, keep_link=True):
    edition = edition or ConferencePage.for_page(session)
    if edition is None:
        return None
    return ScheduleChange.objects.create(
        edition=edition,
        session=session if keep_link else None,
        session_title=session.title,
        kind=kind,
        before=before,
        after=after,
        is_major=_is_major(kind, before, after, edition.time_zone),
    )


def record_publish(sender, instance, **kwargs):
    """page_published of a session: record what the publish changed for the public."""
    before = instance.__dict__.pop(_BEFORE, None)
    if before is None or not instance.live:
        return  # a new page, or a publish scheduled for later: nothing public changed
    kind = _kind(before, instance)
    if kind is None or not _is_public(instance):
        return
    old = (
        {}
        if kind == ScheduleChangeKind.ADDED
        else schedule_values(
            before["start"], before["end"], before["room__name"], before["status"]
        )
    )
    _record(instance, kind, before=old, after=_values_of(instance))


def record_unpublish(sender, instance, **kwargs):
    """page_unpublished of a session that had been published: it left the programme.

    Wagtail also sends page_unpublished for each live page it deletes, without saving it
    (so the page still reads as live); `record_deletion` records those."""
    if instance.live or instance.first_published_at is None or not _is_public(instance):
        return
    _record(instance, ScheduleChangeKind.REMOVED, before=_values_of(instance), after={})


def record_deletion(sender, instance, origin=None, **kwargs):
    """pre_delete of a live, published session: it left the programme. Nothing is recorded
    when its edition goes with it. The record keeps the title, not the link to the row
    about to go."""
    if not instance.live or instance.first_published_at is None or not _is_public(instance):
        return
    edition = ConferencePage.for_page(instance)
    if edition is None or _deleted_with(edition, origin):
        return
    _record(
        instance,
        ScheduleChangeKind.REMOVED,
        before=_values_of(instance),
        after={},
        edition=edition,
        keep_link=False,
    )


def _deleted_with(edition, origin):
    """Whether the deletion that started at `origin` (a page or a query of pages) takes the
    edition too."""
    if origin is None:
        return False
    if hasattr(origin, "filter"):
        return origin.filter(pk=edition.pk).exists()
    return getattr(origin, "pk", None) == edition.pk or (
        hasattr(origin, "path") and edition.path.startswith(origin.path)
    )
