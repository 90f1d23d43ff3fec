import os
import tempfile

from .dev import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pieces": {"BACKEND": "config.memory_cache.ManyAtOnceMemoryCache", "LOCATION": "pieces"},
}
# Tests build content straight in the database, which tells the page cache nothing; its own
# tests turn it on, and those of the sessions' cached pieces.
PAGE_CACHE_SECONDS = 0
SESSION_PIECE_SECONDS = 0
# The forms' fixed answer time is tested on its own (tests/registrations/test_attendee_path.py).
REGISTRATION_ANSWER_SECONDS = 0
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# Keeping Wagtail's search index up to date costs a third of the time of every page a test
# builds; the tests that search turn it on (the `search_index` fixture in tests/conftest.py).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
LOGGING["loggers"]["django.tasks"] = {"level": "WARNING"}  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file rather than shared memory, so that the concurrency tests' threads meet SQLite's
    # real locking, as separate processes would; one per run, so runs side by side never meet.
    # In memory-backed storage where there is some: a test database need not survive.
    folder = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(folder, f"iwt-test-{os.getpid()}.sqlite3")
    }
