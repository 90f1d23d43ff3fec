"""Measure the delegate directory's pages at 10 and 2,000 listed delegates.

    manage.py bench_directory [--sizes 10 2000] [--repeat 20] [--budget 30]
                              [--format text|markdown]

Builds a throwaway edition with a registration page and a directory (demo/delegates.py)
inside a transaction that is rolled back at the end, so the database is left as it was. Its
listed delegates each have a profile with two tracks, a topic and one to three languages.
The client signs in as the first of them, as a delegate does, by opening their manage link.
For each size it prints, for the directory page, the directory searched (`?q=ivory`), the
directory of one sector (`?sector=law_enforcement`), another delegate's profile page and the
signed-in delegate's manage page (which has the directory's section): the body size, the
median server time of `--repeat` requests, or of fewer (at least 3) once they have taken
`--budget` seconds, and the SQL queries of one. These pages are private to the delegate:
never cached, so every request builds them. The time to build the delegates and the time
people_to_meet takes on its own go to stderr.

Every request runs in this process through `django.test.Client`, the whole middleware stack
included, as `manage.py bench` does. The directory's rate limit per delegate is raised for
the run (it is still counted in the cache on every request).
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from demo.benchmarks import add_budget_and_format_arguments, table_lines
from demo.delegates import Directory
from demo.management.commands.bench import HOST, Rollback, clear_caches, sample, timed_get
from demo.quiet_logs import quiet_logs
from network.directory import with_profiles
from network.suggestions import people_to_meet
from registrations.models import Registration

COLUMNS = [
    ("delegates", "{:,}"),
    ("page", "{}"),
    ("body KB", "{:,.0f}"),
    ("median ms", None),
    ("queries", "{}"),
]
PAGES = {
    "directory": lambda bench: bench.directory.url,
    "directory search": lambda bench: bench.directory.url + "?q=ivory",
    "directory sector": lambda bench: bench.directory.url + "?sector=law_enforcement",
    "profile": lambda bench: bench.directory.profile_url(bench.delegates[1].pk),
    "manage": lambda bench: bench.manage_url(bench.delegates[0]),
}
UNLIMITED = 10**9


class Command(BaseCommand):
    help = (
        "Benchmark the delegate directory, a profile and the manage page at several "
        "numbers of listed delegates (changes nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=int, nargs="+", default=[10, 2000])
        parser.add_argument("--repeat", type=int, default=20, help="Requests per median.")
        add_budget_and_format_arguments(parser)

    def handle(self, *args, sizes, repeat, budget, format, **options):
        if min(sizes) < 2:
            raise CommandError("Each size must be at least 2: one delegate views another.")
        self.format = format
        self._row([name for name, _ in COLUMNS], header=True)
        limits = {**settings.REGISTRATION_RATE_LIMITS, "directory": (UNLIMITED, 3600)}
        try:
            with (
                quiet_logs(options["verbosity"] < 2),
                override_settings(REGISTRATION_RATE_LIMITS=limits),
                transaction.atomic(),
            ):
                bench = Directory.create()
                client = None
                for size in sorted(sizes):
                    started = time.perf_counter()
                    bench.grow_to(size)
                    self._note(
                        f"{size:,} delegates built in {time.perf_counter() - started:.1f} s"
                    )
                    client = client or signed_in_client(bench)
                    self._note_people_to_meet(bench, size, repeat, budget)
                    connection.queries_log.clear()  # it keeps only the last 9,000 queries
                    for name, url in PAGES.items():
                        self._row([size, name, *measure(client, url(bench), repeat, budget)])
                raise Rollback
        except Rollback:
            pass
        clear_caches()

    def _note_people_to_meet(self, bench, size, repeat, budget):
        """How long the suggestions take on their own, for the first delegate."""
        viewer = with_profiles(
            Registration.objects.select_related("edition").filter(pk=bench.delegates[0].pk)
        ).get()
        _, milliseconds, queries = sample(
            lambda: timed_call(lambda: people_to_meet(viewer)), repeat, budget
        )
        self._note(
            f"{size:,} delegates: people_to_meet takes {milliseconds:.1f} ms, {queries} queries"
        )

    def _row(self, values, header=False):
        widths = [max(len(name), 8) for name, _ in COLUMNS]
        widths[1] = max(len(name) for name in PAGES)
        for line in table_lines(COLUMNS, values, format=self.format, header=header, widths=widths):
            self.stdout.write(line)

    def _note(self, text):
        self.stderr.write(text, style_func=lambda text: text)


def measure(client, url, repeat, budget):
    """The body KB, median milliseconds and SQL queries of a GET of `url`, after one GET
    that warms what is cached once per process."""
    timed_get(client, url)
    body, milliseconds, queries = sample(lambda: timed_get(client, url), repeat, budget)
    return [len(body) / 1024, milliseconds, queries]


def signed_in_client(bench):
    """A client signed in as the first delegate, by their manage link."""
    client = Client(HTTP_HOST=HOST)
    timed_get(client, bench.manage_url(bench.delegates[0]))
    body, _, _ = timed_get(client, bench.directory.url)
    if b"delegate-card" not in body:
        raise CommandError("Opening the manage link did not open the directory.")
    return client


def timed_call(function):
    """The result, milliseconds and SQL queries of one call of `function`."""
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = function()
        elapsed = (time.perf_counter() - started) * 1000
    return result, elapsed, len(queries)
