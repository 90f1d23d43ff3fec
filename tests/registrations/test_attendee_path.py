"""The attendee's path: register, confirm the address, get a seat, a waitlist place or wait
for approval; the page and the e-mail say which."""

import time
from datetime import timedelta

import icalendar
import pytest

from django.core import mail
from django.utils import timezone

from registrations import services
from registrations.models import (
    Consent,
    ConsentKind,
    Registration,
    RegistrationMode,
    RegistrationStatus,
)
from tests.calendars import events_by_every_parser
from tests.factories import RegistrationFactory, SessionPageFactory
from tests.pages import soup

from .helpers import link_to, path_of, register_data, sent_to

pytestmark = pytest.mark.django_db


def register(client, page, **overrides):
    return client.post(page.url, register_data(**overrides))


def confirm(client, message):
    return client.post(path_of(link_to(message, "/confirm/")))


def register_and_confirm(client, page, email):
    register(client, page, email=email)
    return confirm(client, sent_to(email)[-1])


def fill_seats(page, count):
    RegistrationFactory.create_batch(count, edition=page.edition, status="confirmed")


def test_registering_sends_a_confirmation_link_and_takes_no_seat_yet(client, registration_page):
    response = register(client, registration_page)

    assert response.status_code == 303
    assert response["Location"].endswith("/check-your-inbox/")
    page = soup(client.get(response["Location"]))
    assert page.h1.get_text() == "Check your inbox"
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.UNCONFIRMED
    assert services.seats_taken(registration.edition) == 0
    (message,) = sent_to("amina@example.org")
    assert message.subject.startswith("Confirm your e-mail address")
    assert "/confirm/" in link_to(message, "/confirm/")


def test_every_email_has_a_text_and_an_html_part_with_the_manage_link(client, registration_page):
    register_and_confirm(client, registration_page, "amina@example.org")

    confirm_address, confirmed = mail.outbox
    for message in (confirm_address, confirmed):
        ((html, mimetype),) = message.alternatives
        assert mimetype == "text/html"
        assert "<p>" in html
    registration = Registration.objects.get()
    for message in (confirm_address, confirmed):
        assert registration.manage_token in link_to(message, "/manage/")
        assert registration.manage_token in message.alternatives[0][0]


def test_the_link_asks_for_a_click_then_the_registration_takes_a_seat(client, registration_page):
    register(client, registration_page)
    link = path_of(link_to(mail.outbox[0], "/confirm/"))

    page = soup(client.get(link))
    assert page.find("button", string="Confirm my registration")
    assert Registration.objects.get().status == RegistrationStatus.UNCONFIRMED

    response = client.post(link)
    assert response.status_code == 303
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.address_confirmed_at is not None
    manage = soup(client.get(response["Location"]))
    assert manage.find(id="status-title").get_text() == "Status: Confirmed"


@pytest.mark.slow
def test_the_confirmed_email_attaches_the_agenda_and_links_the_feeds(
    client, registration_page, edition_agenda
):
    SessionPageFactory(parent=edition_agenda, title="Tracing ivory sold online")
    register_and_confirm(client, registration_page, "amina@example.org")

    confirmed = mail.outbox[-1]
    assert confirmed.subject == "Your place at IWT Conference 2027 is confirmed"
    ((filename, body, mimetype),) = confirmed.attachments
    assert filename.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(body)
    assert str(calendar["METHOD"]) == "PUBLISH"
    events = events_by_every_parser(body.encode() if isinstance(body, str) else body)
    assert [event["summary"] for event in events.values()] == ["Tracing ivory sold online"]
    links = confirmed.body
    assert "/calendar/" in links and "agenda.ics" in links
    assert "/calendar/personal/" in links


def test_confirming_twice_changes_nothing(client, registration_page):
    register(client, registration_page)
    message = mail.outbox[0]
    confirm(client, message)
    response = confirm(client, message)

    assert response.status_code == 200
    assert soup(response).h1.get_text() == "Already confirmed"
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED
    assert len(mail.outbox) == 2


def test_a_used_confirmation_link_does_not_open_the_registration(client, registration_page):
    register(client, registration_page)
    link = path_of(link_to(mail.outbox[0], "/confirm/"))
    client.post(link)
    registration = Registration.objects.get()
    services.new_manage_link(registration)  # The attendee revokes their link.

    for response in (client.get(link), client.post(link)):
        assert response.status_code == 200
        assert registration.manage_token not in response.content.decode()
        assert not response.has_header("Location")


