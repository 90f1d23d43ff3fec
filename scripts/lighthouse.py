"""Lighthouse audit of the demo site served as in production: `make lighthouse` runs it.

It builds a throwaway demo database in a temporary folder, collects the static files, serves
the site with gunicorn under `config.settings.production` on a free port, finds the pages to
audit by following the demo's own links, and runs Lighthouse (mobile) on each. It prints the
four scores per page, the audits behind any missed target, and the agenda page's compressed
weight, and exits 1 when a target is missed. The server and the folder go away on exit.

Needs Node.js with the npm packages installed (`npm ci`) and Chromium: CHROME_PATH, else
/usr/bin/chromium (Debian: apt-get install -y chromium).
"""

import argparse
import gzip
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = {  # Lighthouse category id: (column heading, lowest acceptable score)
    "performance": ("perf", 95),
    "accessibility": ("a11y", 100),
    "best-practices": ("best", 100),
    "seo": ("seo", 100),
}
METRICS = {  # audit id: column heading
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
AGENDA_BUDGET = 100_000  # bytes of HTML, CSS and JavaScript, compressed
ITEMS_SHOWN = 6


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--runs",
        type=int,
        default=int(os.environ.get("LIGHTHOUSE_RUNS", "1")),
        help="Lighthouse runs per page; the run with the median performance score counts",
    )
    parser.add_argument(
        "--reports", type=Path, help="keep each page's Lighthouse JSON report in this folder"
    )
    args = parser.parse_args()
    chrome = os.environ.get("CHROME_PATH") or "/usr/bin/chromium"
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `npm ci` first.")
    if not Path(chrome).exists():
        sys.exit(f"Chromium not found at {chrome}: install it or set CHROME_PATH.")

    # Ctrl-C (even where a shell started us ignoring it) or a TERM signal runs the clean-up.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    folder = Path(tempfile.mkdtemp(prefix="iwt-lighthouse-"))
    server = None
    try:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = production_env(folder, port)
        print(f"Building the demo site in {folder} ...", flush=True)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "load_demo_data", "--site-address", f"127.0.0.1:{port}")
        manage(env, "collectstatic", "--no-input", "-v", "0")
        server = start_server(env, port, folder / "gunicorn.log")
        wait_for(server, base, folder / "gunicorn.log")
        pages = find_pages(base)
        for path in pages.values():
            fetch(base + path)  # as on a live site: image renditions exist, caches are warm
        results = {}
        for name, path in pages.items():
            print(f"Lighthouse: {name} {path} ...", flush=True)
            results[name] = audit(base + path, chrome, folder, name, args.runs, args.reports)
        weight = agenda_weight(base + pages["agenda"])
    finally:
        if server is not None:
            stop(server, signal.SIGTERM)
        shutil.rmtree(folder, ignore_errors=True)

    missed = report(pages, results)
    total = sum(weight.values())
    print(
        f"\nagenda transfer: {total / 1000:.1f} KB compressed, target ≤ {AGENDA_BUDGET // 1000} KB"
        f" (HTML {weight['html'] / 1000:.1f}, CSS {weight['css'] / 1000:.1f},"
        f" JS {weight['js'] / 1000:.1f}; gzip)"
    )
    if total > AGENDA_BUDGET:
        missed = True
    sys.exit(1 if missed else 0)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(folder, port):
    """Production settings over a throwaway database and media folder, plain HTTP on loopback."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    return env | {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_SERVE_MEDIA": "true",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
    }


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def start_server(env, port, log_path):
    with log_path.open("wb") as log:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_for(server, base, log_path):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped:\n{log_path.read_text()}")
        try:
            fetch(base + "/")
            print(f"Serving the demo at {base}/", flush=True)
            return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"gunicorn did not answer within a minute:\n{log_path.read_text()}")


def stop(process, signum):
    """Signal a process we started (its whole session, for gunicorn's workers) and wait."""
    if process.poll() is not None:
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
        self.stylesheets, self.scripts = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.stylesheets.append(attrs["href"])
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
        for href, link_text, classes in self.links:
            if around and around not in classes:
                continue
            if text and text not in link_text.lower():
                continue
            return urlsplit(href).path
        return None


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


def audit(url, chrome, folder, name, runs, reports):
    """The Lighthouse report of the run with the median performance score."""
    results = [lighthouse(url, chrome, folder / f"{name}-{run}.json") for run in range(runs)]
    results.sort(key=lambda result: result["categories"]["performance"]["score"] or 0)
    median = results[len(results) // 2]
    if reports:
        reports.mkdir(parents=True, exist_ok=True)
        (reports / f"{name}.json").write_text(json.dumps(median))
    if runs > 1:
        scores = [round(100 * (r["categories"]["performance"]["score"] or 0)) for r in results]
        print(f"  performance over {runs} runs: {scores}, median {statistics.median(scores)}")
    return median


def lighthouse(url, chrome, output, attempts=3):
    """One Lighthouse report; a failed run (its trace recording sometimes fails) is retried."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox",
        "--quiet",
    ]
    for _ in range(attempts):
        process = subprocess.Popen(command, cwd=ROOT, env=os.environ | {"CHROME_PATH": chrome})
        try:
            status = process.wait(timeout=300)
        except subprocess.TimeoutExpired:
            status = "timeout"
        finally:
            stop(process, signal.SIGINT)  # Lighthouse closes its Chromium on SIGINT
        if status == 0:
            result = json.loads(output.read_text())
            if not result.get("runtimeError"):
                return result
            status = result["runtimeError"].get("code")
        print(f"  Lighthouse run failed ({status}); running it again", flush=True)
    sys.exit(f"Lighthouse failed {attempts} times on {url}")


def score(result, category):
    value = result["categories"][category]["score"]
    return None if value is None else round(value * 100)


def report(pages, results):
    """Print the scores and the audits behind each missed target; True if one was missed."""
    missed = False
    width = max(len(path) for path in pages.values())
    headings = [heading for heading, _ in CATEGORIES.values()]
    print(f"\n{'page':<13}{'path':<{width + 2}}" + "".join(f"{h:>6}" for h in headings))
    for name, path in pages.items():
        cells = []
        for category, (_, target) in CATEGORIES.items():
            value = score(results[name], category)
            short = value is None or value < target
            missed |= short
            cells.append(f"{'-' if value is None else value}{'*' if short else ''}")
        print(f"{name:<13}{path:<{width + 2}}" + "".join(f"{c:>6}" for c in cells))
    targets = ", ".join(f"{h} ≥ {t}" for h, t in CATEGORIES.values())
    print(f"targets: {targets}; * = missed")

    print(f"\n{'page':<13}" + "".join(f"{h:>9}" for h in METRICS.values()))
    for name in pages:
        audits = results[name]["audits"]
        values = [audits[metric].get("displayValue", "-") for metric in METRICS]
        print(f"{name:<13}" + "".join(f"{v.replace('\xa0', ' '):>9}" for v in values))

    for name, path in pages.items():
        failing = failing_audits(results[name])
        if failing:
            print(f"\n{name} ({path}): audits to fix")
            for category, title, display, items in failing:
                print(f"  [{category}] {title}{f' ({display})' if display else ''}")
                for item in items:
                    print(f"      {item}")
    return missed


def failing_audits(result):
    """(category, title, value, offending items) of each failing audit in a missed category."""
    failing = []
    for category, (_, target) in CATEGORIES.items():
        value = score(result, category)
        if value is not None and value >= target:
            continue
        for ref in result["categories"][category]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref.get("group") == "hidden":  # duplicates of the audits shown
                continue
            if audit.get("score") is None or audit["scoreDisplayMode"] in {
                "informative",
                "manual",
                "notApplicable",
            }:
                continue
            # Performance: metrics and opportunities that cost points; elsewhere, any failure.
            threshold = 0.9 if category == "performance" else 1
            if audit["score"] < threshold:
                display = (audit.get("displayValue") or "").replace("\xa0", " ")
                items = list(dict.fromkeys(offenders(audit.get("details") or {})))
                failing.append((category, audit["title"], display, items[:ITEMS_SHOWN]))
    return failing


def offenders(details):
    """The elements (selector and HTML) or URLs an audit's details name."""
    for item in details.get("items", []):
        if not isinstance(item, dict):
            continue
        if item.get("type") in {"table", "opportunity", "list", "checklist"}:
            yield from offenders(item)
            continue
        node = item.get("node") if isinstance(item.get("node"), dict) else None
        if node:
            yield f"{node.get('selector', '')}  {node.get('snippet', '')}".strip()
        elif isinstance(item.get("url"), str):
            yield item["url"]
        elif isinstance(item.get("source"), dict) and item["source"].get("url"):
            yield item["source"]["url"]
        elif isinstance(item.get("subItems"), dict):
            yield from offenders(item["subItems"])


def agenda_weight(url):
    """The agenda page's HTML, stylesheets and scripts as sent gzip-compressed, in bytes."""
    body, headers = fetch(url, accept_encoding="gzip")
    html = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
    parser = Links()
    parser.feed(html.decode())
    weight = {"html": len(body), "css": 0, "js": 0}
    for kind, sources in (("css", parser.stylesheets), ("js", parser.scripts)):
        for source in sources:
            weight[kind] += len(fetch(urljoin(url, source), accept_encoding="gzip")[0])
    return weight


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as error:
        sys.exit(f"{' '.join(map(str, error.cmd))} failed with exit status {error.returncode}")
    except urllib.error.URLError as error:
        sys.exit(f"The demo site did not answer: {error}")
    except KeyboardInterrupt:
        sys.exit(130)
