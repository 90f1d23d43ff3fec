"""The Content Security Policy in Chromium: every public page type runs its scripts without a
single violation, and the admin works under its own, relaxed policy."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.demo import PAGE_TYPES, open_page_type

# Records every violation of the page's policy, from the very start of each document.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    sample: event.sample,
    source: `${event.sourceFile}:${event.lineNumber}`,
  });
}, true);
"""


@pytest.fixture
def watched_page(browser):
    """A fresh profile, in a time zone other than the conference's, recording violations."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", timezone_id="Asia/Tokyo"
    )
    context.set_default_timeout(10_000)
    context.add_init_script(RECORD_VIOLATIONS)
    yield context.new_page()
    context.close()


def violations(page):
    """The violations in the page and in each of its frames."""
    found = []
    for frame in page.frames:
        found += frame.evaluate("window.cspViolations || []")
    return found


def assert_no_violations(page):
    found = violations(page)
    assert not found, f"CSP violations on {page.url}:\n{json.dumps(found, indent=2)}"


def sign_in(page, demo_site):
    page.goto(demo_site.url("/admin/login/"))
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("x")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_public_page_has_no_csp_violations(watched_page, demo_pages, page_type):
    response = open_page_type(watched_page, demo_pages, page_type)
    watched_page.wait_for_load_state("load")
    policy = response.headers["content-security-policy"]
    assert "'strict-dynamic'" in policy
    assert "'unsafe-inline'" not in policy
    assert_no_violations(watched_page)


def test_local_times_script_runs_under_the_policy(watched_page, demo_pages):
    open_page_type(watched_page, demo_pages, "agenda")
    button = watched_page.get_by_role("button", name="Show times in my time zone")
    expect(button).to_be_visible()
    expect(button).not_to_have_attribute("data-pending", "")
    button.click()
    expect(watched_page.locator("[data-local-times-note]")).to_contain_text("Asia/Tokyo")
    assert_no_violations(watched_page)


def test_my_calendar_script_runs_under_the_policy(watched_page, demo_pages):
    open_page_type(watched_page, demo_pages, "agenda")
    summary = watched_page.locator("[data-my-calendar-summary]").first
    expect(summary).to_have_text("No sessions chosen yet.")
    watched_page.locator('input[form="my-calendar-form"][name="session"]').first.check()
    expect(summary).to_have_text("1 session chosen.")
    assert_no_violations(watched_page)


def test_track_colours_show_without_style_attributes(watched_page, demo_pages):
    open_page_type(watched_page, demo_pages, "track")
    track_page = watched_page.locator(".track-page")
    colour = track_page.get_attribute("data-track-colour")
    assert colour
    applied = track_page.evaluate("e => getComputedStyle(e).getPropertyValue('--track-colour')")
    assert applied.strip().lower() == colour.lower()
    assert_no_violations(watched_page)


def test_editor_sees_the_userbar_on_a_public_page(watched_page, demo_site, demo_pages):
    sign_in(watched_page, demo_site)
    open_page_type(watched_page, demo_pages, "session")
    watched_page.locator("#wagtail-userbar-trigger").click()
    expect(watched_page.get_by_role("menuitem", name="Edit this page")).to_be_visible()
    assert_no_violations(watched_page)


def test_admin_dashboard_and_page_editor_have_no_violations(watched_page, demo_site, demo_pages):
    sign_in(watched_page, demo_site)
    response = watched_page.goto(demo_site.url("/admin/"))
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    watched_page.wait_for_load_state("load")
    assert_no_violations(watched_page)

    # A session's editor with its live preview, which shows the page in a frame.
    open_page_type(watched_page, demo_pages, "session")
    watched_page.locator("#wagtail-userbar-trigger").click()
    watched_page.get_by_role("menuitem", name="Edit this page").click()
    watched_page.get_by_role("button", name="Toggle preview").click()
    preview = watched_page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_be_visible()
    watched_page.wait_for_timeout(500)
    assert_no_violations(watched_page)