@pytest.mark.slow
def test_when_seats_are_taken_people_join_the_waitlist_with_their_position(
    client, registration_page
):
    fill_seats(registration_page, registration_page.capacity)
    page = soup(client.get(registration_page.url))
    assert "you join the waitlist" in page.select_one(".notice").get_text()

    register_and_confirm(client, registration_page, "first@example.org")
    response = register_and_confirm(client, registration_page, "second@example.org")

    second = Registration.objects.get(email="second@example.org")
    assert second.status == RegistrationStatus.WAITLISTED
    assert services.waitlist_position(second) == 2
    manage = soup(client.get(response["Location"]))
    assert "number 2 on the waitlist" in manage.select_one(".registration-status").get_text()
    waitlisted = sent_to("second@example.org")[-1]
    assert waitlisted.subject == "You are on the waitlist for IWT Conference 2027"
    assert "you are number 2" in waitlisted.body


def test_with_the_waitlist_off_a_full_edition_closes_the_form(client, registration_page):
    registration_page.waitlist_enabled = False
    registration_page.save_revision().publish()
    fill_seats(registration_page, registration_page.capacity)

    page = soup(client.get(registration_page.url))
    assert page.find("form", class_="registration-form") is None
    assert "no waitlist" in page.select_one(".notice").get_text()
    assert register(client, registration_page).status_code == 403
    assert Registration.objects.filter(email="amina@example.org").count() == 0


def test_a_confirmation_after_the_last_seat_went_is_turned_away_without_a_waitlist(
    client, registration_page
):
    registration_page.waitlist_enabled = False
    registration_page.save_revision().publish()
    register(client, registration_page)
    fill_seats(registration_page, registration_page.capacity)

    confirm(client, mail.outbox[0])

    assert Registration.objects.get(email="amina@example.org").status == "declined"
    assert sent_to("amina@example.org")[-1].subject == "Your registration for IWT Conference 2027"


def test_in_approval_mode_a_confirmed_address_waits_for_the_organisers(
    client, registration_page, django_capture_on_commit_callbacks
):
    registration_page.mode = RegistrationMode.APPROVAL
    registration_page.save_revision().publish()

    response = register_and_confirm(client, registration_page, "amina@example.org")

    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.PENDING
    assert services.seats_taken(registration.edition) == 0
    manage = soup(client.get(response["Location"]))
    assert "approve each one" in manage.select_one(".registration-status").get_text()
    assert "awaiting approval" in mail.outbox[-1].subject

    with django_capture_on_commit_callbacks(execute=True):
        services.approve(registration)
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED
    approved = mail.outbox[-1]
    assert approved.subject == "Your request to attend IWT Conference 2027 is approved"
    assert approved.attachments


