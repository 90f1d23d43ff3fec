"""Load test of two app servers sharing PostgreSQL and Redis: `make loadtest` runs it.

It creates a throwaway PostgreSQL database, loads the demo into it (registration capacity
lowered, waitlist on), takes a Redis database number of its own (flushed at the start and the
end), and starts two gunicorn servers under `config.settings.production` on free ports. Then
simulated clients (threads, standard library only, spread over both servers) view the agenda
and session pages, poll calendar feeds without and with validators (If-None-Match,
If-Modified-Since) and register against the limited capacity, confirming their address as
the e-mail's link would; some submit the form or the confirmation twice at once, to both
servers.

It prints requests per second, and per kind of request the count, p50 and p95 latency, the
errors (4xx, 5xx, unexpected answers and connection errors) and the share served from the
page cache (`X-Cache: HIT`), then checks:
- no seat given twice: confirmed registrations within capacity, none lost while people
  wait, one registration per address, one status e-mail per registration;
- an edit published through server A (a session's title, in the Wagtail admin, with
  Chromium) is served by server B, on the session page, the agenda and the agenda feed,
  within one second.
It exits 1 when a check fails. The database, the Redis database and the servers go away on
exit, also on failure or Ctrl-C.

`--burst N` runs a burst instead: N people open the registration form, then all send it at
the same moment; once all are answered, each opens the confirmation page from the e-mail's
link, then all press *Confirm* at the same moment. It prints, per phase, the time until
every post was answered (every registration, then every seat or waitlist place, decided),
p50 and p95 of the posts, the CPU the servers, PostgreSQL and this process used meanwhile,
and whether the goals hold (each phase within 10 s, p95 of a confirmation within 5 s, no
error); then the checks above (no seat twice, one status e-mail each) and that seats and
waitlist places went in the order of confirmation. `--threads` sets the servers' gunicorn
threads per worker (GUNICORN_THREADS).
"""

import argparse
import gzip
import http.client
import itertools
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from demo_server import (
    ROOT,
    build_demo,
    exit_on_signals,
    find_pages,
    flush_redis,
    free_port,
    links_of,
    production_env,
    servers,
    throwaway_postgres,
)

REDIS_URL = os.environ.get("LOADTEST_REDIS_URL", "redis://127.0.0.1:6379/5")
ADMIN_PASSWORD = "load-test-admin"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PROPAGATION_LIMIT = 1.0  # seconds for an edit published on A to be served by B

# Kinds of visit and how often each is chosen. A registration visit makes four to six
# requests (form, post, check-inbox page; confirmation page, post, own page).
MIX = {"agenda": 25, "session": 35, "feed": 10, "feed-304": 20, "register": 10}
KINDS = ["agenda", "session", "feed", "feed-304", "register", "confirm"]
PAGE_KINDS = {"agenda", "session"}
DOUBLE_SUBMIT_SHARE = 0.1  # registrations posted (and confirmations) twice at once
REPEAT_ADDRESS_SHARE = 0.05  # registrations with an address already used
LOAD_ADDRESS_PREFIX = "load-"  # the load's registrations, apart from the demo's own
PAGE_TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=30, help="seconds of load (30)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (32)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server (2)")
    parser.add_argument(
        "--seats", type=int, default=50, help="seats left when the load starts (50)"
    )
    parser.add_argument(
        "--threads",
        type=int,
        help="threads per gunicorn worker (GUNICORN_THREADS; config/gunicorn.conf.py's default)",
    )
    parser.add_argument(
        "--burst",
        type=int,
        metavar="PEOPLE",
        help="instead of the mixed load: this many people send the registration form at "
        "the same moment, then all of them confirm their address at the same moment",
    )
    args = parser.parse_args()
    exit_on_signals()
    if args.threads:
        os.environ["GUNICORN_THREADS"] = str(args.threads)  # the servers' environment has it
    if args.burst:
        sys.exit(burst_main(args))
    with demo_cluster(seats=args.seats, workers=args.workers) as cluster:
        print(
            f"\nLoad: {args.clients} clients for {args.duration:.0f} s over "
            f"{', '.join(cluster.bases)} ({args.workers} gunicorn workers each; "
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before)",
            flush=True,
        )
        stats = run_load(cluster, args.clients, args.duration)
        print_stats(stats)
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        results = [check_seats(cluster, stats), check_propagation(cluster)]
    print("\n" + ("PASS" if all(results) else "FAIL"))
    sys.exit(0 if all(results) else 1)


# The servers


class Cluster:
    """Two (or more) app servers on one throwaway database and Redis database."""

    def __init__(self, env, ports, processes, folder):
        self.env = env
        self.ports = ports
        self.processes = processes
        self.folder = folder
        self.bases = [f"http://127.0.0.1:{port}" for port in ports]
        self.pages = {}  # agenda, registration: paths
        self.sessions = []  # session page paths
        self.feeds = []  # calendar feed paths

    def master_pids(self):
        return [process.pid for process in self.processes.values()]


