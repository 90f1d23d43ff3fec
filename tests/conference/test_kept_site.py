"""The site a page is served for, its home page and the editions below it come from the
shared cache (conference/sites.py, HomePage.live_editions), as Wagtail would choose and
read them, and a change shows at once."""

import itertools

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from conference.models import HomePage
from conference.sites import site_for
from tests.factories import ConferencePageFactory
from tests.pages import soup


def sql_of(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, " ".join(query["sql"] for query in queries)


@pytest.mark.parametrize(
    "sites",
    [
        [("localhost", 80, True)],
        [("iwt.example.org", 80, True), ("iwt.example.org", 8080, False)],
        [("iwt.example.org", 80, True), ("other.example.org", 80, False)],
        [
            ("iwt.example.org", 80, True),
            ("other.example.org", 80, False),
            ("other.example.org", 81, False),
        ],
        [("iwt.example.org", 80, False), ("other.example.org", 80, False)],
    ],
)
def test_the_site_chosen_is_the_one_wagtail_chooses(db, sites):
    Site.objects.all().delete()
    home = HomePage.objects.get()
    for hostname, port, is_default in sites:
        Site.objects.create(
            hostname=hostname, port=port, is_default_site=is_default, root_page=home
        )
    kept = list(Site.objects.all())
    hosts = ["iwt.example.org", "other.example.org", "unknown.example.org", "localhost"]
    for hostname, port in itertools.product(hosts, ["80", "81", "8080"]):  # as requests give
        try:
            expected = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            expected = None
        assert site_for(kept, hostname, port) == expected, (hostname, port)


def test_a_site_on_another_port_of_the_same_host_serves_its_own_home_page(client, settings, db):
    settings.ALLOWED_HOSTS = ["iwt.example.org"]
    Site.objects.update(hostname="iwt.example.org")
    other_home = HomePage(title="Staging home", slug="staging-home")
    Page.get_first_root_node().add_child(instance=other_home)
    Site.objects.create(hostname="iwt.example.org", port=8080, root_page=other_home)

    staging = client.get("/", HTTP_HOST="iwt.example.org:8080", SERVER_PORT="8080")
    assert "Staging home" in soup(staging).select_one("title").get_text()
    default = client.get("/", HTTP_HOST="iwt.example.org")
    assert "Staging home" not in soup(default).select_one("title").get_text()


def test_a_page_reads_neither_site_nor_home_page_nor_edition_once_kept(client, agenda):
    client.get(agenda.url)
    response, sql = sql_of(client, agenda.url)
    assert response.status_code == 200
    assert "wagtailcore_site" not in sql
    assert "conference_homepage" not in sql and "conference_conferencepage" not in sql


def test_a_changed_site_or_home_page_shows_at_once(client, edition, settings):
    settings.ALLOWED_HOSTS = ["testserver", "iwt.example.org"]
    home = HomePage.objects.get()
    assert client.get("/").status_code == 200
    home.title = "Illegal Wildlife Trade Conference"
    home.intro = "<p>Stopping trafficking online.</p>"
    home.save_revision().publish()
    assert "Stopping trafficking online." in soup(client.get("/")).get_text()

    site = Site.objects.get()
    site.hostname = "iwt.example.org"
    site.save()
    assert client.get("/", HTTP_HOST="iwt.example.org").status_code == 200
    assert client.get(edition.url, HTTP_HOST="iwt.example.org").status_code == 200

    new_home = HomePage(title="Another home", slug="another-home")
    Page.get_first_root_node().add_child(instance=new_home)
    site.root_page = new_home
    site.save()
    assert client.get(edition.url, HTTP_HOST="iwt.example.org").status_code == 404


def test_editions_published_unpublished_or_drafted_are_routed_at_once(client, edition):
    assert client.get(edition.url).status_code == 200
    newer = ConferencePageFactory(title="IWT Conference 2029", slug="iwt-2029")
    assert client.get(newer.url).status_code == 200
    newer.unpublish()
    assert client.get("/iwt-2029/").status_code == 404
    ConferencePageFactory(title="IWT Conference 2031", slug="iwt-2031", publish=False)
    assert client.get("/iwt-2031/").status_code == 404
    assert client.get(edition.url).status_code == 200


def test_an_edition_published_again_is_served_as_it_now_is(client, edition, agenda):
    assert client.get(agenda.url).status_code == 200
    edition.title = "IWT Conference 2027: online markets"
    edition.time_zone = "Africa/Nairobi"
    edition.save_revision().publish()

    page = soup(client.get(edition.url))
    assert "IWT Conference 2027: online markets" in page.select_one("h1").get_text()
    assert "Nairobi" in soup(client.get(agenda.url)).get_text()


def test_a_new_site_is_chosen_at_once(client, settings, edition):
    settings.ALLOWED_HOSTS = ["testserver", "staging.example.org"]
    assert client.get("/", HTTP_HOST="staging.example.org").status_code == 200  # the default
    staging_home = HomePage(title="Staging home", slug="staging-home")
    Page.get_first_root_node().add_child(instance=staging_home)
    Site.objects.create(hostname="staging.example.org", root_page=staging_home)

    response = client.get("/", HTTP_HOST="staging.example.org")
    assert "Staging home" in soup(response).select_one("title").get_text()
