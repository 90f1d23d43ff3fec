"""Measure the programme import at 120 and 1,000 talks.

    manage.py bench_import [--sizes 120 1000] [--format text|markdown]

For each size, writes a programme as pretalx writes its frab schedule.xml
(demo/programme_files.py), and imports it into a throwaway edition with a live agenda, in
the edition's zone and dates, inside a transaction that is rolled back at the end, so the
database is left as it was. It prints the time and SQL queries of each step: reading the
file; a dry run; the import, which publishes every session and makes its speakers; and the
same file imported again, which changes nothing.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from demo.benchmarks import table_lines
from demo.management.commands.bench import Rollback, clear_caches
from demo.programme import Programme
from demo.programme_files import TIME_ZONE, pretalx_schedule_xml
from demo.quiet_logs import quiet_logs
from sessions.exchange.importers import parse_file
from sessions.exchange.programme_import import import_programme

COLUMNS = [
    ("talks", "{:,}"),
    ("step", "{}"),
    ("seconds", "{:,.2f}"),
    ("queries", "{:,}"),
    ("created", "{:,}"),
    ("unchanged", "{:,}"),
]


class Command(BaseCommand):
    help = (
        "Benchmark the programme import of a pretalx schedule at several sizes (changes nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=int, nargs="+", default=[120, 1000])
        parser.add_argument("--format", choices=["text", "markdown"], default="text")

    def handle(self, *args, sizes, format, **options):
        self.format = format
        self._row([name for name, _ in COLUMNS], header=True)
        for size in sizes:
            try:
                with quiet_logs(options["verbosity"] < 2), transaction.atomic():
                    self._measure(size)
                    raise Rollback
            except Rollback:
                pass
        clear_caches()

    def _measure(self, size):
        content, first_day, last_day = pretalx_schedule_xml(size)
        edition = Programme.create().edition
        edition.start_date, edition.end_date = first_day, last_day
        edition.time_zone = TIME_ZONE
        edition.save()
        parsed = self._step(size, "read the file", lambda: parse_file(content, "schedule.xml"))
        for step, dry_run in [("dry run", True), ("import", False), ("import again", False)]:
            report = self._step(
                size,
                step,
                lambda dry_run=dry_run: import_programme(
                    edition=edition, parsed=parsed, dry_run=dry_run
                ),
            )
            if report.rejected:
                raise CommandError("\n".join(report.lines()[:10]))

    def _step(self, size, name, work):
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(sql)  # every one: the debug log keeps only the last 9,000
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            started = time.perf_counter()
            result = work()
            seconds = time.perf_counter() - started
        created = len(getattr(result, "created", ()))
        unchanged = len(getattr(result, "unchanged", ()))
        self._row([size, name, seconds, len(queries), created, unchanged])
        return result

    def _row(self, values, header=False):
        for line in table_lines(COLUMNS, values, format=self.format, header=header):
            self.stdout.write(line)
