"""Findable and shareable: titles, descriptions, canonical addresses, link previews and
robots.txt, on every public page."""

from datetime import UTC, datetime
from unittest import mock

import pytest

from tests.conference.test_structured_data import make_image
from tests.factories import (
    ContentPageFactory,
    RegistrationFactory,
    RegistrationPageFactory,
    SessionPageFactory,
    SpeakerFactory,
    TrackFactory,
    london,
)
from tests.pages import head_of

BASE = "http://localhost"


@pytest.fixture(autouse=True)
def summer_2027():
    """Today is 1 June 2027: the 2027 edition lies ahead and registration is open."""
    with mock.patch("django.utils.timezone.now", return_value=datetime(2027, 6, 1, tzinfo=UTC)):
        yield


@pytest.fixture
def site(edition, agenda, speakers_page):
    edition.hero_image = make_image("Hero", (1600, 900), description="A pangolin at dusk")
    edition.strapline = "Where the public and private sectors meet."
    edition.save_revision().publish()
    track = TrackFactory(
        edition=edition, name="Wildlife cybercrime", strapline="Trafficking moves online."
    )
    speaker = SpeakerFactory(
        name="Tania McCrea-Steele",
        photo=make_image("Tania", (800, 800), description="Portrait of Tania"),
        short_bio="Leads IFAW's work against wildlife cybercrime.",
    )
    session = SessionPageFactory(
        parent=agenda,
        title="Markets move online",
        slug="markets",
        abstract="<p>Traffickers <b>follow</b> buyers.</p><p>Platforms respond.</p>",
        track=track,
        speakers=[speaker],
        start=london(2027, 10, 11, 9),
        end=london(2027, 10, 11, 10),
    )
    return {"track": track, "speaker": speaker, "session": session}


@pytest.mark.slow
def test_edition_page_has_its_title_description_canonical_and_preview(client, edition, site):
    edition.search_description = "The conference against the illegal wildlife trade."
    edition.seo_title = "IWT Conference 2027 in London"
    edition.save_revision().publish()
    title, metas, canonical, robots = head_of(client.get(edition.url))
    hero = edition.hero_image.get_rendition("fill-1200x630|format-jpeg")
    assert title == "IWT Conference 2027 in London | IWT Conference"
    assert canonical == [BASE + "/iwt-2027/"]
    assert robots is None
    assert metas == {
        "viewport": "width=device-width, initial-scale=1",
        "color-scheme": "light dark",
        "description": "The conference against the illegal wildlife trade.",
        "og:type": "website",
        "og:title": "IWT Conference 2027 in London",
        "og:description": "The conference against the illegal wildlife trade.",
        "og:url": BASE + "/iwt-2027/",
        "og:site_name": "IWT Conference",
        "og:locale": "en_GB",
        "og:image": BASE + hero.url,
        "og:image:width": "1200",
        "og:image:height": "630",
        "og:image:alt": "A pangolin at dusk",
        "twitter:card": "summary_large_image",
    }


@pytest.mark.slow
def test_descriptions_fall_back_to_the_page_own_summary(client, edition, agenda, site):
    agenda.introduction = "Two days of keynotes, panels and workshops."
    agenda.save_revision().publish()
    expected = {
        "/": "Where the public and private sectors meet.",  # the edition it presents
        edition.url: "Where the public and private sectors meet.",
        agenda.url: "Two days of keynotes, panels and workshops.",
        site["session"].url: "Traffickers follow buyers. Platforms respond.",
        agenda.track_url(site["track"]): "Trafficking moves online.",
    }
    for url, description in expected.items():
        _, metas, _, _ = head_of(client.get(url))
        assert (url, metas["description"], metas["og:description"]) == (
            url,
            description,
            description,
        )


def test_long_summaries_are_cut_at_a_word_to_160_characters(client, edition):
    introduction = "Wildlife trafficking " * 30
    page = ContentPageFactory(parent=edition, title="About", introduction=introduction)
    _, metas, _, _ = head_of(client.get(page.url))
    assert metas["description"] == "Wildlife trafficking " * 7 + "Wildlife…"
    assert len(metas["description"]) == 156


