"""The private manage page: details, sessions and personal calendar, cancel, export, erase,
and revoking links."""

import json
import logging
from datetime import timedelta
from io import StringIO

import pytest

from django.core import mail
from django.utils import timezone

from registrations import services
from registrations.models import Consent, ConsentKind, Registration, RegistrationStatus
from tests.calendars import events_by_every_parser
from tests.factories import (
    AgendaPageFactory,
    ConferencePageFactory,
    RegistrationFactory,
    SessionPageFactory,
    london,
)
from tests.pages import soup

from .helpers import link_to, path_of, register_data, sent_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmed(client, registration_page):
    client.post(registration_page.url, register_data())
    client.post(path_of(link_to(mail.outbox[0], "/confirm/")))
    return Registration.objects.get(email="amina@example.org")


def manage_path(registration_page, registration):
    return registration_page.url + f"manage/{registration.reference}/{registration.manage_token}/"


def test_the_manage_page_is_private(client, registration_page, confirmed):
    response = client.get(manage_path(registration_page, confirmed))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert "noindex" in response["X-Robots-Tag"]
    page = soup(response)
    assert confirmed.reference in page.select_one(".registration-status").get_text()
    assert page.find("input", attrs={"name": "name"})["value"] == "Amina Okafor"
    agenda_feed = page.find(id="agenda-feed-url")["value"]
    assert agenda_feed == f"http://testserver/calendar/{confirmed.edition.pk}/agenda.ics"


@pytest.mark.parametrize("wrong", ["token", "reference"])
def test_a_wrong_token_or_reference_finds_nothing(client, registration_page, confirmed, wrong):
    reference = confirmed.reference if wrong == "token" else "AAAAAAAAAA"
    token = "x" * 43 if wrong == "token" else confirmed.manage_token
    response = client.get(registration_page.url + f"manage/{reference}/{token}/")

    assert response.status_code == 404
    assert "This link does not work" in soup(response).h1.get_text()
    assert confirmed.name not in response.content.decode()


def test_changing_details_keeps_a_consent_history(client, registration_page, confirmed):
    data = register_data(organisation="INTERPOL", photography="on", action="details")
    response = client.post(manage_path(registration_page, confirmed), data)

    assert response.status_code == 303
    confirmed.refresh_from_db()
    assert confirmed.organisation == "INTERPOL"
    assert confirmed.photography is True
    photography = Consent.objects.filter(registration=confirmed, kind=ConsentKind.PHOTOGRAPHY)
    assert list(photography.values_list("given", flat=True)) == [False, True]
    assert "Your details are saved." in soup(client.get(response["Location"])).get_text()


def test_bad_details_are_refused_with_a_message(client, registration_page, confirmed):
    data = register_data(name="", action="details")
    response = client.post(manage_path(registration_page, confirmed), data)

    assert response.status_code == 400
    assert "Enter your full name." in soup(response).find(id="id_name_error").get_text()
    confirmed.refresh_from_db()
    assert confirmed.name == "Amina Okafor"


@pytest.mark.slow
def test_starred_sessions_make_the_personal_calendar(
    client, registration_page, confirmed, edition_agenda
):
    wanted = SessionPageFactory(parent=edition_agenda, title="Following the money online")
    SessionPageFactory(
        parent=edition_agenda,
        title="Not chosen",
        start=london(2027, 10, 12, 9),
        end=london(2027, 10, 12, 10),
    )
    response = client.post(
        manage_path(registration_page, confirmed), {"action": "sessions", "sessions": [wanted.pk]}
    )
    assert response.status_code == 303

    feed_path = f"/calendar/personal/{confirmed.reference}/{confirmed.feed_token}.ics"
    feed = client.get(feed_path)
    assert feed.status_code == 200
    assert feed["Cache-Control"].startswith("private")
    events = events_by_every_parser(feed.content)
    assert [event["summary"] for event in events.values()] == ["Following the money online"]
    page = soup(client.get(manage_path(registration_page, confirmed)))
    assert page.find(id="personal-feed-url")["value"].endswith(feed_path)
    assert page.find("input", attrs={"value": str(wanted.pk)}).has_attr("checked")


