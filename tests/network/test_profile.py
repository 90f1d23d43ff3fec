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


def test_figures_and_years_are_not_taken_for_phone_numbers(
    client, edition, directory, registration_page
):
    me = delegate(edition)
    text = "From 2019-2023 we traced 11,772 adverts worth GBP 3,000,000 in 4 countries."
    response = client.post(manage_path(registration_page, me), profile_data(introduction=text))
    assert response.status_code == 303
    assert DelegateProfile.objects.get(registration=me).introduction == text


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
        *(
            (
                {field: text},
                f"{label}: leave out e-mail addresses, phone numbers and web "
                "addresses; delegates contact each other through the site.",
            )
            for field, label, text in [
                ("introduction", "Introduction", "Write to amina@kws.example any time."),
                ("introduction", "Introduction", "Call me on +254 712 345 678."),
                ("can_help_with", "I can help with", "WhatsApp 0712 345 6789"),
                ("looking_for", "I am looking for", "See https://example.org/me"),
                ("looking_for", "I am looking for", "see www.kws.example"),
                ("introduction", "Introduction", "wa.me/254712345678"),
                ("introduction", "Introduction", "My site: okafor.org"),
            ]
        ),
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


def test_the_error_summary_leads_to_the_group_of_checkboxes(
    client, edition, directory, registration_page
):
    me = delegate(edition)
    response = client.post(manage_path(registration_page, me), profile_data(languages=["xx"]))
    page = soup(response)
    target = page.select_one(".error-summary li a")["href"]
    assert target == "#id_languages_0"
    assert page.select_one(target).find_parent("fieldset").legend.get_text() == (
        "Languages you speak"
    )


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
    page = soup(client.get(manage_path(registration_page, me)))
    assert page.select_one("#directory") is None
    # The consent stays among the details, the one place to change it.
    assert page.select_one("#id_directory_listing") is not None


def test_the_listing_is_asked_in_one_place_only(client, edition, directory, registration_page):
    me = delegate(edition, directory_listing=True)
    page = soup(client.get(manage_path(registration_page, me)))
    assert page.select_one("#id_directory_listing") is None
    assert page.select_one('#directory input[name="listed"]')["value"] == "no"
    # Saving the details leaves the listing and its consents as they are.
    details = {
        "action": "details",
        "name": "Amina Okafor",
        "organisation": "KWS",
        "job_title": "Analyst",
        "sector": "ngo",
        "country": "KE",
    }
    assert client.post(manage_path(registration_page, me), details).status_code == 303
    me.refresh_from_db()
    assert (me.name, me.directory_listing) == ("Amina Okafor", True)
    assert not Consent.objects.filter(registration=me, kind=ConsentKind.DIRECTORY).exists()
