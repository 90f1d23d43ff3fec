"""Browser tests: Playwright driving Debian's Chromium against a live server.

Run with `make test-browser`. Screenshots go to test-artifacts/screenshots/.
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.demo import find_page_urls, running_demo_site

# Playwright's synchronous API runs an event loop in the test thread; the test thread's
# own database work (factories, assertions) is still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        message = f"Chromium is needed at {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser profile (no cookies, no storage) with a phone-sized window."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def screenshot(page):
    """screenshot("name"): save the whole page as an artefact of the test run."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name):
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

    return take


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The demo content served by `manage.py runserver`, loaded once per test session.

    Its database, e-mails (one file per message batch), media and server logs are in a
    temporary folder, which pytest keeps for the last few runs.
    """
    with running_demo_site(tmp_path_factory.mktemp("demo-site")) as site:
        yield site


@pytest.fixture(scope="session")
def demo_pages(browser, demo_site):
    """{page type: address} for every public page type of the demo, found through its links."""
    context = browser.new_context(locale="en-GB")
    context.set_default_timeout(10_000)
    try:
        return find_page_urls(context.new_page(), demo_site)
    finally:
        context.close()
