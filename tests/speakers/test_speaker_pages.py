import pytest

from tests.factories import SessionPageFactory, SpeakerFactory, london
from tests.pages import soup, texts


@pytest.fixture
def speakers(agenda, speakers_page):
    zoe = SpeakerFactory(name="Zoe Adams", job_title="Analyst", organisation__name="CyberWatch")
    ben = SpeakerFactory(name="Ben Young", bio="<p>Ben investigates payment flows.</p>")
    amy = SpeakerFactory(name="Amy Zhou")
    SpeakerFactory(name="Unused Speaker")
    draft = SpeakerFactory(name="Draft Speaker", live=False)
    SessionPageFactory(
        parent=agenda,
        title="Following the money",
        speakers=[zoe, ben, draft],
        start=london(2027, 10, 11, 10),
        end=london(2027, 10, 11, 11),
    )
    SessionPageFactory(
        parent=agenda,
        title="Draft only",
        speakers=[amy],
        publish=False,
        start=london(2027, 10, 11, 12),
        end=london(2027, 10, 11, 13),
    )
    return {"zoe": zoe, "ben": ben, "amy": amy}


def test_speakers_index_lists_speakers_with_a_published_session_by_family_name(client, speakers):
    response = client.get("/iwt-2027/speakers/")
    assert response.status_code == 200
    page = soup(response)
    assert texts(page.select(".speaker-card__name")) == ["Zoe Adams", "Ben Young"]
    assert texts(page.select(".speaker-card__role"))[0] == "Analyst, CyberWatch"


def test_speaker_page_shows_bio_and_sessions(client, speakers):
    response = client.get("/iwt-2027/speakers/ben-young/")
    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == "Ben Young"
    assert "payment flows" in page.select_one(".rich-text").get_text()
    assert texts(page.select(".session__title a")) == ["Following the money"]
    assert texts(page.select(".session__time")) == ["Mon 11 Oct 10:00 – 11:00 BST"]


@pytest.mark.parametrize("slug", ["amy-zhou", "unused-speaker", "draft-speaker", "nobody"])
def test_speaker_without_a_published_session_has_no_page(client, speakers, slug):
    assert client.get(f"/iwt-2027/speakers/{slug}/").status_code == 404
