"""1:1 meetings on the demo site: a new delegate asks a listed demo delegate for a meeting from
their profile, the demo delegate accepts it from their registration page, and the meeting is
in both delegates' personal calendars; the pages of both sides checked with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.checks import axe_report, axe_violations
from tests.browser.demo import register_and_confirm, visit
from tests.browser.test_directory import PHONE, fresh_page, phone_problems

NAME, EMAIL = "Daniel Kiprono", "daniel.kiprono@example.org"
# What the delegate fills in on the demo's registration form, ticking the directory consent.
SIGN_UP = {
    "details": {
        "Full name": NAME,
        "E-mail address": EMAIL,
        "Organisation": "Kenya Wildlife Service",
        "Job title": "Cybercrime investigator",
    },
    "choices": {"Sector": "Law enforcement", "Country": "Kenya"},
    "ticks": ["^List me in the delegate directory"],
}
MESSAGE = "Could we agree how your team takes preservation requests from Kenyan investigators?"
# The line of load_demo_data's report with the manage link of a listed demo delegate.
SIGN_IN = re.compile(
    r"^Opening (?P<manage_url>\S+) signs you in as the demo delegate (?P<name>[^(]+?) \(",
    re.MULTILINE,
)


@pytest.fixture(scope="module")
def demo_delegate(demo_site):
    """(name, manage link) of the listed demo delegate whose link the demo prints."""
    log = (demo_site.log_dir / "load_demo_data.log").read_text()
    line = SIGN_IN.search(log)
    assert line, f"load_demo_data printed no sign-in link:\n{log}"
    return line["name"], line["manage_url"]


@pytest.fixture(scope="module")
def manage_link(browser, demo_site, demo_pages):
    """Register on the demo's form, listed, and confirm from the e-mail: the manage link of
    the e-mail that says the seat is confirmed, to sign in with in a fresh browser."""
    with fresh_page(browser) as page:
        register_and_confirm(page, demo_site, demo_pages["registration"], **SIGN_UP)
    confirmed = demo_site.newest_mail()
    assert f"To: {EMAIL}" in confirmed and "is confirmed" in confirmed, confirmed
    return demo_site.newest_mail_link("/manage/")


def sign_in(page, manage_link, name):
    """Open the manage link, as from the e-mail: it signs this browser in."""
    visit(page, manage_link)
    expect(page.get_by_role("navigation", name="Delegate")).to_contain_text(f"Signed in as {name}")


def open_profile(page, name):
    """From the delegate bar to the directory, then the profile found by searching the name."""
    page.get_by_role("navigation", name="Delegate").get_by_role(
        "link", name="Delegate directory"
    ).click()
    form = page.get_by_role("search", name="Find delegates")
    form.get_by_label("Search names, organisations and profiles").fill(name)
    with page.expect_navigation():
        form.get_by_role("button", name="Search").click()
    page.locator(".delegate-card").get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def meetings_section(page):
    return page.get_by_role("region", name="Your 1:1 meetings")


def agreed_with(page, name):
    """The article of the meeting agreed with this delegate, under "Agreed"."""
    return meetings_section(page).locator(".meeting--agreed").filter(has_text=f"with {name}")


def personal_feed(page):
    """The text of the personal calendar feed whose address the manage page shows."""
    url = page.locator("#personal-feed-url").input_value()
    response = page.request.get(url)
    assert response.ok, f"{url} answered {response.status}"
    return response.text()


def violations_found(page, where):
    """axe-core's violations on the page, and what does not fit it at 360 px wide."""
    found = {}
    if violations := axe_violations(page):
        found[f"{where} ({page.url})"] = axe_report(violations)
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    if problems := phone_problems(page, where):
        found[f"{where} at 360 px"] = "\n".join(problems)
    page.set_viewport_size(size)
    return found


def test_a_delegate_asks_a_demo_delegate_who_accepts_and_both_calendars_have_it(
    browser, manage_link, demo_delegate
):
    other_name, other_link = demo_delegate
    found = {}

    # The new delegate asks, from the demo delegate's profile.
    with fresh_page(browser) as page:
        sign_in(page, manage_link, NAME)
        open_profile(page, other_name)
        offer = page.get_by_role("region", name=f"Meet {other_name}")
        times = offer.get_by_role("group", name="Times that suit you")
        expect(times.get_by_role("checkbox").first).to_be_visible()
        found |= violations_found(page, "profile page with the request form")
        chosen = times.get_by_role("checkbox").first
        time_label = times.locator("label").first.inner_text().strip()
        chosen.check()
        offer.get_by_label("Message", exact=True).fill(MESSAGE)
        offer.get_by_role("button", name="Request a meeting").click()
        expect(page.get_by_role("status")).to_contain_text("Your request is sent")

        visit(page, manage_link)
        expect(meetings_section(page).locator(".meeting--waiting")).to_contain_text(other_name)

    # The demo delegate answers from their registration page, in another browser.
    with fresh_page(browser) as page:
        sign_in(page, other_link, other_name)
        request = meetings_section(page).locator(".meeting--to-answer").filter(has_text=NAME)
        expect(request).to_have_count(1)
        expect(request).to_contain_text(MESSAGE)
        found |= violations_found(page, "manage page with a request to answer")
        request.get_by_role("radio", name=time_label, exact=True).check()
        request.get_by_role("button", name="Accept").click()

        agreed = agreed_with(page, NAME)
        expect(agreed).to_have_count(1)
        expect(agreed).to_contain_text(time_label)
        point = agreed.locator("strong").inner_text()
        assert re.fullmatch(r"Table \d|Kestrel Room", point), point
        expect(meetings_section(page).locator(".meeting--to-answer")).not_to_contain_text(NAME)
        feed = personal_feed(page)
        assert f"1:1 meeting with {NAME}" in feed, feed
        assert "STATUS:CONFIRMED" in feed, feed

    # The new delegate sees it agreed, at the same meeting point, and in their calendar.
    with fresh_page(browser) as page:
        sign_in(page, manage_link, NAME)
        agreed = agreed_with(page, other_name)
        expect(agreed).to_have_count(1)
        expect(agreed.locator("strong")).to_have_text(point)
        expect(meetings_section(page).locator(".meeting--waiting")).to_have_count(0)
        feed = personal_feed(page)
        assert f"1:1 meeting with {other_name}" in feed, feed
        assert "STATUS:CONFIRMED" in feed, feed

    assert not found, "Violations and overflow found:\n" + "\n".join(
        f"On the {where}:\n{report}" for where, report in found.items()
    )
