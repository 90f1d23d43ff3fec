"""The home page presents the edition organisers feature, else the next one still to end; an
organiser who publishes an edition that takes the home page over is told so (issue: a test
import took over the home page silently)."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import querydict_from_html

from conference.models import ConferencePage, HomePage
from tests.factories import ConferencePageFactory, VenueFactory
from tests.pages import soup

pytestmark = pytest.mark.slow


def days_ahead(days):
    return timezone.now().date() + timedelta(days=days)


@pytest.fixture
def main_edition(db):
    return ConferencePageFactory(
        title="IWT Conference", slug="iwt", start_date=days_ahead(200), end_date=days_ahead(201)
    )


@pytest.fixture
def trial_edition(main_edition):
    """A draft edition that comes sooner than the main one, as a test import makes."""
    return ConferencePageFactory(
        title="Trial import",
        slug="trial-import",
        start_date=days_ahead(100),
        end_date=days_ahead(101),
        publish=False,
    )


def feature(edition):
    home = HomePage.objects.get()
    home.featured_edition = edition
    home.save_revision().publish()


def publish_through_the_admin(client, edition):
    url = reverse("wagtailadmin_pages:edit", args=[edition.pk])
    data = querydict_from_html(client.get(url).content, form_id="page-edit-form")
    # The body StreamField's form is drawn by JavaScript; the edition's body is empty.
    data.update({"action-publish": "publish", "body-count": "0"})
    return client.post(url, data, follow=True)


def admin_messages(response):
    """Each message the admin shows: its text, and the links of its buttons."""
    page = BeautifulSoup(response.content, "html.parser")
    return [
        (
            " ".join("".join(message.find_all(string=True, recursive=False)).split()),
            [link["href"] for link in message.select("a.button")],
        )
        for message in page.select(".messages li")
    ]


def home_heading(client):
    return soup(client.get("/")).find("h1").get_text(strip=True)


def test_publishing_a_sooner_edition_takes_the_home_page_and_says_so(
    admin_client, main_edition, trial_edition
):
    assert home_heading(admin_client) == "IWT Conference"

    response = publish_through_the_admin(admin_client, trial_edition)

    assert response.redirect_chain[0][1] == 302
    home = HomePage.objects.get()
    assert (
        "Trial import is now the edition on the home page, in place of IWT Conference. "
        "To keep IWT Conference there, choose it as the home page's featured edition.",
        [reverse("wagtailadmin_pages:edit", args=[home.pk])],
    ) in admin_messages(response)
    assert home.current_edition() == trial_edition
    assert home_heading(admin_client) == "Trial import"


def test_publishing_an_edition_leaves_the_featured_edition_on_the_home_page(
    admin_client, main_edition, trial_edition
):
    feature(main_edition)

    response = publish_through_the_admin(admin_client, trial_edition)

    assert response.redirect_chain[0][1] == 302
    assert ConferencePage.objects.get(pk=trial_edition.pk).live
    assert [text for text, _ in admin_messages(response)] == [
        "Page 'Trial import' has been published."
    ]
    assert HomePage.objects.get().current_edition() == main_edition
    assert home_heading(admin_client) == "IWT Conference"


def test_republishing_the_home_page_edition_says_nothing_of_the_home_page(
    admin_client, main_edition
):
    response = publish_through_the_admin(admin_client, main_edition)

    assert [text for text, _ in admin_messages(response)] == [
        "Page 'IWT Conference' has been published."
    ]
    assert HomePage.objects.get().current_edition() == main_edition


def test_creating_a_sooner_edition_in_the_admin_says_it_takes_the_home_page(
    admin_client, main_edition
):
    home = HomePage.objects.get()
    url = reverse("wagtailadmin_pages:add", args=["conference", "conferencepage", home.pk])
    data = querydict_from_html(admin_client.get(url).content, form_id="page-edit-form")
    data.update(
        {
            "title": "Trial import",
            "slug": "trial-import",
            "start_date": days_ahead(100).isoformat(),
            "end_date": days_ahead(101).isoformat(),
            "venue": str(VenueFactory().pk),
            "action-publish": "publish",
            "body-count": "0",
        }
    )

    response = admin_client.post(url, data, follow=True)

    assert response.redirect_chain[0][1] == 302
    assert [text for text, _ in admin_messages(response)] == [
        "Trial import is now the edition on the home page, in place of IWT Conference. "
        "To keep IWT Conference there, choose it as the home page's featured edition.",
        "Page 'Trial import' created and published.",
    ]
    assert home_heading(admin_client) == "Trial import"


def test_an_unpublished_featured_edition_gives_way_to_the_next_one(client, main_edition):
    next_year = ConferencePageFactory(
        title="IWT Conference next year",
        slug="iwt-next-year",
        start_date=days_ahead(565),
        end_date=days_ahead(566),
    )
    feature(next_year)
    assert home_heading(client) == "IWT Conference next year"

    next_year.unpublish()

    assert HomePage.objects.get().current_edition() == main_edition
    assert home_heading(client) == "IWT Conference"
