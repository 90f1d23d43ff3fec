"""Reads of the agenda. `public_sessions` is the one way in for every page and feed."""

from itertools import groupby

from django.db.models import Prefetch, Q

from taggit.models import Tag

from conference.timezones import local_day_bounds, utc_to_local

from .models import (
    AgendaPage,
    ScheduleChange,
    SessionKind,
    SessionPage,
    SessionSpeaker,
    SessionStatus,
    Track,
)


def public_sessions(edition):
    """The live, public sessions of an edition in time order, with all a page shows of them.

    Sessions under an unpublished or private agenda page are left out too.
    """
    live_agendas = (
        AgendaPage.objects.child_of(edition).live().public().values_list("path", flat=True)
    )
    under_live_agenda = Q(pk__in=[])
    for agenda_path in live_agendas:
        under_live_agenda |= Q(path__startswith=agenda_path)
    speaker_links = (
        SessionSpeaker.objects.filter(speaker__live=True)
        .select_related("speaker", "speaker__organisation", "speaker__photo")
        .order_by("sort_order")
    )
    return (
        SessionPage.objects.live()
        .public()
        .filter(under_live_agenda)
        .select_related("track", "room", "room__venue")
        .prefetch_related(Prefetch("session_speakers", queryset=speaker_links), "topics")
        .order_by("start", "room__sort_order", "title")
    )


def filter_sessions(
    sessions, *, edition, day=None, track=None, kind=None, topic=None, access=None
):
    if day is not None:
        day_start, day_end = local_day_bounds(day, edition.time_zone)
        sessions = sessions.filter(start__gte=day_start, start__lt=day_end)
    if track is not None:
        sessions = sessions.filter(track=track)
    if kind:
        sessions = sessions.filter(kind=kind)
    if topic is not None:
        sessions = sessions.filter(topics=topic)
    if access:
        sessions = sessions.filter(access=access)
    return sessions


def group_by_day(sessions, zone_name):
    """[(local date, [session, ...]), ...] in time order."""
    return [
        (day, list(day_sessions))
        for day, day_sessions in groupby(
            sessions, key=lambda session: utc_to_local(session.start, zone_name).date()
        )
    ]


def now_and_next(edition, days, now):
    """While the conference is on: the sessions of `days` under way at `now`, and those
    that start next. Cancelled sessions are neither; outside the event, nothing is."""
    if utc_to_local(now, edition.time_zone).date() not in edition.days:
        return {}
    scheduled = [
        session
        for _, sessions in days
        for session in sessions
        if session.status == SessionStatus.SCHEDULED
    ]
    under_way = [session for session in scheduled if session.start <= now < session.end]
    later = [session for session in scheduled if session.start > now]
    next_start = min((session.start for session in later), default=None)
    if not under_way and next_start is None:
        return {}
    return {
        "now_sessions": under_way,
        "next_sessions": [session for session in later if session.start == next_start],
    }


def now_and_next_changes_at(edition, days, now):
    """When what now_and_next shows changes next: a session of `days` starting or ending,
    or a day of the edition starting or ending in its zone. None when nothing will."""
    moments = [moment for _, sessions in days for s in sessions for moment in (s.start, s.end)]
    for day in edition.days:
        moments.extend(local_day_bounds(day, edition.time_zone))
    return min((moment for moment in moments if moment > now), default=None)


def edition_tracks(edition):
    return Track.objects.filter(edition=edition)


def edition_topics(edition):
    return (
        Tag.objects.filter(
            agenda_sessiontopic_items__content_object__in=public_sessions(edition).values("pk")
        )
        .distinct()
        .order_by("name")
    )


def edition_context(edition):
    """The edition and its agenda and speakers pages, which session lists link to."""
    return {
        "edition": edition,
        "agenda_page": edition.section("agenda.AgendaPage"),
        "speakers_page": edition.section("speakers.SpeakersPage"),
    }


def agenda_context(edition, **filters):
    """What the agenda and track pages show: the edition's sessions by day, filtered."""
    sessions = filter_sessions(public_sessions(edition), edition=edition, **filters)
    return {**edition_context(edition), "days": group_by_day(sessions, edition.time_zone)}


def session_context(session):
    """What a session page shows besides the session itself."""
    edition = session.edition
    sessions = public_sessions(edition)
    speaker_links = (
        session.session_speakers.filter(speaker__live=True)
        .select_related("speaker", "speaker__organisation", "speaker__photo")
        .prefetch_related("speaker__photo__renditions")
    )
    same_track = (
        sessions.filter(track_id=session.track_id).exclude(pk=session.pk)
        if session.track_id
        else sessions.none()
    )
    return {
        "edition": edition,
        "speaker_links": speaker_links,
        "track_sessions": same_track,
        "previous_session": sessions.filter(start__lt=session.start).last(),
        "next_session": sessions.filter(start__gt=session.start).first(),
        "agenda_page": session.get_parent().specific,
        "speakers_page": edition.section("speakers.SpeakersPage"),
    }


def featured_tracks(edition):
    return Track.objects.filter(edition=edition, is_featured=True)


def keynote_speakers(edition):
    """The speakers of an edition's scheduled keynotes, in the order they speak."""
    keynotes = public_sessions(edition).filter(
        kind=SessionKind.KEYNOTE, status=SessionStatus.SCHEDULED
    )
    seen, speakers = set(), []
    for session in keynotes:
        for link in session.session_speakers.all():
            if link.speaker.pk not in seen:
                seen.add(link.speaker.pk)
                speakers.append(link.speaker)
    return speakers


def schedule_changes(edition):
    """The edition's recorded schedule changes, newest first."""
    return ScheduleChange.objects.filter(edition=edition).order_by("-happened_at", "-pk")


def with_public_sessions(edition, changes):
    """The changes, each with `public_session`: its session while that is on the public
    agenda, else None (deleted, unpublished or private)."""
    changes = list(changes)
    ids = {change.session_id for change in changes if change.session_id}
    found = (
        {session.pk: session for session in public_sessions(edition).filter(pk__in=ids)}
        if ids
        else {}
    )
    for change in changes:
        change.public_session = found.get(change.session_id)
    return changes
