"""This site beside pretalx, the same programme on both: `make compare-pretalx` runs it.

It writes a 120-talk programme as pretalx writes its frab schedule.xml
(demo/programme_files.py) and serves it twice on this machine, each on a throwaway PostgreSQL
database, under gunicorn with 2 sync workers:

- pretalx, installed from PyPI into a venv of its own (.cache/pretalx/venv, made with uv on
  the first run), configured by a generated pretalx.cfg (Redis database 14 as its cache, which
  pretalx requires), its prebuilt frontend collected once into .cache/pretalx/static. pretalx
  2026 has no command that imports a frab file, so this script, run by pretalx's own Python,
  reads the file into an event through pretalx's domain functions (rooms, tracks, speakers,
  confirmed submissions with the file's codes, slots) and releases the schedule;
- this site: the demo, then an edition with the file's dates and time zone (a live agenda and
  speakers page) into which `manage.py import_programme` reads the same file, served by one
  server as in production (Redis database 12).

For the agenda page (pretalx: its server-rendered /<event>/schedule/nojs), the full
programme's .ics feed, one talk page and the speakers page it makes `--repeat` rounds (50)
after a warm-up, each round one request to pretalx and one to each state of this site:
"cached" (page cache warm), "edited" (right after an organiser published an edit to one
session: just before the request a new version of the edition's page-cache tag is started,
as conference/page_cache.py's `invalidate(edition_tag(id))` does, by writing its keys in
Redis; the page cache and the feeds' cache miss, the other sessions' cached pieces stay
valid) and "cold" (Redis database 12 emptied just before the request). It prints the median
milliseconds of each, the body size (KB as sent with gzip, and unzipped), the SQL queries of
this site's edited and cold requests (counted in this process with Django's test client on
the same database and Redis, the edit made with `page_cache.invalidate`), and the ratio of
ours edited to pretalx. The databases, the Redis databases and the server go away on exit,
also on failure or Ctrl-C.
"""

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from demo_server import (
    ROOT,
    build_demo,
    exit_on_signals,
    flush_redis,
    free_port,
    manage,
    production_env,
    servers,
    stop,
    throwaway_postgres,
    wait_for,
)