@pytest.mark.slow
def test_a_session_from_another_edition_cannot_be_starred(client, registration_page, confirmed):
    other_agenda = AgendaPageFactory(parent=ConferencePageFactory(), slug="agenda")
    other = SessionPageFactory(parent=other_agenda)
    response = client.post(
        manage_path(registration_page, confirmed), {"action": "sessions", "sessions": [other.pk]}
    )

    assert response.status_code == 400
    assert confirmed.sessions.count() == 0


def test_a_new_feed_address_revokes_the_old_one(client, registration_page, confirmed):
    old = f"/calendar/personal/{confirmed.reference}/{confirmed.feed_token}.ics"
    assert client.get(old).status_code == 200

    client.post(manage_path(registration_page, confirmed), {"action": "new-feed"})

    confirmed.refresh_from_db()
    assert client.get(old).status_code == 404
    new = f"/calendar/personal/{confirmed.reference}/{confirmed.feed_token}.ics"
    assert client.get(new).status_code == 200


def test_a_new_manage_link_revokes_the_old_one(client, registration_page, confirmed):
    old = manage_path(registration_page, confirmed)
    response = client.post(old, {"action": "new-link"})

    assert "A new link is on its way" in soup(response).h1.get_text()
    assert client.get(old).status_code == 404
    new_link = path_of(link_to(sent_to("amina@example.org")[-1], "/manage/"))
    assert new_link != old
    assert client.get(new_link).status_code == 200


@pytest.mark.slow
def test_cancelling_needs_a_tick_then_gives_the_seat_to_the_waitlist(
    client, registration_page, confirmed, django_capture_on_commit_callbacks
):
    RegistrationFactory.create_batch(
        registration_page.capacity - 1, edition=registration_page.edition, status="confirmed"
    )
    with django_capture_on_commit_callbacks(execute=True):
        waiting = RegistrationFactory(edition=registration_page.edition, email="w@example.org")
        services.confirm_address(waiting)
    assert Registration.objects.get(pk=waiting.pk).status == RegistrationStatus.WAITLISTED

    unticked = client.post(manage_path(registration_page, confirmed), {"action": "cancel"})
    assert unticked.status_code == 400
    assert "Tick the box to confirm." in soup(unticked).find(id="confirm-cancel-error").get_text()

    response = client.post(
        manage_path(registration_page, confirmed), {"action": "cancel", "confirm": "yes"}
    )
    assert response.status_code == 303
    assert Registration.objects.get(pk=confirmed.pk).status == RegistrationStatus.CANCELLED
    assert Registration.objects.get(pk=waiting.pk).status == RegistrationStatus.CONFIRMED
    assert sent_to("amina@example.org")[-1].subject.endswith("is cancelled")
    assert sent_to("w@example.org")[-1].subject.startswith("A seat became free")


