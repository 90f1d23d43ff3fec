import socket

import pytest

from django.contrib.auth import get_user_model
from django.core.cache import cache

from tests.factories import AgendaPageFactory, ConferencePageFactory, SpeakersPageFactory


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


@pytest.fixture
def local_redis_url():
    """The Redis beside the test suite, in database 13, the tests' own. CI runs one; on a
    machine without it, the tests that need it are skipped, saying so."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("needs Redis at 127.0.0.1:6379, which CI runs")
    return "redis://127.0.0.1:6379/13"
