"""The demo content, built once per test module rather than once per test.

The module's `demo` fixture builds it inside a transaction of its own; each test then runs in
a savepoint inside that transaction, as every test does, so what a test changes is undone
after it, and the demo itself after the module.
"""

from io import StringIO

import pytest

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, media_root):
    """The demo's images stay in the module's folder, where they were drawn."""
    settings.MEDIA_ROOT = media_root
    cache.clear()


@pytest.fixture(scope="module")
def demo_database(django_db_setup, django_db_blocker):
    """Database access for the module's own fixtures, inside the transaction that holds the
    demo; tests still need `db` (through `demo`) for theirs."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    yield django_db_blocker
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo_content(demo_database, media_root):
    """What `load_demo_data` printed when it built the demo."""
    output = StringIO()
    with demo_database.unblock(), override_settings(MEDIA_ROOT=media_root):
        call_command("load_demo_data", stdout=output)
    return output.getvalue()


@pytest.fixture
def demo(demo_content, db):
    """The demo conference, as `manage.py load_demo_data` builds it."""
