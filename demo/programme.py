"""A throwaway programme of any size, inserted in bulk: a valid page tree, but no revisions,
search index or reference index entries, which takes seconds instead of minutes at 5,000
sessions. For measurements (manage.py bench) and tests that need a large programme."""

from datetime import date, datetime, timedelta

from django.db import connection
from django.db.models import F

from taggit.models import Tag
from wagtail.models import Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from conference.models import ConferencePage, Room, Venue
from conference.timezones import local_to_utc
from sessions.models import AgendaPage, SessionPage, SessionSpeaker, SessionTopic, Track
from speakers.models import Speaker


class Programme:
    """A throwaway edition whose agenda grows by bulk inserts that keep the page tree valid."""

    def __init__(self, edition, agenda, rooms, tracks, speakers):
        self.edition, self.agenda = edition, agenda
        self.rooms, self.tracks, self.speakers = rooms, tracks, speakers
        self.size = 0
        self.edits = 0

    @classmethod
    def create(cls):
        home = Site.objects.get(is_default_site=True).root_page
        venue = Venue.objects.create(name="Benchmark venue", address="1 Test Street")
        edition = ConferencePage(
            title="Benchmark edition",
            slug="benchmark-edition",
            start_date=date(2031, 10, 11),
            end_date=date(2031, 10, 12),
            venue=venue,
        )
        with disable_reference_index_auto_update():
            home.add_child(instance=edition)
            agenda = AgendaPage(title="Agenda", slug="agenda")
            edition.add_child(instance=agenda)
        rooms = [Room.objects.create(venue=venue, name=f"Room {n}") for n in range(8)]
        tracks = [
            Track.objects.create(edition=edition, name=f"Track {n}", slug=f"track-{n}")
            for n in range(4)
        ]
        speakers = Speaker.objects.bulk_create(
            Speaker(name=f"Speaker {n}", slug=f"bench-speaker-{n}", live=True) for n in range(50)
        )
        return cls(edition, agenda, rooms, tracks, speakers)

    def grow_to(self, size):
        """Add live sessions, two speakers each, until the agenda holds `size` of them."""
        numbers = range(self.size, size)
        day_start = local_to_utc(datetime(2031, 10, 11, 8), self.edition.time_zone)
        sessions = []
        for number in numbers:
            start = day_start + timedelta(days=number % 2, minutes=number // 2 % 600)
            sessions.append(
                SessionPage(
                    title=f"Session {number}: trade, enforcement; “online” markets",
                    slug=f"session-{number}",
                    start=start,
                    end=start + timedelta(minutes=45),
                    room=self.rooms[number % 8],
                    track=self.tracks[number % 4],
                    abstract="<p>How traffickers use online marketplaces.</p>",
                    first_published_at=start,
                    last_published_at=start,
                )
            )
        add_sessions(
            self.agenda,
            sessions,
            speakers=[
                [self.speakers[(number + offset) % 50] for offset in (0, 7)] for number in numbers
            ],
        )
        self.size = max(size, self.size)
        if connection.vendor == "postgresql":
            # The planner's statistics, which autovacuum cannot gather from rows not yet
            # committed: without them it plans for empty tables.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def publish_an_edit(self):
        """Publish a new title for one session of the first day, as an organiser would: a
        new revision, with the signals that tell the caches. Each call edits the next one."""
        self.edits += 1
        number = 2 * (self.edits % max(self.size // 2, 1))  # even numbers: the first day
        session = SessionPage.objects.child_of(self.agenda).get(slug=f"session-{number}")
        session.title = f"Session {number}: edited {self.edits} times"
        session.save_revision().publish()


def add_sessions(agenda, sessions, *, speakers, topics=None):
    """Insert `sessions` (new SessionPage objects) as live children of `agenda`, the i-th with
    the speakers `speakers[i]` and the topics named in `topics[i]`.

    Django cannot bulk-create a multi-table model: the page rows go in first, then the
    sessions' own rows, the way Model.save() inserts them but in batches. No signals: no
    revisions, search index, reference index or schedule-change bookkeeping.
    """
    if not sessions:
        return
    last = agenda.get_last_child()
    first_step = last._get_lastpos_in_path() + 1 if last else 1
    for step, session in enumerate(sessions, start=first_step):
        session.draft_title = session.title
        session.live = True
        session.locale_id = agenda.locale_id
        session.path = SessionPage._get_path(agenda.path, agenda.depth + 1, step)
        session.depth = agenda.depth + 1
        session.numchild = 0
        session.set_url_path(agenda)
    page_fields = [field.attname for field in Page._meta.concrete_fields]
    pages = Page.objects.bulk_create(
        Page(**{name: getattr(session, name) for name in page_fields if name != "id"})
        for session in sessions
    )
    for session, page in zip(sessions, pages, strict=True):
        session.id = session.page_ptr_id = page.pk
    fields = SessionPage._meta.local_concrete_fields
    batch = max(connection.ops.bulk_batch_size(fields, sessions), 1)
    for first in range(0, len(sessions), batch):
        SessionPage._base_manager._insert(sessions[first : first + batch], fields=fields)
    SessionSpeaker.objects.bulk_create(
        SessionSpeaker(session=session, speaker=speaker, sort_order=order)
        for session, its_speakers in zip(sessions, speakers, strict=True)
        for order, speaker in enumerate(its_speakers)
    )
    if topics:
        names = {name for its_topics in topics for name in its_topics}
        tags = {name: Tag.objects.get_or_create(name=name)[0] for name in names}
        SessionTopic.objects.bulk_create(
            SessionTopic(content_object=session, tag=tags[name])
            for session, its_topics in zip(sessions, topics, strict=True)
            for name in its_topics
        )
    Page.objects.filter(pk=agenda.pk).update(numchild=F("numchild") + len(sessions))
    agenda.numchild += len(sessions)