@contextmanager
def demo_cluster(*, seats, workers=2, count=2, extra_env=None):
    """The demo in a throwaway PostgreSQL database, served by `count` gunicorn servers with
    production settings, Redis database REDIS_URL, e-mail queued for a worker; Django set up
    in this process against the same database (to compute confirmation links and check)."""
    folder = Path(tempfile.mkdtemp(prefix="iwt-load-"))
    print(f"Building the demo in a throwaway PostgreSQL database (logs in {folder}) ...")
    with throwaway_postgres("iwt_loadtest") as database_url:
        flush_redis(REDIS_URL)
        try:
            ports = [free_port() for _ in range(count)]
            env = production_env(
                folder,
                ports[0],
                database_url=database_url,
                REDIS_URL=REDIS_URL,
                DJANGO_TASKS_BACKEND="database",  # e-mails wait for a worker; none runs here
                REGISTRATION_LIMIT_PER_ADDRESS="1000000",
                REGISTRATION_LIMIT_PER_EMAIL="1000000",
                **(extra_env or {}),
            )
            # Built with tasks run at once, as `make demo` does: no backlog for a worker.
            build_env = env | {"DJANGO_TASKS_BACKEND": "immediate"}
            build_demo(
                build_env, ports[0], log=folder / "build.log", admin_password=ADMIN_PASSWORD
            )
            setup_django(env)
            set_capacity(seats)
            flush_redis(REDIS_URL)
            with servers(lambda port: env, ports, folder, workers) as processes:
                cluster = Cluster(env, ports, processes, folder)
                discover(cluster)
                yield cluster
        finally:
            close_django()
            try:
                flush_redis(REDIS_URL)
            except Exception as error:  # Redis down (a fault run) must not hide what went wrong
                print(f"Could not flush {REDIS_URL}: {error}", file=sys.stderr)


def setup_django(env):
    """Django in this process, with the servers' settings and database."""
    os.environ.update(
        {key: value for key, value in env.items() if key.startswith(("DJANGO_", "DATABASE"))}
        | {"REDIS_URL": env["REDIS_URL"]}
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def close_django():
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()


def set_capacity(seats):
    """Leave this many seats free (the demo has registrations of its own), waitlist on."""
    from registrations.models import RegistrationPage
    from registrations.services import seats_taken

    for page in RegistrationPage.objects.all():
        RegistrationPage.objects.filter(pk=page.pk).update(
            capacity=seats_taken(page.edition) + seats, waitlist_enabled=True
        )


def discover(cluster):
    """The agenda, its sessions, the registration page and the calendar feeds, found by
    following the demo's links, as a visitor would."""
    base = cluster.bases[0]
    pages = find_pages(base)
    cluster.pages = {"agenda": pages["agenda"], "registration": pages["registration"]}
    agenda = links_of(base + pages["agenda"])
    cluster.sessions = agenda.find_all(around="session__title")
    feeds = {urlsplit(href).path for kind, href in agenda.alternates if kind == "text/calendar"}
    for path in cluster.sessions[:6]:
        session = links_of(base + path)
        feeds |= {urlsplit(h).path for kind, h in session.alternates if kind == "text/calendar"}
    cluster.feeds = sorted(feeds)
    if not cluster.sessions or not cluster.feeds:
        sys.exit("Found no session pages or no calendar feeds by following the agenda's links")
    print(
        f"Found the agenda, {len(cluster.sessions)} session pages, {len(cluster.feeds)} "
        f"calendar feeds and the registration form at {cluster.pages['registration']}",
        flush=True,
    )


# The clients


class Stats:
    """What every request answered, by kind; shared by the client threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.errors = Counter()
        self.statuses = defaultdict(Counter)
        self.cache = defaultdict(Counter)  # kind: X-Cache value (or "none")
        self.examples = defaultdict(list)  # kind: a few failed requests, to show
        self.pages = {}  # status >= 500: the <title> of the first such page
        self.timeline = []  # (seconds since start, kind, status or error name), if kept
        self.keep_timeline = False
        self.started = time.monotonic()
        self.elapsed = 0.0
        self.registered = []  # addresses whose registration was accepted (303)
        self.confirmed = []  # addresses whose confirmation was accepted (303)
        self.skipped = 0  # registrations not confirmed: this script could not reach the database
        self.abandoned = Counter()  # reason: registration visits that stopped before the end
        self.abandoned_examples = defaultdict(list)  # reason: a few addresses and answers

    def abandon(self, reason, email, detail=""):
        """A registration visit that stopped before the end, and why: none stops unrecorded."""
        with self.lock:
            self.abandoned[reason] += 1
            if len(self.abandoned_examples[reason]) < 3:
                self.abandoned_examples[reason].append(f"{email} {detail}".strip())

    def record(self, kind, method, path, latency, status, headers=None, ok=True, error=None):
        with self.lock:
            self.latencies[kind].append(latency)
            self.statuses[kind][status or error] += 1
            if headers is not None:
                self.cache[kind][headers.get("X-Cache", "none").upper()] += 1
            if not ok:
                self.errors[kind] += 1
                if len(self.examples[kind]) < 3:
                    self.examples[kind].append(f"{method} {path}: {status or error}")
            if self.keep_timeline:
                self.timeline.append((time.monotonic() - self.started, kind, status or error))


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.raw = status, headers, body

    @property
    def body(self):
        if self.headers.get("Content-Encoding") == "gzip":
            return gzip.decompress(self.raw)
        return self.raw


class Client:
    """One simulated visitor's keep-alive connections, one per server, and cookies."""

    def __init__(self, stats, timeout=30):
        self.stats = stats
        self.timeout = timeout
        self.connections = {}
        self.cookies = {}

    def close(self):
        for connection in self.connections.values():
            connection.close()
        self.connections.clear()

    def request(self, kind, port, method, path, *, headers=None, body=None, expect=(200,)):
        """The response, or None after a connection error; both are recorded under kind."""
        headers = {"Accept-Encoding": "gzip", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        for attempt in range(2):
            connection = self.connections.get(port)
            reused = connection is not None and connection.sock is not None
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=self.timeout)
                self.connections[port] = connection
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, OSError) as error:
                connection.close()
                # A keep-alive connection the server had closed: once more on a new one.
                if (
                    attempt == 0
                    and reused
                    and isinstance(
                        error,
                        http.client.RemoteDisconnected | ConnectionResetError | BrokenPipeError,
                    )
                ):
                    continue
                latency = time.perf_counter() - start
                self.stats.record(kind, method, path, latency, None, error=type(error).__name__)
                return None
        latency = time.perf_counter() - start
        if response.will_close:
            connection.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        ok = response.status in expect
        html = "html" in (response.headers.get("Content-Type") or "")
        if response.status >= 500 and html and response.status not in self.stats.pages:
            title = PAGE_TITLE.search(Response(response.status, response.headers, data).body)
            self.stats.pages[response.status] = title.group(1).decode().strip() if title else ""
        self.stats.record(kind, method, path, latency, response.status, response.headers, ok)
        return Response(response.status, response.headers, data)


