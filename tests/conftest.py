import os
import socket

import pytest
from pytest_django.fixtures import validate_django_db
from pytest_django.plugin import blocking_manager_key

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connections

from tests import factories, migrated_database
from tests.factories import AgendaPageFactory, ConferencePageFactory, SpeakersPageFactory


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings):
    """On SQLite, start from the migrated database a previous run kept, where there is one
    (tests/migrated_database.py). It stands in for --reuse-db, which cannot reuse a test
    database named after its process."""
    return migrated_database.usable(request.config) and migrated_database.copy_into_place()


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_keepdb, django_db_blocker):
    if migrated_database.usable(request.config):
        with django_db_blocker.unblock():
            migrated_database.keep()
    yield
    if django_db_keepdb:  # pytest-django leaves a database it was told to keep
        migrated_database.remove_test_database()


def serialized_transactional(item):
    """Whether the test runs in real transactions, starting from the migrated data."""
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    transaction, _, _, serialized_rollback, _ = validate_django_db(marker)
    return transaction and serialized_rollback


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Leave the browser tests out unless a marker expression names them (-m browser).
    Refuse a transactional test that would leave the migrated data gone for the next test."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker is not None
            and validate_django_db(marker)[0]
            and not (serialized_transactional(item))
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: give django_db(transaction=True) serialized_rollback=True, "
                "so that the migrated data is there again for the tests after it"
            )
    if "browser" in config.option.markexpr:
        return
    browser = [item for item in items if item.get_closest_marker("browser")]
    if browser:
        config.hook.pytest_deselected(items=browser)
        items[:] = [item for item in items if not item.get_closest_marker("browser")]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by emptying the database (Django's flush); put back what the
    migrations wrote (roles, workflows, the home page), which the tests that follow it on this
    worker need, whatever order pytest-xdist runs them in."""
    try:
        return (yield)
    finally:
        # After the last test the test database is gone; a next test in real transactions
        # puts the migrated data back itself.
        if (
            serialized_transactional(item)
            and nextitem is not None
            and not serialized_transactional(nextitem)
        ):
            with item.config.stash[blocking_manager_key].unblock():
                for database in connections.all(initialized_only=True):
                    if contents := getattr(database, "_test_serialized_contents", None):
                        database.creation.deserialize_db_from_string(contents)


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    """Each test writes images into its own folder and starts with an empty cache."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture
def edition(db):
    return ConferencePageFactory(title="IWT Conference 2027", slug="iwt-2027")


@pytest.fixture
def agenda(edition):
    return AgendaPageFactory(parent=edition, slug="agenda")


@pytest.fixture
def speakers_page(edition):
    return SpeakersPageFactory(parent=edition, slug="speakers")


@pytest.fixture
def admin_client(client, db):
    """The test client, signed in to the admin as a superuser."""
    user = get_user_model().objects.create_superuser("organiser", "o@example.com", "pw")
    client.force_login(user)
    return client


# Redis databases 8 to 15 are the tests' own: one per pytest-xdist worker, so that workers
# running side by side never empty each other's cache.
FIRST_TEST_REDIS_DATABASE = 8


@pytest.fixture(scope="session")
def local_redis_url(worker_id):
    """The Redis beside the test suite, in this worker's own database. CI runs one; on a
    machine without it, the tests that need it are skipped, saying so."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        if os.environ.get("CI"):
            pytest.fail("CI must run Redis at 127.0.0.1:6379")
        pytest.skip("needs Redis at 127.0.0.1:6379, which CI runs")
    worker = 0 if worker_id == "master" else int(worker_id.removeprefix("gw"))
    if worker > 7:
        pytest.fail("Redis has 16 databases and the tests use 8 to 15: run at most 8 workers")
    return f"redis://127.0.0.1:6379/{FIRST_TEST_REDIS_DATABASE + worker}"


@pytest.fixture
def search_index(settings):
    """Wagtail's search index kept up to date as the site keeps it; the other tests skip it,
    which makes every page they build a third faster (config/settings/test.py)."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}


@pytest.fixture
def reference_index(monkeypatch):
    """Content the factories write is entered in Wagtail's reference index, as the admin
    enters it; the admin's usage and delete views read it (tests/factories.py)."""
    monkeypatch.setattr(factories, "INDEX_REFERENCES", True)
