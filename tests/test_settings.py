"""Production settings refuse to start half-configured and pass Django's deployment checks."""

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "iwt.example.org",
    "DATABASE_URL": "sqlite:////tmp/iwt-settings-check.sqlite3",
}


OURS = ("DJANGO_", "DATABASE_", "REDIS_", "AWS_", "SMTP_", "GUNICORN_")


def run(command, env):
    # Only what the test gives: none of the outer process's settings.
    clean = {key: value for key, value in os.environ.items() if not key.startswith(OURS)}
    return subprocess.run(
        command, cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def manage(*args, env):
    return run([sys.executable, "manage.py", *args], env)


def test_production_settings_refuse_to_start_without_required_variables():
    result = manage("check", env={"DJANGO_SETTINGS_MODULE": "config.settings.production"})
    assert result.returncode != 0
    assert (
        "Production settings need these environment variables: "
        "DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL"
    ) in result.stderr


@pytest.mark.parametrize(
    "database_url",
    [PRODUCTION_ENV["DATABASE_URL"], "postgres://iwt:secret@db.internal:5432/iwt"],
    ids=["sqlite", "postgresql"],
)
def test_production_settings_pass_the_deployment_checks(database_url):
    """The checks read the models only: no PostgreSQL needs to answer at that address."""
    env = {**PRODUCTION_ENV, "DATABASE_URL": database_url}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_lets_load_balancer_health_checks_through_over_plain_http():
    """Every other address is redirected to HTTPS; /healthz and /healthz/deep answer where
    they are asked."""
    probe = (
        "from django.test import Client; client = Client(HTTP_HOST='iwt.example.org'); "
        "print(*(client.get(path).status_code for path in ['/healthz', '/healthz/deep', '/']))"
    )
    result = manage("shell", "--verbosity", "0", "-c", probe, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "200", "301"]


def python(code, env):
    """Runs `code` in a fresh interpreter that sees only `env` (no Django set-up: fast)."""
    return run([sys.executable, "-c", code], env)


def refusal(env):
    """What importing the production settings with `env` says on stderr; it must fail."""
    result = python("import config.settings.production", env)
    assert result.returncode != 0
    return result.stderr


@functools.cache
def _settings_read(env_items):
    code = (
        "import json; import config.settings.production as settings; "
        "print(json.dumps({name: getattr(settings, name) for name in dir(settings) "
        "if name.isupper()}, default=str))"
    )
    result = python(code, dict(env_items))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def production_settings(env):
    """The production settings as a process that reads `env` sees them."""
    return _settings_read(tuple(sorted(env.items())))


S3_ENV = {
    **PRODUCTION_ENV,
    "DJANGO_MEDIA_STORAGE": "s3",
    "AWS_STORAGE_BUCKET_NAME": "iwt-media",
    "AWS_S3_ENDPOINT_URL": "https://objects.example.net",
    "AWS_S3_REGION_NAME": "eu-west-2",
    "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "example-secret",
}


def test_production_settings_refuse_s3_media_without_a_bucket():
    env = {key: value for key, value in S3_ENV.items() if key != "AWS_STORAGE_BUCKET_NAME"}
    assert (
        "Production settings need these environment variables: AWS_STORAGE_BUCKET_NAME "
        "(DJANGO_MEDIA_STORAGE=s3)"
    ) in refusal(env)


def test_production_settings_name_every_missing_variable_at_once():
    env = {"DJANGO_MEDIA_STORAGE": "s3", "DJANGO_ALLOWED_HOSTS": "iwt.example.org"}
    assert (
        "Production settings need these environment variables: DJANGO_SECRET_KEY, "
        "DATABASE_URL, AWS_STORAGE_BUCKET_NAME (DJANGO_MEDIA_STORAGE=s3)"
    ) in refusal(env)


def test_production_settings_refuse_an_unknown_media_storage():
    stderr = refusal({**PRODUCTION_ENV, "DJANGO_MEDIA_STORAGE": "ftp"})
    assert "DJANGO_MEDIA_STORAGE must be local or s3, not 'ftp'" in stderr


# Production as most servers run it: Redis as the cache, media on a local disk.
SERVER_ENV = {
    **PRODUCTION_ENV,
    "REDIS_URL": "redis://cache.internal:6379/0",
    "REDIS_CONNECT_TIMEOUT": "0.1",
    "DJANGO_MEDIA_ROOT": "/srv/iwt/media",
}


def test_production_media_on_local_disk_by_default():
    values = production_settings(SERVER_ENV)
    assert values["STORAGES"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    assert values["MEDIA_ROOT"] == "/srv/iwt/media"


def test_production_media_in_s3_private_and_signed_without_a_custom_domain():
    values = production_settings(S3_ENV)
    media = values["STORAGES"]["default"]
    assert media["BACKEND"] == "storages.backends.s3.S3Storage"
    assert {
        "bucket_name": "iwt-media",
        "endpoint_url": "https://objects.example.net",
        "region_name": "eu-west-2",
        "access_key": "AKIAEXAMPLE",
        "secret_key": "example-secret",
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }.items() <= media["OPTIONS"].items()
    # Static files stay with WhiteNoise.
    assert values["STORAGES"]["staticfiles"]["BACKEND"].startswith("whitenoise.")


def test_production_media_in_s3_unsigned_through_a_custom_domain():
    env = {**S3_ENV, "AWS_S3_CUSTOM_DOMAIN": "media.iwt.example.org", "AWS_LOCATION": "uploads"}
    values = production_settings(env)
    options = values["STORAGES"]["default"]["OPTIONS"]
    assert options["custom_domain"] == "media.iwt.example.org"
    assert options["querystring_auth"] is False
    assert options["location"] == "uploads"
    assert values["MEDIA_URL"] == "https://media.iwt.example.org/uploads/"


def test_production_media_in_s3_builds_working_storage():
    """django-storages accepts every option given (it rejects unknown ones), offline."""
    code = (
        "import django; django.setup(); "
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.bucket_name, s.file_overwrite, s.url('a b.png'))"
    )
    env = {**S3_ENV, "AWS_S3_CUSTOM_DOMAIN": "media.iwt.example.org"}
    result = python(code, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "S3Storage",
        "iwt-media",
        "False",
        "https://media.iwt.example.org/a%20b.png",
    ]


def test_production_without_redis_shares_the_cache_between_workers_through_files():
    """Each gunicorn worker is a process: a cache in one worker's memory would miss the
    changes published through the others."""
    cache = production_settings({**PRODUCTION_ENV, "DJANGO_CACHE_DIR": "/srv/iwt/cache"})
    assert cache["CACHES"]["default"]["BACKEND"] == "config.file_cache.FastFileBasedCache"
    assert cache["CACHES"]["default"]["LOCATION"] == "/srv/iwt/cache"
    # Sessions' pieces are many and small, and their keys name all they show: each
    # worker keeps its own in memory, never out of date.
    assert cache["CACHES"]["pieces"]["BACKEND"] == "config.memory_cache.ManyAtOnceMemoryCache"


def test_production_cache_is_the_fail_open_redis_with_short_timeouts():
    caches = production_settings(SERVER_ENV)["CACHES"]
    cache = caches["default"]
    assert caches["pieces"] == cache  # sessions' pieces are shared by the servers too
    assert cache["BACKEND"] == "config.cache.FailOpenRedisCache"
    assert cache["LOCATION"] == "redis://cache.internal:6379/0"
    assert cache["OPTIONS"]["socket_connect_timeout"] == 0.1
    assert cache["OPTIONS"]["socket_timeout"] == 0.5


def test_production_keeps_database_connections_for_a_minute_by_default():
    database = production_settings(SERVER_ENV)["DATABASES"]["default"]
    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (60, True)


def test_production_mail_over_implicit_tls_when_asked():
    env = {**PRODUCTION_ENV, "SMTP_USE_SSL": "true", "DATABASE_CONN_MAX_AGE": "0"}
    values = production_settings(env)
    options = values["MAILERS"]["default"]["OPTIONS"]
    assert (options["use_ssl"], options["use_tls"], options["port"]) == (True, False, 465)
    assert values["DATABASES"]["default"]["CONN_MAX_AGE"] == 0


def test_production_mail_over_starttls_by_default():
    options = production_settings(SERVER_ENV)["MAILERS"]["default"]["OPTIONS"]
    assert (options["use_ssl"], options["use_tls"], options["port"]) == (False, True, 587)


def test_production_mail_refuses_both_ssl_and_starttls():
    stderr = refusal({**PRODUCTION_ENV, "SMTP_USE_SSL": "true", "SMTP_USE_TLS": "true"})
    assert "SMTP_USE_SSL and SMTP_USE_TLS cannot both be on" in stderr


def test_production_mail_comes_from_the_site_s_own_host_by_default():
    values = production_settings(SERVER_ENV)
    assert values["DEFAULT_FROM_EMAIL"] == "IWT Conference <noreply@iwt.example.org>"
    assert values["SERVER_EMAIL"] == values["DEFAULT_FROM_EMAIL"]


def test_production_writes_mail_to_files_when_asked():
    """A staging server on production settings that must not mail anyone."""
    env = {**PRODUCTION_ENV, "DJANGO_EMAIL_FILE_PATH": "/srv/iwt/mail"}
    assert production_settings(env)["MAILERS"]["default"] == {
        "BACKEND": "config.mail.ReadableFileBackend",
        "OPTIONS": {"file_path": "/srv/iwt/mail"},
    }
