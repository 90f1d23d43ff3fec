"""Fault runs against two app servers under a light load: `make faults` runs them.

The same throwaway demo as scripts/loadtest.py (PostgreSQL database, Redis database, two
gunicorn servers with production settings, e-mail through SMTP to a port where nothing
listens, tasks waiting in the database for a worker), then, one after another:

postgres  PostgreSQL stopped for a few seconds and started again while clients read pages,
          poll feeds and register: what the requests during the outage answered (a friendly
          503 is expected), whether any write was left half-done, whether the same gunicorn
          processes serve again, and how long after PostgreSQL is back.
redis     Redis shut down, then started again: whether pages are still served (uncached), what
          /healthz says, and whether caching resumes.
smtp      The mail server down: registrations are saved and their e-mails queued; the worker's
          attempt fails and is kept for a retry; then a real SMTP server (aiosmtpd) starts, and
          `manage.py send_queued_email`, as the scheduler runs it, delivers them.

It prints a summary per fault and exits 1 when an expectation is not met. PostgreSQL and Redis
are always running again when it exits, whatever happens (they are checked at the end).
Run as a user who may restart them (root on the CI machine).
"""

import argparse
import atexit
import mailbox
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from email.utils import parseaddr
from pathlib import Path

from demo_server import ROOT, exit_on_signals, free_port
from loadtest import (
    Client,
    Load,
    Stats,
    demo_cluster,
    print_abandoned,
    print_stats,
    seat_report,
)

PG_CLUSTER = ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main"]
REDIS_START = [
    "redis-server",
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "-::1",
    "--port",
    "6379",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    "/var/lib/redis",
    "--logfile",
    "/var/log/redis/ci.log",
]
LIGHT_LOAD = {"agenda": 30, "session": 30, "feed": 10, "feed-304": 15, "register": 15}
LIGHT_CLIENTS = 4
OUTAGE = 5  # seconds PostgreSQL stays down
OK_STATUSES = range(200, 400)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "faults", nargs="*", help="postgres, redis and/or smtp (default: all, in this order)"
    )
    args = parser.parse_args()
    faults = args.faults or ["postgres", "redis", "smtp"]
    unknown = set(faults) - {"postgres", "redis", "smtp"}
    if unknown:
        parser.error(f"unknown faults: {', '.join(sorted(unknown))}")
    exit_on_signals()
    atexit.register(restore_services)
    smtp_port = free_port()
    summaries = {}
    try:
        with demo_cluster(
            seats=50,
            extra_env={
                "SMTP_HOST": "127.0.0.1",
                "SMTP_PORT": str(smtp_port),
                "SMTP_USE_TLS": "false",
            },
        ) as cluster:
            for fault in faults:
                print(f"\n=== {fault} ===", flush=True)
                run = {"postgres": postgres_fault, "redis": redis_fault, "smtp": smtp_fault}
                try:
                    summaries[fault] = run[fault](cluster, smtp_port)
                finally:
                    restore_services()
    finally:
        restore_services()
    print("\n=== Summary ===")
    failed = False
    for fault, lines in summaries.items():
        print(f"{fault}:")
        for verdict, text in lines:
            failed |= verdict == "FAIL"
            print(f"  {verdict:<5} {text}")
    print(services_line())
    sys.exit(1 if failed else 0)


# The services


def postgres_answers():
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"], check=False).returncode == 0


