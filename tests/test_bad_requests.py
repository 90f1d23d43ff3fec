"""Bad requests get a 4xx, never a 5xx: every public page, form and feed, sent bad characters,
bad encodings, bad form data and methods it does not serve; and nothing is half-written.

Run on SQLite and on PostgreSQL (DATABASE_URL), where a NUL character in a query is an
error of the database's own.
"""

from itertools import product

import pytest

from django.test import Client
from django.urls import reverse

from registrations.links import manage_path
from registrations.models import Registration, RegistrationStatus
from registrations.services import confirmation_code
from tests.factories import (
    ContentPageFactory,
    RegistrationFactory,
    RegistrationPageFactory,
    SessionPageFactory,
    SpeakerFactory,
    TrackFactory,
    london,
)

pytestmark = pytest.mark.slow

BAD_QUERIES = [
    "q=%00",
    "q=a%00b",
    "%00=1",
    "q=%FF%FE%FD",  # not UTF-8
    "q=%ED%A0%80",  # a lone surrogate
    "day=2027-13-45&track=%00&kind=%FF&topic=" + "x" * 5000,
    "page=-1&p=99999999999999999999999",
    "sessions=1,2,abc,%00",
    "download=%00&format=<script>",
]
BAD_SUFFIXES = ["%00/", "%FF%FE/", "..%2F..%2Fetc/", "x" * 300 + "/"]
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"]
BAD_FORM_BODIES = [
    ("application/x-www-form-urlencoded; charset=latin-1", "name=Ren%E9e&email=r%40e.org"),
    ("application/x-www-form-urlencoded; charset=utf-16", "name=Ren%E9e&email=r%40e.org"),
    ("application/x-www-form-urlencoded; charset=no-such-charset", "name=x"),
    ("application/x-www-form-urlencoded", "name=%00&email=a%00%40b.org&organisation=%00"),
    ("application/x-www-form-urlencoded", "name=" + "x" * 100_000),
    ("application/x-www-form-urlencoded", "%FF%FE=%FF&email=%C0%80"),
    ("multipart/form-data; boundary=xyz", "--xyz\r\nbroken"),
    ("multipart/form-data", "no boundary"),
    ("application/json", '{"name": "Amina"}'),
    ("text/plain", "\x00\x01\x02"),
]


@pytest.fixture
def public_urls(edition, agenda, speakers_page):
    """One address of every kind the public can reach, private links included."""
    track = TrackFactory(edition=edition, name="Wildlife cybercrime")
    speaker = SpeakerFactory(name="Tania McCrea-Steele")
    session = SessionPageFactory(
        parent=agenda,
        title="Adverts for ivory online",
        track=track,
        speakers=[speaker],
        start=london(2027, 10, 11, 9),
        end=london(2027, 10, 11, 10),
    )
    about = ContentPageFactory(parent=edition, title="About")
    page = RegistrationPageFactory(parent=edition)
    registration = RegistrationFactory(
        edition=edition, status=RegistrationStatus.CONFIRMED, email="amina@example.org"
    )
    pending = RegistrationFactory(edition=edition, status=RegistrationStatus.PENDING)
    calendar = "/calendar/"
    manage = manage_path(page, registration)
    return [
        "/",
        edition.url,
        agenda.url,
        agenda.url + "tracks/wildlife-cybercrime/",
        agenda.url + "my-calendar/",
        agenda.url + "changes/",
        session.url,
        speakers_page.url,
        speakers_page.url + "tania-mccrea-steele/",
        about.url,
        page.url,
        page.url + "check-your-inbox/",
        page.url + "lost-link/",
        page.url + f"confirm/{confirmation_code(pending)}/",
        page.url + "confirm/not-a-code/",
        manage,
        manage + "data/",
        page.url + "manage/AAAAAAAAAA/not-a-token/",
        "/search/",
        "/sitemap.xml",
        "/robots.txt",
        "/healthz",
        reverse("calendar-agenda", args=[edition.pk]),
        reverse("calendar-track", args=[edition.pk, track.pk]),
        reverse("calendar-day", args=[edition.pk, "2027-10-11"]),
        reverse("calendar-speaker", args=[edition.pk, speaker.pk]),
        reverse("calendar-session", args=[edition.pk, session.pk]),
        reverse("calendar-selection", args=[edition.pk, f"{session.pk}"]),
        reverse("schedule-xml", args=[edition.pk]),
        reverse("schedule-json", args=[edition.pk]),
        reverse("schedule-changes-feed", args=[edition.pk]),
        reverse("personal-calendar", args=[registration.reference, registration.feed_token]),
        calendar + f"{edition.pk}/days/not-a-day.ics",
        calendar + f"{edition.pk}/selection/abc.ics",
    ]


def database_state():
    return sorted(
        Registration.objects.values_list("email", "status", "name", "organisation", "job_title")
    )


def server_errors(client, requests):
    errors = []
    for method, url, options in requests:
        response = client.generic(method, url, **options)
        if response.status_code >= 500:
            errors.append((method, url, options.get("content_type"), response.status_code))
    return errors


def test_no_bad_request_to_a_public_address_gets_a_server_error(public_urls):
    client = Client(raise_request_exception=False)
    for url in public_urls:  # every address answers as it should first
        assert client.get(url).status_code < 500, url
    before = database_state()
    requests = [(method, url, {}) for method, url in product(METHODS, public_urls)]
    requests += [("GET", f"{url}?{query}", {}) for url, query in product(public_urls, BAD_QUERIES)]
    requests += [("GET", url + suffix, {}) for url, suffix in product(public_urls, BAD_SUFFIXES)]
    requests += [
        ("POST", url, {"data": body.encode("latin-1"), "content_type": content_type})
        for url, (content_type, body) in product(public_urls, BAD_FORM_BODIES)
    ]
    assert server_errors(client, requests) == []
    assert database_state() == before


def test_nul_characters_in_the_address_are_a_bad_request(public_urls):
    client = Client(raise_request_exception=False)
    assert client.get("/search/", {"q": "a\x00b"}).status_code == 400
    assert client.get("/search/?%00=1").status_code == 400
    assert client.get(public_urls[2] + "%00/").status_code == 400


@pytest.mark.parametrize("url", ["/search/", "/sitemap.xml", "changes", "agenda", "session"])
def test_methods_an_address_does_not_serve_get_405(client, edition, agenda, url):
    session = SessionPageFactory(parent=agenda, start=london(2027, 10, 11, 9))
    url = {
        "changes": reverse("schedule-changes-feed", args=[edition.pk]),
        "agenda": agenda.url,
        "session": session.url,
    }.get(url, url)
    for method in ["TRACE", "PUT", "DELETE", "POST"]:
        response = client.generic(method, url)
        assert response.status_code == 405, (method, url)
        assert "GET" in response["Allow"]
    assert client.get(url).status_code == 200
