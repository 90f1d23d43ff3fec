import pytest

from tests.factories import (
    RoomFactory,
    SessionPageFactory,
    SpeakerFactory,
    TrackFactory,
    london,
)
from tests.pages import soup, texts


@pytest.fixture
def cyber_track(edition):
    return TrackFactory(
        edition=edition,
        name="Wildlife cybercrime",
        slug="wildlife-cybercrime",
        description="<p>Traffickers now sell through online marketplaces.</p>",
        key_facts=[
            (
                "key_facts",
                {
                    "heading": "The online trade",
                    "facts": [
                        {"figure": "11,772", "label": "specimens advertised", "source": "IFAW"}
                    ],
                },
            )
        ],
    )


@pytest.fixture
def sessions(agenda, speakers_page, cyber_track, edition):
    room = RoomFactory(name="Riverside Room", venue=edition.venue)
    moderator = SpeakerFactory(name="Jonas Berg", organisation__name="Nordic Customs")
    panellist = SpeakerFactory(name="Li Wei", organisation__name="MarketHub")
    first = SessionPageFactory(
        parent=agenda,
        title="Adverts for endangered species",
        track=cyber_track,
        start=london(2027, 10, 11, 10),
        end=london(2027, 10, 11, 11),
    )
    panel = SessionPageFactory(
        parent=agenda,
        title="Marketplaces and enforcement",
        kind="panel",
        track=cyber_track,
        room=room,
        abstract="<p>How platforms and police share signals.</p>",
        speakers=[moderator, panellist],
        start=london(2027, 10, 11, 11, 30),
        end=london(2027, 10, 11, 12, 30),
    )
    panel.session_speakers.filter(speaker=moderator).update(role="moderator")
    last = SessionPageFactory(
        parent=agenda,
        title="Closing plenary",
        kind="plenary",
        start=london(2027, 10, 12, 16),
        end=london(2027, 10, 12, 17),
    )
    return first, panel, last


@pytest.mark.slow
def test_session_page_shows_everything_about_the_session(client, sessions):
    _, panel, _ = sessions
    response = client.get(panel.url)
    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == "Marketplaces and enforcement"
    facts = dict(zip(texts(page.select("dt")), texts(page.select("dd")), strict=False))
    assert facts["When"] == "Monday 11 October 2027, 11:30 – 12:30 (Europe/London)"
    assert facts["Where"].startswith("Riverside Room")
    assert "share signals" in page.select_one(".session-page__abstract").get_text()
    cards = page.select(".speaker-card")
    assert texts(card.select_one(".speaker-card__name") for card in cards) == [
        "Jonas Berg",
        "Li Wei",
    ]
    assert texts(cards[0].select(".speaker-card__session-role")) == ["Moderator"]
    assert "Nordic Customs" in cards[0].select_one(".speaker-card__role").get_text()


def test_session_page_links_later_track_sessions_and_neighbours_in_time(client, sessions):
    first, panel, last = sessions
    assert texts(soup(client.get(first.url)).select(".related-sessions a")) == [panel.title]
    page = soup(client.get(panel.url))
    assert page.select(".related-sessions") == []  # nothing later in the track
    assert page.select_one(".related-sessions__all")["href"] == (
        "/iwt-2027/agenda/tracks/wildlife-cybercrime/"
    )
    assert page.select_one("a[rel=prev]")["href"] == first.url
    assert page.select_one("a[rel=next]")["href"] == last.url


def test_cancelled_session_page_says_so(client, agenda, edition):
    session = SessionPageFactory(parent=agenda, status="cancelled")
    page = soup(client.get(session.url))
    assert "has been cancelled" in page.select_one(".notice--cancelled").get_text()


def test_draft_session_page_is_not_served(client, agenda):
    session = SessionPageFactory(parent=agenda, publish=False)
    assert client.get(f"/iwt-2027/agenda/{session.slug}/").status_code == 404


def test_track_page_shows_description_key_facts_and_sessions_by_day(client, sessions):
    response = client.get("/iwt-2027/agenda/tracks/wildlife-cybercrime/")
    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == "Wildlife cybercrime"
    assert "online marketplaces" in page.select_one(".rich-text").get_text()
    assert texts(page.select(".key-fact__figure")) == ["11,772"]
    assert texts(page.select(".agenda-day h2")) == ["Monday 11 October 2027"]
    assert texts(page.select(".session__title a")) == [
        "Adverts for endangered species",
        "Marketplaces and enforcement",
    ]


@pytest.mark.slow
def test_unknown_track_is_a_404(client, sessions):
    assert client.get("/iwt-2027/agenda/tracks/no-such-track/").status_code == 404
