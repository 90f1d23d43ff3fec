"""gunicorn, configured from the environment: `gunicorn -c config/gunicorn.conf.py`.

Logs (errors and one access line per request) go to stderr in DJANGO_LOG_FORMAT (json by
default), with private links hidden; see config/logs.py."""

import multiprocessing
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from config.logs import gunicorn_logging_config  # noqa: E402


def _env(name, default, kind=str):
    value = os.environ.get(name, "").strip()
    return kind(value) if value else default


def _env_bool(name, default):
    return _env(name, default, lambda value: value.lower() in {"1", "true", "yes", "on"})


wsgi_app = "config.wsgi:application"
chdir = str(ROOT)
bind = _env("GUNICORN_BIND", f"0.0.0.0:{_env('PORT', '8000')}").split(",")
workers = _env("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1, int)
# Threads per worker (gthread): a slow client or a slow query holds one thread, not a worker.
# Each thread keeps its own database connection: workers x threads per server.
threads = _env("GUNICORN_THREADS", 2, int)
timeout = _env("GUNICORN_TIMEOUT", 30, int)
graceful_timeout = _env("GUNICORN_GRACEFUL_TIMEOUT", 30, int)
# Above the load balancer's idle timeout when it keeps connections open to the app servers.
keepalive = _env("GUNICORN_KEEPALIVE", 5, int)
# Workers are replaced after this many requests (give or take the jitter, so not all at once).
max_requests = _env("GUNICORN_MAX_REQUESTS", 1000, int)
max_requests_jitter = _env("GUNICORN_MAX_REQUESTS_JITTER", 100, int)
# Load the application once, before forking: faster starts, shared memory. Django opens no
# connection at import, so the workers do not share any.
preload_app = _env_bool("GUNICORN_PRELOAD", True)
# The proxies whose X-Forwarded-* headers gunicorn believes (a comma-separated list, or *).
forwarded_allow_ips = _env("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "iwt-conference"
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# gunicorn's control socket (for `gunicornc`): off unless a path is given, so that servers
# side by side on one machine do not share the default one.
control_socket = _env("GUNICORN_CONTROL_SOCKET", None)
control_socket_disable = control_socket is None
if control_socket is None:
    del control_socket

loglevel = _env("GUNICORN_LOG_LEVEL", "info")
logconfig_dict = gunicorn_logging_config(
    _env("DJANGO_LOG_FORMAT", "json"), access=_env_bool("GUNICORN_ACCESS_LOG", True)
)
logconfig_dict["loggers"]["gunicorn.error"]["level"] = loglevel.upper()