def test_declined_requests_are_told(client, registration_page, django_capture_on_commit_callbacks):
    registration_page.mode = RegistrationMode.APPROVAL
    registration_page.save_revision().publish()
    register_and_confirm(client, registration_page, "amina@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.decline(Registration.objects.get())

    assert Registration.objects.get().status == RegistrationStatus.DECLINED
    assert "cannot offer you a place" in mail.outbox[-1].body


def test_registering_again_makes_no_second_registration_and_resends_the_link(
    client, registration_page
):
    register_and_confirm(client, registration_page, "amina@example.org")
    first = register(client, registration_page)
    services_quiet_period_passes()
    again = register(client, registration_page, email="  AMINA@Example.ORG ", name="Someone Else")

    assert Registration.objects.count() == 1
    assert Registration.objects.get().name == "Amina Okafor"
    assert first.status_code == again.status_code == 303
    assert first["Location"] == again["Location"]
    manage_link_mail = sent_to("amina@example.org")[-1]
    assert manage_link_mail.subject == "Your registration for IWT Conference 2027"
    assert "Your place is confirmed" in manage_link_mail.body
    assert Registration.objects.get().manage_token in link_to(manage_link_mail, "/manage/")


def services_quiet_period_passes():
    Registration.objects.update(link_sent_at=timezone.now() - services.RESEND_QUIET_PERIOD)


def test_an_unconfirmed_registration_gets_a_new_confirmation_link(client, registration_page):
    register(client, registration_page)
    services_quiet_period_passes()
    register(client, registration_page)

    assert Registration.objects.count() == 1
    first, second = mail.outbox
    assert "/confirm/" in link_to(second, "/confirm/")


def test_a_double_submit_makes_one_registration_and_one_email(client, registration_page):
    data = register_data()
    responses = [client.post(registration_page.url, data) for _ in range(2)]

    assert [response.status_code for response in responses] == [303, 303]
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1


def test_coming_back_after_cancelling_starts_again_from_the_inbox(client, registration_page):
    register_and_confirm(client, registration_page, "amina@example.org")
    services.cancel(Registration.objects.get())
    consents_before = Consent.objects.count()
    # Anyone can type an address: what they send changes nothing of the person's record.
    register(client, registration_page, organisation="Someone else", photography="on")

    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.UNCONFIRMED
    assert registration.organisation == "Kenya Wildlife Service"
    assert registration.photography is False
    assert Consent.objects.count() == consents_before
    confirm(client, sent_to("amina@example.org")[-1])
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_a_link_from_before_cancelling_does_not_confirm_the_new_registration(
    client, registration_page
):
    register_and_confirm(client, registration_page, "amina@example.org")
    first_link = path_of(link_to(sent_to("amina@example.org")[0], "/confirm/"))
    services.cancel(Registration.objects.get())
    register(client, registration_page)

    response = client.post(first_link)
    assert response.status_code == 400
    assert "sent for an earlier registration" in soup(response).get_text()
    assert Registration.objects.get().status == RegistrationStatus.UNCONFIRMED
    confirm(client, sent_to("amina@example.org")[-1])
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_consents_are_stored_with_time_and_wording_version(client, registration_page):
    register(client, registration_page, directory_listing="on")

    consents = {consent.kind: consent for consent in Consent.objects.all()}
    assert consents[ConsentKind.PRIVACY].given is True
    assert consents[ConsentKind.DIRECTORY].given is True
    assert consents[ConsentKind.PHOTOGRAPHY].given is False
    assert all(len(consent.wording_version) == 12 for consent in consents.values())
    assert "privacy notice" in consents[ConsentKind.PRIVACY].wording
    registration = Registration.objects.get()
    assert registration.directory_listing and not registration.photography


def test_a_changed_privacy_notice_is_a_new_wording_version(client, registration_page):
    register(client, registration_page, email="one@example.org")
    registration_page.privacy_notice = "<p>We now also share your name with the venue.</p>"
    registration_page.save_revision().publish()
    register(client, registration_page, email="two@example.org")

    versions = set(
        Consent.objects.filter(kind=ConsentKind.PRIVACY).values_list("wording_version", flat=True)
    )
    assert len(versions) == 2


def test_the_form_and_privacy_consent_start_unticked(client, registration_page):
    form = soup(client.get(registration_page.url)).find("form", class_="registration-form")
    for name in ("privacy_consent", "directory_listing", "photography"):
        assert not form.find("input", attrs={"name": name}).has_attr("checked")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-address", "Enter your e-mail address in the form name@example.org."),
        # 234 characters as typed, 264 once its domain is in its ASCII (IDNA) form.
        ("email", "a@" + ".".join(["ü" * 45] * 5) + ".de", "too long"),
        ("email", "a@" + "ß" * 64 + ".de", "in the form name@example.org"),
        ("email", "", "Enter your e-mail address."),
        ("name", "", "Enter your full name."),
        ("name", "A" * 201, "Full name: use at most 200 characters."),
        ("name", "Amina\u0000Okafor", "Full name: remove the invisible or control characters."),
        ("organisation", "Line one\nLine two", "Organisation: keep it on one line."),
        ("dietary_needs", "x" * 501, "Dietary needs (optional): use at most 500 characters."),
        ("sector", "pirates", "Choose your sector from the list."),
        ("country", "XX", "Choose your country from the list."),
        ("privacy_consent", "", "Tick the box to agree to the privacy notice"),
    ],
)
def test_bad_input_gets_a_message_on_the_form_and_a_400(
    client, registration_page, field, value, message
):
    response = register(client, registration_page, **{field: value})

    assert response.status_code == 400
    page = soup(response)
    assert message in page.select_one(".error-summary").get_text()
    error = page.find(id=f"id_{field}_error")
    assert message in error.get_text()
    assert f"id_{field}_error" in page.find(id=f"id_{field}")["aria-describedby"]
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_the_honeypot_turns_robots_away(client, registration_page):
    response = register(client, registration_page, website="http://spam.example")

    assert response.status_code == 400
    assert "automatically filled in" in soup(response).select_one(".error-summary").get_text()
    assert Registration.objects.count() == 0


def test_the_form_needs_its_csrf_token(registration_page):
    from .conftest import CommittingClient

    strict = CommittingClient(enforce_csrf_checks=True)
    response = strict.post(registration_page.url, register_data())

    assert response.status_code == 403
    assert Registration.objects.count() == 0


def test_registration_is_refused_before_it_opens_and_after_it_closes(client, registration_page):
    registration_page.opens_at = timezone.now() + timedelta(days=2)
    registration_page.save_revision().publish()
    page = soup(client.get(registration_page.url))
    assert "Registration opens on" in page.select_one(".notice").get_text()
    assert register(client, registration_page).status_code == 403

    registration_page.opens_at = None
    registration_page.closes_at = timezone.now() - timedelta(minutes=1)
    registration_page.save_revision().publish()
    assert "is closed" in soup(client.get(registration_page.url)).select_one(".notice").get_text()
    assert register(client, registration_page).status_code == 403
    assert Registration.objects.count() == 0


