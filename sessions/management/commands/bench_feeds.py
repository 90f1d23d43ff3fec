"""Measure the full calendar feed at 100, 1,000 and 5,000 sessions.

    manage.py bench_feeds [--sizes 100 1000 5000] [--repeat 20]

Builds a throwaway programme inside a transaction that is rolled back at the end, so the
database is left as it was. Prints, per size: the time to build the calendar, the server
time of a request with the feed cache empty and with it filled, the SQL queries of each,
and the body size.
"""

import statistics
import time
from datetime import date, datetime, timedelta

from django.apps import apps
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from conference.management.quiet_logs import quiet_logs
from conference.models import ConferencePage, Room, Venue
from conference.timezones import local_to_utc
from sessions.ical import build_calendar
from sessions.models import AgendaPage, SessionPage, SessionSpeaker, Track
from sessions.queries import public_sessions


class Rollback(Exception):
    """Raised to undo the throwaway programme."""


class Command(BaseCommand):
    help = "Benchmark the full calendar feed at several programme sizes (changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
        parser.add_argument("--repeat", type=int, default=20)

    def handle(self, *args, sizes, repeat, **options):
        self.stdout.write(
            f"{'sessions':>9} {'build ms':>9} {'uncached ms':>12} {'queries':>8} "
            f"{'cached ms':>10} {'queries':>8} {'body KB':>8}"
        )
        try:
            with quiet_logs(options["verbosity"] < 2), transaction.atomic():
                edition, agenda = self._edition()
                created = 0
                for size in sorted(sizes):
                    self._add_sessions(agenda, edition, created, size - created)
                    created = size
                    self.stdout.write(self._measure(edition, size, repeat))
                raise Rollback
        except Rollback:
            pass
        cache.clear()

    def _edition(self):
        home = Site.objects.get(is_default_site=True).root_page
        venue = Venue.objects.create(name="Benchmark venue", address="1 Test Street")
        edition = ConferencePage(
            title="Benchmark edition",
            slug="benchmark-edition",
            start_date=date(2031, 10, 11),
            end_date=date(2031, 10, 12),
            venue=venue,
        )
        home.add_child(instance=edition)
        agenda = AgendaPage(title="Agenda", slug="agenda")
        edition.add_child(instance=agenda)
        self.rooms = [Room.objects.create(venue=venue, name=f"Room {n}") for n in range(8)]
        self.tracks = [
            Track.objects.create(edition=edition, name=f"Track {n}", slug=f"track-{n}")
            for n in range(4)
        ]
        Speaker = apps.get_model("speakers", "Speaker")
        self.speakers = [
            Speaker.objects.create(name=f"Speaker {n}", slug=f"bench-speaker-{n}", live=True)
            for n in range(50)
        ]
        return edition, agenda

    def _add_sessions(self, agenda, edition, first, count):
        day_start = local_to_utc(datetime(2031, 10, 11, 8), edition.time_zone)
        with disable_reference_index_auto_update():
            for number in range(first, first + count):
                start = day_start + timedelta(days=number % 2, minutes=number // 2 % 600)
                session = SessionPage(
                    title=f"Session {number}: trade, enforcement; “online” markets",
                    slug=f"session-{number}",
                    start=start,
                    end=start + timedelta(minutes=45),
                    room=self.rooms[number % 8],
                    track=self.tracks[number % 4],
                    abstract="<p>How traffickers use online marketplaces.</p>",
                    session_speakers=[
                        SessionSpeaker(speaker=self.speakers[number % 50], sort_order=0),
                        SessionSpeaker(speaker=self.speakers[(number + 7) % 50], sort_order=1),
                    ],
                    live=True,
                    first_published_at=start,
                    last_published_at=start,
                )
                agenda.add_child(instance=session)

    def _measure(self, edition, size, repeat):
        client = Client(HTTP_HOST="localhost")
        connection.queries_log.clear()  # it keeps only the last 9,000 queries
        url = reverse("calendar-agenda", args=[edition.pk])
        sessions = public_sessions(edition)

        started = time.perf_counter()
        body = build_calendar(
            feed_id="bench",
            sessions=sessions.all(),
            name=edition.title,
            description="Benchmark",
            url="http://localhost/",
            session_url=lambda session: session.get_full_url(),
        )
        build_ms = (time.perf_counter() - started) * 1000

        uncached, uncached_queries = [], 0
        for _ in range(max(3, repeat // 5)):
            cache.clear()
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                uncached.append((time.perf_counter() - started) * 1000)
            uncached_queries = len(queries)
            assert response.status_code == 200, response.status_code

        cached = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                cached.append((time.perf_counter() - started) * 1000)
            cached_queries = len(queries)
        return (
            f"{size:>9} {build_ms:>9.1f} {statistics.median(uncached):>12.1f} "
            f"{uncached_queries:>8} {statistics.median(cached):>10.2f} {cached_queries:>8} "
            f"{len(body) / 1024:>8.0f}"
        )
