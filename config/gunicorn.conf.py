"""gunicorn, configured from the environment: `gunicorn -c config/gunicorn.conf.py`.

Logs (errors and one access line per request) go to stderr in DJANGO_LOG_FORMAT (json by
default), with private links hidden; see config/logs.py."""

import io
import logging
import multiprocessing
import os
import sys
import threading
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
# Threads per worker (gthread): a slow client, a slow query or the registration forms' fixed
# answer time (REGISTRATION_ANSWER_SECONDS, a sleep) holds one thread, not a worker: a burst
# of registrations needs many. Each thread keeps its own database connection: workers x
# threads per server, to keep under PostgreSQL's max_connections over all servers.
threads = _env("GUNICORN_THREADS", 8, int)
# How long, in seconds, a worker's thread may keep the interpreter before another that waits
# takes it (Python's default is 0.005). A thread back from the database waits that long for
# its turn: inside a seat decision, which holds the registration lock, every other
# confirmation waits with it. Set in each worker (post_fork).
switch_interval = _env("GUNICORN_SWITCH_INTERVAL", 0.001, float)
timeout = _env("GUNICORN_TIMEOUT", 30, int)
graceful_timeout = _env("GUNICORN_GRACEFUL_TIMEOUT", 30, int)
# Above the load balancer's idle timeout when it keeps connections open to the app servers.
keepalive = _env("GUNICORN_KEEPALIVE", 5, int)
# Workers are replaced after this many requests, plus a random part of the jitter (each its
# own), so that they are not replaced all at once: a replaced worker's requests wait for the
# new one. The jitter defaults to half of max_requests: the workers drift apart at once.
max_requests = _env("GUNICORN_MAX_REQUESTS", 10000, int)
max_requests_jitter = _env("GUNICORN_MAX_REQUESTS_JITTER", max_requests // 2, int)
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


WARM_UP_PATH = "/healthz"


def post_fork(server, worker):
    sys.setswitchinterval(switch_interval)


def post_worker_init(worker):
    """Warm a new worker before it takes requests: one internal GET /healthz through the WSGI
    app loads the URL resolvers, the middleware, the templates' engine and the cache client,
    so that its first visitors do not wait for them. Never fails the worker: a database or
    cache that does not answer is logged (the health check says so) and the worker starts.
    The request's database connection is closed at once (this runs in the worker, after the
    fork: nothing is shared with the arbiter or the other workers)."""
    try:
        from django.conf import settings

        hosts = [host.lstrip(".") for host in settings.ALLOWED_HOSTS if host != "*"]
        host = hosts[0] if hosts else "localhost"
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": WARM_UP_PATH,
            "QUERY_STRING": "",
            "SERVER_NAME": host,
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": host,
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        status = []
        body = worker.wsgi(environ, lambda code, headers, exc_info=None: status.append(code))
        try:
            for _ in body:
                pass
        finally:
            if hasattr(body, "close"):
                body.close()
        if not status or not status[0].startswith("200"):
            worker.log.warning("Warm-up: %s answered %s", WARM_UP_PATH, status or "nothing")
    except Exception:
        worker.log.exception("Warm-up: %s failed; the worker starts anyway", WARM_UP_PATH)
    finally:
        _close_database_connections(worker)


def _close_database_connections(worker):
    try:
        from django.db import connections

        connections.close_all()
    except Exception:
        worker.log.exception("Warm-up: could not close the database connections")


def worker_exit(server, worker):
    """A worker that ends normally (replaced after max_requests, or stopped) closes its
    database connections, flushes its logs and exits at once, without Python's clean-up of
    every object: that clean-up touches all the memory shared with the arbiter since the
    fork, copying it, and held the replacement up for a second or more while the other
    workers served alone. Runs only in the worker itself (gunicorn also calls this hook in
    the arbiter) and only on a normal exit: a worker that failed to boot exits as before,
    with its code, so that gunicorn stops instead of retrying."""
    exiting = sys.exc_info()[1]
    if os.getpid() != worker.pid or not isinstance(exiting, SystemExit):
        return
    if exiting.code not in (0, None):
        return
    # As Python's own exit does: requests still answered by a gthread worker's threads end.
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join()
    _close_database_connections(worker)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
