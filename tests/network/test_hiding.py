"""Organisers hide a profile from the directory with a reason the delegate is told, and see
the directory's size by sector on the dashboard."""

import pytest

from network.models import DelegateProfile
from tests.pages import soup, texts
from tests.roles import client_for, member_of

from .conftest import delegate, manage_path, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    return client_for(member_of("Organisers", "olga"))


@pytest.fixture
def amina(edition):
    return delegate(edition, name="Amina Okafor", sector="law_enforcement")


def names_listed(client, directory):
    return texts(soup(client.get(directory.url)).select(".delegate-card__name a"))


def hide(client, directory, registration, reason="Advertises services in the introduction."):
    return client.post(
        directory.profile_url(registration.pk), {"action": "hide", "reason": reason}
    )


@pytest.mark.slow
def test_an_organiser_hides_a_profile_and_the_delegate_is_told_why(
    client, organiser, edition, directory, registration_page, amina
):
    viewer = delegate(edition, name="Viewer")
    sign_in(client, registration_page, viewer)
    assert "Amina Okafor" in names_listed(client, directory)

    response = hide(organiser, directory, amina)

    assert response.status_code == 303
    assert "The profile is hidden" in organiser.get(response["Location"]).content.decode()
    assert names_listed(client, directory) == ["Viewer"]
    assert client.get(directory.profile_url(amina.pk)).status_code == 404
    # Organisers still see it, marked.
    assert "Hidden" in soup(organiser.get(directory.url)).select_one(".delegate-card").get_text()
    # The delegate reads the reason on their manage page.
    own = soup(client.get(manage_path(registration_page, amina))).select_one("#directory")
    assert "Advertises services in the introduction." in own.get_text()
    profile = DelegateProfile.objects.get(registration=amina)
    assert profile.hidden_by.username == "olga"


def test_a_hidden_profile_can_be_shown_again(organiser, directory, amina):
    hide(organiser, directory, amina)
    response = organiser.post(directory.profile_url(amina.pk), {"action": "show"})
    assert response.status_code == 303
    profile = DelegateProfile.objects.get(registration=amina)
    assert (profile.hidden_at, profile.hidden_reason) == (None, "")


def test_hiding_needs_a_reason(organiser, directory, amina):
    response = hide(organiser, directory, amina, reason="")
    assert response.status_code == 400
    assert "Give the reason: the delegate is told it." in response.content.decode()
    assert not DelegateProfile.objects.filter(registration=amina, hidden_at__isnull=False).exists()


def test_only_organisers_may_hide(client, edition, directory, registration_page, amina):
    sign_in(client, registration_page, delegate(edition))
    assert hide(client, directory, amina).status_code == 403
    desk = client_for(member_of("Registration desk", "dan"))
    assert hide(desk, directory, amina).status_code == 403
    assert not DelegateProfile.objects.filter(registration=amina).exists()


def test_the_dashboard_shows_the_directory_by_sector(organiser, edition, directory, amina):
    delegate(edition, sector="law_enforcement")
    delegate(edition, sector="ngo")
    delegate(edition, sector="ngo", directory_listing=False)
    hidden = delegate(edition, sector="media")
    hide(organiser, directory, hidden)

    panel = soup(organiser.get("/admin/")).select_one("#delegate-directory-section")

    assert panel.select_one('[data-figure="listed"]').get_text() == "3"
    assert panel.select_one('[data-figure="hidden"]').get_text() == "1"
    rows = [texts(row.select("td")) for row in panel.select("tbody tr")]
    assert rows == [["Law enforcement", "2"], ["NGO", "1"]]


def test_the_dashboard_panel_is_for_organisers(directory, amina):
    desk = client_for(member_of("Registration desk", "dan"))
    assert soup(desk.get("/admin/")).select_one("#delegate-directory-section") is None


def test_organisers_export_the_profiles_texts_when_they_ask_for_them(organiser, amina):
    DelegateProfile.objects.create(registration=amina, introduction="Tracing online ivory sales.")
    listing = organiser.get("/admin/directory_profiles/")
    assert listing.status_code == 200
    assert "Amina Okafor" in listing.content.decode()
    export = organiser.get("/admin/directory_profiles/", {"export": "csv"})
    content = b"".join(export.streaming_content).decode()
    assert "Tracing online ivory sales." in content
    # Read-only: delegates write profiles, organisers hide them from the directory's pages.
    assert organiser.get(f"/admin/directory_profiles/inspect/{amina.pk}/").status_code == 200
    for refused in ("edit", "delete"):  # Wagtail answers a refusal with a redirect
        assert organiser.get(f"/admin/directory_profiles/{refused}/{amina.pk}/").status_code == 302
    assert DelegateProfile.objects.filter(registration=amina).exists()
    assert "Add directory profile" not in listing.content.decode()


def test_the_profiles_listing_is_for_organisers(amina):
    DelegateProfile.objects.create(registration=amina)
    desk = client_for(member_of("Registration desk", "dan"))
    assert desk.get("/admin/directory_profiles/").status_code == 302