def test_the_data_export_holds_everything_kept(client, registration_page, confirmed):
    response = client.get(manage_path(registration_page, confirmed) + "data/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "private, no-store"
    data = json.loads(response.content)
    assert data["email"] == "amina@example.org"
    assert data["organisation"] == "Kenya Wildlife Service"
    assert data["country"] == "Kenya"
    assert data["status"] == "Confirmed"
    assert {consent["consent"] for consent in data["consents"]} == {
        "Privacy notice",
        "Delegate directory",
        "Photography",
    }
    assert [email["subject"] for email in data["emails"]] == ["Confirm your address", "Confirmed"]


def test_erasing_removes_personal_data_and_frees_the_seat(client, registration_page, confirmed):
    old_feed = f"/calendar/personal/{confirmed.reference}/{confirmed.feed_token}.ics"
    response = client.post(
        manage_path(registration_page, confirmed), {"action": "erase", "confirm": "yes"}
    )

    assert "Your data are erased" in soup(response).h1.get_text()
    erased = Registration.objects.get(pk=confirmed.pk)
    assert erased.status == RegistrationStatus.CANCELLED
    assert erased.anonymised_at is not None
    assert (erased.name, erased.email, erased.organisation, erased.job_title) == ("", "", "", "")
    assert (erased.sector, erased.country.code) == ("law_enforcement", "KE")
    assert not erased.consents.exists() and not erased.emails.exists()
    assert services.seats_taken(erased.edition) == 0
    assert client.get(manage_path(registration_page, confirmed)).status_code == 404
    assert client.get(old_feed).status_code == 404
    # The address can register again as a new person.
    client.post(registration_page.url, register_data())
    assert Registration.objects.filter(email="amina@example.org").count() == 1


def test_an_unknown_action_is_a_400(client, registration_page, confirmed):
    response = client.post(manage_path(registration_page, confirmed), {"action": "delete-all"})

    assert response.status_code == 400
    assert "not known" in soup(response).get_text()


def test_logs_never_hold_the_secret_of_a_private_link(client, registration_page, confirmed):
    (console,) = [h for h in logging.getLogger().handlers if h.name == "console"]
    captured = StringIO()
    original = console.setStream(captured)
    try:
        client.get(manage_path(registration_page, confirmed)[:-5] + "wrong/")
        client.get(f"/calendar/personal/{confirmed.reference}/{'y' * 43}.ics")
    finally:
        console.setStream(original)

    logged = captured.getvalue()
    assert f"/manage/{confirmed.reference}/…" in logged
    assert confirmed.manage_token[:-5] not in logged
    assert "y" * 43 not in logged


def lost_link_path(registration_page):
    return registration_page.url + "lost-link/"


def test_a_lost_link_is_sent_again_even_after_registration_closed(
    client, registration_page, confirmed
):
    registration_page.closes_at = timezone.now() - timedelta(days=1)
    registration_page.save_revision().publish()
    Registration.objects.update(link_sent_at=None)

    response = client.post(lost_link_path(registration_page), {"email": "AMINA@example.org"})

    assert response.status_code == 303
    assert response["Location"].endswith("/check-your-inbox/")
    message = sent_to("amina@example.org")[-1]
    assert path_of(link_to(message, "/manage/")) == manage_path(registration_page, confirmed)


def test_asking_for_a_link_for_an_unknown_address_answers_the_same(client, registration_page):
    response = client.post(lost_link_path(registration_page), {"email": "nobody@example.org"})

    assert response.status_code == 303
    assert response["Location"].endswith("/check-your-inbox/")
    assert mail.outbox == []


def test_asking_for_a_link_with_a_bad_address_gets_a_400(client, registration_page):
    response = client.post(lost_link_path(registration_page), {"email": "nobody"})

    assert response.status_code == 400
    assert "in the form name@example.org" in soup(response).find(id="id_email_error").get_text()


@pytest.mark.parametrize(
    "path, status",
    [
        ("/calendar/personal/aaaaaaaaaa/abc.ics", 404),
        ("/calendar/personal/AAAAAAAAAA/short.ics", 404),
        # A NUL character in an address is refused before any view (config/middleware.py).
        ("/calendar/personal/%00/abc.ics", 400),
        ("/calendar/personal/AAAAAAAAAA/%00%00.ics", 400),
    ],
)
def test_malformed_feed_addresses_are_not_served(client, db, path, status):
    assert client.get(path).status_code == status


def test_erasing_removes_the_name_from_the_admin_history(registration_page, confirmed):
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import ModelLogEntry

    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Registration),
        object_id=str(confirmed.pk),
        label=str(confirmed),
        action="wagtail.edit",
        timestamp=timezone.now(),
    )
    services.erase(confirmed)

    assert list(ModelLogEntry.objects.values_list("label", flat=True)) == [confirmed.reference]


def test_an_unpublished_registration_page_leaves_attendees_their_own_pages(
    client, registration_page, confirmed
):
    """Closing registration is the closing time's work; taking the page down must not take
    away anyone's access to their own registration and data."""
    registration_page.unpublish()
    manage = manage_path(registration_page, confirmed)
    assert client.get(registration_page.url).status_code == 404
    assert client.get(manage).status_code == 200
    download = client.get(manage + "data/")
    assert (download.status_code, json.loads(download.content)["email"]) == (
        200,
        "amina@example.org",
    )
    response = client.post(manage, {"action": "erase", "confirm": "yes"})
    assert response.status_code in (200, 303)
    confirmed.refresh_from_db()
    assert confirmed.anonymised_at is not None
