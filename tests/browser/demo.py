"""The demo site as a real server, as `make demo` runs it, and the page types to visit on it.

The demo content is loaded once per test session into a temporary SQLite database; the
server's e-mails are written as files (config/mail.py) into a folder the tests read.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests import migrated_database

PROJECT = Path(__file__).resolve().parents[2]
DEMO_SETTINGS = "config.settings.dev"
MAIL_SEPARATOR = "\n" + "-" * 79 + "\n"  # what config.mail.readable ends each message with

# Every public page type, in the order a visitor meets them.
PAGE_TYPES = [
    "home",
    "edition",
    "agenda",
    "track",
    "changes",
    "session",
    "speakers",
    "speaker",
    "content",
    "registration",
    "manage-registration",
    "search",
    "not-found",
]


@dataclass(frozen=True)
class DemoSite:
    base_url: str
    # The same site and database with DEBUG off, so that errors show the site's own pages
    # rather than Django's debug pages. Media files are not served there.
    production_url: str
    mail_dir: Path
    log_dir: Path

    def url(self, path):
        return self.base_url + path

    def newest_mail(self):
        """The text of the last e-mail the site sent (each connection writes one file)."""
        files = sorted(self.mail_dir.glob("*"), key=lambda file: (file.stat().st_mtime, file.name))
        assert files, f"The demo site has sent no e-mail (looked in {self.mail_dir})"
        messages = [m for m in files[-1].read_text().split(MAIL_SEPARATOR) if m.strip()]
        return messages[-1]

    def newest_mail_links(self):
        return re.findall(r"https?://\S+", self.newest_mail())

    def newest_mail_link(self, marker):
        links = [url for url in self.newest_mail_links() if marker in url]
        assert links, f"No link with {marker!r} in the newest e-mail:\n{self.newest_mail()}"
        return links[0]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def demo_environment(folder, port, **extra):
    """The demo's environment: dev settings, whatever pytest set for itself."""
    env = {
        name: value
        for name, value in os.environ.items()
        # A shared cache (rate limits) or a task queue without a worker would leak in.
        if name not in {"REDIS_URL", "DJANGO_TASKS_BACKEND", "DJANGO_DEBUG"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE=DEMO_SETTINGS,
        DATABASE_URL=f"sqlite:///{folder / 'demo.sqlite3'}",
        DJANGO_EMAIL_FILE_PATH=str(folder / "mail"),
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        DJANGO_CACHE_DIR=str(folder / "cache"),
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        **extra,
    )
    return env


def manage(*args, env, log):
    """Run manage.py with the interpreter of this test run (the one `uv run` chose)."""
    command = [sys.executable, "manage.py", *args]
    with open(log, "w") as output:
        result = subprocess.run(command, cwd=PROJECT, env=env, stdout=output, stderr=output)
    if result.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{log.read_text()[-3000:]}")


@contextmanager
def runserver(port, env, log):
    """`manage.py runserver` on this port until the block ends, once it answers."""
    with open(log, "w") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=PROJECT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_answering(f"http://127.0.0.1:{port}/", process, log)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_answering(url, process, log, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"runserver stopped:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return  # It answers, even if not with 200.
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(
        f"runserver did not answer {url} in {timeout} s:\n{log.read_text()[-3000:]}"
    )


@contextmanager
def running_demo_site(folder):
    """Migrate, load the demo content and serve it, as `make demo` does, in this folder."""
    port, production_port = free_port(), free_port()
    env = demo_environment(folder, port)
    if (migrated := migrated_database.template_path()).exists():
        # The same migrations as the test database's: migrate finds nothing left to do.
        shutil.copyfile(migrated, folder / "demo.sqlite3")
    manage("migrate", "--no-input", env=env, log=folder / "migrate.log")
    manage(
        "load_demo_data",
        "--site-address",
        f"127.0.0.1:{port}",
        "--admin-password",
        "x",
        env=env,
        log=folder / "load_demo_data.log",
    )
    production_env = demo_environment(folder, port, DJANGO_DEBUG="false")
    with ExitStack() as servers:
        servers.enter_context(runserver(port, env, folder / "runserver.log"))
        servers.enter_context(
            runserver(production_port, production_env, folder / "runserver-production.log")
        )
        yield DemoSite(
            base_url=f"http://127.0.0.1:{port}",
            production_url=f"http://127.0.0.1:{production_port}",
            mail_dir=folder / "mail",
            log_dir=folder,
        )


# Finding each page type by following the demo site's own links


def link_url(locator):
    """The absolute address a link points to."""
    return locator.evaluate("link => link.href")


def child_page_urls(page, parent_url):
    """The pages right below parent_url that the main content links to, in its order."""
    hrefs = page.locator("main a[href]").evaluate_all("links => links.map(link => link.href)")
    parent = urlsplit(parent_url).path
    pattern = re.compile(re.escape(parent) + r"[^/]+/")
    urls = []
    for href in hrefs:
        parts = urlsplit(href)
        if not parts.query and pattern.fullmatch(parts.path) and href not in urls:
            urls.append(href)
    return urls


def visit(page, url, status=200):
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}, not {status}"
    return response


def find_page_urls(page, site):
    """The address of each page type, found by following links from the home page."""
    urls = {"home": site.url("/")}
    visit(page, urls["home"])
    for page_type, link_name in [
        ("agenda", "Agenda"),
        ("track", "Wildlife cybercrime"),
        ("speakers", "Speakers"),
        ("content", "Code of conduct"),
        ("registration", "Register"),
    ]:
        urls[page_type] = link_url(page.get_by_role("link", name=link_name, exact=True).first)

    visit(page, urls["agenda"])
    urls["changes"] = link_url(
        page.get_by_role("link", name="Changes to the programme", exact=True).first
    )
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    urls["edition"] = link_url(breadcrumbs.get_by_role("link").first)
    visit(page, urls["track"])
    urls["session"] = link_url(page.locator(".session__title a").first)
    visit(page, urls["speakers"])
    urls["speaker"] = child_page_urls(page, urls["speakers"])[0]

    urls["manage-registration"] = register_and_confirm(page, site, urls["registration"])
    urls["search"] = site.url("/search/?q=ivory")
    urls["not-found"] = site.production_url + "/no-such-page/"
    assert set(urls) == set(PAGE_TYPES)
    return urls


REGISTRATION = {
    "Full name": "Amina Okafor",
    "E-mail address": "amina.okafor@example.org",
    "Organisation": "Kenya Wildlife Service",
    "Job title": "Intelligence analyst",
}
REGISTRATION_CHOICES = {"Sector": "Law enforcement", "Country": "Kenya"}


def register_and_confirm(
    page, site, registration_url, details=REGISTRATION, choices=REGISTRATION_CHOICES, ticks=()
):
    """Register through the form (ticking the optional consents whose labels match `ticks`
    too), confirm from the e-mail; the manage page's address."""
    visit(page, registration_url)
    for label, value in details.items():
        page.get_by_label(label, exact=True).fill(value)
    for label, choice in choices.items():
        page.get_by_label(label, exact=True).select_option(label=choice)
    page.get_by_label(re.compile("I have read the privacy notice")).check()
    for label in ticks:
        page.get_by_label(re.compile(label)).check()
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")

    visit(page, site.newest_mail_link("/confirm/"))
    page.get_by_role("button", name="Confirm my registration").click()
    expect(page.get_by_role("heading", name=re.compile("^Status: "))).to_be_visible()
    return page.url


def open_page_type(page, page_urls, page_type):
    """Go to the demo's page of this type, checking that it answers as it should."""
    return visit(page, page_urls[page_type], status=404 if page_type == "not-found" else 200)
