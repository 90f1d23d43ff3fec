"""Uploaded files are served by Django only in development or when DJANGO_SERVE_MEDIA asks."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.urls import clear_url_caches

import config.urls

ROOT = Path(__file__).resolve().parent.parent


def reload_urls():
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def serve_media(settings):
    settings.SERVE_MEDIA = True
    reload_urls()
    yield
    settings.SERVE_MEDIA = False
    reload_urls()


@pytest.fixture
def rendition_file(settings):
    folder = Path(settings.MEDIA_ROOT) / "images"
    folder.mkdir(parents=True)
    (folder / "hero.fill-480x180.format-webp.webp").write_bytes(b"RIFF\x00\x00\x00\x00WEBP")
    return "/media/images/hero.fill-480x180.format-webp.webp"


def test_media_is_served_with_a_month_of_caching_when_asked(
    client, db, serve_media, rendition_file
):
    response = client.get(rendition_file)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"RIFF\x00\x00\x00\x00WEBP"
    assert response["Content-Type"] == "image/webp"
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=2592000"}


def test_media_is_not_served_by_default_outside_development(client, db, rendition_file):
    assert client.get(rendition_file).status_code == 404


@pytest.mark.slow
def test_production_settings_turn_media_serving_on_with_django_serve_media():
    env = {key: val for key, val in os.environ.items() if not key.startswith("DJANGO_")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "iwt.example.org",
        "DATABASE_URL": "sqlite:////tmp/iwt-serve-media-check.sqlite3",
        "DJANGO_SERVE_MEDIA": "true",
    }
    code = "from django.conf import settings; print(settings.SERVE_MEDIA)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