PRETALX_VERSION = "2026.2.1"  # the newest on PyPI when this was written
PRETALX_HOME = ROOT / ".cache" / "pretalx"
REDIS = os.environ.get("COMPARE_REDIS_URL", "redis://127.0.0.1:6379")
OURS_REDIS_DB, PRETALX_REDIS_DB = 12, 14
EVENT_SLUG = "bench"
ENDPOINTS = ["agenda", "feed", "talk", "speakers"]
OUR_STATES = ["cached", "edited", "cold"]
# As conference/page_cache.py writes them through Django's Redis cache: no KEY_PREFIX, key
# version 1 (":1:<key>"), integers stored as plain integers (RedisSerializer).
CACHE_KEY_PREFIX = ":1:"
LATEST_CHANGE_KEY = "page-cache:latest-change"
NANOSECONDS = 1_000_000_000
BROWSER_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Encoding": "gzip",
}
VALIDATORS = ["Cache-Control", "ETag", "Last-Modified"]
WARM_UP = 4  # requests to each server and endpoint before counting: both workers warm


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=50, help="requests per median (50)")
    parser.add_argument("--talks", type=int, default=120, help="talks in the programme (120)")
    parser.add_argument("--format", choices=["text", "markdown"], default="text")
    parser.add_argument("--pretalx-version", default=PRETALX_VERSION)
    parser.add_argument("--pretalx-import", metavar="XML", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pretalx_import:  # run by pretalx's Python, see Pretalx.build()
        import_into_pretalx(Path(args.pretalx_import), EVENT_SLUG)
        return
    sys.path.insert(0, str(ROOT))  # for demo.* and, once set up, Django
    exit_on_signals()
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="iwt-compare-pretalx-"))
    print(f"Logs in {folder}", flush=True)
    python = install_pretalx(args.pretalx_version)
    from demo.programme_files import pretalx_schedule_xml

    content, _, _ = pretalx_schedule_xml(args.talks, acronym=EVENT_SLUG)
    schedule = folder / "schedule.xml"
    schedule.write_bytes(content)
    redis_urls = [f"{REDIS}/{db}" for db in (OURS_REDIS_DB, PRETALX_REDIS_DB)]
    with (
        throwaway_postgres("iwt_compare") as our_database,
        throwaway_postgres("compare_pretalx") as pretalx_database,
    ):
        pretalx_server = None
        try:
            for url in redis_urls:
                flush_redis(url)
            ours = OurSite(folder, our_database)
            pretalx = Pretalx(folder, python, pretalx_database, redis_urls[1])
            print("Building both sites (this site's demo; pretalx's migrations) ...", flush=True)
            with ThreadPoolExecutor(2) as pool:
                done = [pool.submit(ours.build, schedule), pool.submit(pretalx.build, schedule)]
                for future in done:
                    future.result()
            talk = middle_talk(schedule)
            ours.find_paths(talk["title"])
            pretalx.paths["talk"] = talk["path"]
            pretalx_server = pretalx.start()
            with servers(lambda port: ours.env, [ours.port], folder):
                wait_for(pretalx_server, pretalx.base, pretalx.log)
                check_same_programme(ours, pretalx, schedule)
                ours.check_edits_as_the_site_does()
                print(
                    f"Measuring: {args.repeat} rounds per endpoint after {WARM_UP} warm-up "
                    f"requests ({os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f})",
                    flush=True,
                )
                results = measure(ours, pretalx, args.repeat)
                pretalx_keys = pretalx.redis_keys()
                load = os.getloadavg()[0]
            queries = ours.count_queries()
        finally:
            stop(pretalx_server)
            close_django()
            for url in redis_urls:
                try:
                    flush_redis(url)
                except Exception as error:  # must not hide what went wrong
                    print(f"Could not flush {url}: {error}", file=sys.stderr)
    rows = table_rows(results, queries)
    print()
    print(
        f"pretalx {pretalx.version} and this site, {args.talks} talks, PostgreSQL, gunicorn "
        f"2 sync workers each; median of {args.repeat} requests, ms (load average after the "
        f"run {load:.1f} on {os.cpu_count()} CPUs)"
    )
    for line in format_table(rows, args.format):
        print(line)
    headers = {endpoint: results[endpoint]["pretalx"]["headers"] for endpoint in ENDPOINTS}
    print()
    for line in notes(headers, pretalx_keys, queries):
        print(line)
    print(f"Wall time: {time.monotonic() - started:.0f} s")


# This site


class OurSite:
    """The demo plus an edition holding the imported file, on one server (see the docstring)."""

    def __init__(self, folder, database_url):
        self.port = free_port()
        self.redis_url = f"{REDIS}/{OURS_REDIS_DB}"
        self.env = production_env(
            folder,
            self.port,
            database_url=database_url,
            REDIS_URL=self.redis_url,
            GUNICORN_THREADS="1",  # sync workers
        )
        self.folder = folder
        self.paths = {}

    def build(self, schedule):
        log = self.folder / "build.log"
        build_demo(self.env | {"DJANGO_TASKS_BACKEND": "immediate"}, self.port, log=log)
        setup_django(self.env)
        from demo.programme_files import TIME_ZONE

        self.edition_id = make_edition(TIME_ZONE, schedule)
        manage(
            self.env | {"DJANGO_TASKS_BACKEND": "immediate"},
            "import_programme",
            str(schedule),
            "--edition",
            str(self.edition_id),
            log=log,
        )
        close_django()  # this thread's connection

    def find_paths(self, talk_title):
        self.paths = edition_paths(self.edition_id, talk_title)

    def url(self, endpoint):
        return f"http://127.0.0.1:{self.port}{self.paths[endpoint]}"

    def publish_edit(self, client):
        """What the site's Redis holds right after an organiser published an edit to one of
        the edition's sessions (see publish_edit)."""
        return publish_edit(client, self.edition_id)

    def check_edits_as_the_site_does(self):
        """publish_edit writes the keys, and only those, that the site's own
        `page_cache.invalidate(edition_tag(id))` writes (run here, in this process, on the
        server's Redis), under the names the site's cache gives them."""
        import redis

        from django.core.cache import cache

        from conference import page_cache

        if cache.make_key(LATEST_CHANGE_KEY) != cache_key(LATEST_CHANGE_KEY):
            sys.exit(f"The site names its cache keys as {cache.make_key(LATEST_CHANGE_KEY)!r}")
        client = redis.Redis.from_url(self.redis_url, socket_timeout=5)
        try:
            for edit in (
                lambda: page_cache.invalidate(page_cache.edition_tag(self.edition_id)),
                lambda: self.publish_edit(client),
            ):
                edit()
                latest = client.get(cache_key(LATEST_CHANGE_KEY))
                written = {
                    key.decode()
                    for key in client.scan_iter(match=cache_key("page-cache:*"), count=1000)
                    if not key.startswith(cache_key("page-cache:page:").encode())
                    and client.get(key) == latest
                }
                expected = set(edit_writes(self.edition_id, latest=0, now=int(latest)))
                if written != expected:
                    sys.exit(
                        f"An edit writes {sorted(written)} in Redis, not {sorted(expected)}: "
                        "update publish_edit to conference/page_cache.py"
                    )
        finally:
            client.close()

    def count_queries(self):
        """SQL queries of one edited and one cold request per endpoint (test client, this
        process, the server's database and Redis)."""
        return count_queries(self.paths, f"127.0.0.1:{self.port}", self.redis_url, self.edition_id)


