"""From the manage page, delegates list themselves or stop, and write their profile."""

import pytest

from network.models import DelegateProfile
from registrations.models import Consent, ConsentKind, RegistrationStatus
from tests.factories import ConferencePageFactory, TrackFactory
from tests.pages import soup, texts

from .conftest import delegate, manage_path, sign_in

pytestmark = pytest.mark.django_db


def profile_data(**overrides):
    data = {
        "action": "directory-profile",
        "introduction": "I lead takedowns of wildlife adverts.\nBased in Nairobi.",
        "can_help_with": "Takedown requests",
        "looking_for": "Marketplaces selling in East Africa",
        "languages": ["en", "sw"],
    }
    data.update(overrides)
    return data


def names_listed(client, directory):
    return texts(soup(client.get(directory.url)).select(".delegate-card__name a"))


def test_listing_can_be_given_and_withdrawn_at_any_time_and_each_is_recorded(
    client, edition, directory, registration_page
):
    me = delegate(edition, name="Amina Okafor", directory_listing=False)
    sign_in(client, registration_page, me)
    here = manage_path(registration_page, me)

    response = client.post(here, {"action": "directory-listing", "listed": "yes"})
    assert response.status_code == 303
    assert (
        "You are listed in the delegate directory"
        in client.get(response["Location"]).content.decode()
    )
    assert names_listed(client, directory) == ["Amina Okafor"]

    client.post(here, {"action": "directory-listing", "listed": "no"})
    assert names_listed(client, directory) == []

    consents = Consent.objects.filter(registration=me, kind=ConsentKind.DIRECTORY)
    assert [consent.given for consent in consents] == [True, False]
    assert all("delegate directory" in consent.wording for consent in consents)


def test_an_unclear_listing_choice_changes_nothing(client, edition, directory, registration_page):
    me = delegate(edition, directory_listing=False)
    response = client.post(
        manage_path(registration_page, me), {"action": "directory-listing", "listed": "maybe"}
    )
    assert response.status_code == 400
    me.refresh_from_db()
    assert not me.directory_listing
    assert not Consent.objects.filter(registration=me).exists()


def test_the_profile_is_saved_and_shown_in_the_directory(
    client, edition, directory, registration_page, cybercrime, ivory
):
    me = delegate(edition, name="Amina Okafor")
    sign_in(client, registration_page, me)

    response = client.post(
        manage_path(registration_page, me),
        profile_data(tracks=[cybercrime.pk], topics=[ivory.pk]),
    )

    assert response.status_code == 303
    profile = DelegateProfile.objects.get(registration=me)
    assert profile.looking_for == "Marketplaces selling in East Africa"
    assert list(profile.tracks.all()) == [cybercrime]
    assert list(profile.topics.all()) == [ivory]
    assert profile.languages_spoken == ["English", "Swahili"]
    shown = soup(client.get(directory.profile_url(me.pk))).main.get_text(" ", strip=True)
    for text in ("I lead takedowns", "Takedown requests", "Wildlife cybercrime", "Ivory"):
        assert text in shown
    assert "English, Swahili" in shown
    # The form shows what was saved.
    form = soup(client.get(manage_path(registration_page, me)))
    assert form.select_one("#id_can_help_with")["value"] == "Takedown requests"
    assert form.select_one(f'input[name="tracks"][value="{cybercrime.pk}"]').has_attr("checked")


def test_every_field_of_the_profile_is_optional(client, edition, directory, registration_page):
    me = delegate(edition)
    response = client.post(
        manage_path(registration_page, me),
        {
            "action": "directory-profile",
            "introduction": "",
            "can_help_with": "",
            "looking_for": "",
        },
    )
    assert response.status_code == 303
    assert DelegateProfile.objects.filter(registration=me).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"introduction": "x" * 501}, "Introduction: use at most 500 characters."),
        ({"can_help_with": "y" * 201}, "I can help with: use at most 200 characters."),
        ({"looking_for": "two\nlines"}, "I am looking for: keep it on one line."),
        (
            {"introduction": "bell\x07"},
            "Introduction: remove the invisible or control characters.",
        ),
        ({"languages": ["en", "klingon"]}, "Languages you speak: choose from the list."),
        ({"tracks": ["not-a-number"]}, "Tracks you follow: choose from the list."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_written(
    client, edition, directory, registration_page, overrides, message
):
    me = delegate(edition)
    response = client.post(manage_path(registration_page, me), profile_data(**overrides))
    assert response.status_code == 400
    assert message in texts(soup(response).select(".error-summary li"))
    assert not DelegateProfile.objects.filter(registration=me).exists()


def test_tracks_of_another_edition_are_refused(client, edition, directory, registration_page):
    other_track = TrackFactory(edition=ConferencePageFactory())
    me = delegate(edition)
    response = client.post(
        manage_path(registration_page, me), profile_data(tracks=[other_track.pk])
    )
    assert response.status_code == 400
    assert not DelegateProfile.objects.filter(registration=me).exists()


def test_delegates_without_a_seat_may_prepare_their_profile(
    client, edition, directory, registration_page
):
    me = delegate(edition, status=RegistrationStatus.PENDING)
    page = soup(client.get(manage_path(registration_page, me)))
    assert (
        "opens to you once you have a confirmed seat" in page.select_one("#directory").get_text()
    )
    response = client.post(manage_path(registration_page, me), profile_data())
    assert response.status_code == 303


def test_cancelled_registrations_have_no_directory_section(
    client, edition, directory, registration_page
):
    me = delegate(edition, status=RegistrationStatus.CANCELLED)
    assert soup(client.get(manage_path(registration_page, me))).select_one("#directory") is None
    response = client.post(manage_path(registration_page, me), profile_data())
    assert response.status_code == 400
    assert not DelegateProfile.objects.filter(registration=me).exists()


def test_an_edition_without_a_directory_shows_no_section(client, edition, registration_page):
    me = delegate(edition)
    assert soup(client.get(manage_path(registration_page, me))).select_one("#directory") is None
