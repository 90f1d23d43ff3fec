"""An edition's dates and time zone cannot be changed under its scheduled sessions."""

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse

from wagtail.test.utils.form_data import querydict_from_html

from conference.models import ConferencePage
from tests.factories import SessionPageFactory, london


def publish_edition(client, edition, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[edition.pk])
    data = querydict_from_html(client.get(url).content, form_id="page-edit-form")
    # The body StreamField's form is drawn by JavaScript; the edition's body is empty.
    data.update({"action-publish": "publish", "body-count": "0", **changes})
    return client.post(url, data)


def page_errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.get_text(" ", strip=True)


@pytest.mark.slow
def test_edition_end_cannot_move_before_its_sessions(admin_client, edition, agenda):
    SessionPageFactory(
        parent=agenda,
        title="Closing plenary",
        start=london(2027, 10, 12, 16),
        end=london(2027, 10, 12, 17),
    )
    response = publish_edition(admin_client, edition, end_date="2027-10-11")
    assert response.status_code == 200
    assert "1 session would fall outside 11 October 2027 to 11 October 2027" in (
        page_errors(response)
    )
    assert ConferencePage.objects.get(pk=edition.pk).end_date.isoformat() == "2027-10-12"


@pytest.mark.slow
def test_edition_time_zone_cannot_change_under_its_sessions(admin_client, edition, agenda):
    SessionPageFactory(parent=agenda)
    response = publish_edition(admin_client, edition, time_zone="Asia/Tokyo")
    assert response.status_code == 200
    assert "local times would all move" in page_errors(response)


@pytest.mark.slow
def test_edition_without_sessions_changes_freely(admin_client, edition, agenda):
    response = publish_edition(
        admin_client, edition, time_zone="Asia/Tokyo", end_date="2027-10-11"
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert (edition.time_zone, edition.end_date.isoformat()) == ("Asia/Tokyo", "2027-10-11")
