"""Organisers preview speakers and tracks before they publish them."""

from datetime import date

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from conference.models import ConferencePage, ConferencePartner
from sessions.models import Track
from tests.factories import (
    OrganisationFactory,
    SessionPageFactory,
    SpeakerFactory,
    TrackFactory,
    london,
)
from tests.pages import soup
from tests.roles import editor_form_data


def test_speaker_preview_renders_an_unpublished_speaker(db):
    speaker = SpeakerFactory(name="Draft Person", live=False, bio="<p>Not yet public.</p>")
    response = speaker.make_preview_request()
    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == "Draft Person"
    assert "Not yet public." in page.select_one(".rich-text").get_text()


def test_track_preview_renders_the_track_landing_page(edition, agenda):
    track = TrackFactory(edition=edition, name="Wildlife cybercrime", strapline="Online trade")
    SessionPageFactory(
        parent=agenda,
        title="Marketplace adverts",
        track=track,
        start=london(2027, 10, 11, 10),
        end=london(2027, 10, 11, 11),
    )
    response = track.make_preview_request()
    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == "Wildlife cybercrime"
    assert [a.get_text(strip=True) for a in page.select(".session__title a")] == [
        "Marketplace adverts"
    ]


def test_preview_of_a_track_not_yet_saved(edition):
    track = Track(edition=edition, name="New track", slug="new-track", colour="#123456")
    response = track.make_preview_request()
    assert response.status_code == 200
    assert soup(response).find("h1").get_text(strip=True) == "New track"


def test_preview_of_an_edition_not_yet_saved(db):
    edition = ConferencePage(
        title="IWT Conference 2031",
        slug="iwt-2031",
        start_date=date(2031, 10, 11),
        end_date=date(2031, 10, 12),
        time_zone="Europe/London",
    )
    edition.partners = [ConferencePartner(organisation=OrganisationFactory(name="IFAW"))]
    response = edition.make_preview_request()
    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == "IWT Conference 2031"
    assert [n.get_text(strip=True) for n in page.select(".partner__name")] == ["IFAW"]


def preview_in_the_admin(client, preview_url, form_url, **fields):
    """Post the editor's form to the live preview, as the admin does, and fetch the preview."""
    data = editor_form_data(client, form_url)
    data.update(fields)
    checked = client.post(preview_url, data)
    assert checked.json() == {"is_valid": True, "is_available": True}
    return client.get(preview_url)


@pytest.fixture
def organiser_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("olu", "o@example.com", "pw"))
    return client


@pytest.mark.slow
def test_session_preview_shows_the_unpublished_changes(organiser_client, agenda):
    session = SessionPageFactory(parent=agenda, title="Marketplace adverts")
    response = preview_in_the_admin(
        organiser_client,
        reverse("wagtailadmin_pages:preview_on_edit", args=[session.pk]),
        reverse("wagtailadmin_pages:edit", args=[session.pk]),
        title="Marketplace adverts, revised",
        abstract='{"blocks": [{"key": "a", "type": "unstyled", "text": "Draft abstract.", '
        '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
    )
    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == "Marketplace adverts, revised"
    assert "Draft abstract." in page.get_text()
    session.refresh_from_db()
    assert session.title == "Marketplace adverts"


@pytest.mark.slow
def test_agenda_preview_shows_the_draft_introduction_and_the_sessions(organiser_client, agenda):
    SessionPageFactory(parent=agenda, title="Opening keynote")
    response = preview_in_the_admin(
        organiser_client,
        reverse("wagtailadmin_pages:preview_on_edit", args=[agenda.pk]),
        reverse("wagtailadmin_pages:edit", args=[agenda.pk]),
        introduction="Two days on wildlife cybercrime.",
    )
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one(".lede").get_text(strip=True) == "Two days on wildlife cybercrime."
    assert [a.get_text(strip=True) for a in page.select(".session__title a")] == [
        "Opening keynote"
    ]


def test_preview_of_a_new_agenda_before_it_is_saved(organiser_client, edition):
    add = reverse("wagtailadmin_pages:add", args=["agenda", "agendapage", edition.pk])
    response = preview_in_the_admin(
        organiser_client,
        reverse("wagtailadmin_pages:preview_on_add", args=["agenda", "agendapage", edition.pk]),
        add,
        title="Programme",
        slug="programme",
        introduction="Coming soon.",
    )
    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == "Programme"
    assert page.select_one(".lede").get_text(strip=True) == "Coming soon."
