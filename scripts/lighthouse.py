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
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import urllib.error
from pathlib import Path
from urllib.parse import urljoin

from demo_server import (
    ROOT,
    Links,
    build_demo,
    exit_on_signals,
    fetch,
    find_pages,
    free_port,
    production_env,
    start_server,
    stop,
    wait_for,
)

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

    exit_on_signals()
    folder = Path(tempfile.mkdtemp(prefix="iwt-lighthouse-"))
    server = None
    try:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = production_env(folder, port)
        print(f"Building the demo site in {folder} ...", flush=True)
        build_demo(env, port)
        server = start_server(env, port, folder / "gunicorn.log")
        wait_for(server, base, folder / "gunicorn.log")
        print(f"Serving the demo at {base}/", flush=True)
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
