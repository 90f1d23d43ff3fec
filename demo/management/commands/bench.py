"""Measure the agenda page, the full calendar feed, a session page and a track page at 100,
1,000 and 5,000 sessions: built from nothing, after one session is edited, and cached.

    manage.py bench [--sizes 100 1000 5000] [--repeat 20] [--budget 30]
                    [--format text|markdown]

Builds a throwaway programme inside a transaction that is rolled back at the end, so the
database is left as it was. For each size and each of the four pages it prints the body
size, then the median server time and SQL queries of three kinds of request:
- cold: every cache cleared first, so the page is built from nothing;
- edited: right after one session of the first day got a new title, published as an
  organiser would (outside the time measured), so the page cache no longer serves the
  page, and the agenda and the feed are put together from the sessions' cached pieces with
  one built again (sessions/fragments.py); "edited/cold" is the share of a full build that
  costs;
- cached: the second and later requests, from the page cache;
and the median time WhiteNoise takes to serve the same bytes as a static file, with the
cached time as a multiple of that. Medians are of `--repeat` requests (cold and edited: a
fifth of that), or of fewer, at least 3, once the requests have taken `--budget` seconds.
The time to build each programme goes to stderr.

Every request runs in this process: the pages through `django.test.Client`, so the whole
middleware stack runs; the static file through a `whitenoise.WhiteNoise` application for a
temporary folder, called with the same WSGI environ the client builds. Each time is taken
around the whole call, reading the body included. Neither is compressed (no
Accept-Encoding). Clearing the caches empties the configured cache backends, Redis included
when REDIS_URL is set.

The sessions are inserted in bulk by demo/programme.py, which takes seconds instead of
minutes at 5,000.
"""

import statistics
import tempfile
import time
from pathlib import Path

from whitenoise import WhiteNoise

from django.conf import settings
from django.core.cache import caches
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.benchmarks import add_budget_and_format_arguments, table_lines
from demo.programme import Programme
from demo.quiet_logs import quiet_logs

HOST = "localhost"
COLUMNS = [
    ("sessions", "{:,}"),
    ("page", "{}"),
    ("body KB", "{:,.0f}"),
    ("cold ms", None),
    ("queries", "{}"),
    ("edited ms", None),
    ("queries", "{}"),
    ("edited/cold", "{:.2f}"),
    ("cached ms", None),
    ("queries", "{}"),
    ("static ms", None),
    ("cached/static", "{:,.0f}"),
]


class Rollback(Exception):
    """Raised to undo the throwaway programme."""


class Command(BaseCommand):
    help = (
        "Benchmark the agenda page, the full calendar feed, a session page and a track page "
        "at several programme sizes against the same bytes served as a static file "
        "(changes nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
        parser.add_argument(
            "--repeat", type=int, default=20, help="Cached and static requests per median."
        )
        add_budget_and_format_arguments(parser)

    def handle(self, *args, sizes, repeat, budget, format, **options):
        self.format = format
        self._row([name for name, _ in COLUMNS], header=True)
        try:
            with (
                quiet_logs(options["verbosity"] < 2),
                tempfile.TemporaryDirectory() as folder,
                transaction.atomic(),
            ):
                programme = Programme.create()
                pages = {
                    "agenda": (programme.agenda.get_url(), Path(folder, "agenda.html")),
                    "feed": (
                        reverse("calendar-agenda", args=[programme.edition.pk]),
                        Path(folder, "feed.ics"),
                    ),
                    # The first session: its track's later sessions all follow it.
                    "session": (
                        programme.agenda.get_url() + "session-0/",
                        Path(folder, "session.html"),
                    ),
                    # A track's page: a quarter of the programme, one day at a time past
                    # AGENDA_ALL_DAYS_LIMIT, as the agenda is.
                    "track": (
                        programme.agenda.get_url() + "tracks/track-0/",
                        Path(folder, "track.html"),
                    ),
                }
                for size in sorted(sizes):
                    started = time.perf_counter()
                    programme.grow_to(size)
                    self._note(f"{size:,} sessions built in {time.perf_counter() - started:.1f} s")
                    for name, (url, file) in pages.items():
                        measured = self._measure(programme, url, file, repeat, budget)
                        self._row([size, name, *measured])
                raise Rollback
        except Rollback:
            pass
        clear_caches()

    def _measure(self, programme, url, file, repeat, budget):
        client = Client(HTTP_HOST=HOST)
        connection.queries_log.clear()  # it keeps only the last 9,000 queries

        def cold_get():
            clear_caches()
            return timed_get(client, url)

        def edited_get():
            programme.publish_an_edit()
            return timed_get(client, url)

        fewer = max(3, repeat // 5)
        _, cold_ms, cold_queries = sample(cold_get, fewer, budget)
        timed_get(client, url)  # the pieces an edit leaves are in the cache
        _, edited_ms, edited_queries = sample(edited_get, fewer, budget)
        body, cached_ms, cached_queries = sample(lambda: timed_get(client, url), repeat, budget)

        file.write_bytes(body)
        static = WhiteNoise(not_found, root=file.parent)
        environ = RequestFactory(HTTP_HOST=HOST).get(f"/{file.name}").environ
        static_body, static_ms, _ = sample(lambda: timed_wsgi(static, environ), repeat, budget)
        if static_body != body:
            raise AssertionError(f"WhiteNoise served other bytes than {url}")
        return [
            len(body) / 1024,
            cold_ms,
            cold_queries,
            edited_ms,
            edited_queries,
            edited_ms / cold_ms,
            cached_ms,
            cached_queries,
            static_ms,
            cached_ms / static_ms,
        ]

    def _row(self, values, header=False):
        for line in table_lines(COLUMNS, values, format=self.format, header=header):
            self.stdout.write(line)

    def _note(self, text):
        self.stderr.write(text, style_func=lambda text: text)


def clear_caches():
    for alias in settings.CACHES:
        caches[alias].clear()


def sample(measure, count, budget):
    """The last body, the median milliseconds and the last query count of `count` calls of
    `measure`, or of fewer (at least 3) once they have taken `budget` seconds."""
    times = []
    started = time.perf_counter()
    while len(times) < count and (len(times) < 3 or time.perf_counter() - started < budget):
        body, elapsed, queries = measure()
        times.append(elapsed)
    return body, statistics.median(times), queries


def timed_get(client, url):
    """The body, milliseconds and SQL queries of one GET through the whole middleware stack."""
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        body = response.content
        elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise AssertionError(f"{url} answered {response.status_code}")
    return body, elapsed, len(queries)


def timed_wsgi(application, environ):
    """The body and milliseconds of one GET to a WSGI application, the body read in full."""
    status = []
    environ = dict(environ)
    started = time.perf_counter()
    result = application(environ, lambda code, headers, exc_info=None: status.append(code))
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    elapsed = (time.perf_counter() - started) * 1000
    if not status[0].startswith("200"):
        raise AssertionError(f"{environ['PATH_INFO']} answered {status[0]}")
    return body, elapsed, 0


def not_found(environ, start_response):
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b""]
