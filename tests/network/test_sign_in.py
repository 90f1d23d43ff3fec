"""Delegates sign in by opening their manage link, and out with the button on every
delegate page; a replaced link, erasure or the passing of time ends the sign-in."""

from datetime import timedelta
from unittest import mock

import pytest

from django.conf import settings as django_settings
from django.core import signing
from django.utils import timezone

from registrations import services
from registrations.models import RegistrationStatus
from tests.factories import ConferencePageFactory, DirectoryPageFactory, RegistrationPageFactory
from tests.pages import soup, texts
from tests.roles import client_for, member_of

from .conftest import delegate, manage_path, sign_in

pytestmark = pytest.mark.django_db

SIGN_OUT_URL = "/delegates/sign-out/"


def delegate_bar(response):
    bar = soup(response).select_one("nav.delegate-bar")
    return bar.get_text(" ", strip=True) if bar else None


def sees_the_directory(client, directory):
    response = client.get(directory.url)
    assert response.status_code == 200
    return bool(soup(response).select(".delegate-list, #results-title"))


def test_opening_the_manage_link_signs_the_browser_in(
    client, edition, directory, registration_page
):
    amina = delegate(edition, name="Amina Okafor")
    assert not sees_the_directory(client, directory)

    response = sign_in(client, registration_page, amina)

    assert "Signed in as Amina Okafor" in delegate_bar(response)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert int(cookie["max-age"]) == 30 * 24 * 60 * 60
    assert sees_the_directory(client, directory)
    # Every page now carries the delegate's navigation, and is theirs alone.
    home = client.get(edition.url)
    bar = soup(home).select_one("nav.delegate-bar")
    assert texts(bar.select("a")) == ["Delegate directory", "Your registration"]
    assert bar.select_one(f'form[action="{SIGN_OUT_URL}"] button').get_text() == "Sign out"
    assert "private" in home["Cache-Control"]
    assert "public" not in home["Cache-Control"]


def test_how_long_a_sign_in_lasts_is_a_setting(
    client, settings, edition, directory, registration_page
):
    settings.DELEGATE_SIGN_IN_DAYS = 2
    amina = delegate(edition)
    sign_in(client, registration_page, amina)
    assert int(client.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) == 2 * 24 * 60 * 60

    three_days_on = signing.time.time() + timedelta(days=3).total_seconds()
    with mock.patch.object(signing.time, "time", return_value=three_days_on):
        assert not sees_the_directory(client, directory)


def test_signing_in_gives_a_new_session_key(client, edition, directory, registration_page):
    """Session fixation: someone signs in with their own link, plants that session's cookie
    in another person's browser, and waits for them to open their own link."""
    attacker = client.__class__()
    sign_in(attacker, registration_page, delegate(edition, name="Mallory"))
    planted = attacker.cookies[django_settings.SESSION_COOKIE_NAME].value
    client.cookies[django_settings.SESSION_COOKIE_NAME] = planted

    response = sign_in(client, registration_page, delegate(edition, name="Alice"))

    assert "Signed in as Alice" in delegate_bar(response)
    assert client.cookies[django_settings.SESSION_COOKIE_NAME].value != planted
    assert delegate_bar(attacker.get(edition.url)) is None


def test_anonymous_visitors_get_no_session_and_no_delegate_bar(client, edition, directory):
    response = client.get(edition.url)
    assert delegate_bar(response) is None
    assert django_settings.SESSION_COOKIE_NAME not in response.cookies


def test_signing_out_ends_the_sign_in(client, edition, directory, registration_page):
    sign_in(client, registration_page, delegate(edition))

    response = client.post(SIGN_OUT_URL)

    assert response.status_code == 303
    page = client.get(response["Location"])
    assert soup(page).h1.get_text() == "You are signed out"
    assert delegate_bar(page) is None
    assert not sees_the_directory(client, directory)
    assert delegate_bar(client.get(edition.url)) is None


def test_signing_out_keeps_an_organisers_admin_login(edition, directory, registration_page):
    organiser = client_for(member_of("Organisers", "olga"))
    sign_in(organiser, registration_page, delegate(edition))
    # The admin login keeps its own life, not the delegate's 30 days.
    assert organiser.session.get_expiry_age() == django_settings.SESSION_COOKIE_AGE
    organiser.post(SIGN_OUT_URL)
    assert delegate_bar(organiser.get(edition.url)) is None
    assert organiser.get("/admin/").status_code == 200


def test_the_sign_out_page_offers_the_button_to_whoever_is_signed_in(
    client, edition, directory, registration_page
):
    sign_in(client, registration_page, delegate(edition))
    response = client.get(SIGN_OUT_URL)
    assert soup(response).select_one("main form button").get_text() == "Sign out"
    assert response["Cache-Control"] == "private, no-store"


def test_a_new_manage_link_ends_the_sessions_of_the_old_one(
    client, edition, directory, registration_page
):
    amina = delegate(edition)
    sign_in(client, registration_page, amina)
    services.new_manage_link(amina)
    assert not sees_the_directory(client, directory)
    assert delegate_bar(client.get(edition.url)) is None
    # The new link signs in again.
    sign_in(client, registration_page, amina)
    assert sees_the_directory(client, directory)


def test_erasure_ends_the_sign_in(client, edition, directory, registration_page):
    amina = delegate(edition)
    sign_in(client, registration_page, amina)
    services.erase(amina)
    assert not sees_the_directory(client, directory)
    assert delegate_bar(client.get(edition.url)) is None


def test_a_sign_in_is_for_its_own_edition(client, edition, directory, registration_page):
    other_edition = ConferencePageFactory()
    other_registration_page = RegistrationPageFactory(parent=other_edition)
    other_directory = DirectoryPageFactory(parent=other_edition)
    sign_in(client, other_registration_page, delegate(other_edition))
    assert sees_the_directory(client, other_directory)
    assert not sees_the_directory(client, directory)


def test_your_registration_leads_to_the_manage_page_of_the_signed_in_delegate(
    client, edition, directory, registration_page
):
    amina = delegate(edition)
    own_page = f"/delegates/{edition.pk}/registration/"
    assert client.get(own_page)["Location"] == SIGN_OUT_URL
    sign_in(client, registration_page, amina)
    response = client.get(own_page)
    assert response.status_code == 303
    assert response["Location"] == manage_path(registration_page, amina)


@pytest.mark.parametrize(
    "status",
    [
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.PENDING,
        RegistrationStatus.UNCONFIRMED,
        RegistrationStatus.CANCELLED,
    ],
)
def test_only_confirmed_delegates_sign_in_to_the_network(
    client, edition, directory, registration_page, status
):
    registration = delegate(edition, status=status, queued_at=timezone.now())
    response = sign_in(client, registration_page, registration)
    bar = soup(response).select_one("nav.delegate-bar")
    assert texts(bar.select("a")) == ["Your registration"]
    assert not sees_the_directory(client, directory)


def test_pages_shown_to_a_signed_in_delegate_are_never_kept_for_others(
    client, settings, edition, directory, registration_page
):
    settings.PAGE_CACHE_SECONDS = 600
    sign_in(client, registration_page, delegate(edition, name="Amina Okafor"))
    for _ in range(2):
        response = client.get(edition.url)
        assert "Signed in as Amina Okafor" in delegate_bar(response)
        assert response.get("X-Cache") != "HIT"
    anonymous = client.__class__()
    for _ in range(2):
        assert "Amina" not in anonymous.get(edition.url).content.decode()