class Load:
    """The visits each client makes until the deadline, over all servers."""

    def __init__(self, cluster, stats, *, mix=None, seed=None):
        self.cluster = cluster
        self.stats = stats
        self.mix = mix or MIX
        self.seed = seed if seed is not None else random.randrange(1 << 30)
        self.numbers = itertools.count(1)
        self.run_id = f"{self.seed:x}"
        self.addresses = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.repeat_share = REPEAT_ADDRESS_SHARE

    def run(self, clients, duration):
        """Run `clients` threads for `duration` seconds (or until stop is set)."""
        deadline = time.monotonic() + duration
        self.stats.started = time.monotonic()
        threads = [
            threading.Thread(target=self.client, args=(number, deadline), daemon=True)
            for number in range(clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.stats.elapsed = time.monotonic() - self.stats.started

    def client(self, number, deadline):
        rng = random.Random(self.seed + number)
        visitor = Client(self.stats)  # no cookies: an anonymous reader or calendar app
        validators = {}  # feed path: (ETag, Last-Modified)
        kinds, weights = zip(*self.mix.items(), strict=True)
        try:
            while time.monotonic() < deadline and not self.stop.is_set():
                kind = rng.choices(kinds, weights)[0]
                port = rng.choice(self.cluster.ports)
                if kind == "agenda":
                    visitor.request(kind, port, "GET", self.cluster.pages["agenda"])
                elif kind == "session":
                    visitor.request(kind, port, "GET", rng.choice(self.cluster.sessions))
                elif kind in ("feed", "feed-304"):
                    self.poll_feed(visitor, kind, port, rng, validators)
                else:
                    try:
                        self.register(rng)
                    except DatabaseUnreachable:
                        self.stats.skipped += 1
        finally:
            visitor.close()
            close_django()

    def poll_feed(self, visitor, kind, port, rng, validators):
        path = rng.choice(self.cluster.feeds)
        if kind == "feed" or path not in validators:
            response = visitor.request("feed", port, "GET", path)
            if response is not None and response.status == 200:
                validators[path] = (response.headers["ETag"], response.headers["Last-Modified"])
            return
        etag, modified = validators[path]
        # Calendar apps send one validator or both.
        which = rng.choice(("etag", "date", "both"))
        headers = {}
        if which != "date" and etag:
            headers["If-None-Match"] = etag
        if which != "etag" and modified:
            headers["If-Modified-Since"] = modified
        visitor.request("feed-304", port, "GET", path, headers=headers, expect=(304,))

    def register(self, rng):
        """Register and confirm the address, as a person with the e-mail's link would."""
        person = Client(self.stats)
        try:
            self._register(person, rng)
        finally:
            person.close()

    def _register(self, person, rng):
        form = self.cluster.pages["registration"]
        ports = self.cluster.ports
        with self.lock:
            # A bool, not the list: `[] and ...` would be self.addresses itself, which the
            # first address is appended to just below, making the first person a "repeat".
            repeat = bool(self.addresses) and rng.random() < self.repeat_share
            if repeat:
                email = rng.choice(self.addresses)
            else:
                email = f"{LOAD_ADDRESS_PREFIX}{self.run_id}-{next(self.numbers)}@example.org"
                self.addresses.append(email)
        response = person.request("register", rng.choice(ports), "GET", form)
        token = response and CSRF_INPUT.search(response.body)
        if not token:
            return self.stats.abandon(
                "registration form without a CSRF token", email, answered(response)
            )
        data = urlencode(
            registration_data(email, rng) | {"csrfmiddlewaretoken": token.group(1).decode()}
        ).encode()
        posted = self.post_maybe_twice(person, "register", form, data, rng)
        if posted is None or posted.status != 303:
            return self.stats.abandon("registration not accepted", email, answered(posted))
        self.stats.registered.append(email)
        person.request("register", rng.choice(ports), "GET", location(posted))
        if repeat:
            # Already registered: the e-mail says so, there is nothing to confirm.
            return self.stats.abandon("repeated address, nothing to confirm", email)
        try:
            confirm = form + f"confirm/{confirmation_code(email)}/"
        except DatabaseUnreachable:
            self.stats.abandon("this script could not read the database", email)
            raise
        page = person.request("confirm", rng.choice(ports), "GET", confirm)
        token = page and CSRF_INPUT.search(page.body)
        if not token:
            return self.stats.abandon(
                "confirmation page without a CSRF token", email, answered(page)
            )
        data = urlencode({"csrfmiddlewaretoken": token.group(1).decode()}).encode()
        confirmed = self.post_maybe_twice(person, "confirm", confirm, data, rng)
        if confirmed is None or confirmed.status != 303:
            return self.stats.abandon("confirmation not accepted", email, answered(confirmed))
        self.stats.confirmed.append(email)
        person.request("confirm", rng.choice(ports), "GET", location(confirmed))

    def post_maybe_twice(self, person, kind, path, data, rng):
        """POST once, or, now and then, the same form to every server at the same moment
        (a double click behind a load balancer); the first server's answer is returned."""
        port = rng.choice(self.cluster.ports)
        if rng.random() >= DOUBLE_SUBMIT_SHARE:
            return person.request(kind, port, "POST", path, body=data, expect=(303,))
        answers = {}
        barrier = threading.Barrier(len(self.cluster.ports))

        def post(port):
            twin = Client(self.stats)
            twin.cookies = dict(person.cookies)
            barrier.wait()
            # The second of two confirmations gets the "already confirmed" page.
            expect = (303, 200) if kind == "confirm" else (303,)
            answers[port] = twin.request(kind, port, "POST", path, body=data, expect=expect)
            twin.close()

        threads = [threading.Thread(target=post, args=(port,)) for port in self.cluster.ports]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        redirected = [a for a in answers.values() if a is not None and a.status == 303]
        return redirected[0] if redirected else answers[self.cluster.ports[0]]


def registration_data(email, rng):
    return {
        "name": f"Load Tester {rng.randrange(10**6)}",
        "email": email,
        "organisation": rng.choice(["Kenya Wildlife Service", "TRAFFIC", "Interpol", "IFAW"]),
        "job_title": "Analyst",
        "sector": rng.choice(["law_enforcement", "ngo", "government"]),
        "country": rng.choice(["KE", "GB", "VN", "ZA"]),
        "dietary_needs": "",
        "accessibility_needs": "",
        "privacy_consent": "on",
        "website": "",
    }


def answered(response):
    """What a request answered, in a few words (for a registration visit that stopped)."""
    if response is None:
        return "(no answer: connection error)"
    return f"({response.status} {response.headers.get('Location') or ''})".replace(" )", ")")


def location(response):
    return urlsplit(response.headers["Location"]).path


def confirmation_code(email):
    """The code in the confirmation e-mail's link, as the site signs it."""
    from django.db import DatabaseError, close_old_connections

    from registrations.addresses import normalise_email
    from registrations.models import Registration
    from registrations.services import confirmation_code as code_for

    close_old_connections()  # a new connection each time: the database may have restarted
    try:
        return code_for(Registration.objects.get(email_key=normalise_email(email)[1]))
    except DatabaseError as error:
        raise DatabaseUnreachable from error


class DatabaseUnreachable(Exception):
    """This script (not the site) could not read the database to confirm a registration."""


def run_load(cluster, clients, duration, mix=None):
    warm_up(cluster)
    stats = Stats()
    Load(cluster, stats, mix=mix).run(clients, duration)
    return stats


def warm_up(cluster):
    """Each page and feed once per server, as on a live site: caches hold what they hold."""
    client = Client(Stats())
    for port in cluster.ports:
        for path in [cluster.pages["agenda"], *cluster.sessions, *cluster.feeds]:
            client.request("warm-up", port, "GET", path)
    client.close()


# A burst: everyone at once


BURST_GOAL = 10.0  # seconds until every request of a phase is answered
BURST_CONFIRM_P95_GOAL = 5.0  # seconds, p95 of a confirmation in the burst
BURST_KINDS = ["form", "register", "confirm-page", "confirm"]


def burst_main(args):
    """`--burst N`: N people register at once, then the same N confirm at once."""
    with demo_cluster(seats=args.seats, workers=args.workers) as cluster:
        print(
            f"\nBurst: {args.burst} people register at the same moment, then all confirm at "
            f"the same moment, over {', '.join(cluster.bases)} ({args.workers} gunicorn "
            f"workers each, {os.environ.get('GUNICORN_THREADS', 'default')} threads; "
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before); "
            f"{args.seats} seats free, waitlist on",
            flush=True,
        )
        SERVER_SESSIONS.update(str(pid) for pid in cluster.master_pids())
        stats, phases = run_burst(cluster, args.burst)
        ok = print_burst(stats, phases)
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        results = [ok, check_seats(cluster, stats), check_waitlist_order()]
    print("\n" + ("PASS" if all(results) else "FAIL"))
    return 0 if all(results) else 1


def run_burst(cluster, people, seed=None):
    """Each person first opens the form (and, later, the confirmation page from the
    e-mail's link), untimed; then everyone presses the button at the same moment. A phase
    lasts from that moment until the last of its posts is answered: every registration (or
    confirmation) is then decided."""
    warm_up(cluster)
    stats = Stats()
    seed = seed if seed is not None else random.randrange(1 << 30)
    run_id = f"{seed:x}"
    rng = random.Random(seed)
    form = cluster.pages["registration"]
    persons = [
        (Client(stats, timeout=120), f"{LOAD_ADDRESS_PREFIX}{run_id}-{n}@example.org")
        for n in range(1, people + 1)
    ]
    ports = {email: cluster.ports[n % len(cluster.ports)] for n, (_, email) in enumerate(persons)}
    phases = {}

    def post(kind, refusal, accepted):
        """post(person, email, (path, body)): a POST of `kind` that should answer 303, the
        address then counted in `accepted`."""

        def send(person, email, path_and_data):
            path, data = path_and_data
            answer = person.request(kind, ports[email], "POST", path, body=data, expect=(303,))
            if answer is None or answer.status != 303:
                return stats.abandon(refusal, email, answered(answer))
            with stats.lock:
                accepted.append(email)
            return email

        return send

    try:

        def open_form(person, email):
            page = person.request("form", ports[email], "GET", form)
            token = page and CSRF_INPUT.search(page.body)
            if not token:
                stats.abandon("registration form without a CSRF token", email, answered(page))
                return None
            data = registration_data(email, rng) | {"csrfmiddlewaretoken": token.group(1).decode()}
            return form, urlencode(data).encode()

        forms = in_parallel(open_form, persons)
        send_form = post("register", "registration not accepted", stats.registered)
        ready = [(p, e, d) for (p, e), d in zip(persons, forms, strict=True) if d]
        phases["register"] = at_once(send_form, ready)

        def open_confirmation(person, email, code):
            path = form + f"confirm/{code}/"
            page = person.request("confirm-page", ports[email], "GET", path)
            token = page and CSRF_INPUT.search(page.body)
            if not token:
                stats.abandon("confirmation page without a CSRF token", email, answered(page))
                return None
            return path, urlencode({"csrfmiddlewaretoken": token.group(1).decode()}).encode()

        registered = set(stats.registered)
        # The codes, one query each in this process (not in parallel: one connection).
        with_code = [(p, e, confirmation_code(e)) for p, e in persons if e in registered]
        pages = in_parallel(open_confirmation, with_code)
        confirm = post("confirm", "confirmation not accepted", stats.confirmed)
        ready = [(p, e, d) for (p, e, _), d in zip(with_code, pages, strict=True) if d]
        phases["confirm"] = at_once(confirm, ready)
    finally:
        for person, _ in persons:
            person.close()
        close_django()
    stats.elapsed = sum(phases.values())
    return stats, phases


def in_parallel(work, items, threads=16):
    """work(*item) for each item, over a few threads (the untimed preparation)."""
    results = [None] * len(items)
    numbers = iter(range(len(items)))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            results[number] = work(*items[number])

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return results


def at_once(work, items):
    """work(*item) for each item, one thread each, all released at the same moment; the
    seconds until the last one is done."""
    barrier = threading.Barrier(len(items) + 1)

    def run(item):
        barrier.wait()
        work(*item)

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    cpu = cpu_seconds()
    barrier.wait()
    started = time.monotonic()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    used = {name: after - cpu.get(name, 0.0) for name, after in cpu_seconds().items()}
    print(
        f"  {len(items)} at once: {elapsed:.1f} s; CPU seconds used meanwhile: "
        + ", ".join(f"{name} {seconds:.1f}" for name, seconds in used.items()),
        flush=True,
    )
    return elapsed


SERVER_SESSIONS = set()  # the process sessions of the servers started here (as strings)


def cpu_seconds():
    """CPU seconds (user and system) used so far by the app servers started here, by
    PostgreSQL (all of it: other users' too) and by this process, read from /proc (Linux)."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    used = Counter()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name, fields = text[text.index("(") + 1 : text.rindex(")")], text.rsplit(")", 1)[1]
        fields = fields.split()
        seconds = (int(fields[11]) + int(fields[12])) / ticks
        if stat.parent.name == str(os.getpid()):
            used["load"] += seconds
        elif fields[3] in SERVER_SESSIONS:
            used["servers"] += seconds
        elif name.startswith("postgres"):
            used["postgres"] += seconds
    return dict(used)


def print_burst(stats, phases):
    """The phases' wall times and the latencies; whether the goals hold."""
    print_stats(stats, BURST_KINDS)
    problems = []
    for phase, kind in (("register", "register"), ("confirm", "confirm")):
        values = stats.latencies.get(kind, [])
        wall = phases.get(phase, 0.0)
        print(
            f"{phase} phase: {len(values)} posts, all answered {wall:.1f} s after the first "
            f"was sent; p50 {percentile(values, 0.5):.2f} s, "
            f"p95 {percentile(values, 0.95):.2f} s, max {max(values, default=0):.2f} s; "
            f"{stats.errors[kind]} errors"
        )
        if wall > BURST_GOAL:
            problems.append(f"the {phase} phase took {wall:.1f} s (goal {BURST_GOAL:.0f} s)")
        if stats.errors[kind]:
            problems.append(f"{stats.errors[kind]} {phase} posts failed")
    confirm_p95 = percentile(stats.latencies.get("confirm", []), 0.95)
    if confirm_p95 > BURST_CONFIRM_P95_GOAL:
        problems.append(
            f"p95 of a confirmation {confirm_p95:.2f} s (goal {BURST_CONFIRM_P95_GOAL:.0f} s)"
        )
    if stats.abandoned:
        problems.append(f"{sum(stats.abandoned.values())} people stopped before confirming")
    verdict = "PASS" if not problems else "FAIL"
    print(f"{verdict} burst goals" + "".join(f"\n  - {p}" for p in problems))
    return not problems


def check_waitlist_order():
    """Seats and waitlist places go in the order addresses were confirmed: no one holds a
    seat who confirmed after someone who waits, and the waitlist's order is the order of
    confirmation."""
    from django.db import close_old_connections

    from registrations.models import Registration, RegistrationStatus

    close_old_connections()
    loaded = Registration.objects.filter(email_key__startswith=LOAD_ADDRESS_PREFIX)
    seated = loaded.filter(status=RegistrationStatus.CONFIRMED)
    waiting = list(
        loaded.filter(status=RegistrationStatus.WAITLISTED)
        .order_by("queued_at", "pk")
        .values_list("address_confirmed_at", flat=True)
    )
    problems = []
    last_seated = max(seated.values_list("address_confirmed_at", flat=True), default=None)
    if waiting and last_seated and last_seated > min(waiting):
        later = seated.filter(address_confirmed_at__gt=min(waiting)).count()
        problems.append(f"{later} seats went to people who confirmed after someone who waits")
    out_of_order = sum(1 for a, b in itertools.pairwise(waiting) if a > b)
    if out_of_order:
        problems.append(f"{out_of_order} waitlist places out of the order of confirmation")
    verdict = "PASS" if not problems else "FAIL"
    print(
        f"{verdict} waitlist in order ({seated.count()} seated, {len(waiting)} waiting)"
        + "".join(f"\n  - {p}" for p in problems)
    )
    return not problems


# Figures and checks


def percentile(values, share):
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def print_stats(stats, kinds=KINDS):
    total = sum(len(values) for values in stats.latencies.values())
    errors = sum(stats.errors.values())
    print(
        f"\n{total} requests in {stats.elapsed:.1f} s: {total / stats.elapsed:.0f} requests/s; "
        f"{errors} errors"
    )
    print(f"{'kind':<10}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}{'cache hits':>12}")
    for kind in kinds:
        values = stats.latencies.get(kind, [])
        if not values:
            continue
        print(
            f"{kind:<10}{len(values):>7}{percentile(values, 0.5) * 1000:>9.0f}"
            f"{percentile(values, 0.95) * 1000:>9.0f}{stats.errors[kind]:>8}"
            f"{cache_share(stats, kind):>12}"
        )
    print(
        "cache hits: share of answers with X-Cache: HIT among those with an X-Cache header "
        "(- : no X-Cache header)"
    )
    answers = {kind: dict(stats.statuses[kind]) for kind in kinds if stats.statuses[kind]}
    print(f"answers by status: {answers}")
    for kind, examples in stats.examples.items():
        print(f"  {kind} errors, e.g.: {'; '.join(examples)}")
    print_abandoned(stats)


def print_abandoned(stats):
    """Every registration visit that stopped before confirming, by reason."""
    for reason, count in stats.abandoned.items():
        examples = "; ".join(stats.abandoned_examples[reason])
        print(f"  {count} registration visits stopped: {reason}, e.g. {examples}")


def cache_share(stats, kind):
    counts = stats.cache[kind]
    marked = counts["HIT"] + counts["MISS"]
    if not marked:
        return "-"
    return f"{100 * counts['HIT'] / marked:.0f}% of {marked}"


def seat_report():
    """The registrations as the database holds them, and what is wrong with them."""
    from django.db import close_old_connections
    from django.db.models import Count, Q

    from registrations.models import (
        EmailKind,
        OutgoingEmail,
        Registration,
        RegistrationPage,
        RegistrationStatus,
    )

    close_old_connections()  # a new connection: the database may have restarted
    capacity = RegistrationPage.objects.get().capacity
    loaded = Registration.objects.filter(email_key__startswith=LOAD_ADDRESS_PREFIX)
    by_status = Counter(Registration.objects.values_list("status", flat=True))
    confirmed = by_status[RegistrationStatus.CONFIRMED]
    waitlisted = by_status[RegistrationStatus.WAITLISTED]
    problems = []
    if confirmed > capacity:
        problems.append(f"{confirmed} seats given for a capacity of {capacity}")
    if waitlisted and confirmed < capacity:
        problems.append(f"{capacity - confirmed} seats free while {waitlisted} people wait")
    duplicates = (
        Registration.objects.values("edition", "email_key")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    if duplicates:
        problems.append(f"{duplicates} addresses registered more than once")
    status_mail = {
        RegistrationStatus.CONFIRMED: EmailKind.CONFIRMED,
        RegistrationStatus.WAITLISTED: EmailKind.WAITLISTED,
    }
    for status, kind in status_mail.items():
        wrong = (
            loaded.filter(status=status)
            .annotate(n=Count("emails", filter=Q(emails__kind=kind)))
            .exclude(n=1)
            .count()
        )
        if wrong:
            problems.append(f"{wrong} {status} registrations without exactly one {kind} e-mail")
    twice = (
        OutgoingEmail.objects.filter(kind__in=list(status_mail.values()), registration__in=loaded)
        .values("registration", "kind")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    if twice:
        problems.append(f"{twice} registrations told of their seat or place more than once")
    incomplete = (
        loaded.annotate(
            consents_n=Count("consents", distinct=True),
            confirm_n=Count(
                "emails", filter=Q(emails__kind=EmailKind.CONFIRM_ADDRESS), distinct=True
            ),
        )
        .filter(Q(consents_n__lt=3) | Q(confirm_n=0))
        .count()
    )
    if incomplete:
        problems.append(f"{incomplete} registrations without their consents or first e-mail")
    emails = Counter(
        OutgoingEmail.objects.filter(registration__in=loaded).values_list("status", flat=True)
    )
    return {
        "capacity": capacity,
        "by_status": dict(by_status),
        "emails": dict(emails),
        "problems": problems,
    }


def check_seats(cluster, stats):
    from registrations.addresses import normalise_email
    from registrations.models import Registration, RegistrationStatus

    report = seat_report()
    problems = report["problems"]
    # Every confirmation the site accepted holds a seat or a waitlist place.
    keys = {normalise_email(email)[1] for email in stats.confirmed}
    placed = Registration.objects.filter(
        email_key__in=keys,
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
    ).count()
    if placed != len(keys):
        problems.append(f"{len(keys) - placed} accepted confirmations hold no seat or place")
    print(
        f"\nRegistrations: {len(stats.registered)} accepted ({len(set(stats.registered))} "
        f"addresses), {len(keys)} addresses confirmed; capacity {report['capacity']}; "
        f"in the database by status {report['by_status']}; the load's e-mails by status "
        f"{report['emails']}"
    )
    verdict = "PASS" if not problems else "FAIL"
    print(f"{verdict} no seat given twice" + "".join(f"\n  - {p}" for p in problems))
    return not problems


def check_propagation(cluster):
    """Publish a new title for a session through server A's admin, then poll server B's
    session page, agenda and agenda feed until each shows it."""
    from playwright.sync_api import sync_playwright

    a, b = cluster.bases[0], cluster.bases[1]
    port_b = cluster.ports[1]
    session_path = cluster.sessions[len(cluster.sessions) // 2]
    feed_path = next((f for f in cluster.feeds if f.endswith("/agenda.ics")), cluster.feeds[0])
    watched = [session_path, cluster.pages["agenda"], feed_path]
    page_id, old_title = session_page(session_path)
    new_title = f"{old_title} (revised {random.randrange(16**6):06x})"
    poller = Client(Stats())
    for path in watched * 2:  # B holds the old version in whatever caches it has
        poller.request("warm-up", port_b, "GET", path)
    poller.close()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(base_url=a)
            page.goto("/admin/login/")
            page.fill("#id_username", "admin")
            page.fill("#id_password", ADMIN_PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(re.compile(r".*/admin/$"))
            page.goto(f"/admin/pages/{page_id}/edit/")
            page.fill("#id_title", new_title)
            page.get_by_role("button", name="More actions").click()
            with page.expect_response(
                lambda r: r.request.method == "POST" and f"/pages/{page_id}/edit/" in r.url
            ) as publish:
                page.get_by_role("button", name="Publish", exact=True).click()
            published_at = time.monotonic()
            status = publish.value.status
            if status == 302:
                fresh, stale = watch(port_b, watched, new_title, published_at)
        finally:
            browser.close()
    if status != 302:
        print(f"\nFAIL edit propagation: publishing through {a} answered {status}")
        return False
    if feed_path not in fresh:
        body = Client(Stats()).request("poll", port_b, "GET", feed_path).body.decode()
        summaries = [line for line in body.splitlines() if line.startswith("SUMMARY")]
        print(f"  {feed_path} still says: {summaries}")
    print(f"\nEdit published through {a} (session {session_path}), then served by {b}:")
    for path in watched:
        delay = fresh.get(path)
        last_stale = f"; old version last at {stale[path]:.3f} s" if path in stale else ""
        shown = "not within 10 s" if delay is None else f"{delay:.3f} s"
        print(f"  {path}: new version asked for at {shown}{last_stale}")
    delay = max(fresh.values()) if len(fresh) == len(watched) else None
    ok = delay is not None and delay <= PROPAGATION_LIMIT
    shown = "never (10 s)" if delay is None else f"{delay:.3f} s"
    print(f"{'PASS' if ok else 'FAIL'} edit propagation: {shown} (limit {PROPAGATION_LIMIT} s)")
    return ok


def watch(port, paths, title, since, timeout=10):
    """Poll each path (one thread each) until it shows the title. Returns, per path, when
    (seconds after `since`) the first request that got the new version was sent, and when
    the last one that still got the old version was: the time it took, without the time
    the server took to answer."""
    fresh, stale = {}, {}

    def poll(path):
        client = Client(Stats())
        while time.monotonic() - since < timeout:
            sent = time.monotonic() - since
            response = client.request("poll", port, "GET", path)
            if response is not None and response.status == 200:
                if shows(response.body, title):
                    fresh[path] = sent
                    break
                stale[path] = sent
            time.sleep(0.01)
        client.close()

    threads = [threading.Thread(target=poll, args=(path,)) for path in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return fresh, stale


def shows(body, title):
    """Whether an HTML page or an iCalendar feed (lines unfolded) shows the title."""
    from html import escape

    text = body.decode(errors="replace")
    if text.startswith("BEGIN:VCALENDAR"):
        unfolded = text.replace("\r\n ", "").replace("\n ", "")
        escaped = title.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        return escaped in unfolded
    return escape(title) in text


def session_page(path):
    """The page id and title of the session page at this path (on the default site)."""
    from wagtail.models import Site

    root = Site.objects.get(is_default_site=True).root_page
    page = root.get_descendants().get(url_path=root.url_path + path.lstrip("/"))
    return page.pk, page.title


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
