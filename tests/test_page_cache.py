"""Anonymous visitors get public pages and feeds from the shared cache; a change is served at
once, everywhere; nothing personal is ever shared (conference/page_cache.py)."""

import gzip
import re
from datetime import timedelta
from unittest import mock

import pytest

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Site

from conference import page_cache
from conference.models import NavigationSettings
from tests.factories import (
    AgendaPageFactory,
    ConferencePageFactory,
    OrganisationFactory,
    RegistrationPageFactory,
    SessionPageFactory,
    SpeakerFactory,
    TrackFactory,
    london,
)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.SESSION_PIECE_SECONDS = 600


@pytest.fixture
def session(agenda, speakers_page):
    return SessionPageFactory(
        parent=agenda,
        title="Opening keynote",
        speakers=[SpeakerFactory(name="Ana Lima")],
        start=london(2027, 10, 11, 9),
        end=london(2027, 10, 11, 10),
    )


def without_nonces(html):
    return re.sub(r'nonce="[^"]+"', "", html)


def get_twice(client, url):
    first, second = client.get(url), client.get(url)
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    return second


def test_second_anonymous_view_of_a_page_is_served_from_the_cache_without_queries(
    client, agenda, session
):
    first = client.get(agenda.url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(agenda.url)
    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert len(queries) == 0
    assert without_nonces(second.text) == without_nonces(first.text)
    assert "Opening keynote" in second.text


def test_publishing_a_session_is_served_at_once(client, agenda, session):
    get_twice(client, agenda.url)
    get_twice(client, session.url)
    session.title = "Keynote, now in the main hall"
    session.save_revision().publish()
    for url in (agenda.url, session.url):
        response = client.get(url)
        assert response["X-Cache"] == "MISS"
        assert "Keynote, now in the main hall" in response.text


def test_a_change_in_one_edition_leaves_another_editions_pages_cached(client, agenda, session):
    other_edition = ConferencePageFactory(title="IWT Conference 2029", slug="iwt-2029")
    other_agenda = AgendaPageFactory(parent=other_edition, slug="agenda")
    get_twice(client, other_agenda.url)
    get_twice(client, agenda.url)

    session.title = "Renamed"
    session.save_revision().publish()

    assert client.get(agenda.url)["X-Cache"] == "MISS"
    assert client.get(other_agenda.url)["X-Cache"] == "HIT"


@pytest.mark.parametrize(
    "change", ["track", "speaker", "speaker's organisation", "navigation", "unpublish"]
)
def test_changing_what_a_page_shows_replaces_it(client, edition, agenda, session, change):
    track = TrackFactory(edition=edition, name="Cyber")
    session.track = track
    session.save_revision().publish()
    get_twice(client, agenda.url)
    if change == "track":
        track.name = "Cyber-enabled trafficking"
        track.save()
    elif change == "speaker":
        speaker = session.session_speakers.first().speaker
        speaker.name = "Ana Lima Costa"
        speaker.save()
    elif change == "speaker's organisation":
        organisation = session.session_speakers.first().speaker.organisation
        organisation.name = "Wildlife Justice Network"
        organisation.save()
    elif change == "navigation":
        NavigationSettings.for_site(Site.objects.get(is_default_site=True)).save()
    elif change == "unpublish":
        session.unpublish()
    assert client.get(agenda.url)["X-Cache"] == "MISS"


def test_an_organisation_shown_nowhere_changes_no_page(client, agenda, session):
    get_twice(client, agenda.url)
    latest = cache.get(page_cache.LATEST_CHANGE_KEY)
    OrganisationFactory(name="Unlisted Trust").save()
    assert cache.get(page_cache.LATEST_CHANGE_KEY) == latest
    assert client.get(agenda.url)["X-Cache"] == "HIT"


def test_feeds_are_cached_per_edition_and_answer_validators_from_the_cache(
    client, edition, session
):
    url = reverse("calendar-agenda", args=[edition.pk])
    feed = get_twice(client, url)
    not_modified = client.get(url, headers={"if-none-match": feed["ETag"]})
    assert not_modified.status_code == 304
    assert not_modified["X-Cache"] == "HIT"
    assert not_modified["ETag"] == feed["ETag"]
    assert not_modified.content == b""

    session.title = "Renamed keynote"
    session.save_revision().publish()
    changed = client.get(url, headers={"if-none-match": feed["ETag"]})
    assert changed.status_code == 200
    assert b"Renamed keynote" in changed.content


def test_signed_in_visitors_are_never_served_from_the_cache(admin_client, agenda):
    get_twice(Client(), agenda.url)
    signed_in = admin_client.get(agenda.url)
    assert "X-Cache" not in signed_in


def test_pages_with_a_form_token_or_private_pages_are_never_kept(client, edition):
    registration_page = RegistrationPageFactory(parent=edition, slug="register")
    first = client.get(registration_page.url)
    assert first.cookies  # the CSRF cookie that goes with the form's token
    second = client.get(registration_page.url)
    assert second.get("X-Cache") != "HIT"


def test_pages_for_a_message_cookie_are_not_served_from_the_cache(client, agenda):
    get_twice(client, agenda.url)
    client.cookies["messages"] = "a message to show"
    assert "X-Cache" not in client.get(agenda.url)


def test_search_results_are_not_kept(client, session):
    client.get("/search/?query=keynote")
    assert "X-Cache" not in client.get("/search/?query=keynote")


def test_each_response_from_the_cache_has_a_fresh_nonce_in_its_header_and_scripts(
    client, agenda, session
):
    nonces = []
    for _ in range(3):
        response = client.get(agenda.url)
        header_nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
        script_nonces = set(re.findall(r'<script[^>]* nonce="([^"]+)"', response.text))
        assert script_nonces == {header_nonce}
        nonces.append(header_nonce)
    assert len(set(nonces)) == 3


def test_an_agenda_during_the_event_is_kept_only_until_the_next_session_starts_or_ends(
    client, agenda, session
):
    during_the_first_session = london(2027, 10, 11, 9, 50)
    with (
        mock.patch("django.utils.timezone.now", return_value=during_the_first_session),
        mock.patch.object(cache, "set", wraps=cache.set) as cache_set,
    ):
        response = client.get(agenda.url)
    assert "Now" in response.text
    (timeout,) = [
        call.kwargs["timeout"]
        for call in cache_set.call_args_list
        if call.args[0].startswith("page-cache:page:")
    ]
    assert timeout == timedelta(minutes=10).total_seconds()  # the session ends at 10:00


def test_a_change_during_a_build_is_not_kept(client, agenda, session):
    """A publish while the page is built may have come too late for it: keep nothing."""
    tag_the_request = page_cache.depends_on

    def publish_meanwhile(request, *tags):
        page_cache.invalidate(page_cache.edition_tag(0))
        tag_the_request(request, *tags)

    with mock.patch("conference.page_cache.depends_on", side_effect=publish_meanwhile):
        assert client.get(agenda.url)["X-Cache"] == "MISS"
    assert client.get(agenda.url)["X-Cache"] == "MISS"
    assert client.get(agenda.url)["X-Cache"] == "HIT"


def test_changes_in_a_batch_start_one_new_version_at_its_end():
    key = page_cache._tag_key("edition:7")
    page_cache.invalidate("edition:7")
    before = cache.get(key)
    with page_cache.invalidations_batched():
        page_cache.invalidate("edition:7")
        page_cache.invalidate("edition:7", page_cache.SITE)
        assert cache.get(key) == before  # nothing is told until the batch ends
    assert cache.get(key) > before
    assert cache.get(page_cache._tag_key(page_cache.SITE)) == cache.get(key)


def test_a_cached_feed_is_served_compressed_as_it_was_kept(client, edition, session):
    url = reverse("calendar-agenda", args=[edition.pk])
    plain = get_twice(client, url)
    first = client.get(url, headers={"accept-encoding": "gzip"})
    second = client.get(url, headers={"accept-encoding": "gzip"})

    assert (first["X-Cache"], second["X-Cache"]) == ("HIT", "HIT")
    assert first["Content-Encoding"] == "gzip"
    assert gzip.decompress(first.content) == plain.content
    assert first.content == second.content  # compressed once, when kept
    assert int(first["Content-Length"]) == len(first.content) < len(plain.content)
    assert "Accept-Encoding" in first["Vary"]
    assert first["ETag"] == "W/" + plain["ETag"]
    not_modified = client.get(
        url, headers={"accept-encoding": "gzip", "if-none-match": first["ETag"]}
    )
    assert not_modified.status_code == 304


def test_a_cached_page_with_a_nonce_is_compressed_for_each_response(client, agenda, session):
    get_twice(client, agenda.url)
    first = client.get(agenda.url, headers={"accept-encoding": "gzip"})
    second = client.get(agenda.url, headers={"accept-encoding": "gzip"})

    assert first["Content-Encoding"] == second["Content-Encoding"] == "gzip"
    first_html, second_html = gzip.decompress(first.content), gzip.decompress(second.content)
    assert without_nonces(first_html.decode()) == without_nonces(second_html.decode())
    assert first_html != second_html  # each with its own nonce


def test_making_a_cached_page_private_stops_serving_it_from_the_cache(client, agenda, session):
    from wagtail.models import PageViewRestriction

    get_twice(client, session.url)
    restriction = PageViewRestriction.objects.create(
        page=agenda, restriction_type=PageViewRestriction.PASSWORD, password="otters"
    )
    private = client.get(session.url)
    assert private.get("X-Cache") != "HIT"
    assert "Opening keynote" not in without_nonces(private.text).split("<title>")[-1]
    assert 'name="password"' in private.text

    restriction.delete()
    assert client.get(session.url)["X-Cache"] == "MISS"


def test_a_page_is_tagged_with_the_edition_routing_read(client, edition, agenda, session):
    """The before_serve_page hook takes the edition the request was routed through (no
    query): the same tags as the query finds."""
    seen = []
    tag_the_request = page_cache.depends_on

    def remember(request, *tags):
        seen.append(set(tags))
        tag_the_request(request, *tags)

    with mock.patch("conference.page_cache.depends_on", side_effect=remember):
        client.get(session.url)
    assert page_cache.page_tags(session) in seen
    assert page_cache.edition_tag(edition.pk) in page_cache.page_tags(session)