@pytest.mark.slow
def test_agenda_filters_and_day_tabs_canonicalise_to_the_agenda(client, agenda, site):
    for query in ("", "?day=2027-10-11", "?track=wildlife-cybercrime&kind=talk"):
        _, metas, canonical, robots = head_of(client.get(agenda.url + query))
        assert (query, canonical, metas["og:url"], robots) == (
            query,
            [BASE + "/iwt-2027/agenda/"],
            BASE + "/iwt-2027/agenda/",
            None,
        )


@pytest.mark.slow
def test_track_page_is_its_own_canonical_page(client, agenda, site):
    url = agenda.track_url(site["track"])
    title, metas, canonical, robots = head_of(client.get(url + "?utm_source=x"))
    assert title == "Wildlife cybercrime | IWT Conference"
    assert canonical == [BASE + "/iwt-2027/agenda/tracks/wildlife-cybercrime/"]
    assert (metas["og:title"], metas["og:url"], robots) == (
        "Wildlife cybercrime",
        canonical[0],
        None,
    )


@pytest.mark.slow
def test_speaker_page_is_a_profile_with_the_speaker_photo(client, speakers_page, site):
    speaker = site["speaker"]
    url = speakers_page.speaker_url(speaker)
    title, metas, canonical, robots = head_of(client.get(url))
    portrait = speaker.photo.get_rendition("fill-600x600|format-jpeg")
    assert title == "Tania McCrea-Steele | IWT Conference"
    assert canonical == [BASE + "/iwt-2027/speakers/tania-mccrea-steele/"]
    assert robots is None
    assert {key: value for key, value in metas.items() if key.startswith(("og:", "tw"))} == {
        "og:type": "profile",
        "og:title": "Tania McCrea-Steele",
        "og:description": "Leads IFAW's work against wildlife cybercrime.",
        "og:url": canonical[0],
        "og:site_name": "IWT Conference",
        "og:locale": "en_GB",
        "og:image": BASE + portrait.url,
        "og:image:width": "600",
        "og:image:height": "600",
        "og:image:alt": "Portrait of Tania",
        # A square portrait is shown whole in a small card rather than cropped in a large one.
        "twitter:card": "summary",
    }
    assert metas["description"] == "Leads IFAW's work against wildlife cybercrime."


@pytest.mark.slow
def test_session_and_speakers_pages_share_the_edition_hero(client, edition, speakers_page, site):
    hero_url = BASE + edition.hero_image.get_rendition("fill-1200x630|format-jpeg").url
    for url in (site["session"].url, speakers_page.url):
        _, metas, canonical, _ = head_of(client.get(url))
        assert (metas["og:image"], canonical) == (hero_url, [BASE + url])


def test_page_without_any_image_has_a_plain_card(client, db):
    _, metas, canonical, _ = head_of(client.get("/"))
    assert canonical == [BASE + "/"]
    assert "og:image" not in metas
    assert metas["twitter:card"] == "summary"


@pytest.mark.slow
def test_search_results_are_not_indexed(client, site):
    for url in ("/search/", "/search/?q=ivory"):
        _, metas, canonical, robots = head_of(client.get(url))
        assert (robots, canonical, "og:url" in metas) == ("noindex", [], False)


@pytest.mark.slow
def test_personal_and_private_routes_are_not_indexed(client, edition, agenda, site):
    registration_page = RegistrationPageFactory(parent=edition)
    registration = RegistrationFactory(edition=edition, status="confirmed")
    private_urls = [
        agenda.my_calendar_url() + f"?session={site['session'].pk}",
        registration_page.url + "check-your-inbox/",
        registration_page.url + "lost-link/",
        registration_page.url + f"manage/{registration.reference}/{registration.manage_token}/",
    ]
    for url in private_urls:
        _, metas, canonical, robots = head_of(client.get(url))
        assert (url, robots, canonical, "og:url" in metas) == (url, "noindex", [], False)
    _, _, canonical, robots = head_of(client.get(registration_page.url))
    assert (canonical, robots) == ([BASE + registration_page.url], None)


def test_robots_txt_keeps_crawlers_to_the_public_site(client, edition):
    registration_page = RegistrationPageFactory(parent=edition)
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /search/",
        "Disallow: /calendar/personal/",
        f"Disallow: {registration_page.url}confirm/",
        f"Disallow: {registration_page.url}manage/",
        "",
        f"Sitemap: {BASE}/sitemap.xml",
    ]
    assert client.post("/robots.txt").status_code == 405
