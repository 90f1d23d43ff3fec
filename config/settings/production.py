"""Production: everything from the environment; refuses to start half-configured.

docs/deploying.md lists the variables."""

import logging
import os

from django.core.exceptions import ImproperlyConfigured

from config.logs import logging_config

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DATABASES, STORAGES, TASK_BACKENDS, env_bool

MEDIA_STORAGES = ("local", "s3")
MEDIA_STORAGE = os.environ.get("DJANGO_MEDIA_STORAGE", "local").strip().lower()
if MEDIA_STORAGE not in MEDIA_STORAGES:
    raise ImproperlyConfigured(
        f"DJANGO_MEDIA_STORAGE must be {' or '.join(MEDIA_STORAGES)}, not {MEDIA_STORAGE!r}."
    )

REQUIRED_VARIABLES = ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"]
missing = [name for name in REQUIRED_VARIABLES if not os.environ.get(name)]
if MEDIA_STORAGE == "s3" and not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    missing.append("AWS_STORAGE_BUCKET_NAME (DJANGO_MEDIA_STORAGE=s3)")
if missing:
    raise ImproperlyConfigured(
        f"Production settings need these environment variables: {', '.join(missing)}"
    )

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Load balancers ask for /healthz over plain HTTP, from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/deep)?$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Connections live a minute and are checked before reuse: a restarted PostgreSQL costs the
# requests in flight a 503 (config.middleware), and the next ones connect afresh.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
    )

# Uploaded images and documents: on this server's disk (DJANGO_MEDIA_ROOT; with several
# servers, a shared volume) or in an S3-compatible bucket that every server shares.
if MEDIA_STORAGE == "s3":
    custom_domain = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    location = os.environ.get("AWS_LOCATION", "").strip("/")
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
                "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
                # Unset: boto3 finds credentials itself (instance role, shared files).
                "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
                "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
                "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
                "location": location,
                "custom_domain": custom_domain,
                # No ACL on upload: objects are as private as the bucket's policy says;
                # nothing here makes them public, let alone writable.
                "default_acl": None,
                # Without a public domain in front, links are signed and expire.
                "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", custom_domain is None),
                "querystring_expire": int(os.environ.get("AWS_QUERYSTRING_EXPIRE", "3600")),
                # Two uploads with one name keep both files, as on disk.
                "file_overwrite": False,
                "object_parameters": {"CacheControl": "max-age=2592000"},
            },
        },
    }
    SERVE_MEDIA = False
    if custom_domain:
        MEDIA_URL = f"https://{custom_domain}/{location + '/' if location else ''}"

SMTP_USE_SSL = env_bool("SMTP_USE_SSL")
SMTP_USE_TLS = env_bool("SMTP_USE_TLS", not SMTP_USE_SSL)
if SMTP_USE_SSL and SMTP_USE_TLS:
    raise ImproperlyConfigured(
        "SMTP_USE_SSL and SMTP_USE_TLS cannot both be on: SSL is TLS from the first byte "
        "(usually port 465), TLS is STARTTLS (usually port 587)."
    )
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
        ),
        "OPTIONS": {
            "host": os.environ.get("SMTP_HOST", "localhost"),
            "port": int(os.environ.get("SMTP_PORT", "465" if SMTP_USE_SSL else "587")),
            "username": os.environ.get("SMTP_USERNAME", ""),
            "password": os.environ.get("SMTP_PASSWORD", ""),
            "use_tls": SMTP_USE_TLS,
            "use_ssl": SMTP_USE_SSL,
            "timeout": int(os.environ.get("SMTP_TIMEOUT", "20")),
        },
    }
}
mail_to_files(MAILERS)  # noqa: F405
# Mail comes from the site's own host unless told otherwise (never from "localhost").
SITE_HOST = next((host.lstrip(".") for host in ALLOWED_HOSTS if host != "*"), "localhost")
DEFAULT_FROM_EMAIL = (
    os.environ.get("DJANGO_DEFAULT_FROM_EMAIL") or f"IWT Conference <noreply@{SITE_HOST}>"
)
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL") or DEFAULT_FROM_EMAIL

# No request waits on the mail server: tasks wait in the database for `manage.py db_worker`.
TASKS = {"default": {"BACKEND": TASK_BACKENDS[os.environ.get("DJANGO_TASKS_BACKEND", "database")]}}

# One JSON object per line on stderr, unless DJANGO_LOG_FORMAT=text; Python's warnings too.
LOGGING = logging_config(
    os.environ.get("DJANGO_LOG_FORMAT", "json"), os.environ.get("DJANGO_LOG_LEVEL", "INFO")
)
logging.captureWarnings(True)

# Behind HTTPS, browsers fetch any http:// address a page names (old media links) over https.
SECURE_CSP = {**SECURE_CSP, "upgrade-insecure-requests": True}  # noqa: F405
SECURE_CSP_ADMIN = {**SECURE_CSP_ADMIN, "upgrade-insecure-requests": True}  # noqa: F405