def setup_django(env):
    """Django in this process on the servers' settings (as scripts/loadtest.py does)."""
    from loadtest import setup_django as setup

    setup(env)


def close_django():
    from loadtest import close_django as close

    close()


def make_edition(time_zone, schedule):
    """A live edition with the file's title, dates and zone, a venue, and live agenda and
    speakers pages; returns its id."""
    from wagtail.models import Site

    from conference.models import ConferencePage, Venue
    from sessions.models import AgendaPage
    from speakers.models import SpeakersPage

    conference = ET.parse(schedule).getroot().find("conference")
    home = Site.objects.get(is_default_site=True).root_page
    edition = ConferencePage(
        title=conference.findtext("title"),
        slug="compare-pretalx",
        start_date=date.fromisoformat(conference.findtext("start")),
        end_date=date.fromisoformat(conference.findtext("end")),
        time_zone=time_zone,
        venue=Venue.objects.create(name="Compare venue", address="1 Test Street"),
    )
    home.add_child(instance=edition)
    edition.save_revision().publish()
    for page in (
        AgendaPage(title="Agenda", slug="agenda"),
        SpeakersPage(title="Speakers", slug="speakers"),
    ):
        edition.add_child(instance=page)
        page.save_revision().publish()
    return edition.pk


def edition_paths(edition_id, talk_title):
    """The agenda, its feed, the session of this title and the speakers page of the edition."""
    from django.urls import reverse

    from conference.models import ConferencePage
    from sessions.models import AgendaPage, SessionPage
    from speakers.models import SpeakersPage

    edition = ConferencePage.objects.get(pk=edition_id)
    agenda = AgendaPage.objects.child_of(edition).get()
    session = SessionPage.objects.child_of(agenda).live().filter(title=talk_title).first()
    if session is None:
        sys.exit(f"The import made no live session “{talk_title}”")

    def path(page):
        return urlsplit(page.get_url()).path

    return {
        "agenda": path(agenda),
        "feed": reverse("calendar-agenda", args=[edition.pk]),
        "talk": path(session),
        "speakers": path(SpeakersPage.objects.child_of(edition).get()),
    }


def count_queries(paths, host, redis_url, edition_id):
    """{(endpoint, state): queries}, state "edited" or "cold"; None for a response other than
    200, or an edited one the page cache served (not a MISS)."""
    from django.db import connection
    from django.test import Client

    from conference import page_cache

    client = Client(HTTP_HOST=host)
    found = {}
    for endpoint, path in paths.items():
        for state in ("edited", "cold"):
            if state == "cold":
                flush_redis(redis_url)
            else:
                client.get(path)  # every cache warm
                page_cache.invalidate(page_cache.edition_tag(edition_id))
            queries = []

            def count(execute, sql, params, many, context, queries=queries):
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                response = client.get(path)
            served = response.status_code == 200 and response.get("X-Cache") != "HIT"
            found[endpoint, state] = len(queries) if served else None
    return found


