"""Settings shared by every environment, read from environment variables.

With nothing set, the site runs on SQLite, a local-memory cache and console e-mail.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# A form sent with an expired or missing token gets the site's own 403 (conference/errors.py).
CSRF_FAILURE_VIEW = "conference.errors.csrf_failure"

INSTALLED_APPS = [
    "conference",
    "speakers",
    "sessions.apps.SessionsConfig",
    "registrations",
    "network",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses the pages (WhiteNoise, above, answers static files first with its own
    # pre-compressed copies). Safe against BREACH: the CSRF token, the one secret in a public
    # page, is masked afresh in every response, so compressed sizes cannot reveal it.
    "django.middleware.gzip.GZipMiddleware",
    # Content-Security-Policy with a fresh nonce per response (SECURE_CSP, below).
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # A NUL character in the address is a 400, before the page cache or a query sees it.
    "config.middleware.RejectNullCharactersMiddleware",
    # Public pages and feeds for anonymous visitors, from the shared cache (PAGE_CACHE_SECONDS).
    "conference.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A friendly 503 while the database does not answer (config/middleware.py).
    "config.middleware.DatabaseUnavailableMiddleware",
    # The request's Wagtail site and its home page, from the shared cache (conference/sites.py).
    "conference.sites.KeptSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Pages that showed a signed-in delegate their own links are private to them.
    "registrations.sign_in.PrivateWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # The admins' own policy (SECURE_CSP_ADMIN): after the CSP middleware, which keeps it.
    "config.security_headers.AdminContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.csp",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "network.context_processors.delegate",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite cannot lock rows: each transaction takes the write lock when it starts, so
    # registrations are decided one after another; others wait up to `timeout` seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's search index uses PostgreSQL's full-text search fields there.
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    # Fails open: with Redis gone the site serves uncached (config/cache.py); the short
    # timeouts keep a dead or hanging Redis from holding requests up.
    CACHES = {
        "default": {
            "BACKEND": "config.cache.FailOpenRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.25")),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
                "retry_seconds": float(os.environ.get("REDIS_RETRY_SECONDS", "5")),
            },
        }
    }
else:
    # Without Redis, the processes on this machine (gunicorn's workers, runserver, cron's
    # publish_scheduled, an import) share the cache through files: a change published by any
    # of them reaches the pages and feeds that all the others serve at once.
    CACHES = {
        "default": {
            "BACKEND": "config.file_cache.FastFileBasedCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_DIR", str(BASE_DIR / ".cache" / "django")),
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
# Each session's rendered pieces of the agenda and the feeds (sessions/fragments.py): in
# Redis when there is one, else in each process's memory (thousands of small entries, read
# and written by the hundred, are slow as files). A piece's key names all it shows, so a
# process's own copy is never out of date.
CACHES["pieces"] = (
    {**CACHES["default"]}
    if os.environ.get("REDIS_URL")
    else {
        "BACKEND": "config.memory_cache.ManyAtOnceMemoryCache",
        "LOCATION": "session-pieces",
        "OPTIONS": {"MAX_ENTRIES": 30_000},
    }
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The server's zone; editions carry their own zone, which is what visitors and organisers see.
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded images are normally served by the web server or a storage service in front of the
# site; `DJANGO_SERVE_MEDIA=true` lets Django serve MEDIA_ROOT itself (the Lighthouse demo).
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Security headers, the same in every environment (production adds HSTS and secure cookies).
# Uploaded images from another host (a CDN or object storage), if any: DJANGO_MEDIA_ORIGIN
# (comma-separated, such as https://media.example.org), else that of the S3 storage's
# AWS_S3_CUSTOM_DOMAIN or AWS_S3_ENDPOINT_URL when set.
MEDIA_ORIGINS = (
    env_list("DJANGO_MEDIA_ORIGIN")
    or [f"https://{domain}" for domain in env_list("AWS_S3_CUSTOM_DOMAIN")]
    or [
        f"{parts.scheme}://{parts.netloc}"
        for parts in map(urlsplit, env_list("AWS_S3_ENDPOINT_URL"))
        if parts.scheme and parts.netloc
    ]
)
# Video embeds (wagtail.embeds) shown in frames: YouTube and Vimeo.
EMBED_FRAME_ORIGINS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
# The public site: a nonce-based "strict CSP". Every <script> carries nonce="{{ csp_nonce }}";
# scripts those load are trusted too ('strict-dynamic'); 'self' and https: only serve
# browsers too old for nonces. Styles come from files, plus <style nonce="{{ csp_nonce }}">
# elements; style="" attributes are refused.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.NONCE, CSP.STRICT_DYNAMIC, CSP.SELF, "https:"],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGINS],
    "frame-src": EMBED_FRAME_ORIGINS,
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The Wagtail admin (its previews included) and the Django admin, which need inline scripts
# and styles (config.security_headers.AdminContentSecurityPolicyMiddleware).
SECURE_CSP_ADMIN = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    # Avatars from Gravatar (as the page's scheme: //www.gravatar.com), the new version check.
    "img-src": [CSP.SELF, "data:", "blob:", "www.gravatar.com", *MEDIA_ORIGINS],
    "connect-src": [CSP.SELF, "https://releases.wagtail.org"],
    "frame-src": [CSP.SELF, *EMBED_FRAME_ORIGINS],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    # The live preview shows the page in a frame of the edit view.
    "frame-ancestors": [CSP.SELF],
}
# Browser features the site never uses, denied to it and to any frame in it.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "hid",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    ]
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

MAILERS = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_EMAIL_BACKEND", "config.mail.ReadableConsoleBackend")
    }
}


def mail_to_files(mailers):
    """With DJANGO_EMAIL_FILE_PATH, each message as a file in that folder instead of sent:
    handy for the demo and for trying e-mails out, and for a staging server, in production
    settings too, that must not mail anyone."""
    if folder := os.environ.get("DJANGO_EMAIL_FILE_PATH"):
        mailers["default"] = {
            "BACKEND": "config.mail.ReadableFileBackend",
            "OPTIONS": {"file_path": folder},
        }


mail_to_files(MAILERS)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "IWT Conference <noreply@localhost>"
)

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "IWT Conference"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "webp", "png": "webp", "jpeg": "webp"}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAIL_I18N_ENABLED = False

# Plain messages by default, JSON lines with DJANGO_LOG_FORMAT=json (production's default);
# private links are hidden either way (config/logs.py).
from config.logs import logging_config  # noqa: E402

LOGGING = logging_config(
    os.environ.get("DJANGO_LOG_FORMAT", "text"), os.environ.get("DJANGO_LOG_LEVEL", "INFO")
)
# Background tasks (e-mail): by default they run in-process as soon as the transaction that
# queued them commits. "database" keeps them in the database for `manage.py db_worker`, so
# that no request waits on the mail server.
TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = os.environ.get("DJANGO_TASKS_BACKEND", "immediate")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"DJANGO_TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}
# The registration and lost-link forms answer a POST in no less than this, so that the time
# tells nothing of whether the address is registered (registrations/views.py).
REGISTRATION_ANSWER_SECONDS = float(os.environ.get("REGISTRATION_ANSWER_SECONDS", "0.25"))
# Requests allowed, as (count, seconds): registration attempts per client address and per
# e-mail address, and pages of the delegate directory per signed-in delegate.
REGISTRATION_RATE_LIMITS = {
    "address": (int(os.environ.get("REGISTRATION_LIMIT_PER_ADDRESS", "20")), 3600),
    "email": (int(os.environ.get("REGISTRATION_LIMIT_PER_EMAIL", "5")), 3600),
    "directory": (int(os.environ.get("DIRECTORY_LIMIT_PER_DELEGATE", "300")), 3600),
}
# How long opening the manage link keeps a delegate signed in to the site (registrations/
# sign_in.py).
DELEGATE_SIGN_IN_DAYS = int(os.environ.get("DELEGATE_SIGN_IN_DAYS", "30"))
# Digests of schedule changes (send_change_digests): an edition's changes are told once no
# new change has come for the quiet period, or once the oldest has waited the longest wait.
SCHEDULE_CHANGE_QUIET_MINUTES = int(os.environ.get("SCHEDULE_CHANGE_QUIET_MINUTES", "15"))
SCHEDULE_CHANGE_LONGEST_WAIT_MINUTES = int(
    os.environ.get("SCHEDULE_CHANGE_LONGEST_WAIT_MINUTES", "120")
)
# Past this many sessions (left by the visitor's filters), the agenda and track pages show
# one day at a time when no day is chosen (sessions/queries.py agenda_context).
AGENDA_ALL_DAYS_LIMIT = int(os.environ.get("AGENDA_ALL_DAYS_LIMIT", "300"))
# How long a public page or feed may be served from the cache (0: never). Publishing or
# changing what it shows replaces it at once, whatever this says (conference/page_cache.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# How long each session's rendered piece of the agenda and of the feeds is kept in the
# shared cache (0: never): pages and feeds are put together from them, so that an edit
# rebuilds only what it changed (sessions/fragments.py).
SESSION_PIECE_SECONDS = int(os.environ.get("SESSION_PIECE_SECONDS", str(60 * 60 * 24 * 7)))
# Reverse proxies in front of the site that append to X-Forwarded-For (0: none).
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
CALENDAR_UID_DOMAIN = os.environ.get("CALENDAR_UID_DOMAIN", "iwt-conference.calendar")
