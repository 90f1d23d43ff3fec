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


def test_speaker_page_names_the_organisation_once_after_the_job_title(
    client, agenda, speakers_page
):
    speaker = SpeakerFactory(
        name="Tia Field",
        job_title="International Project Manager, Wildlife Crime",
        organisation__name="IFAW",
        organisation__website="https://www.ifaw.org/",
        links=[
            ("link", {"label": "IFAW", "url": "https://ifaw.org"}),
            ("link", {"label": "Mastodon", "url": "https://example.social/@tia"}),
        ],
    )
    SessionPageFactory(parent=agenda, title="Keynote", speakers=[speaker])

    page = soup(client.get("/iwt-2027/speakers/tia-field/"))

    header = page.select_one(".speaker-page__header")
    assert header.get_text(" ", strip=True).count("IFAW") == 1
    role = header.select_one(".speaker-page__role")
    assert role.get_text(" ", strip=True) == "International Project Manager, Wildlife Crime, IFAW"
    assert role.find("a")["href"] == "https://www.ifaw.org/"
    assert texts(header.select(".profile-links a")) == ["Mastodon"]


def test_speaker_page_without_a_job_title_shows_the_organisation_alone(
    client, agenda, speakers_page
):
    speaker = SpeakerFactory(name="Ola Nowak", job_title="", organisation__name="CyberWatch")
    SessionPageFactory(parent=agenda, title="Keynote", speakers=[speaker])

    page = soup(client.get("/iwt-2027/speakers/ola-nowak/"))

    assert page.select_one(".speaker-page__role").get_text(strip=True) == "CyberWatch"
    assert page.select_one(".profile-links") is None
