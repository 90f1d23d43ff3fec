"""Import an edition's programme from CSV, a frab schedule (XML or JSON) or pentabarf XML.

    manage.py import_programme FILE (--edition ID_OR_SLUG | --new-edition) [--dry-run]
        [--format csv|xml|json]

Prints what the file says beside the edition (format, conference, dates, time zone), what
was (or, with --dry-run, would be) created, updated or left unchanged, how its speakers were
matched, and every rejected row with the reason. A file with any problem imports nothing and
the command exits with an error. --new-edition makes the edition from the file, left
unpublished. Progress goes to stderr.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from conference.models import ConferencePage
from sessions.exchange.importers import FORMATS, UnknownFormat, parse_file
from sessions.exchange.programme_import import import_programme

BAR_WIDTH = 30


class ProgressBar:
    """A one-line bar on stderr, redrawn in place: "Checking [#####.....] 12/40"."""

    def __init__(self, stream):
        self.stream = stream

    def __call__(self, stage, done, total):
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stream.write(f"\r{stage:<8} [{bar}] {done}/{total}", ending="")
        if done == total:
            self.stream.write("")
        self.stream.flush()


def find_edition(identifier):
    editions = ConferencePage.objects.all()
    edition = (
        editions.filter(pk=int(identifier)).first()
        if identifier.isdigit()
        else editions.filter(slug=identifier).first()
    )
    if edition is None:
        raise CommandError(f"No edition with the id or slug “{identifier}”.")
    return edition


class Command(BaseCommand):
    help = (
        "Import an edition's programme from a CSV file, a frab schedule.xml/.json or a "
        "pentabarf XML file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--edition", help="The edition's page id or slug.")
        where.add_argument(
            "--new-edition",
            action="store_true",
            help="Make a new, unpublished edition from the file's title, dates and time zone.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )
        parser.add_argument(
            "--format", choices=FORMATS, help="The file's format (default: from its extension)."
        )

    def handle(self, *args, file, edition, new_edition, dry_run, format, **options):
        edition = None if new_edition else find_edition(edition)
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        try:
            parsed = parse_file(content, file.name, format)
        except UnknownFormat as error:
            raise CommandError(str(error)) from None
        report = import_programme(
            edition=edition, parsed=parsed, dry_run=dry_run, progress=ProgressBar(self.stderr)
        )
        for line in report.lines():
            self.stdout.write(line)
        if report.rejected:
            raise CommandError(report.summary())
