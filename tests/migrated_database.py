"""A migrated SQLite test database, kept between test runs so that a run need not migrate.

Migrating the test database takes each pytest-xdist worker about ten seconds, the same every
run. The first run on SQLite keeps a copy of the database just migrated in
.cache/test-databases/, named by a digest of everything the migrations depend on: the
migration files and the project modules they import, the settings, the locked versions of
Django, Wagtail and the rest, and the Python version. Later runs copy it into place and
Django finds every migration already applied. A change to any of those makes a new digest,
and that run migrates afresh.
"""

import contextlib
import hashlib
import os
import re
import shutil
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / ".cache" / "test-databases"
FIRST_PARTY_IMPORT = re.compile(
    r"^\s*(?:from|import) ((?:conference|sessions|speakers|registrations|demo)[\w.]*)", re.M
)


def _inputs():
    """The files whose content decides what migrating creates."""
    migrations = sorted(ROOT.glob("*/migrations/*.py"))
    imported = {
        ROOT / (module.replace(".", "/") + ".py")
        for path in migrations
        for module in FIRST_PARTY_IMPORT.findall(path.read_text())
    }
    settings_files = sorted((ROOT / "config" / "settings").glob("*.py"))
    return [
        *migrations,
        *sorted(path for path in imported if path.exists()),
        *settings_files,
        ROOT / "uv.lock",
    ]


def template_path():
    digest = hashlib.sha256(sys.version.encode())
    for path in _inputs():
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return FOLDER / f"sqlite-{digest.hexdigest()[:16]}.sqlite3"


def _test_database_name():
    return settings.DATABASES["default"]["TEST"]["NAME"]


def usable(config):
    """On SQLite, when the run migrates (not with --nomigrations, whose database has no
    migrations applied)."""
    return settings.DATABASES["default"][
        "ENGINE"
    ] == "django.db.backends.sqlite3" and not config.getvalue("nomigrations")


def copy_into_place():
    """Put the kept database where this run's test database goes; False if there is none."""
    try:
        shutil.copyfile(template_path(), _test_database_name())
    except FileNotFoundError:
        return False
    return True


def keep():
    """Keep the test database just migrated, before any test has written to it."""
    template = template_path()
    if template.exists():
        return
    FOLDER.mkdir(parents=True, exist_ok=True)
    an_hour_ago = time.time() - 3600
    for other in FOLDER.iterdir():
        with contextlib.suppress(FileNotFoundError):  # another worker got there first
            if _outdated(other, template, an_hour_ago):
                other.unlink()
    partial = template.with_suffix(f".{os.getpid()}.partial")
    with connection.cursor() as cursor:  # a consistent copy, whatever is still in the WAL
        cursor.execute("VACUUM INTO %s", [str(partial)])
    partial.replace(template)  # whole or not at all, whichever worker gets there first


def _outdated(path, template, before):
    """Kept for another digest, or a copy a crash left half-made."""
    if path.suffix == ".sqlite3":
        return path != template
    return path.suffix == ".partial" and path.stat().st_mtime < before


def remove_test_database():
    Path(_test_database_name()).unlink(missing_ok=True)