# pretalx


class Pretalx:
    """pretalx in its venv: a pretalx.cfg for this run, its database and one gunicorn."""

    def __init__(self, folder, python, database_url, redis_url):
        self.python = python
        self.version = installed_version(python)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = folder / f"pretalx-{self.port}.log"
        self.redis_url = redis_url
        self.folder = folder / "pretalx"
        self.folder.mkdir()
        self.static = PRETALX_HOME / "static"
        config = self.folder / "pretalx.cfg"
        config.write_text(
            pretalx_config(self.folder, self.static, self.base, database_url, redis_url)
        )
        self.env = pretalx_env(config)
        self.paths = {
            "agenda": f"/{EVENT_SLUG}/schedule/nojs",
            "feed": f"/{EVENT_SLUG}/schedule/export/schedule.ics",
            "speakers": f"/{EVENT_SLUG}/speaker/",
        }

    def run(self, *args):
        with open(self.log, "ab") as log:
            result = subprocess.run(
                [str(self.python), *args], cwd=self.folder, env=self.env, stdout=log, stderr=log
            )
        if result.returncode:
            tail = self.log.read_text(errors="replace")[-3000:]
            sys.exit(f"pretalx: {' '.join(args)} failed (exit {result.returncode}):\n{tail}")

    def build(self, schedule):
        self.run("-m", "pretalx", "migrate", "-v", "0")
        # The wheel ships its frontend prebuilt: `rebuild` only collects it (no npm).
        marker = self.static / ".version"
        if not marker.exists() or marker.read_text() != self.version:
            self.run("-m", "pretalx", "rebuild", "--silent")
            marker.write_text(self.version)
        self.run(str(Path(__file__).resolve()), "--pretalx-import", str(schedule))

    def start(self):
        with open(self.log, "ab") as log:
            return subprocess.Popen(
                [
                    str(self.python),
                    "-m",
                    "gunicorn",
                    "pretalx.wsgi",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    "2",
                    "--worker-class",
                    "sync",
                ],
                cwd=self.folder,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def url(self, endpoint):
        return self.base + self.paths[endpoint]

    def redis_keys(self):
        import redis

        client = redis.Redis.from_url(self.redis_url, socket_timeout=5)
        try:
            return sorted(key.decode(errors="replace") for key in client.keys("*"))
        finally:
            client.close()


def install_pretalx(version):
    """pretalx `version` in .cache/pretalx/venv, with gunicorn and psycopg; installed by uv
    the first time (or when another version is asked for). Returns the venv's Python."""
    venv = PRETALX_HOME / "venv"
    python = venv / "bin" / "python"
    if python.exists() and installed_version(python) == version:
        return python
    uv = os.environ.get("UV") or shutil.which("uv") or str(ROOT / ".uv-bootstrap" / "bin" / "uv")
    print(f"Installing pretalx {version} into {venv} ...", flush=True)
    if not python.exists():
        subprocess.run([uv, "venv", "-q", "--python", "3.13", str(venv)], check=True)
    subprocess.run(
        [
            uv,
            "pip",
            "install",
            "-q",
            "--python",
            str(python),
            f"pretalx=={version}",
            "gunicorn",
            "psycopg[binary]",
        ],
        check=True,
    )
    return python


def installed_version(python):
    result = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('pretalx'))"],
        capture_output=True,
        text=True,
    )
    return result.stdout.strip() if result.returncode == 0 else None


def pretalx_config(folder, static, site_url, database_url, redis_url):
    """pretalx.cfg: production mode (debug off), PostgreSQL, Redis, files under `folder`."""
    database = urlsplit(database_url)
    return f"""[filesystem]
data = {folder / "data"}
media = {folder / "media"}
logs = {folder / "logs"}
static = {static}

[site]
debug = False
url = {site_url}

[database]
backend = postgresql
name = {database.path.lstrip("/")}
user = {database.username or ""}
password = {database.password or ""}
host = {database.hostname or ""}
port = {database.port or ""}

[redis]
location = {redis_url}
session = False

[locale]
time_zone = UTC
"""


