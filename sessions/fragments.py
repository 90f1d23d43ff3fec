"""Each session's piece of the agenda (its <li>) and of the calendar feeds (its VEVENT),
built once per published version and kept in the shared cache: pages and feeds are put
together from the pieces, and after an edit only the edited session's piece is built again.

A piece's key names all it shows:
- the session's published version: its live revision, publish time and address;
- the version of what sessions show besides themselves (`context_tags`): tracks, rooms,
  venues, speakers and organisations, the edition's other pages, the site's addresses; the
  signal handlers that tell the page cache about those changes start it (`context_changed`);
- the code that renders it, hashed once per process, so a new release builds new pieces;
- the host and scheme it was asked on, and the kind and variant of the piece.
So a piece is never out of date: nothing has to find and delete pieces.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from functools import cache as once
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

from conference.models import Room
from conference.page_cache import edition_tag, invalidate, tag_versions

from .models import SessionStatus

SITE_CONTEXT = "context:site"
# The code that renders pieces: a change to any of these files starts new keys.
CODE_FOLDERS = ("conference", "sessions", "speakers", "templates")


def context_tags(edition_id) -> list[str]:
    return [SITE_CONTEXT, "context:" + edition_tag(edition_id)]


def context_changed(*tags):
    """Something every session of the editions among these page cache tags may show
    changed (a track's name, a speaker's, an address): what the tags stand for and all
    those sessions' pieces are new."""
    editions = [tag for tag in tags if tag.startswith(edition_tag(""))]
    invalidate(*tags, *("context:" + tag for tag in editions))


def site_context_changed(*tags):
    """The site's addresses changed: every piece of every edition is new."""
    invalidate(*tags, SITE_CONTEXT)


@dataclass
class ListedSession:
    """What lists of sessions need to place a session (its day, its cell in the timetable,
    whether it is on now) without loading it; `piece` is its rendered <li> once built."""

    pk: int
    start: datetime
    end: datetime
    kind: str
    status: str
    room_id: int | None
    track_id: int | None
    version: str
    room: Room | None = None
    piece: str | None = None

    @property
    def is_cancelled(self):
        return self.status == SessionStatus.CANCELLED


# A session's published version: its live revision, publish time and address.
PUBLISHED_VERSION = Concat(
    Cast("live_revision_id", CharField()),
    Value(":"),
    Cast("last_published_at", CharField()),
    Value(":"),
    "url_path",
    output_field=CharField(),
)


LISTED_FIELDS = (
    "pk",
    "start",
    "end",
    "kind",
    "status",
    "room_id",
    "track_id",
    "room__name",
    "room__sort_order",
    "published_version",
)


def listed_sessions(sessions) -> list[ListedSession]:
    """The sessions of a queryset (in its order) as ListedSessions, in one query; each room
    with the name and order the timetable needs (one Room object per room). The version is
    put together by the database, as text: nothing in it is read as a date."""
    listed, rooms = [], {}
    rows = (
        sessions.prefetch_related(None)
        .annotate(published_version=PUBLISHED_VERSION)
        .values_list(*LISTED_FIELDS)
    )
    for pk, start, end, kind, status, room_id, track_id, room_name, room_order, version in rows:
        session = ListedSession(pk, start, end, kind, status, room_id, track_id, version)
        if room_id is not None:
            if room_id not in rooms:
                rooms[room_id] = Room(pk=room_id, name=room_name, sort_order=room_order)
            session.room = rooms[room_id]
        listed.append(session)
    return listed


@once
def code_version() -> str:
    digest = hashlib.blake2b(digest_size=8)
    for folder in CODE_FOLDERS:
        for path in sorted(Path(settings.BASE_DIR, folder).rglob("*")):
            if path.suffix in {".py", ".html"} and "migrations" not in path.parts:
                digest.update(path.read_bytes())
    return digest.hexdigest()


def pieces(kind, request, edition_id, listed, variant, build_missing) -> dict[int, object]:
    """{session pk: piece} for the ListedSessions `listed`: from the cache, else built by
    `build_missing(pks)`, which returns {pk: piece} of those sessions, and kept.
    `variant(session)` tells apart pieces of one session that differ on the same page."""
    versions = tag_versions(context_tags(edition_id))
    shared = ":".join(
        [kind, code_version(), request.scheme, request.get_host(), *map(str, versions.values())]
    )
    keys = {
        session.pk: "session-piece:"
        + hashlib.blake2b(
            f"{shared}:{session.pk}:{session.version}:{variant(session)}".encode(),
            digest_size=16,
        ).hexdigest()
        for session in listed
    }
    timeout = settings.SESSION_PIECE_SECONDS
    found = caches["pieces"].get_many(list(keys.values())) if timeout > 0 else {}
    result = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in keys if pk not in result]
    if missing:
        built = build_missing(missing)
        if timeout > 0:
            caches["pieces"].set_many(
                {keys[pk]: piece for pk, piece in built.items()}, timeout=timeout
            )
        result.update(built)
    return result
