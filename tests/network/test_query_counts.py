"""The number of SQL queries behind the directory's pages does not grow with the number of
listed delegates: the same at 10 as at 2,000, signed in as one of them."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.delegates import add_delegates
from network.directory import listed
from network.models import DelegateProfile
from registrations.models import Registration

from .conftest import delegate, manage_path, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(autouse=True)
def unlimited_directory(settings):
    """Every request counts against the delegate's limit; these tests make dozens."""
    settings.REGISTRATION_RATE_LIMITS = {
        **settings.REGISTRATION_RATE_LIMITS,
        "directory": (10_000, 3600),
    }


@pytest.fixture
def me(client, edition, registration_page, directory, cybercrime, ivory):
    """A confirmed, listed delegate with a profile, signed in by their manage link."""
    registration = delegate(edition, name="Me", sector="online_platform")
    profile = DelegateProfile.objects.create(registration=registration, looking_for="ivory")
    profile.tracks.add(cybercrime)
    profile.topics.add(ivory)
    profile.languages.create(code="en")
    sign_in(client, registration_page, registration)
    return registration


def queries_of(client, urls, *, warm):
    """{name: ([SQL, ...], body)} of a GET of each URL; with `warm`, after a first GET that
    fills what is cached once per process (site root paths)."""
    captured = {}
    for name, url in urls.items():
        if warm:
            client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, f"{name}: {url} answered {response.status_code}"
        captured[name] = ([query["sql"] for query in queries], response.content)
    return captured


def report(small, large):
    """The counts of each page, then the queries at 2,000 of those whose count grew."""
    lines = [f"{'page':12} {'10':>4} {'2,000':>6}"]
    lines += [f"{name:12} {len(small[name][0]):>4} {len(large[name][0]):>6}" for name in small]
    for name in small:
        if len(small[name][0]) != len(large[name][0]):
            lines.append(f"\n{name}, at 2,000 delegates:")
            lines += [f"  {sql[:300]}" for sql in large[name][0]]
    return "\n".join(lines)


def assert_same_queries_at_10_and_2000(client, edition, pages, *, tracks, topics):
    """Signed in as a listed delegate (the first of 10), the pages (a function that names
    their URLs, called once the 10 are in) make as many queries with 10 listed delegates as
    with 2,000, all with profiles, interests and languages. Returns the bodies at 10 and at
    2,000: {name: body} each."""
    add_delegates(edition, range(9), tracks=tracks, topics=topics)
    assert listed(edition).count() == 10
    urls = pages()
    small = queries_of(client, urls, warm=True)

    add_delegates(edition, range(9, 1999), tracks=tracks, topics=topics)
    assert listed(edition).count() == 2000
    large = queries_of(client, urls, warm=False)

    print(report(small, large))
    assert all(len(small[name][0]) == len(large[name][0]) for name in urls), report(small, large)
    return [{name: body for name, (_, body) in run.items()} for run in (small, large)]


def test_the_directory_makes_as_many_queries_at_10_as_at_2000_delegates(
    client, edition, directory, cybercrime, finance, ivory, me
):
    url = directory.url
    every_filter = f"q=trade&sector=government&country=GB&interest=track-{cybercrime.pk}"
    urls = {
        "directory": url,
        "search": url + "?q=ivory+seizures",
        "sector": url + "?sector=law_enforcement",
        "track": url + f"?interest=track-{cybercrime.pk}",
        "topic": url + f"?interest=topic-{ivory.pk}",
        "language": url + "?language=fr",
        "all filters": url + f"?{every_filter}&language=en",
        # With 10 delegates there is one page: ?page=2 is answered with it (Paginator).
        "page 2": url + "?page=2",
    }
    small, large = assert_same_queries_at_10_and_2000(
        client, edition, lambda: urls, tracks=[cybercrime, finance], topics=[ivory]
    )

    for name in urls:  # delegates were found each time: the queries had rows to read
        assert b"delegate-card" in small[name] and b"delegate-card" in large[name], name
    assert b"Page 2 of 84" in large["page 2"]


def test_profile_pages_make_as_many_queries_at_10_as_at_2000_delegates(
    client, edition, directory, cybercrime, finance, ivory, me
):
    def urls():
        other = Registration.objects.get(edition=edition, email="delegate1@bench.example.org")
        return {
            "profile": directory.profile_url(other.pk),
            "own profile": directory.profile_url(me.pk),
        }

    _, large = assert_same_queries_at_10_and_2000(
        client, edition, urls, tracks=[cybercrime, finance], topics=[ivory]
    )

    assert b"<h1>Delegate 1</h1>" in large["profile"] and b"<h1>Me</h1>" in large["own profile"]


def test_the_manage_page_makes_as_many_queries_at_10_as_at_2000_delegates(
    client, edition, registration_page, directory, cybercrime, finance, ivory, me
):
    """The manage page has the directory's section: the profile form and people to meet."""
    url = manage_path(registration_page, me)
    _, large = assert_same_queries_at_10_and_2000(
        client, edition, lambda: {"manage": url}, tracks=[cybercrime, finance], topics=[ivory]
    )

    assert b'id="directory"' in large["manage"] and b"People to meet" in large["manage"]