def pretalx_env(config):
    """Our environment without Django's or this site's settings, and pretalx's config file."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PRETALX_", "VIRTUAL_ENV", "UV_"))
        and key not in {"DATABASE_URL", "REDIS_URL", "PYTHONPATH"}
    }
    return env | {
        "PRETALX_CONFIG_FILE": str(config),
        "DJANGO_SETTINGS_MODULE": "pretalx.settings",
    }


def import_into_pretalx(schedule, slug):
    """Run by pretalx's Python: the frab file as an event `slug` with a released schedule."""
    import django

    django.setup()
    from django.conf import settings

    # Speakers get random passwords: a fast hash for a throwaway database.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django_scopes import scope, scopes_disabled
    from pretalx.event.domain.event import create_event
    from pretalx.event.domain.organiser import create_organiser_with_team
    from pretalx.person.domain.user import create_user
    from pretalx.schedule.domain.release import freeze_schedule
    from pretalx.schedule.domain.slot import move_slot
    from pretalx.schedule.models import Room
    from pretalx.submission.domain.submission import create_submission
    from pretalx.submission.models import Submission, SubmissionType, Track

    from django.db import transaction

    root = ET.parse(schedule).getroot()
    conference = root.find("conference")
    with transaction.atomic(), scopes_disabled():
        organiser, _ = create_organiser_with_team(name="Compare", slug="compare", users=[])
        event = create_event(
            organiser=organiser,
            locales=["en"],
            name=conference.findtext("title"),
            slug=slug,
            is_public=True,
            date_from=date.fromisoformat(conference.findtext("start")),
            date_to=date.fromisoformat(conference.findtext("end")),
            timezone=conference.findtext("time_zone_name"),
            email="orga@example.org",
            locale="en",
        )
        with scope(event=event):
            rooms, tracks, people = {}, {}, {}
            for room in root.iterfind("day/room"):
                name = room.get("name")
                if name not in rooms:
                    rooms[name] = Room.objects.create(event=event, name=name, position=len(rooms))
            for element in root.iter("event"):
                minutes = duration_minutes(element.findtext("duration"))
                kind, _ = SubmissionType.objects.get_or_create(
                    event=event,
                    name=element.findtext("type"),
                    defaults={"default_duration": minutes},
                )
                track_name = element.findtext("track")
                if track_name not in tracks:
                    tracks[track_name] = Track.objects.create(
                        event=event, name=track_name, color="#3b6e8f", position=len(tracks)
                    )
                speakers = []
                for person in element.find("persons"):
                    if person.get("id") not in people:
                        people[person.get("id")] = create_user(
                            email=f"person-{person.get('id')}@example.org",
                            name=person.text,
                            event=event,
                        )
                    speakers.append(people[person.get("id")])
                submission = create_submission(
                    submission=Submission(
                        event=event,
                        code=urlsplit(element.findtext("url")).path.rstrip("/").split("/")[-1],
                        title=element.findtext("title"),
                        submission_type=kind,
                        track=tracks[track_name],
                        abstract=element.findtext("abstract"),
                        state="confirmed",
                        content_locale=element.findtext("language") or "en",
                        duration=minutes,
                    ),
                    user=None,
                    orga=True,
                    speakers=speakers,
                )
                move_slot(
                    event.wip_schedule.talks.get(submission=submission),
                    datetime.fromisoformat(element.findtext("date")),
                    room=rooms[element.findtext("room")],
                )
            freeze_schedule(event.wip_schedule, "1.0", notify_speakers=False)


def check_same_programme(ours, pretalx, schedule):
    """Both sites serve the whole file: every talk on the agenda and in the feed, every
    speaker on the speakers page, HTML where a page is expected."""
    root = ET.parse(schedule).getroot()
    expected = {
        "talks": len(list(root.iter("event"))),
        "people": len({person.get("id") for person in root.iter("person")}),
    }
    for name, url in (("pretalx", pretalx.url), ("this site", ours.url)):
        bodies = {}
        for endpoint in ENDPOINTS:
            _, body, headers = timed_get(url(endpoint))
            kind = headers.get("Content-Type", "")
            if endpoint != "feed" and not kind.startswith("text/html"):
                sys.exit(f"{name}: {url(endpoint)} is {kind}, not HTML")
            bodies[endpoint] = unzipped(body, headers)
        problems = programme_problems(bodies, **expected)
        if problems:
            sys.exit(f"{name} does not serve the whole programme: " + "; ".join(problems))


