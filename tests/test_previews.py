"""Organisers preview speakers and tracks before they publish them."""

from datetime import date

from conference.models import ConferencePage, ConferencePartner
from sessions.models import Track
from tests.factories import (
    OrganisationFactory,
    SessionPageFactory,
    SpeakerFactory,
    TrackFactory,
    london,
)
from tests.pages import soup


def test_speaker_preview_renders_an_unpublished_speaker(db):
    speaker = SpeakerFactory(name="Draft Person", live=False, bio="<p>Not yet public.</p>")
    response = speaker.make_preview_request()
    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == "Draft Person"
    assert "Not yet public." in page.select_one(".rich-text").get_text()


def test_track_preview_renders_the_track_landing_page(edition, agenda):
    track = TrackFactory(edition=edition, name="Wildlife cybercrime", strapline="Online trade")
    SessionPageFactory(
        parent=agenda,
        title="Marketplace adverts",
        track=track,
        start=london(2027, 10, 11, 10),
        end=london(2027, 10, 11, 11),
    )
    response = track.make_preview_request()
    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == "Wildlife cybercrime"
    assert [a.get_text(strip=True) for a in page.select(".session__title a")] == [
        "Marketplace adverts"
    ]


def test_preview_of_a_track_not_yet_saved(edition):
    track = Track(edition=edition, name="New track", slug="new-track", colour="#123456")
    response = track.make_preview_request()
    assert response.status_code == 200
    assert soup(response).find("h1").get_text(strip=True) == "New track"


def test_preview_of_an_edition_not_yet_saved(db):
    edition = ConferencePage(
        title="IWT Conference 2031",
        slug="iwt-2031",
        start_date=date(2031, 10, 11),
        end_date=date(2031, 10, 12),
        time_zone="Europe/London",
    )
    edition.partners = [ConferencePartner(organisation=OrganisationFactory(name="IFAW"))]
    response = edition.make_preview_request()
    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == "IWT Conference 2031"
    assert [n.get_text(strip=True) for n in page.select(".partner__name")] == ["IFAW"]
