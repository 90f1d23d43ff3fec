"""Programme imports from the admin run as a background task, one at a time.

The admin stores the upload as a ProgrammeImport and queues `run_programme_import`; a worker
(or, with in-process tasks, the request itself) imports it, keeping the report on the record.
Progress goes to the cache, not the database: the import writes in one transaction, which
other connections cannot see into until it ends.
"""

import logging
from datetime import timedelta

from django.core.cache import cache
from django.db import IntegrityError, OperationalError, transaction
from django.tasks import task
from django.utils import timezone

from sessions.models import ProgrammeImport, ProgrammeImportStatus

from .importers import parse_file
from .programme_import import import_programme

logger = logging.getLogger(__name__)
# An import still unfinished after this long stopped with its worker; its transaction was
# rolled back, so nothing of it was written, and it no longer holds up the next one.
ABANDONED_AFTER = timedelta(hours=1)


class ImportRunning(Exception):
    """Another import is queued or running."""

    def __init__(self, running: ProgrammeImport | None):
        super().__init__("Another programme import is running.")
        self.running = running


def progress_key(import_id) -> str:
    return f"programme-import-progress:{import_id}"


def progress_of(programme_import) -> tuple[str, int, int] | None:
    """(stage, done, total) of a running import, when a worker has said."""
    return cache.get(progress_key(programme_import.pk))


def release_abandoned():
    ProgrammeImport.objects.filter(
        active=True, created_at__lt=timezone.now() - ABANDONED_AFTER
    ).update(
        active=None,
        status=ProgrammeImportStatus.FAILED,
        finished_at=timezone.now(),
        content=b"",
        report={"error": "The import stopped without finishing. Nothing of it was written."},
    )


def start_import(**fields) -> ProgrammeImport:
    """Record the import and queue it; ImportRunning if one is already queued or running.

    The running one is looked for first (a read, which never waits on the import's write
    lock), and the unique constraint on `active` settles two submits at the same moment."""
    release_abandoned()
    running = ProgrammeImport.objects.filter(active=True).select_related("user").first()
    if running is not None:
        raise ImportRunning(running)
    try:
        with transaction.atomic():
            programme_import = ProgrammeImport.objects.create(**fields)
    except (IntegrityError, OperationalError):  # OperationalError: SQLite's write lock
        raise ImportRunning(ProgrammeImport.objects.filter(active=True).first()) from None
    # Queued once the record is committed (the atomic block above, in the request's
    # autocommit); with in-process tasks the import runs here, before the redirect.
    run_programme_import.enqueue(programme_import.pk)
    return programme_import


@task
def run_programme_import(import_id):
    run(import_id)


def run(import_id):
    programme_import = ProgrammeImport.objects.filter(
        pk=import_id, status=ProgrammeImportStatus.QUEUED
    ).first()
    if programme_import is None:
        return  # released as abandoned, or already run
    programme_import.status = ProgrammeImportStatus.RUNNING
    programme_import.started_at = timezone.now()
    programme_import.save(update_fields=["status", "started_at"])

    def progress(stage, done, total):
        if done == total or done % 10 == 0:
            cache.set(progress_key(import_id), (stage, done, total), 3600)

    try:
        parsed = parse_file(
            bytes(programme_import.content),
            programme_import.filename,
            programme_import.file_format or None,
        )
        report = import_programme(
            parsed=parsed,
            edition=None if programme_import.as_new_edition else programme_import.edition,
            venue=programme_import.venue,
            dry_run=programme_import.dry_run,
            progress=progress,
        )
    except Exception:
        logger.exception("Programme import %s stopped", import_id)
        programme_import.status = ProgrammeImportStatus.FAILED
        programme_import.report = {
            "error": "The import stopped with an error, and nothing of it was written. "
            "The error is in the server's log."
        }
    else:
        programme_import.status = ProgrammeImportStatus.DONE
        programme_import.report = report.as_data()
        if report.edition and report.edition.pk:
            programme_import.edition_id = report.edition.pk
    finally:
        programme_import.active = None
        programme_import.finished_at = timezone.now()
        if programme_import.status != ProgrammeImportStatus.DONE or not programme_import.dry_run:
            programme_import.content = b""  # a dry run's file is kept to import it next
        programme_import.save()
        cache.delete(progress_key(import_id))
