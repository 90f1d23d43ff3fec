"""What every page shows and few changes touch (the navigation, the track colours) comes from
the shared cache, without a query, and an edit shows on the next page built
(conference/page_cache.py: cached_by_tags). Pages themselves are not kept here
(PAGE_CACHE_SECONDS is 0 in the tests), so each request builds its page."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

from conference import page_cache
from conference.models import ConferencePage, HomePage, NavigationSettings, public
from sessions.models import AgendaPage, Track
from tests.factories import (
    ConferencePageFactory,
    ContentPageFactory,
    SessionPageFactory,
    TrackFactory,
    london,
)
from tests.pages import soup, texts


@pytest.fixture
def session(agenda, edition, speakers_page):
    track = TrackFactory(edition=edition, name="Wildlife cybercrime", colour="#7a1f5c")
    return SessionPageFactory(
        parent=agenda,
        title="Opening keynote",
        track=track,
        start=london(2027, 10, 11, 9),
        end=london(2027, 10, 11, 10),
    )


def navigation():
    return NavigationSettings.for_site(HomePage.objects.get().get_site())


def sql_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return " ".join(query["sql"] for query in queries)


def colour_rules(response):
    style = soup(response).find("style", string=re.compile("data-track-colour"))
    return re.findall(r'data-track-colour="(#[0-9a-fA-F]{6})"', style.string) if style else []


def test_navigation_and_track_colours_are_read_once_then_from_the_shared_cache(client, session):
    colours = 'SELECT DISTINCT "agenda_track"."colour"'
    first = sql_of(client, session.url)
    assert "conference_navigationsettings" in first and colours in first
    again = sql_of(client, session.url)
    assert "conference_navigationsettings" not in again and colours not in again


def test_edited_navigation_shows_at_once(client, session, edition):
    about = ContentPageFactory(parent=edition, title="About", slug="about")
    client.get(session.url)
    settings = navigation()
    settings.header_links = [("link", {"label": "About us", "page": about, "url": ""})]
    settings.footer_text = "<p>Organised by partners against wildlife crime.</p>"
    settings.save()

    page = soup(client.get(session.url))
    assert [a.get_text(strip=True) for a in page.select(".site-nav a")] == ["About us", "Search"]
    assert page.select_one(".site-nav a")["href"] == "/iwt-2027/about/"
    assert "wildlife crime" in page.select_one(".site-footer__text").get_text()

    settings.footer_text = ""
    settings.save()
    assert soup(client.get(session.url)).select_one(".site-footer__text") is None


def test_a_page_linked_from_the_navigation_shows_its_new_address_at_once(client, session, edition):
    about = ContentPageFactory(parent=edition, title="About", slug="about")
    settings = navigation()
    settings.header_links = [("link", {"label": "About us", "page": about, "url": ""})]
    settings.save()
    assert soup(client.get(session.url)).select_one(".site-nav a")["href"] == "/iwt-2027/about/"

    about.slug = "about-us"
    about.save_revision().publish()
    assert soup(client.get(session.url)).select_one(".site-nav a")["href"] == (
        "/iwt-2027/about-us/"
    )


def test_the_navigation_in_the_admin_is_read_from_the_database(client, session):
    client.get(session.url)  # kept in the shared cache
    NavigationSettings.objects.update(footer_text="<p>Changed behind the cache.</p>")
    assert navigation().footer_text == "<p>Changed behind the cache.</p>"


@pytest.mark.parametrize("change", ["colour", "new track", "deleted track"])
def test_edited_track_colours_show_at_once(client, session, edition, change):
    assert colour_rules(client.get(session.url)) == ["#7a1f5c"]
    track = session.track
    if change == "colour":
        track.colour = "#8a5a00"
        track.save()
        expected = ["#8a5a00"]
    elif change == "new track":
        TrackFactory(edition=edition, name="Closing ivory markets", colour="#1f6f4a")
        expected = ["#1f6f4a", "#7a1f5c"]
    else:
        other = TrackFactory(edition=edition, name="Closing ivory markets", colour="#1f6f4a")
        assert colour_rules(client.get(session.url)) == ["#1f6f4a", "#7a1f5c"]
        other.delete()
        expected = ["#7a1f5c"]
    assert colour_rules(client.get(session.url)) == expected


def test_a_track_of_a_draft_edition_adds_its_colour_at_once(client, session):
    client.get(session.url)
    draft = ConferencePageFactory(title="IWT Conference 2029", slug="iwt-2029", publish=False)
    client.get(session.url)
    TrackFactory(edition=draft, name="Drafted", colour="#224466")
    assert "#224466" in colour_rules(client.get(session.url))


def test_the_colours_are_read_again_when_a_track_changes_not_when_a_session_does(client, session):
    client.get(session.url)
    versions = page_cache.tag_versions([Track.cache_tag])
    session.title = "Opening keynote, revised"
    session.save_revision().publish()
    assert page_cache.tag_versions([Track.cache_tag]) == versions
    session.track.name = "Cybercrime"
    session.track.save()
    assert page_cache.tag_versions([Track.cache_tag]) != versions


def test_cached_by_tags_builds_again_once_a_tag_changes(db):
    built = []

    def build():
        built.append(len(built))
        return len(built)

    assert page_cache.cached_by_tags("example", [page_cache.SITE], build) == 1
    assert page_cache.cached_by_tags("example", [page_cache.SITE], build) == 1
    page_cache.invalidate(page_cache.edition_tag(3))
    assert page_cache.cached_by_tags("example", [page_cache.SITE], build) == 1
    page_cache.invalidate(page_cache.SITE)
    assert page_cache.cached_by_tags("example", [page_cache.SITE], build) == 2


def test_public_pages_are_those_wagtail_calls_public(session, edition, agenda, speakers_page):
    about = ContentPageFactory(parent=edition, title="About", slug="about")
    PageViewRestriction.objects.create(page=agenda, restriction_type="password", password="x")
    PageViewRestriction.objects.create(page=about, restriction_type="login")
    pages = Page.objects.descendant_of(edition, inclusive=True)

    shown = {page.pk for page in public(pages)}
    assert shown == {page.pk for page in pages.public()}
    assert session.pk not in shown and about.pk not in shown
    assert {speakers_page.pk, edition.pk} <= shown


def sections(edition):
    """The edition's live sections as a new request reads them: (slug, address) in order."""
    fresh = ConferencePage.objects.get(pk=edition.pk)
    return [(page.slug, page.url) for page in fresh.live_children]


