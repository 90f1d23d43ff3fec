import pytest

from tests.factories import ContentPageFactory, SessionPageFactory, SpeakerFactory, london
from tests.pages import soup, texts


@pytest.fixture
def content(search_index, edition, agenda, speakers_page):
    ContentPageFactory(parent=edition, title="Venue and travel", slug="venue")
    pangolin = SpeakerFactory(name="Priya Pangolin-Rao", job_title="Researcher")
    SessionPageFactory(
        parent=agenda,
        title="Pangolin scales on social media",
        speakers=[pangolin],
        start=london(2027, 10, 11, 10),
        end=london(2027, 10, 11, 11),
    )
    SessionPageFactory(
        parent=agenda,
        title="Pangolin draft",
        publish=False,
        start=london(2027, 10, 11, 12),
        end=london(2027, 10, 11, 13),
    )


@pytest.mark.slow
def test_search_finds_sessions_speakers_and_pages(client, content):
    response = client.get("/search/", {"q": "pangolin"})
    assert response.status_code == 200
    page = soup(response)
    assert texts(page.select("#page-results-title ~ .search-results a")) == [
        "Pangolin scales on social media"
    ]
    speaker_links = page.select("#speaker-results-title ~ .search-results a")
    assert [(a.get_text(strip=True), a["href"]) for a in speaker_links] == [
        ("Priya Pangolin-Rao", "/iwt-2027/speakers/priya-pangolin-rao/")
    ]
    travel = soup(client.get("/search/", {"q": "travel"}))
    assert texts(travel.select("#page-results-title ~ .search-results a")) == ["Venue and travel"]


@pytest.mark.slow
def test_search_without_a_query_shows_the_form(client, content):
    response = client.get("/search/")
    assert response.status_code == 200
    assert soup(response).find("input", attrs={"name": "q"}) is not None


def test_search_rejects_an_overlong_query(client, content):
    response = client.get("/search/", {"q": "x" * 500})
    assert response.status_code == 400
    assert "at most 200 characters" in soup(response).select_one("#search-error").get_text()


@pytest.mark.slow
@pytest.mark.parametrize("query", ['"pangolin', "pangolin AND", "(", "*", "pangolin'"])
def test_search_survives_query_syntax(client, content, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_search_finds_sessions_by_speaker_name(client, content):
    page = soup(client.get("/search/", {"q": "Priya"}))
    assert texts(page.select("#page-results-title ~ .search-results a")) == [
        "Pangolin scales on social media"
    ]
