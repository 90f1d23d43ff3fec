"""Register, confirm and manage a registration in Chromium, as an attendee would."""

import re

import pytest
from playwright.sync_api import expect

from django.core import mail

from registrations.models import Registration
from tests.factories import (
    AgendaPageFactory,
    ConferencePageFactory,
    RegistrationPageFactory,
    SessionPageFactory,
)

# The live server answers from another thread: the data must really be committed.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def link_in_last_mail(marker):
    return next(url for url in re.findall(r"https?://\S+", mail.outbox[-1].body) if marker in url)


def on_live_server(live_server, url):
    return live_server.url + re.sub(r"^https?://[^/]+", "", url)


def test_register_confirm_and_manage(page, live_server, screenshot):
    edition = ConferencePageFactory(title="IWT Conference 2027", slug="iwt-2027")
    agenda = AgendaPageFactory(parent=edition, slug="agenda")
    session = SessionPageFactory(parent=agenda, title="Tracking traffickers online")
    registration_page = RegistrationPageFactory(parent=edition)

    # Star a session for My calendar on the agenda, as a visitor does before registering.
    page.goto(live_server.url + agenda.url)
    page.get_by_label(re.compile("Choose for My calendar")).first.check()

    page.goto(live_server.url + registration_page.url)
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter your full name.")
    screenshot("registration-errors")

    page.get_by_label("Full name", exact=True).fill("Amina Okafor")
    page.get_by_label("E-mail address").fill("amina@example.org")
    page.get_by_label("Organisation", exact=True).fill("Kenya Wildlife Service")
    page.get_by_label("Job title", exact=True).fill("Intelligence analyst")
    page.get_by_label("Sector", exact=True).select_option(label="Law enforcement")
    page.get_by_label("Country", exact=True).select_option(label="Kenya")
    page.get_by_label(re.compile("I have read the privacy notice")).check()
    screenshot("registration-form")
    page.get_by_role("button", name="Register").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    page.goto(on_live_server(live_server, link_in_last_mail("/confirm/")))
    page.get_by_role("button", name="Confirm my registration").click()

    expect(page.get_by_role("heading", name="Status: Confirmed")).to_be_visible()
    screenshot("manage-registration")

    # The session starred in this browser can be carried over to the personal calendar.
    page.get_by_role("button", name=re.compile("from My calendar in this browser")).click()
    expect(page.get_by_label(re.compile("Tracking traffickers online"))).to_be_checked()
    page.get_by_role("button", name="Save my sessions").click()
    expect(page.get_by_role("status")).to_contain_text("Your sessions are saved")
    feed_url = page.locator("#personal-feed-url").input_value()
    feed = page.request.get(on_live_server(live_server, feed_url))
    assert feed.headers["content-type"].startswith("text/calendar")
    assert "SUMMARY:Tracking traffickers online" in feed.text()

    page.get_by_label("Organisation", exact=True).fill("INTERPOL")
    page.get_by_role("button", name="Save my details").click()
    expect(page.get_by_role("status")).to_have_text("Your details are saved.")

    page.get_by_label("Yes, cancel my registration").check()
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_role("heading", name="Status: Cancelled")).to_be_visible()

    registration = Registration.objects.get()
    assert registration.organisation == "INTERPOL"
    assert list(registration.sessions.all()) == [session]
    assert registration.status == "cancelled"
