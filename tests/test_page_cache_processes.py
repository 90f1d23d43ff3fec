"""Several app servers share one cache: a change published by one process is served by
another at once. The other process here is a real one, publishing through Django's ORM into
the same database, with the same shared cache: a cache in files (works everywhere) and Redis;
and the setup with no cache configured at all, as `make demo` runs it.
"""

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from django.db import connection
from django.urls import reverse

from tests.browser.demo import free_port, runserver
from tests.factories import SessionPageFactory, london
from tests.test_settings import manage

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parent.parent
PUBLISH_IN_ANOTHER_PROCESS = """
import json, os, sys
import django
from django.conf import settings

settings.CACHES = json.loads(os.environ["SHARED_CACHES"])
django.setup()
from sessions.models import SessionPage

session = SessionPage.objects.get(pk=int(sys.argv[1]))
session.title = sys.argv[2]
session.save_revision().publish()
"""


@pytest.fixture(params=["files", "redis"])
def shared_caches(request, settings, tmp_path):
    if request.param == "files":
        caches = {
            "default": {
                "BACKEND": "config.file_cache.FastFileBasedCache",
                "LOCATION": str(tmp_path / "cache"),
            }
        }
    else:
        caches = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": request.getfixturevalue("local_redis_url"),
            }
        }
    settings.CACHES = caches
    settings.PAGE_CACHE_SECONDS = 600
    from django.core.cache import cache

    cache.clear()
    yield caches
    cache.clear()


def database_url():
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    return f"postgres://{credentials}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


def publish_in_another_process(session, title, caches):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "SHARED_CACHES": json.dumps(caches),
    }
    result = subprocess.run(
        [sys.executable, "-c", PUBLISH_IN_ANOTHER_PROCESS, str(session.pk), title],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_a_change_published_by_another_process_is_served_at_once(
    client, shared_caches, edition, agenda
):
    session = SessionPageFactory(
        parent=agenda,
        title="Opening keynote",
        start=london(2027, 10, 11, 9),
        end=london(2027, 10, 11, 10),
    )
    for url in (agenda.url, session.url):
        client.get(url)
        kept = client.get(url)
        assert kept["X-Cache"] == "HIT"
        assert "Opening keynote" in kept.text

    publish_in_another_process(session, "Keynote moved to the main hall", shared_caches)

    for url in (agenda.url, session.url):
        fresh = client.get(url)
        assert fresh["X-Cache"] == "MISS"
        assert "Keynote moved to the main hall" in fresh.text
        assert client.get(url)["X-Cache"] == "HIT"


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.headers.get("X-Cache"), response.read().decode()


def test_with_no_cache_configured_a_change_published_elsewhere_reaches_the_running_server(
    edition, agenda, tmp_path
):
    """`make demo`'s settings, no REDIS_URL: the server and cron's publish_scheduled (or an
    import) are separate processes, and the server must not keep serving the old programme."""
    session = SessionPageFactory(
        parent=agenda,
        title="Opening keynote",
        start=london(2027, 10, 11, 9),
        end=london(2027, 10, 11, 10),
    )
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "REDIS_", "DATABASE_"))
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url(),
        # The default cache, in a folder of this test's own.
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
    }
    port = free_port()
    site = f"http://127.0.0.1:{port}"
    pages = [agenda.url, reverse("calendar-agenda", args=[edition.pk])]
    with runserver(port, env, tmp_path / "runserver.log"):
        for url in pages:
            get(site + url)
            cached, body = get(site + url)
            assert (cached, "Opening keynote" in body) == ("HIT", True)

        publish = (
            "from sessions.models import SessionPage\n"
            f"session = SessionPage.objects.get(pk={session.pk})\n"
            "session.title = 'Keynote moved to the main hall'\n"
            "session.save_revision().publish()\n"
        )
        result = manage("shell", "--no-imports", "-c", publish, env=env)
        assert result.returncode == 0, result.stderr

        for url in pages:
            cached, body = get(site + url)
            assert (cached, "Keynote moved to the main hall" in body) == ("MISS", True), url
