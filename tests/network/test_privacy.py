"""The directory's data stay inside: in the delegate's download, gone on erasure and at the
end of the retention period, out of the desk's exports, feeds and public pages, and a
delegate cannot page through it faster than a person reads."""

import json
from datetime import timedelta

import pytest

from network.models import DelegateProfile, SpokenLanguage
from registrations import services
from tests.pages import soup
from tests.roles import client_for, member_of

from .conftest import delegate, manage_path, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def amina(edition, cybercrime):
    registration = delegate(edition, name="Amina Okafor")
    profile = DelegateProfile.objects.create(
        registration=registration,
        introduction="Intelligence analyst tracing online ivory sales.",
        looking_for="Trust and safety leads",
    )
    profile.tracks.add(cybercrime)
    SpokenLanguage.objects.create(profile=profile, code="sw")
    return registration


def test_the_data_download_includes_the_profile(client, registration_page, directory, amina):
    response = client.get(manage_path(registration_page, amina) + "data/")
    data = json.loads(response.content)
    assert data["directory_profile"]["introduction"] == (
        "Intelligence analyst tracing online ivory sales."
    )
    assert data["directory_profile"]["tracks"] == ["Wildlife cybercrime"]
    assert data["directory_profile"]["languages"] == ["Swahili"]
    assert data["directory_listing"] is True


def test_erasure_removes_the_profile(registration_page, directory, amina):
    services.erase(amina)
    assert not DelegateProfile.objects.exists()
    assert not SpokenLanguage.objects.exists()


def test_the_retention_job_removes_the_profile(registration_page, directory, amina):
    later = registration_page.anonymise_after() + timedelta(days=1)
    assert services.anonymise_expired(now=later) == 1
    assert not DelegateProfile.objects.exists()


def test_the_desks_export_leaves_the_profile_texts_out(registration_page, directory, amina):
    desk = client_for(member_of("Registration desk", "dan"))
    export = desk.get("/admin/snippets/registrations/registration/", {"export": "csv"})
    assert export.status_code == 200
    content = b"".join(export.streaming_content).decode()
    assert "Amina Okafor" in content
    assert "ivory" not in content


def test_no_delegate_appears_on_public_pages_or_feeds(
    client, edition, registration_page, directory, amina, search_index
):
    for url in (edition.url, "/sitemap.xml", f"/calendar/{edition.pk}.ics"):
        response = client.get(url)
        assert "Amina" not in response.content.decode(), url
    for query in ("Amina", "ivory"):
        results = soup(client.get("/search/", {"q": query})).main
        assert results.select(".search-results li") == []
        assert "Okafor" not in results.get_text()


@pytest.mark.slow
def test_directory_pages_are_limited_per_delegate(
    client, settings, edition, registration_page, directory, amina
):
    settings.REGISTRATION_RATE_LIMITS = {
        **settings.REGISTRATION_RATE_LIMITS,
        "directory": (3, 3600),
    }
    sign_in(client, registration_page, delegate(edition))
    statuses = [client.get(directory.url).status_code for _ in range(3)]
    statuses.append(client.get(directory.profile_url(amina.pk)).status_code)
    assert statuses == [200, 200, 200, 429]
    refused = client.get(directory.url)
    assert "Too many pages at once" in soup(refused).h1.get_text()
    assert refused["Retry-After"] == "3600"
    # Another delegate has their own count.
    other = client.__class__()
    sign_in(other, registration_page, delegate(edition))
    assert other.get(directory.url).status_code == 200


def test_withdrawing_the_listing_removes_it_at_once(
    client, edition, registration_page, directory, amina
):
    viewer = client.__class__()
    sign_in(viewer, registration_page, delegate(edition))
    assert viewer.get(directory.profile_url(amina.pk)).status_code == 200
    client.post(
        manage_path(registration_page, amina), {"action": "directory-listing", "listed": "no"}
    )
    assert viewer.get(directory.profile_url(amina.pk)).status_code == 404
