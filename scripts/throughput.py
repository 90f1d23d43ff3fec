"""Throughput of cached pages and feeds on one server: `make throughput` runs it.

It builds the demo in a throwaway SQLite database (the page cache in files, or in Redis with
--redis), starts gunicorn under `config.settings.production` with 2 sync workers (one thread
each) and worker recycling provoked (GUNICORN_MAX_REQUESTS, 2000 unless set), warms the page
cache, then for the cached agenda page and the cached full-programme feed loads the server
with `--connections` keep-alive connections (each its own thread, `http.client`) for
`--duration` seconds and prints requests per second, p50, p99 and max latency, the errors,
and how many workers gunicorn replaced during the run. With `--wrk` and `wrk` installed, wrk
makes the load instead (`wrk -t2 -c4`), and the restarts are counted the same way.

The goals (issue 19): at least 1,200 requests a second for each, p99 under 20 ms for the feed.
"""

import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from demo_server import (
    build_demo,
    exit_on_signals,
    fetch,
    find_pages,
    flush_redis,
    free_port,
    links_of,
    production_env,
    servers,
)

WORKER_BOOTED = "Booting worker with pid"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=20, help="seconds per URL (20)")
    parser.add_argument("--connections", type=int, default=4, help="connections (4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    parser.add_argument("--redis", metavar="URL", help="the page cache in this Redis database")
    parser.add_argument("--wrk", action="store_true", help="load with wrk -t2, if installed")
    args = parser.parse_args()
    exit_on_signals()
    if args.wrk and not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk); run without --wrk")
    folder = Path(tempfile.mkdtemp(prefix="iwt-throughput-"))
    port = free_port()
    extra = {
        "GUNICORN_THREADS": "1",  # sync workers
        "GUNICORN_MAX_REQUESTS": os.environ.get("GUNICORN_MAX_REQUESTS", "2000"),
    }
    if "GUNICORN_MAX_REQUESTS_JITTER" in os.environ:
        extra["GUNICORN_MAX_REQUESTS_JITTER"] = os.environ["GUNICORN_MAX_REQUESTS_JITTER"]
    if args.redis:
        extra["REDIS_URL"] = args.redis
        flush_redis(args.redis)
    env = production_env(folder, port, **extra)
    print(f"Building the demo (logs in {folder}) ...", flush=True)
    build_demo(env | {"DJANGO_TASKS_BACKEND": "immediate"}, port, log=folder / "build.log")
    log = folder / f"gunicorn-{port}.log"
    try:
        with servers(lambda _: env, [port], folder, args.workers):
            base = f"http://127.0.0.1:{port}"
            targets = find_targets(base)
            print(
                f"gunicorn: {args.workers} sync workers, max_requests "
                f"{extra['GUNICORN_MAX_REQUESTS']}; {args.connections} connections, "
                f"{args.duration:g} s per URL, load by {'wrk' if args.wrk else 'Python'}",
                flush=True,
            )
            for name, path in targets.items():
                for _ in range(3):  # the cache warm, on both workers
                    fetch(base + path)
                before = restarts(log)
                if args.wrk:
                    result = run_wrk(port, path, args.connections, args.duration)
                else:
                    result = run_python(port, path, args.connections, args.duration)
                result["restarts"] = restarts(log) - before
                report(name, path, result)
    finally:
        if args.redis:
            flush_redis(args.redis)


def find_targets(base):
    """The agenda page and the full programme's feed (the agenda's calendar link)."""
    agenda = find_pages(base)["agenda"]
    feeds = [urlsplit(href).path for kind, href in links_of(base + agenda).alternates]
    feeds = [path for path in feeds if path.endswith(".ics")] or feeds
    if not feeds:
        sys.exit("The agenda page has no calendar feed link")
    return {"agenda": agenda, "feed": feeds[0]}


def restarts(log):
    """Workers booted so far, by gunicorn's log (each replacement boots one)."""
    return Path(log).read_text(errors="replace").count(WORKER_BOOTED)


def run_python(port, path, connections, duration):
    latencies, errors, lock = [], [], threading.Lock()
    deadline = time.monotonic() + duration

    def client():
        mine, failed = [], 0
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
                response = conn.getresponse()
                response.read()
                if response.status != 200 or response.getheader("X-Cache") != "HIT":
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                continue
            mine.append(time.perf_counter() - start)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors.append(failed)

    threads = [threading.Thread(target=client) for _ in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "rate": len(latencies) / elapsed,
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
        "max": latencies[-1] if latencies else 0.0,
        "errors": sum(errors),
    }


def percentile(values, share):
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1]


UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def run_wrk(port, path, connections, duration):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration:g}s", "--latency"]
    command += ["-H", "Accept-Encoding: gzip", f"http://127.0.0.1:{port}{path}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def seconds(pattern):
        found = re.search(pattern + r"\s+([\d.]+)(us|ms|s|m)\b", output)
        return float(found.group(1)) * UNITS[found.group(2)] if found else float("nan")

    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors:.*", output)
    return {
        "rate": float(rate.group(1)) if rate else 0.0,
        "p50": seconds(r"\n\s+50%"),
        "p99": seconds(r"\n\s+99%"),
        "max": seconds(r"Latency\s+[\d.]+\w+\s+[\d.]+\w+"),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(0) if socket_errors else "",
    }


def report(name, path, result):
    line = (
        f"{name:7} {path}: {result['rate']:,.0f} requests/s, p50 {result['p50'] * 1000:.1f} ms, "
        f"p99 {result['p99'] * 1000:.1f} ms, max {result['max'] * 1000:.1f} ms, "
        f"{result['errors']} errors, {result['restarts']} worker restarts"
    )
    if result.get("socket_errors"):
        line += f" ({result['socket_errors']})"
    print(line, flush=True)


if __name__ == "__main__":
    main()
