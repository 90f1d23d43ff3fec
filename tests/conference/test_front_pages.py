from datetime import UTC, date, datetime
from unittest import mock

import pytest

from conference.models import ConferencePartner, HomePage, NavigationSettings
from tests.factories import (
    ConferencePageFactory,
    ContentPageFactory,
    OrganisationFactory,
    SessionPageFactory,
    SpeakerFactory,
    TrackFactory,
    london,
)
from tests.pages import soup, texts


@pytest.fixture(autouse=True)
def summer_2027():
    """Today is 1 June 2027 for these tests, so the 2027 edition lies ahead."""
    with mock.patch("django.utils.timezone.now", return_value=datetime(2027, 6, 1, tzinfo=UTC)):
        yield


@pytest.fixture
def upcoming(edition, agenda, speakers_page):
    """The edition fixture made to lie ahead, with a register page, partners and a keynote."""
    register = ContentPageFactory(parent=edition, title="Registration", slug="registration")
    edition.register_page = register
    edition.partners = [
        ConferencePartner(organisation=OrganisationFactory(name="IFAW"), tier="headline"),
        ConferencePartner(organisation=OrganisationFactory(name="MarketHub"), tier="supporter"),
    ]
    edition.save_revision().publish()
    TrackFactory(edition=edition, name="Wildlife cybercrime", is_featured=True)
    TrackFactory(edition=edition, name="Other track")
    keynote_speaker = SpeakerFactory(name="Tania McCrea-Steele")
    SessionPageFactory(
        parent=agenda,
        kind="keynote",
        speakers=[keynote_speaker],
        start=london(2027, 10, 11, 9),
        end=london(2027, 10, 11, 10),
    )
    SessionPageFactory(
        parent=agenda,
        speakers=[SpeakerFactory(name="Not A Keynote")],
        start=london(2027, 10, 11, 10),
        end=london(2027, 10, 11, 11),
    )
    return edition


@pytest.fixture
def past_edition(db):
    return ConferencePageFactory(
        title="IWT Conference 2019",
        slug="iwt-2019",
        start_date=date(2019, 10, 11),
        end_date=date(2019, 10, 12),
    )


@pytest.mark.slow
def test_home_presents_the_next_edition(client, upcoming, past_edition):
    response = client.get("/")
    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == "IWT Conference 2027"
    assert page.select_one(".hero__dates").get_text(strip=True) == "11–12 October 2027"
    assert page.select_one(".hero__venue").get_text(strip=True).startswith("Venue")
    register = page.find("a", string="Register now")
    assert register["href"] == "/iwt-2027/registration/"
    assert texts(page.select(".featured-track h2")) == ["Wildlife cybercrime"]
    assert texts(page.select(".keynotes .speaker-card__name")) == ["Tania McCrea-Steele"]
    assert texts(page.select(".partners h3")) == ["Headline partners", "Supporters"]
    assert texts(page.select(".partner__name")) == ["IFAW", "MarketHub"]


@pytest.mark.slow
def test_home_keeps_past_editions_reachable(client, upcoming, past_edition):
    page = soup(client.get("/"))
    links = {link.get_text(strip=True): link["href"] for link in page.select(".edition-list a")}
    assert links == {"IWT Conference 2019": "/iwt-2019/"}
    past = soup(client.get("/iwt-2019/"))
    assert past.select_one(".hero__kicker").get_text(strip=True) == "Past edition"
    assert past.find("a", string="Register now") is None


@pytest.mark.slow
def test_home_featured_edition_overrides_the_next_one(client, upcoming, past_edition):
    home = HomePage.objects.get()
    home.featured_edition = past_edition
    home.save_revision().publish()
    assert soup(client.get("/")).find("h1").get_text(strip=True) == "IWT Conference 2019"


def test_home_with_no_edition_still_renders(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert soup(response).find("h1").get_text(strip=True) == "IWT Conference"


def test_content_page_renders_its_stream_blocks(client, edition):
    page = ContentPageFactory(
        parent=edition,
        title="Code of conduct",
        introduction="Everyone is welcome.",
        body=[
            ("rich_text", "<p>Be kind.</p>"),
            ("quote", {"text": "Stop the trade.", "attribution": "A ranger"}),
            (
                "call_to_action",
                {
                    "heading": "Questions?",
                    "text": "Write to us.",
                    "link": {"label": "Contact", "page": None, "url": "https://example.org/"},
                },
            ),
            (
                "key_facts",
                {"heading": "", "facts": [{"figure": "500+", "label": "items", "source": ""}]},
            ),
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = soup(response)
    assert html.find("h1").get_text(strip=True) == "Code of conduct"
    assert html.select_one(".rich-text").get_text(strip=True) == "Be kind."
    assert html.select_one(".quote figcaption").get_text(strip=True) == "A ranger"
    assert html.select_one(".cta a")["href"] == "https://example.org/"
    assert texts(html.select(".key-fact__figure")) == ["500+"]
    assert texts(html.select(".breadcrumbs a")) == ["IWT Conference 2027"]


def test_navigation_and_footer_come_from_the_cms(client, edition, rf):
    about = ContentPageFactory(parent=edition, title="About", slug="about")
    settings = NavigationSettings.for_site(HomePage.objects.get().get_site())
    settings.header_links = [("link", {"label": "About us", "page": about, "url": ""})]
    settings.footer_links = [
        ("link", {"label": "Press", "page": None, "url": "https://example.org/press"})
    ]
    settings.footer_text = "<p>Organised by partners against wildlife crime.</p>"
    settings.save()
    page = soup(client.get("/"))
    header = {a.get_text(strip=True): a["href"] for a in page.select(".site-nav a")}
    assert header == {"About us": "/iwt-2027/about/", "Search": "/search/"}
    assert [a["href"] for a in page.select(".footer-nav a")] == ["https://example.org/press"]
    assert "wildlife crime" in page.select_one(".site-footer__text").get_text()


def test_unknown_address_gets_the_custom_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert soup(response).find("h1").get_text(strip=True) == "Page not found"


def test_500_page_is_plain_html_without_database_work():
    """No database fixture: any query would fail the test."""
    from django.test import RequestFactory

    from conference.errors import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert soup(response).find("h1").get_text(strip=True) == "Something went wrong"