def test_too_many_attempts_from_one_address_get_a_429(client, registration_page, settings):
    settings.REGISTRATION_RATE_LIMITS = {"address": (3, 3600), "email": (100, 3600)}
    statuses = [
        register(client, registration_page, email=f"person{n}@example.org").status_code
        for n in range(4)
    ]

    assert statuses == [303, 303, 303, 429]
    assert Registration.objects.count() == 3


def test_invalid_attempts_do_not_use_up_the_limit(client, registration_page, settings):
    settings.REGISTRATION_RATE_LIMITS = {"address": (1, 3600), "email": (1, 3600)}
    for _ in range(3):
        assert register(client, registration_page, email="not-an-address").status_code == 400

    assert register(client, registration_page).status_code == 303


# The visitor 203.0.113.9, alone or with a made-up address put in front by the client.
@pytest.mark.slow
@pytest.mark.parametrize("forwarded", ["203.0.113.9", "198.51.100.1, 203.0.113.9"])
def test_behind_a_proxy_the_limit_counts_the_visitors_address(
    client, registration_page, settings, forwarded
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REGISTRATION_RATE_LIMITS = {"address": (1, 3600), "email": (100, 3600)}
    headers = {"HTTP_X_FORWARDED_FOR": forwarded}
    first = client.post(registration_page.url, register_data(email="a@example.org"), **headers)
    other_visitor = client.post(
        registration_page.url,
        register_data(email="b@example.org"),
        HTTP_X_FORWARDED_FOR="192.0.2.50",
    )
    same_visitor = client.post(
        registration_page.url,
        register_data(email="c@example.org"),
        HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.9",
    )

    assert (first.status_code, other_visitor.status_code) == (303, 303)
    assert same_visitor.status_code == 429


def test_too_many_attempts_for_one_email_get_a_429(client, registration_page, settings):
    settings.REGISTRATION_RATE_LIMITS = {"address": (100, 3600), "email": (2, 3600)}
    statuses = [register(client, registration_page).status_code for _ in range(3)]

    assert statuses == [303, 303, 429]
    response = register(client, registration_page)
    assert "Too many attempts with this address" in soup(response).get_text()


@pytest.mark.parametrize(
    "code",
    ["not-a-code", "SWFtQUZha2U", "eyJhbGciOiJub25lIn0"],
)
def test_a_forged_confirmation_link_gets_a_400_and_confirms_nothing(
    client, registration_page, code
):
    register(client, registration_page)
    response = client.post(registration_page.url + f"confirm/{code}/")

    assert response.status_code == 400
    assert "not valid" in soup(response).get_text()
    assert Registration.objects.get().status == RegistrationStatus.UNCONFIRMED


def test_an_expired_confirmation_link_says_how_to_get_a_new_one(
    client, registration_page, monkeypatch
):
    register(client, registration_page)
    link = path_of(link_to(mail.outbox[0], "/confirm/"))
    later = timezone.now() + services.CONFIRMATION_MAX_AGE + timedelta(minutes=1)
    monkeypatch.setattr("time.time", lambda: later.timestamp())

    response = client.post(link)

    assert response.status_code == 400
    assert "expired" in soup(response).get_text()
    assert Registration.objects.get().status == RegistrationStatus.UNCONFIRMED


class AnswerClock:
    """The view's clock: real time plus whatever it slept, without sleeping; the time each
    answer took, from the view's first reading of the clock to the end of its sleep."""

    def __init__(self):
        self.slept = 0.0
        self.started = None
        self.answers = []

    def monotonic(self):
        now = time.monotonic() + self.slept
        if self.started is None:
            self.started = now
        return now

    def sleep(self, seconds):
        self.slept += seconds
        self.answers.append(time.monotonic() + self.slept - self.started)
        self.started = None


def test_the_forms_answer_in_the_same_time_whether_or_not_the_address_is_registered(
    client, registration_page, settings, monkeypatch
):
    settings.REGISTRATION_ANSWER_SECONDS = 0.25
    clock = AnswerClock()
    monkeypatch.setattr("registrations.views.time", clock)
    lost_link = registration_page.url + "lost-link/"
    register(client, registration_page)  # a new registration: written, e-mailed
    register(client, registration_page)  # the same address: told again
    client.post(lost_link, {"email": "amina@example.org"})
    client.post(lost_link, {"email": "nobody@example.org"})
    assert Registration.objects.count() == 1
    assert clock.answers == pytest.approx([0.25] * 4, abs=1e-3)