def test_an_editions_sections_are_read_once_and_kept_when_a_session_is_published(
    session, edition, django_assert_num_queries
):
    assert sections(edition) == [
        ("agenda", "/iwt-2027/agenda/"),
        ("speakers", "/iwt-2027/speakers/"),
    ]
    fresh = ConferencePage.objects.get(pk=edition.pk)
    session.title = "Opening keynote, revised"
    session.save_revision().publish()
    with django_assert_num_queries(0):
        assert [page.slug for page in fresh.live_children] == ["agenda", "speakers"]
    assert isinstance(fresh.section("agenda.AgendaPage"), AgendaPage)


@pytest.mark.parametrize(
    "change", ["new page", "unpublished", "renamed", "moved", "restricted", "deleted"]
)
def test_a_change_to_an_editions_sections_shows_at_once(
    session, edition, agenda, speakers_page, change
):
    sections(edition)  # kept in the shared cache
    if change == "new page":
        ContentPageFactory(parent=edition, title="About", slug="about")
        expected = ["agenda", "speakers", "about"]
    elif change == "unpublished":
        speakers_page.unpublish()
        expected = ["agenda"]
    elif change == "renamed":
        speakers_page.slug = "people"
        speakers_page.save_revision().publish()
        assert ("people", "/iwt-2027/people/") in sections(edition)
        return
    elif change == "moved":
        speakers_page.move(agenda, pos="first-sibling")
        expected = ["speakers", "agenda"]
    elif change == "restricted":
        PageViewRestriction.objects.create(page=speakers_page, restriction_type="login")
        expected = ["agenda"]
    else:
        Page.objects.get(pk=speakers_page.pk).delete()
        expected = ["agenda"]
    assert [slug for slug, _ in sections(edition)] == expected


def test_an_editions_pages_are_routed_through_its_kept_sections(client, session, agenda):
    client.get(session.url)
    sql = sql_of(client, session.url)
    assert '"wagtailcore_page"."slug" = \'agenda\'' not in sql
    assert '"wagtailcore_page"."slug" = \'opening-keynote\'' in sql  # below them, as Wagtail


@pytest.mark.parametrize("change", ["restricted", "unpublished"])
def test_a_section_left_out_of_the_kept_ones_is_routed_as_wagtail_does(
    client, session, agenda, change
):
    assert client.get(agenda.url).status_code == 200
    if change == "restricted":
        PageViewRestriction.objects.create(page=agenda, restriction_type="password", password="x")
        response = client.get(session.url)
        assert response.status_code == 200 and "password" in response.content.decode().lower()
        assert "Opening keynote" not in response.content.decode()
    else:
        agenda.unpublish()
        assert client.get(agenda.url).status_code == 404
        # Wagtail serves a live page below an unpublished one: routing reads it all the same.
        assert client.get(session.url).status_code == 200


def test_view_restrictions_are_read_once_and_a_change_applies_at_once(client, session, agenda):
    client.get(session.url)
    sql = sql_of(client, session.url)
    assert "wagtailcore_pageviewrestriction" not in sql and "agenda_agendapage" not in sql

    restriction = PageViewRestriction.objects.create(
        page=session, restriction_type="password", password="x"
    )
    response = client.get(session.url)
    assert "password" in response.content.decode().lower()
    assert "Opening keynote" not in texts(soup(response).select("h1"))
    assert "Opening keynote" not in texts(soup(client.get(agenda.url)).select(".session__title"))

    restriction.delete()
    assert texts(soup(client.get(session.url)).select("h1")) == ["Opening keynote"]
    assert "Opening keynote" in texts(soup(client.get(agenda.url)).select(".session__title a"))


def test_a_routed_pages_restrictions_come_from_the_kept_ones_as_a_queryset(
    rf, session, agenda, django_assert_num_queries
):
    restriction = PageViewRestriction.objects.create(
        page=agenda, restriction_type="password", password="x"
    )
    first = Page.route_for_request(rf.get(session.url), session.url)[0]
    assert list(first.get_view_restrictions()) == [restriction]  # read, then kept
    page = Page.route_for_request(rf.get(session.url), session.url)[0]

    with django_assert_num_queries(0):
        restrictions = page.get_view_restrictions()
        assert list(restrictions) == [restriction] and restrictions.exists()
    assert list(restrictions.order_by("-page__depth")) == [restriction]  # read again
    assert list(super(type(page), page).get_view_restrictions()) == [restriction]


def test_an_alias_made_in_an_edition_is_among_its_sections_at_once(session, edition):
    sections(edition)  # kept in the shared cache
    other = ConferencePageFactory(title="IWT Conference 2029", slug="iwt-2029")
    code_of_conduct = ContentPageFactory(parent=other, title="Code of conduct", slug="conduct")
    code_of_conduct.create_alias(parent=edition)

    assert [slug for slug, _ in sections(edition)] == ["agenda", "speakers", "conduct"]
