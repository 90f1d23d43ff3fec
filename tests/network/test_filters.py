"""The directory's search, filters, counts per sector and pages: all plain links and forms."""

import pytest

from network.directory import PER_PAGE
from network.models import DelegateProfile, SpokenLanguage
from tests.pages import soup, texts

from .conftest import delegate, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(client, edition, directory, registration_page, cybercrime, ivory):
    amina = delegate(
        edition, name="Amina Okafor", sector="law_enforcement", country="KE", organisation="KWS"
    )
    ben = delegate(
        edition, name="Ben Marsh", sector="online_platform", country="US", organisation="Bazaar"
    )
    chloe = delegate(
        edition, name="Chloe Dubois", sector="ngo", country="FR", organisation="Trace"
    )
    DelegateProfile.objects.create(
        registration=amina, looking_for="Marketplace trust and safety teams"
    ).tracks.add(cybercrime)
    profile = DelegateProfile.objects.create(registration=ben, introduction="Ivory listings")
    profile.topics.add(ivory)
    SpokenLanguage.objects.create(profile=profile, code="fr")
    sign_in(client, registration_page, chloe)
    return amina, ben, chloe


def listed_names(response):
    return texts(soup(response).select(".delegate-card__name a"))


def sector_count(response, label):
    for item in soup(response).select(".sector-counts li"):
        if item.get_text(" ", strip=True).startswith(label):
            return int(item.select_one(".sector-counts__count").get_text())
    raise AssertionError(label)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"sector": "law_enforcement"}, ["Amina Okafor"]),
        ({"country": "US"}, ["Ben Marsh"]),
        ({"language": "fr"}, ["Ben Marsh"]),
        ({"q": "marsh"}, ["Ben Marsh"]),
        ({"q": "Trace"}, ["Chloe Dubois"]),
        ({"q": "trust safety"}, ["Amina Okafor"]),
        ({"q": "ivory"}, ["Ben Marsh"]),
        ({"q": "ivory okafor"}, []),
    ],
)
def test_filters_and_search(client, directory, people, query, expected):
    assert listed_names(client.get(directory.url, query)) == expected


def test_interests_filter_by_track_and_by_topic(client, directory, people, cybercrime, ivory):
    assert listed_names(client.get(directory.url, {"interest": f"track-{cybercrime.pk}"})) == [
        "Amina Okafor"
    ]
    assert listed_names(client.get(directory.url, {"interest": f"topic-{ivory.pk}"})) == [
        "Ben Marsh"
    ]


def test_the_filters_offer_what_the_directory_holds(client, directory, people):
    page = soup(client.get(directory.url))
    countries = texts(page.select("#id_country option"))
    assert countries == ["Every country", "France", "Kenya", "United States of America"]
    interests = texts(page.select("#id_interest option"))
    assert interests == ["Any interest", "Wildlife cybercrime", "Ivory"]


def test_counts_per_sector_follow_the_other_filters(client, directory, people):
    everyone = client.get(directory.url)
    assert [sector_count(everyone, label) for label in ("Law enforcement", "NGO", "Media")] == [
        1,
        1,
        0,
    ]
    one_sector = client.get(directory.url, {"sector": "ngo"})
    assert sector_count(one_sector, "Law enforcement") == 1  # counts ignore the sector chosen
    searched = client.get(directory.url, {"q": "marsh"})
    assert sector_count(searched, "Law enforcement") == 0
    assert sector_count(searched, "Online platform") == 1
    link = soup(searched).select_one(".sector-counts a")
    assert link["href"] == "?q=marsh&sector=online_platform"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"sector": "pirates"}, "Choose a sector from the list."),
        ({"country": "ZZ"}, "Choose a country from the list."),
        ({"language": "xx"}, "Choose a language from the list."),
        ({"interest": "track-999999"}, "Choose an interest from the list."),
        ({"q": "x" * 101}, "Search for at most 100 characters."),
        ({"q": "a\x07b"}, "Search: remove the invisible characters."),
    ],
)
def test_filters_that_are_not_offered_are_refused_and_the_whole_directory_shown(
    client, directory, people, query, message
):
    response = client.get(directory.url, query)
    assert response.status_code == 400
    assert message in texts(soup(response).select(".error-summary li"))
    assert len(listed_names(response)) == 3


def test_the_directory_comes_in_pages(client, edition, directory, people):
    for number in range(PER_PAGE + 1):
        delegate(edition, name=f"Zed {number:02}")
    first = client.get(directory.url)
    assert len(listed_names(first)) == PER_PAGE
    assert soup(first).select_one("#results-title").get_text() == f"{PER_PAGE + 4} delegates"
    next_link = soup(first).select_one('.pager a[rel="next"]')["href"]
    second = client.get(directory.url + next_link)
    assert listed_names(second) == ["Zed 21", "Zed 22", "Zed 23", "Zed 24"]
    # The filters stay when paging.
    filtered = client.get(directory.url, {"q": "zed"})
    assert soup(filtered).select_one('.pager a[rel="next"]')["href"] == "?q=zed&page=2"
    # A page past the end shows the last page, not an error.
    assert client.get(directory.url, {"page": "999"}).status_code == 200
