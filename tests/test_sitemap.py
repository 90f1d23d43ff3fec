from xml.etree import ElementTree

from tests.factories import SessionPageFactory, SpeakerFactory, TrackFactory, london

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_pages_track_pages_and_speaker_pages(client, edition, agenda, speakers_page):
    track = TrackFactory(edition=edition, name="Wildlife cybercrime")
    session = SessionPageFactory(
        parent=agenda,
        track=track,
        speakers=[SpeakerFactory(name="Ada Ranger")],
        start=london(2027, 10, 11, 10),
        end=london(2027, 10, 11, 11),
    )
    SessionPageFactory(parent=agenda, title="Hidden", publish=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {
        node.text.removeprefix("http://localhost")
        for node in ElementTree.fromstring(response.content).findall("sm:url/sm:loc", SITEMAP_NS)
    }
    assert {
        "/",
        "/iwt-2027/",
        "/iwt-2027/agenda/",
        "/iwt-2027/agenda/tracks/wildlife-cybercrime/",
        session.url,
        "/iwt-2027/speakers/",
        "/iwt-2027/speakers/ada-ranger/",
    } == locations
