"""Who sees the directory: its confirmed delegates and organisers; everyone else is told who
can and how to get in. Search engines and shared caches never see it."""

import pytest

from django.utils import timezone

from registrations.models import RegistrationStatus
from tests.factories import ConferencePageFactory, RegistrationPageFactory
from tests.pages import soup, texts
from tests.roles import client_for, member_of

from .conftest import delegate, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed_people(edition):
    return [
        delegate(
            edition, name="Amina Okafor", sector="law_enforcement", email="amina@kws.example"
        ),
        delegate(edition, name="Ben Marsh", sector="online_platform", organisation="Marketplace"),
    ]


def names_listed(response):
    return texts(soup(response).select(".delegate-card__name a"))


def test_anonymous_visitors_are_told_who_can_see_it_and_how_to_get_in(
    client, directory, registration_page, listed_people
):
    response = client.get(directory.url)

    assert response.status_code == 200
    page = soup(response)
    text = page.main.get_text(" ", strip=True)
    assert "Only confirmed delegates" in text
    assert "Amina" not in response.content.decode()
    links = {a.get_text(): a["href"] for a in page.main.select("a")}
    assert links["Get your link by e-mail again"] == registration_page.url + "lost-link/"
    assert links[f"Register for {directory.edition.title}"] == registration_page.url
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"


@pytest.mark.parametrize(
    ("status", "told"),
    [
        (RegistrationStatus.WAITLISTED, "You are on the waitlist"),
        (RegistrationStatus.PENDING, "waiting for the organisers' approval"),
        (RegistrationStatus.UNCONFIRMED, "Your e-mail address is not confirmed yet"),
        (RegistrationStatus.CANCELLED, "Your registration is cancelled"),
    ],
)
def test_delegates_without_a_seat_are_told_plainly_what_they_cannot_see(
    client, edition, directory, registration_page, listed_people, status, told
):
    sign_in(client, registration_page, delegate(edition, status=status, queued_at=timezone.now()))
    response = client.get(directory.url)
    assert told in soup(response).main.get_text(" ", strip=True)
    assert names_listed(response) == []
    assert "Amina" not in response.content.decode()
    profile = client.get(directory.profile_url(listed_people[0].pk))
    assert profile.status_code == 403
    assert "Amina" not in profile.content.decode()


def test_confirmed_listed_delegates_see_the_listed_delegates(
    client, edition, directory, registration_page, listed_people
):
    me = delegate(edition, name="Chloe Dubois")
    delegate(edition, name="Not Listed", directory_listing=False)
    delegate(edition, name="On The Waitlist", status=RegistrationStatus.WAITLISTED)
    sign_in(client, registration_page, me)

    response = client.get(directory.url)

    assert names_listed(response) == ["Amina Okafor", "Ben Marsh", "Chloe Dubois"]
    assert "You are not listed" not in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_confirmed_delegates_who_are_not_listed_see_it_and_are_offered_a_listing(
    client, edition, directory, registration_page, listed_people
):
    sign_in(client, registration_page, delegate(edition, name="Shy", directory_listing=False))
    response = client.get(directory.url)
    assert names_listed(response) == ["Amina Okafor", "Ben Marsh"]
    assert "You are not listed, so other delegates cannot find you" in response.content.decode()


def test_delegates_of_another_edition_do_not_see_it(client, directory, listed_people):
    other = ConferencePageFactory()
    sign_in(client, RegistrationPageFactory(parent=other), delegate(other))
    response = client.get(directory.url)
    assert names_listed(response) == []
    assert client.get(directory.profile_url(listed_people[0].pk)).status_code == 403


def test_organisers_see_it_without_signing_in_as_a_delegate(directory, listed_people):
    organiser = client_for(member_of("Organisers", "olga"))
    response = organiser.get(directory.url)
    assert names_listed(response) == ["Amina Okafor", "Ben Marsh"]
    assert "as an organiser" in response.content.decode()
    # Another admin group is not enough.
    desk = client_for(member_of("Registration desk", "dan"))
    assert names_listed(desk.get(directory.url)) == []


def test_a_profile_shows_what_the_delegate_chose_and_no_contact_details(
    client, edition, directory, registration_page, listed_people
):
    sign_in(client, registration_page, delegate(edition))
    amina = listed_people[0]
    response = client.get(directory.profile_url(amina.pk))
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == "Amina Okafor"
    assert "Analyst, Wildlife Trust" in page.main.get_text()
    assert "Law enforcement" in page.main.get_text()
    assert "United Kingdom" in page.main.get_text()
    assert amina.email not in response.content.decode()
    assert "@" not in page.main.get_text()
    assert response["Cache-Control"] == "private, no-store"


def test_people_who_are_not_listed_have_no_profile_page(
    client, edition, directory, registration_page
):
    sign_in(client, registration_page, delegate(edition))
    unlisted = delegate(edition, name="Not Listed", directory_listing=False)
    waitlisted = delegate(edition, status=RegistrationStatus.WAITLISTED)
    for registration in (unlisted, waitlisted):
        response = client.get(directory.profile_url(registration.pk))
        assert response.status_code == 404
        assert "Not Listed" not in response.content.decode()


def test_delegates_may_look_at_their_own_profile_before_listing_it(
    client, edition, directory, registration_page
):
    me = delegate(edition, name="Shy", directory_listing=False)
    sign_in(client, registration_page, me)
    response = client.get(directory.profile_url(me.pk))
    assert response.status_code == 200
    assert "you are not listed now" in response.content.decode()


def test_search_engines_are_never_offered_it(client, directory, listed_people):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert directory.url not in sitemap
    assert directory.edition.url in sitemap


def test_the_directory_is_never_in_the_shared_page_cache(
    client, settings, directory, listed_people
):
    settings.PAGE_CACHE_SECONDS = 600
    responses = [client.get(directory.url) for _ in range(2)]
    assert "HIT" not in [response.get("X-Cache") for response in responses]
    assert all(response["Cache-Control"] == "private, no-store" for response in responses)