def redis_answers():
    result = subprocess.run(
        ["redis-cli", "-p", "6379", "ping"], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() == "PONG"


def restore_services(timeout=60):
    """Start PostgreSQL and Redis if either is down, and wait until both answer."""
    if not postgres_answers():
        subprocess.run([*PG_CLUSTER, "start"], check=False)
    if not redis_answers():
        subprocess.run(REDIS_START, check=False, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if postgres_answers() and redis_answers():
            return True
        time.sleep(0.5)
    print(f"WARNING: services not all back: {services_line()}", file=sys.stderr)
    return False


def services_line():
    postgres = "accepting connections" if postgres_answers() else "NOT ANSWERING"
    redis = "PONG" if redis_answers() else "NOT ANSWERING"
    return f"pg_isready -h 127.0.0.1: {postgres}; redis-cli ping: {redis}"


# Load in the background, and what it saw


@contextmanager
def light_load(cluster):
    """Light load (a few clients) plus a /healthz poll every half second, until the block
    ends; yields the Stats, whose timeline holds every request's time, kind and answer."""
    stats = Stats()
    stats.keep_timeline = True
    stats.health = []  # (time, status, body) of each /healthz answer
    load = Load(cluster, stats, mix=LIGHT_LOAD)
    runner = threading.Thread(target=load.run, args=(LIGHT_CLIENTS, 3600), daemon=True)
    health = threading.Thread(target=poll_health, args=(cluster, stats, load.stop), daemon=True)
    runner.start()
    health.start()
    try:
        yield stats
    finally:
        load.stop.set()
        runner.join()
        health.join()


def poll_health(cluster, stats, stop):
    client = Client(stats, timeout=10)
    while not stop.is_set():
        for port in cluster.ports:
            response = client.request("healthz", port, "GET", "/healthz")
            if response is not None:
                stats.health.append(
                    (time.monotonic() - stats.started, response.status, response.body.decode())
                )
        time.sleep(0.5)
    client.close()


def between(stats, start, end, kinds=None):
    """The timeline's (time, kind, answer) between two moments (seconds since the start)."""
    return [
        (moment, kind, answer)
        for moment, kind, answer in stats.timeline
        if start <= moment < end and (kinds is None or kind in kinds) and kind != "healthz"
    ]


def answers(entries):
    counts = {}
    for _, kind, answer in entries:
        counts.setdefault(kind, {}).setdefault(answer, 0)
        counts[kind][answer] += 1
    return counts


def failed(answer):
    return not isinstance(answer, int) or answer not in OK_STATUSES


def now(stats):
    return time.monotonic() - stats.started


# The faults


def postgres_fault(cluster, smtp_port):
    pids_before = worker_pids(cluster)
    with light_load(cluster) as stats:
        time.sleep(5)
        down_at = now(stats)
        print(f"Stopping PostgreSQL for {OUTAGE} s at +{down_at:.1f} s", flush=True)
        subprocess.run([*PG_CLUSTER, "stop", "-m", "fast"], check=True)
        time.sleep(OUTAGE)
        subprocess.run([*PG_CLUSTER, "start"], check=True)
        while not postgres_answers():
            time.sleep(0.1)
        up_at = now(stats)
        print(f"PostgreSQL accepting connections again at +{up_at:.1f} s", flush=True)
        time.sleep(15)
        end = now(stats)
    print_stats(stats, kinds=["agenda", "session", "feed", "feed-304", "register", "confirm"])
    during = between(stats, down_at, up_at)
    after = between(stats, up_at, end)
    failures_after = [moment - up_at for moment, _, answer in after if failed(answer)]
    first_page = next(
        (
            moment - up_at
            for moment, kind, answer in after
            if kind in ("agenda", "session") and answer == 200
        ),
        None,
    )
    first_write = next(
        (moment - up_at for moment, kind, answer in after if kind == "register" and answer == 303),
        None,
    )
    statuses_during = answers(during)
    health_during = {status for moment, status, _ in stats.health if down_at <= moment < up_at}
    print(
        f"\nDuring the outage (+{down_at:.1f} to +{up_at:.1f} s, {up_at - down_at:.1f} s from "
        f"stopping to accepting connections again): {statuses_during}"
    )
    print(f"Error pages seen: {stats.pages or 'none'}")
    print(f"/healthz during the outage: {sorted(health_during)}")
    recovered = max(failures_after, default=0.0)
    print(
        f"After PostgreSQL was back: {len(failures_after)} failed requests, the last "
        f"{recovered:.1f} s after; first page {fmt(first_page)} after, first registration "
        f"saved {fmt(first_write)} after"
    )
    report = seat_report()
    print(f"Registrations by status {report['by_status']}; the load's e-mails {report['emails']}")
    pids_after = worker_pids(cluster)
    same_servers = all(process.poll() is None for process in cluster.processes.values())
    failures_during = [answer for _, _, answer in during if failed(answer)]
    friendly = bool(failures_during) and all(answer == 503 for answer in failures_during)
    return [
        verdict(
            friendly,
            f"requests that failed during the outage answered "
            f"{summarise(failures_during)}; error page titles {stats.pages or '-'}",
        ),
        verdict(
            not report["problems"],
            "no partial writes (every registration with its consents and e-mails, seats "
            "within capacity)" + "".join(f"; {p}" for p in report["problems"]),
        ),
        verdict(
            same_servers,
            f"the same gunicorn masters {cluster.master_pids()} serve again "
            f"(workers before {pids_before}, after {pids_after})",
        ),
        verdict(
            recovered < 10 and first_write is not None and first_page is not None,
            f"service back without restarting gunicorn: first page {fmt(first_page)} and "
            f"first registration {fmt(first_write)} after PostgreSQL accepted connections, "
            f"{len(failures_after)} failures after it; /healthz during the outage: "
            f"{sorted(health_during)}",
        ),
    ]


def redis_fault(cluster, smtp_port):
    with light_load(cluster) as stats:
        time.sleep(5)
        down_at = now(stats)
        print(f"Shutting Redis down at +{down_at:.1f} s", flush=True)
        subprocess.run(
            ["redis-cli", "-p", "6379", "shutdown", "nosave"], check=False, capture_output=True
        )
        time.sleep(10)
        up_at = now(stats)
        subprocess.run(REDIS_START, check=True, stdout=subprocess.DEVNULL)
        while not redis_answers():
            time.sleep(0.1)
        print(f"Redis started again at +{up_at:.1f} s", flush=True)
        time.sleep(10)
        end = now(stats)
    print_stats(stats, kinds=["agenda", "session", "feed", "feed-304", "register", "confirm"])
    during = between(stats, down_at + 0.5, up_at)
    after = between(stats, up_at + 2, end)
    pages_during = [a for _, kind, a in during if kind in ("agenda", "session")]
    failures_during = [a for _, _, a in during if failed(a)]
    failures_after = [a for _, _, a in after if failed(a)]
    health_during = [
        (status, body) for moment, status, body in stats.health if down_at + 0.5 <= moment < up_at
    ]
    health_after = [status for moment, status, _ in stats.health if moment >= up_at + 2]
    print(f"\nWhile Redis was down: {answers(during)}")
    print(f"Error pages seen: {stats.pages or 'none'}")
    print(f"/healthz while Redis was down: {sorted(set(health_during))[:3]}")
    pages_ok = bool(pages_during) and all(a == 200 for a in pages_during)
    # The cache fails open: the server still serves, so /healthz keeps it in the pool.
    health_ok = bool(health_during) and all(
        status == 200 and '"status": "degraded"' in body and '"cache": "unavailable"' in body
        for status, body in health_during
    )
    return [
        verdict(
            pages_ok,
            f"agenda and session pages while Redis was down: {summarise(pages_during)}",
        ),
        verdict(
            not failures_during,
            f"every request while Redis was down: {summarise([a for _, _, a in during])}",
        ),
        verdict(
            health_ok,
            f"/healthz while Redis was down: {sorted({s for s, _ in health_during})} "
            f"degraded, naming the cache",
        ),
        verdict(
            not failures_after and health_after and set(health_after) == {200},
            f"after Redis was back: {len(failures_after)} failed requests, /healthz "
            f"{sorted(set(health_after))}",
        ),
    ]


def smtp_fault(cluster, smtp_port):
    from django.db import close_old_connections

    from registrations.addresses import normalise_email
    from registrations.models import (
        EmailStatus,
        OutgoingEmail,
        Registration,
        RegistrationStatus,
    )
    from tests.registrations.smtp_server import SMTPServer

    close_old_connections()
    stats = Stats()
    load = Load(cluster, stats, mix={"register": 1})
    load.repeat_share = 0  # each a new person
    rng = random.Random()
    people = 3
    for _ in range(people):
        load.register(rng)
    # Everyone the load tried to register (accepted or not), compared as the site compares.
    keys = {normalise_email(address)[1] for address in load.addresses}
    registrations = Registration.objects.filter(email_key__in=keys)
    saved = registrations.count()
    placed = registrations.filter(
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
    ).count()
    mails = OutgoingEmail.objects.filter(registration__email_key__in=keys)
    queued = mails.filter(status=EmailStatus.QUEUED, attempts=0).count()
    print(f"Answers: { {kind: dict(counts) for kind, counts in stats.statuses.items()} }")
    for kind, examples in stats.examples.items():
        print(f"  {kind} errors, e.g.: {'; '.join(examples)}")
    print_abandoned(stats)
    print(
        f"With nothing listening on SMTP port {smtp_port}: {len(keys)} people, "
        f"{len(stats.registered)} registrations accepted and {len(stats.confirmed)} "
        f"confirmations accepted; {saved} registrations saved, {placed} of them confirmed "
        f"(or waitlisted), {queued} e-mails queued",
        flush=True,
    )
    worker = worker_command(cluster, "db_worker", "--batch", "--no-startup-delay")
    print(f"$ {' '.join(worker[1:])}  (the task worker, mail server down)", flush=True)
    subprocess.run(worker, cwd=ROOT, env=cluster.env, check=True, capture_output=True)
    after_worker = list(mails.values_list("status", "attempts", "last_error"))
    waiting = [m for m in after_worker if m[0] == EmailStatus.QUEUED and m[1] >= 1]
    errors = sorted({m[2].split(":")[0] for m in after_worker if m[2]})
    print(f"After the worker: {len(waiting)} of {len(after_worker)} e-mails queued for a retry ")
    print(f"  (attempt failed with {', '.join(errors) or 'no error'}); none lost")

    mail_dir = cluster.folder / "maildir"
    server = SMTPServer(smtp_port, mail_dir).start()
    started = time.monotonic()
    try:
        print(f"SMTP server (aiosmtpd) listening on port {smtp_port}", flush=True)
        command = worker_command(cluster, "send_queued_email")
        delivered_after = None
        while time.monotonic() - started < 180:
            result = subprocess.run(command, cwd=ROOT, env=cluster.env, capture_output=True)
            output = result.stdout.decode().strip()
            print(f"  +{time.monotonic() - started:.0f} s $ manage.py send_queued_email: {output}")
            if mails.exclude(status=EmailStatus.SENT).count() == 0:
                delivered_after = time.monotonic() - started
                break
            time.sleep(10)
        received = [
            message
            for message in server.messages()
            if normalise_email(parseaddr(message["To"])[1])[1] in keys
        ]
        everyone = len(mailbox.Maildir(mail_dir, create=True))
    finally:
        server.stop()
    sent = mails.filter(status=EmailStatus.SENT).count()
    received = len(received)
    print(
        f"Delivered: {sent} of these e-mails marked sent; the SMTP server received {received} "
        f"for these people ({everyone} in all, with the earlier runs' queued e-mails)"
    )
    shutil.rmtree(mail_dir, ignore_errors=True)
    return [
        verdict(
            len(keys) == saved == placed == len(stats.confirmed) == people and not stats.abandoned,
            f"{saved} of {people} registrations saved, {placed} confirmed in the database and "
            f"{len(stats.confirmed)} confirmations accepted while SMTP was down"
            + "".join(f"; {n} stopped: {reason}" for reason, n in stats.abandoned.items()),
        ),
        verdict(
            len(waiting) == len(after_worker) > 0,
            f"{len(after_worker)} e-mails kept for a retry after the worker's attempt "
            f"({', '.join(errors) or 'no error'})",
        ),
        verdict(
            delivered_after is not None and received == sent == len(after_worker),
            f"{received} of {len(after_worker)} delivered by send_queued_email "
            f"{fmt(delivered_after)} after the SMTP server started (first retry is due a "
            "minute after the failed attempt)",
        ),
    ]


def worker_command(cluster, *args):
    return [sys.executable, "manage.py", *args]


def worker_pids(cluster):
    """The gunicorn workers' process ids under each master."""
    pids = {}
    for port, process in cluster.processes.items():
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        pids[port] = sorted(map(int, children.read_text().split())) if children.exists() else []
    return pids


def verdict(ok, text):
    return ("PASS" if ok else "FAIL", text)


def summarise(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return ", ".join(f"{count}x {value}" for value, count in counts.items()) or "none"


def fmt(seconds):
    return "never" if seconds is None else f"{seconds:.1f} s"


if __name__ == "__main__":
    os.chdir(ROOT)
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
