"""Reads of the agenda. `public_sessions` is the one way in for every page and feed."""

from dataclasses import dataclass
from datetime import datetime, time
from itertools import groupby

from django.db.models import Case, Count, Max, Prefetch, Q, When
from django.utils import timezone

from taggit.models import Tag

from conference.models import view_restrictions
from conference.timezones import local_day_bounds, utc_to_local

from .fragments import listed_sessions
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

    Sessions under an unpublished agenda page, or under a page with a view restriction (the
    session itself included), are left out too. The agendas are among the edition's kept
    sections, the restrictions among the site's kept ones (no query for either); their paths
    as literals keep the sessions' query plan simple (checked row by row inside it, they
    cost PostgreSQL hundreds of milliseconds).
    """
    under_live_agenda, restricted = Q(pk__in=[]), Q(pk__in=[])
    for page in edition.live_children:
        if isinstance(page, AgendaPage):
            under_live_agenda |= Q(path__startswith=page.path)
    for restriction in view_restrictions():
        if restriction.page_path.startswith(edition.path):  # one above leaves no sections
            restricted |= Q(path__startswith=restriction.page_path)
    return with_what_is_shown(
        SessionPage.objects.live().filter(under_live_agenda).exclude(restricted)
    )


def with_what_is_shown(sessions, *, in_a_list=False):
    """The SessionPage queryset `sessions` in agenda order, with all a page shows of them:
    track, room and venue, live speakers with their organisations and photos, topics. For
    the agenda's list (`in_a_list`), without the topics and the speakers' photos, which its
    items do not show."""
    speaker_details = [
        "speaker",
        "speaker__organisation",
        *([] if in_a_list else ["speaker__photo"]),
    ]
    speaker_links = (
        SessionSpeaker.objects.filter(speaker__live=True)
        .select_related(*speaker_details)
        .order_by("sort_order")
    )
    return (
        sessions.select_related("track", "room", "room__venue")
        .prefetch_related(
            Prefetch("session_speakers", queryset=speaker_links),
            *([] if in_a_list else ["topics"]),
        )
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
    coming = [session for session in later if session.start == next_start]
    # The days may hold ListedSessions: the few shown here are read in full.
    pages = SessionPage.objects.select_related("room").in_bulk(
        [session.pk for session in under_way + coming]
    )
    return {
        "now_sessions": [pages[session.pk] for session in under_way if session.pk in pages],
        "next_sessions": [pages[session.pk] for session in coming if session.pk in pages],
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


def edition_topics(edition, sessions=None):
    """The topics of the edition's public sessions (`sessions`, when the caller has them)."""
    sessions = public_sessions(edition) if sessions is None else sessions
    return (
        Tag.objects.filter(agenda_sessiontopic_items__content_object__in=sessions.values("pk"))
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


def agenda_context(edition, *, sessions=None, all_days_limit=None, part_from=None, **filters):
    """What the agenda and track pages show: the edition's sessions by day, filtered, as
    ListedSessions (their <li>s are built or found in the cache as the page is rendered).
    `sessions`: the edition's public_sessions, when the caller has them.

    With `all_days_limit` (settings.AGENDA_ALL_DAYS_LIMIT: a very large programme at once
    is megabytes), no page lists more sessions than that:
    - one query (`start_times`) reads how many sessions the filters other than the day leave
      in all, and the start times of the day asked for (when none is: today's during the
      conference, else the first day's). When more than the limit are left, "All days" is
      not offered (`all_days_offered`) and, when no day is chosen, only that day is
      (`shown_day`);
    - a day that still holds more is shown in `day_parts` by time (`split_day`): the part
      under way at `part_from` (a local time), else the one under way now on the day of
      the conference, else the first (`shown_part`).
    """
    sessions = filter_sessions(
        public_sessions(edition) if sessions is None else sessions,
        edition=edition,
        **{**filters, "day": None},
    )
    day, shown_day = filters.get("day"), None
    now = utc_to_local(timezone.now(), edition.time_zone)
    all_days_offered, on_the_day = True, []
    if all_days_limit is not None:
        today_or_first = now.date() if now.date() in edition.days else edition.days[0]
        total, on_the_day = start_times(sessions, day or today_or_first, edition.time_zone)
        all_days_offered = total <= all_days_limit
        if day is None and not all_days_offered:
            day = shown_day = today_or_first
    day_parts, shown_part = [], None
    if day is not None:
        sessions = filter_sessions(sessions, edition=edition, day=day)
        if all_days_limit is not None:
            day_parts = split_day(on_the_day, edition.time_zone, all_days_limit)
    if day_parts:
        wanted = part_from or (now.time() if now.date() == day else None)
        shown_part = max(
            (part for part in day_parts if wanted and part.starts <= wanted),
            key=lambda part: part.starts,
            default=day_parts[0],
        )
        sessions = sessions.filter(start__gte=shown_part.first_start)
        if shown_part.next_start:
            sessions = sessions.filter(start__lt=shown_part.next_start)
    return {
        **edition_context(edition),
        "days": group_by_day(listed_sessions(sessions), edition.time_zone),
        "all_days_offered": all_days_offered,
        "shown_day": shown_day,
        "day_parts": day_parts,
        "shown_part": shown_part,
    }


@dataclass(frozen=True)
class DayPart:
    """A part of a long day: its sessions start from `first_start` until `next_start`, the
    next part's first start (None for the last part)."""

    first_start: datetime
    next_start: datetime | None
    starts: time  # first_start in the edition's zone
    label: str  # "08:00–10:45": its first start to its last end


def start_times(sessions, day, zone_name):
    """(how many sessions there are, [(start, how many sessions start then, the latest of
    their ends), ...] of the local day `day` in time order): one query, of a row per start
    time of that day and one for all the other days together."""
    day_start, day_end = local_day_bounds(day, zone_name)
    on_the_day = Case(When(start__gte=day_start, start__lt=day_end, then="start"))
    rows = (
        sessions.prefetch_related(None)
        .order_by()
        .values(day_start_time=on_the_day)
        .annotate(count=Count("pk"), last_end=Max("end"))
        .values_list("day_start_time", "count", "last_end")
    )
    total, starts = 0, []
    for start, count, last_end in rows:
        total += count
        if start is not None:
            starts.append((start, count, last_end))
    return total, sorted(starts)


def split_day(starts, zone_name, limit):
    """A day's start_times in DayParts of at most `limit` sessions, cut between two start
    times (a part holds more only when more than `limit` start at once); [] when the day
    holds no more than `limit`."""
    parts, in_part = [], 0  # [[(start, count, last end), ...], ...], sessions in the last
    for start in starts:
        if not parts or in_part + start[1] > limit:
            parts.append([])
            in_part = 0
        parts[-1].append(start)
        in_part += start[1]
    if len(parts) < 2:
        return []
    return [
        DayPart(
            first_start=part[0][0],
            next_start=following[0][0] if following else None,
            starts=utc_to_local(part[0][0], zone_name).time(),
            label=f"{utc_to_local(part[0][0], zone_name):%H:%M}–"
            f"{utc_to_local(max(end for _, _, end in part), zone_name):%H:%M}",
        )
        for part, following in zip(parts, [*parts[1:], None], strict=True)
    ]


IN_THE_SAME_SLOT = 8
NEXT_IN_TRACK = 5


def session_context(session):
    """What a session page shows besides the session itself: a few related sessions (those
    overlapping it in other rooms, the next few of its track), not the whole track.

    One query reads them, the previous and next session and the session's own track, room
    and venue, so that the page costs the same for any size of programme."""
    edition = session.edition
    sessions = public_sessions(edition).prefetch_related(None)
    others = sessions.exclude(pk=session.pk)
    in_slot = others.filter(start__lt=session.end, end__gt=session.start)
    if session.room_id:
        in_slot = in_slot.exclude(room_id=session.room_id)
    parts = [
        sessions.filter(start__lt=session.start).reverse()[:1],  # the previous session
        sessions.filter(start__gt=session.start)[:1],  # the next one
        in_slot[:IN_THE_SAME_SLOT],
    ]
    if session.track_id:  # enough for NEXT_IN_TRACK once those in the slot are left out
        parts.append(
            others.filter(track_id=session.track_id, start__gt=session.start)[
                : NEXT_IN_TRACK + IN_THE_SAME_SLOT
            ]
        )
    wanted = Q(pk=session.pk)
    for part in parts:
        wanted |= Q(pk__in=part.values("pk"))
    rows = sorted(
        SessionPage.objects.select_related("track", "room", "room__venue").filter(wanted),
        key=agenda_order,
    )
    for row in rows:
        if row.pk == session.pk:  # the page's own track, room and venue, read with the rest
            for name in ("track", "room"):
                SessionPage._meta.get_field(name).set_cached_value(session, getattr(row, name))
    rows = [row for row in rows if row.pk != session.pk]
    # The rows are the first of each part in agenda order, so each part's first are theirs.
    slot = [
        row
        for row in rows
        if row.start < session.end
        and row.end > session.start
        and not (session.room_id and row.room_id == session.room_id)
    ][:IN_THE_SAME_SLOT]
    track_next = [
        row
        for row in rows
        if session.track_id
        and row.track_id == session.track_id
        and row.start > session.start
        and row not in slot
    ][:NEXT_IN_TRACK]
    earlier = [row for row in rows if row.start < session.start]
    later = [row for row in rows if row.start > session.start]
    speaker_links = (
        session.session_speakers.filter(speaker__live=True)
        .select_related("speaker", "speaker__organisation", "speaker__photo")
        .prefetch_related("speaker__photo__renditions")
    )
    return {
        "edition": edition,
        "speaker_links": speaker_links,
        "slot_sessions": slot,
        "track_next_sessions": track_next,
        "previous_session": earlier[-1] if earlier else None,
        "next_session": later[0] if later else None,
        "agenda_page": session.get_parent().specific,
        "speakers_page": edition.section("speakers.SpeakersPage"),
    }


def agenda_order(session):
    """public_sessions' order (start, room, title), for sessions read out of it."""
    room_order = session.room.sort_order if session.room else -1
    return (session.start, room_order, session.title)


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
