"""Organisers search and filter every snippet listing in the admin."""

import pytest

from django.urls import reverse

from tests.factories import OrganisationFactory, RoomFactory, SpeakerFactory, TrackFactory
from tests.pages import soup


@pytest.mark.parametrize(
    ("model", "make", "query", "expected"),
    [
        (
            "speakers_speaker",
            lambda e: SpeakerFactory(name="Grace Hopwood"),
            "Hopw",
            "Grace Hopwood",
        ),
        ("agenda_track", lambda e: TrackFactory(edition=e, name="Cyber"), "Cyb", "Cyber"),
        ("conference_room", lambda e: RoomFactory(name="Main Hall"), "Hall", "Main Hall"),
        (
            "conference_organisation",
            lambda e: OrganisationFactory(name="Pangolin Trust"),
            "Pango",
            "Pangolin Trust",
        ),
    ],
)
def test_snippet_listing_search_finds_partial_names(
    search_index, admin_client, edition, model, make, query, expected
):
    make(edition)
    app_label, model_name = model.split("_")
    url = reverse(f"wagtailsnippets_{app_label}_{model_name}:list")
    response = admin_client.get(url, {"q": query})
    assert response.status_code == 200
    assert expected in soup(response).select_one("table.listing").get_text()
