"""The agenda in Chromium: starring with the keyboard, the personal calendar it builds, and
times shown in the visitor's own zone."""

import re
from datetime import timedelta

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.factories import (
    AgendaPageFactory,
    ConferencePageFactory,
    SessionPageFactory,
    london,
)

# The live server answers from another thread: the data must really be committed.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def agenda(db):
    edition = ConferencePageFactory(title="IWT Conference 2027", slug="iwt-2027")
    agenda = AgendaPageFactory(parent=edition, slug="agenda")
    for title, start in [
        ("Opening keynote", london(2027, 10, 11, 9)),
        ("Tracking traffickers online", london(2027, 10, 11, 11)),
        ("Ivory markets after the ban", london(2027, 10, 12, 10)),
    ]:
        SessionPageFactory(parent=agenda, title=title, start=start, end=start + timedelta(hours=1))
    return agenda


def star(page, title):
    """Star a session as a keyboard user does: Tab to its box, press Space."""
    box = page.get_by_label(re.compile(f"Choose for My calendar: {title}"))
    box.focus()
    expect(box).to_be_focused()
    page.keyboard.press("Space")
    expect(box).to_be_checked()


def test_starred_sessions_make_a_personal_calendar_feed(page, live_server, agenda, screenshot):
    page.goto(live_server.url + agenda.url)
    star(page, "Opening keynote")
    expect(page.locator("[data-my-calendar-summary]").first).to_have_text("1 session chosen.")

    # Starring on another page of the edition adds to the same choice.
    page.goto(live_server.url + agenda.url + "?day=2027-10-12")
    star(page, "Ivory markets after the ban")
    expect(page.locator("[data-my-calendar-summary]").first).to_have_text("2 sessions chosen.")
    screenshot("agenda-starred")

    page.get_by_role("button", name="Build my calendar").first.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("My calendar"))
    feed_url = page.locator("#calendar-feed-url").input_value()
    assert page.get_by_role("link", name="Subscribe", exact=True).get_attribute(
        "href"
    ) == feed_url.replace("http://", "webcal://")
    feed = page.request.get(feed_url)
    calendar = Calendar.from_ical(feed.body())
    summaries = sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))
    assert summaries == ["Ivory markets after the ban", "Opening keynote"]


def session_times(page):
    return page.locator(".session__time").all_inner_texts()


def test_times_switch_to_the_visitors_zone_and_back(browser, live_server, agenda):
    context = browser.new_context(timezone_id="America/New_York", locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + agenda.url)
    assert session_times(page)[0] == "09:00–10:00 BST"
    toggle = page.get_by_role("button", name="Show times in my time zone")
    expect(toggle).to_have_attribute("aria-pressed", "false")

    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert session_times(page)[0] == "04:00–05:00 GMT-4"
    expect(page.locator(".time-zone-note")).to_contain_text("your time zone, America/New York")

    # The choice is remembered on the next page, and can be undone.
    page.reload()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert session_times(page)[0] == "04:00–05:00 GMT-4"
    toggle.click()
    assert session_times(page)[0] == "09:00–10:00 BST"
    context.close()


def test_without_javascript_times_stay_in_the_conference_zone(browser, live_server, agenda):
    context = browser.new_context(timezone_id="Asia/Tokyo", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + agenda.url)
    assert session_times(page)[0] == "09:00–10:00 BST"
    expect(page.locator(".time-zone button")).to_be_hidden()
    context.close()


def test_the_toggle_stays_away_when_the_visitor_is_in_the_conference_zone(
    browser, live_server, agenda
):
    context = browser.new_context(timezone_id="Europe/London")
    page = context.new_page()
    page.goto(live_server.url + agenda.url)
    expect(page.locator(".time-zone__same")).to_have_text("Your device is on conference time too.")
    expect(page.locator(".time-zone button")).to_have_count(0)
    context.close()


def test_the_agenda_prints_a_day_a_page_without_the_controls(page, live_server, agenda):
    page.goto(live_server.url + agenda.url)
    page.emulate_media(media="print", color_scheme="dark")
    for control in (
        ".site-header",
        ".day-tabs",
        ".filters-panel",
        ".my-calendar",
        ".session__star",
    ):
        expect(page.locator(control).first).to_be_hidden()
    days = page.locator(".agenda-day")
    expect(days).to_have_count(2)
    breaks = days.evaluate_all("days => days.map(day => getComputedStyle(day).breakBefore)")
    assert breaks == ["auto", "page"]
    colours = page.locator("body").evaluate(
        "body => [getComputedStyle(body).color, getComputedStyle(body).backgroundColor]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
