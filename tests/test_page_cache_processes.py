"""Several app servers share one cache: a change published by one process is served by
another at once. The other process here is a real one, publishing through Django's ORM into
the same database, with the same shared cache: a cache in files (works everywhere) and Redis.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.db import connection

from tests.factories import SessionPageFactory, london

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
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
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