def middle_talk(schedule):
    """The title and pretalx path of the talk in the middle of the file."""
    talks = list(ET.parse(schedule).getroot().iter("event"))
    talk = talks[len(talks) // 2]
    return {"title": talk.findtext("title"), "path": urlsplit(talk.findtext("url")).path}


def duration_minutes(text):
    """frab's "HH:MM" as minutes."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


# Measuring


def timed_get(url):
    """Milliseconds, the body as sent and the headers, asked for as a browser asks (pretalx
    answers a request without text/html in Accept, as curl's, with its text schedule)."""
    request = urllib.request.Request(url, headers=BROWSER_HEADERS)
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed, body, response.headers


def measure(ours, pretalx, repeat):
    """{endpoint: {state: {"ms": [...], "sent": bytes, "size": bytes, "headers": {...}}}},
    states pretalx and OUR_STATES; the requests of a round alternate between the servers."""
    import redis

    client = redis.Redis.from_url(ours.redis_url, socket_timeout=5)
    try:
        return measure_with(ours, pretalx, repeat, client)
    finally:
        client.close()


def measure_with(ours, pretalx, repeat, client):
    results = {}
    before = {"cold": client.flushdb, "edited": lambda: ours.publish_edit(client)}
    for endpoint in ENDPOINTS:
        urls = {"pretalx": pretalx.url(endpoint)} | {
            state: ours.url(endpoint) for state in OUR_STATES
        }
        for _ in range(WARM_UP):
            for state in ("pretalx", "cached", "edited"):
                before.get(state, lambda: None)()
                timed_get(urls[state])
        found = {state: {"ms": [], "x_cache": set()} for state in urls}
        for _ in range(repeat):
            for state in ("pretalx", "cold", "cached", "edited"):
                before.get(state, lambda: None)()
                elapsed, body, headers = timed_get(urls[state])
                found[state]["ms"].append(elapsed)
                found[state]["x_cache"].add(headers.get("X-Cache", "-"))
                found[state]["sent"] = len(body)
                found[state]["size"] = len(unzipped(body, headers))
                found[state]["headers"] = headers
        results[endpoint] = found
        print(
            f"  {endpoint:9} "
            + ", ".join(f"{state} {median(found[state]['ms']):.1f} ms" for state in urls)
            + "; X-Cache "
            + ", ".join(f"{s} {'/'.join(sorted(found[s]['x_cache']))}" for s in OUR_STATES),
            flush=True,
        )
        if found["edited"]["x_cache"] != {"MISS"}:
            print(f"  WARNING: an edited {endpoint} was not built (X-Cache not MISS)", flush=True)
    return results


def edit_writes(edition_id, *, latest, now):
    """{Redis key: value} that conference/page_cache.py's `invalidate(edition_tag(id))`
    writes (`_start_new_versions`): a new version, a second after the latest change at least,
    of the edition's tag, and the latest change."""
    version = max(now, latest + NANOSECONDS)
    keys = [f"page-cache:tag:edition:{edition_id}", LATEST_CHANGE_KEY]
    return {cache_key(key): version for key in keys}


def publish_edit(client, edition_id):
    """In Redis (a redis-py client), what the site's cache holds right after an organiser
    published an edit to one of the edition's sessions: its pages and feeds are no longer
    served, the other sessions' pieces stay valid. Returns the new version."""
    latest = client.get(cache_key(LATEST_CHANGE_KEY))
    writes = edit_writes(edition_id, latest=int(latest or 0), now=time.time_ns())
    client.mset(writes)
    return writes[cache_key(LATEST_CHANGE_KEY)]


def cache_key(key):
    """The Redis key under which the site's Django cache keeps `key`."""
    return CACHE_KEY_PREFIX + key


def unzipped(body, headers):
    return gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body


# The table (pure functions, tested in tests/test_compare_pretalx_script.py)

COLUMNS = [
    "endpoint",
    "pretalx ms",
    "pretalx KB",
    "ours cached ms",
    "ours edited ms",
    "ours cold ms",
    "queries edited/cold",
    "ours KB",
    "edited / pretalx",
]


def programme_problems(bodies, *, talks, people):
    """What the agenda, feed and speakers page (bodies, unzipped) lack of a programme written
    by demo/programme_files.py: `talks` titled "Talk N: ...", `people` named "Person N
    Example"."""
    problems = []
    titles = len(set(re.findall(rb"Talk (\d+):", bodies["agenda"])))
    if titles != talks:
        problems.append(f"the agenda shows {titles} of {talks} talks")
    events = bodies["feed"].count(b"BEGIN:VEVENT")
    if events != talks:
        problems.append(f"the feed has {events} events, not {talks}")
    names = len(set(re.findall(rb"Person (\d+) Example", bodies["speakers"])))
    if names != people:
        problems.append(f"the speakers page shows {names} of {people} speakers")
    return problems


def notes(pretalx_headers, pretalx_keys, queries):
    """The lines under the table: what pretalx caches and validates, and how to read ours."""
    validators = [
        f"{endpoint} ({', '.join(found)})"
        for endpoint, headers in pretalx_headers.items()
        if (found := [name for name in VALIDATORS if headers.get(name)])
    ]
    examples = ", ".join(pretalx_keys[:3]) + (", ..." if len(pretalx_keys) > 3 else "")
    lines = [
        "pretalx: no page cache on these endpoints, each is built on every request; its "
        f"Redis cache held {len(pretalx_keys)} keys after the run"
        + (f" ({examples})" if pretalx_keys else "")
        + "; validators sent: "
        + (", ".join(validators) if validators else "none"),
        "ours: cached = page cache warm; edited = right after one edit's publish (the page "
        "and feed caches miss, other sessions' pieces are kept); cold = every cache emptied "
        "(Redis flushed before each request). KB: as sent (gzip), unzipped in brackets.",
    ]
    if any(count == 0 for (_, state), count in queries.items() if state == "edited"):
        lines.append(
            "A page with 0 queries edited was served from a cache that the edit did not reach."
        )
    return lines


def median(values):
    return statistics.median(values) if values else float("nan")


def ratio(ours, theirs):
    """ours / theirs, None when there is nothing to divide by."""
    return ours / theirs if theirs else None


def kilobytes(sent, size):
    """ "12.3 (80.1)": KB as sent (gzip), and unzipped in brackets when that differs."""
    text = f"{sent / 1024:.1f}"
    return text if sent == size else f"{text} ({size / 1024:.1f})"


def milliseconds(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def table_rows(results, queries):
    """One row of cells (strings) per endpoint, in COLUMNS order."""
    rows = []
    for endpoint in ENDPOINTS:
        found = results[endpoint]
        medians = {state: median(found[state]["ms"]) for state in found}
        counted = [queries.get((endpoint, state)) for state in ("edited", "cold")]
        factor = ratio(medians["edited"], medians["pretalx"])
        rows.append(
            [
                endpoint,
                milliseconds(medians["pretalx"]),
                kilobytes(found["pretalx"]["sent"], found["pretalx"]["size"]),
                milliseconds(medians["cached"]),
                milliseconds(medians["edited"]),
                milliseconds(medians["cold"]),
                "/".join("?" if count is None else str(count) for count in counted),
                kilobytes(found["edited"]["sent"], found["edited"]["size"]),
                "-" if factor is None else f"{factor:.2f}",
            ]
        )
    return rows


def format_table(rows, format="text", columns=COLUMNS):
    """The table's lines: aligned text (the first column left, the others right) or Markdown."""
    if format == "markdown":
        lines = ["| " + " | ".join(columns) + " |", "|---|" + "---:|" * (len(columns) - 1)]
        return lines + ["| " + " | ".join(row) + " |" for row in rows]
    widths = [max(len(cell) for cell in column) for column in zip(columns, *rows, strict=True)]

    def line(cells):
        return "  ".join(
            cell.ljust(width) if index == 0 else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(columns), line(["-" * width for width in widths])] + [line(row) for row in rows]


if __name__ == "__main__":
    main()
