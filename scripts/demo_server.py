"""The demo site served as in production, for the scripts that measure it.

Shared by scripts/lighthouse.py, scripts/loadtest.py and scripts/faults.py: a throwaway
database (SQLite in a folder, or a PostgreSQL database created and dropped here), the demo
content loaded into it, and gunicorn under `config.settings.production` on free ports, with
the clean-up on exit, Ctrl-C or a TERM signal. Also the links a visitor follows to find the
demo's pages.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
GUNICORN_CONFIG = ROOT / "config" / "gunicorn.conf.py"
POSTGRES_ADMIN_URL = os.environ.get(
    "POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def exit_on_signals():
    """Ctrl-C (even where a shell started us ignoring it), TERM and HUP run the clean-up."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda signum, frame: sys.exit(128 + signum))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(folder, port, *, database_url=None, **extra):
    """Production settings over a throwaway database and media folder, plain HTTP on loopback.

    Nothing of the caller's own DJANGO_*, DATABASE_URL, REDIS_URL or SMTP_* settings leaks in;
    `extra` adds or overrides variables (REDIS_URL, e-mail, rate limits).
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SMTP_", "REGISTRATION_"))
        and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    return env | {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url or f"sqlite:///{folder / 'demo.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_CACHE_DIR": str(folder / "cache"),
        "DJANGO_SERVE_MEDIA": "true",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        **extra,
    }


def manage(env, *args, log=None):
    """Run manage.py with this interpreter; its output goes to `log` (a path) if given."""
    command = [sys.executable, "manage.py", *args]
    if log is None:
        subprocess.run(command, cwd=ROOT, env=env, check=True)
        return
    with open(log, "ab") as output:
        result = subprocess.run(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    if result.returncode:
        tail = Path(log).read_text(errors="replace")[-3000:]
        sys.exit(f"manage.py {' '.join(args)} failed (exit {result.returncode}):\n{tail}")


def build_demo(env, port, log=None, admin_password=None):
    """Migrate the empty database, load the demo content and collect the static files."""
    manage(env, "migrate", "--no-input", "-v", "0", log=log)
    extra = ["--admin-password", admin_password] if admin_password else []
    manage(env, "load_demo_data", "--site-address", f"127.0.0.1:{port}", *extra, log=log)
    manage(env, "collectstatic", "--no-input", "-v", "0", log=log)


def start_server(env, port, log_path, workers=2):
    """gunicorn on 127.0.0.1:port, in its own session so that its workers stop with it. The
    project's config/gunicorn.conf.py applies when there is one; bind and workers are given
    here so that the figures do not depend on it."""
    config = ["-c", str(GUNICORN_CONFIG)] if GUNICORN_CONFIG.exists() else []
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                *config,
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_for(server, base, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped:\n{Path(log_path).read_text(errors='replace')[-3000:]}")
        try:
            fetch(base + "/")
            return
        except urllib.error.HTTPError:
            return  # it answers, even if not with 200
        except OSError:
            time.sleep(0.3)
    sys.exit(f"gunicorn did not answer within {timeout} s:\n{Path(log_path).read_text()[-3000:]}")


def stop(process, signum=signal.SIGTERM):
    """Signal a process we started (its whole session, for gunicorn's workers) and wait."""
    if process is None or process.poll() is not None:
        return
    try:
        if signum == signal.SIGTERM:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    except ProcessLookupError:
        pass


@contextmanager
def servers(env_for_port, ports, folder, workers=2):
    """One gunicorn per port, each with the environment `env_for_port(port)` gives; yields
    {port: process} once all answer, and stops them all when the block ends."""
    running = {}
    try:
        for port in ports:
            log = folder / f"gunicorn-{port}.log"
            running[port] = start_server(env_for_port(port), port, log, workers)
        for port, process in running.items():
            wait_for(process, f"http://127.0.0.1:{port}", folder / f"gunicorn-{port}.log")
        yield running
    finally:
        for process in running.values():
            stop(process)


@contextmanager
def throwaway_postgres(prefix="iwt_throwaway"):
    """A new, empty PostgreSQL database; yields its URL and drops it when the block ends,
    whatever happened (connections still open to it are ended first)."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(POSTGRES_ADMIN_URL)
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        drop_database(name)


def drop_database(name, attempts=30):
    """Drop it, waiting for the server if it is restarting (a fault run may have stopped it)."""
    import psycopg

    for attempt in range(attempts):
        try:
            with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except psycopg.OperationalError as error:
            if attempt == attempts - 1:
                print(f"Could not drop the database {name}: {error}", file=sys.stderr)
            time.sleep(1)


def flush_redis(url):
    """Empty this Redis database (only the one numbered in the URL)."""
    import redis

    client = redis.Redis.from_url(url, socket_timeout=5)
    try:
        client.flushdb()
    finally:
        client.close()


def fetch(url, accept_encoding=None):
    """The response body as sent (still compressed when the server compressed it)."""
    request = urllib.request.Request(url)
    if accept_encoding:
        request.add_header("Accept-Encoding", accept_encoding)
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read(), response.headers


class Links(HTMLParser):
    """Each link of a page: its path, its text and the classes of the elements around it."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self):
        super().__init__()
        self.open = []  # (tag, classes) of the elements enclosing the current position
        self.links = []  # [href, text, classes]
        self.stylesheets, self.scripts, self.alternates = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").split()
        if tag == "link" and "stylesheet" in rel:
            self.stylesheets.append(attrs["href"])
        if tag == "link" and "alternate" in rel:
            self.alternates.append((attrs.get("type") or "", attrs.get("href") or ""))
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        if tag in self.VOID:
            return
        classes = set((attrs.get("class") or "").split())
        self.open.append((tag, classes))
        if tag == "a" and attrs.get("href"):
            around = set().union(*(c for _, c in self.open))
            self.links.append([attrs["href"], "", around])

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        if self.links and any(tag == "a" for tag, _ in self.open):
            self.links[-1][1] += data

    def find(self, *, around=None, text=None):
        found = self.find_all(around=around, text=text)
        return found[0] if found else None

    def find_all(self, *, around=None, text=None):
        """The paths of the matching links, in page order, each once."""
        paths = []
        for href, link_text, classes in self.links:
            if around and around not in classes:
                continue
            if text and text not in link_text.lower():
                continue
            path = urlsplit(href).path
            if path not in paths:
                paths.append(path)
        return paths


def links_of(url):
    body, _ = fetch(url)
    parser = Links()
    parser.feed(body.decode())
    return parser


def find_pages(base):
    """Home, agenda, a session, a speaker and registration, by the links a visitor follows."""
    home = links_of(base + "/")
    pages = {"home": "/"}
    for name, text in (("agenda", "agenda"), ("speakers", "speakers"), ("register", "register")):
        pages[name] = home.find(around="hero__actions", text=text) or home.find(text=text)
    speakers = pages.pop("speakers")
    register = pages.pop("register")
    if not (pages["agenda"] and speakers and register):
        sys.exit(f"The home page lacks the agenda, speakers or register link: {pages}")
    # A speaker, then one of their sessions: a session page with a speaker on it.
    pages["speaker"] = links_of(base + speakers).find(around="speaker-card__name")
    pages["session"] = links_of(base + pages["speaker"]).find(around="session__title")
    pages["registration"] = register
    missing = [name for name, path in pages.items() if not path]
    if missing:
        sys.exit(f"Could not find these pages by following links: {', '.join(missing)}")
    return {name: pages[name] for name in ("home", "agenda", "session", "speaker", "registration")}
