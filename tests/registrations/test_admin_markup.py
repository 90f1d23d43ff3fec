"""The registration desk's markup that its layout rests on: the listing's names in Wagtail's
title column with a rule that wraps them between words only, and the dashboard panel as a
Wagtail dashboard panel with its content inset. The layout itself is checked in a browser
(tests/browser/test_admin_layout.py)."""

import pytest

from django.urls import reverse

from registrations.models import RegistrationStatus
from tests.pages import soup
from tests.registrations.test_desk import LIST_URL, register, user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_client(client):
    client.force_login(user_in("Registration desk", "desk"))
    return client


def styles(page):
    return "\n".join(style.get_text() for style in page.find_all("style"))


def test_listing_names_are_in_the_title_column_that_wraps_between_words(desk_client, edition):
    register(edition, "Quentin Achterberg-Lindqvist", RegistrationStatus.CONFIRMED)

    page = soup(desk_client.get(LIST_URL))

    (name_cell,) = page.select("table.listing tbody td.title")
    assert name_cell.get_text(" ", strip=True).startswith("Quentin Achterberg-Lindqvist")
    rule = ".listing .title, .listing .title a { word-break: normal; overflow-wrap: normal; "
    assert rule in styles(page)


def test_dashboard_panel_is_a_wagtail_dashboard_panel_with_inset_content(
    desk_client, edition, registration_page
):
    page = soup(desk_client.get(reverse("wagtailadmin_home")))

    panel = page.find(id="registration-desk-section")
    assert "w-panel--dashboard" in panel["class"]
    assert panel.select_one(".w-panel__content")["id"] == "registration-desk-content"
    assert "#registration-desk-content { padding: 0 1.5rem 1.5rem; }" in styles(page)
