"""Organisers preview speakers and tracks before they publish them."""

from tests.factories import SessionPageFactory, SpeakerFactory, TrackFactory, london
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
