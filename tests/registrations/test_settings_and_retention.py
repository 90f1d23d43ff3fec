"""Registration settings in the admin, and anonymisation after the retention period."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest

from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from wagtail.test.utils.form_data import querydict_from_html

from conference.models import ConferencePage
from registrations import services
from registrations.models import Consent, Registration, RegistrationPage
from tests.factories import RegistrationFactory
from tests.pages import soup

pytestmark = pytest.mark.django_db


def publish(client, page, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(url).content, form_id="page-edit-form")
    data.update({"action-publish": "publish", **changes})
    return client.post(url, data)


@pytest.mark.slow
def test_opening_and_closing_are_entered_in_the_editions_zone(admin_client, registration_page):
    response = publish(
        admin_client, registration_page, opens_at="2027-06-01 09:00", closes_at="2027-10-01 18:00"
    )

    assert response.status_code == 302
    page = RegistrationPage.objects.get(pk=registration_page.pk)
    assert page.opens_at == datetime(2027, 6, 1, 8, 0, tzinfo=UTC)  # 09:00 BST
    assert page.closes_at == datetime(2027, 10, 1, 17, 0, tzinfo=UTC)
    form = soup(admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    assert form.find("input", attrs={"name": "opens_at"})["value"] == "2027-06-01 09:00"
    assert "Europe/London" in form.find("label", attrs={"for": "id_opens_at"}).get_text()


@pytest.mark.slow
def test_registration_cannot_close_before_it_opens(admin_client, registration_page):
    response = publish(
        admin_client, registration_page, opens_at="2027-06-01 09:00", closes_at="2027-05-01 09:00"
    )

    assert response.status_code == 200
    assert "Registration must close after it opens." in soup(response).get_text()
    assert RegistrationPage.objects.get(pk=registration_page.pk).opens_at is None


@pytest.mark.slow
def test_capacity_cannot_drop_below_the_seats_given(admin_client, registration_page):
    RegistrationFactory.create_batch(4, edition=registration_page.edition, status="confirmed")

    response = publish(admin_client, registration_page, capacity="3")

    assert response.status_code == 200
    assert "4 seats are already confirmed" in soup(response).get_text()
    assert RegistrationPage.objects.get(pk=registration_page.pk).capacity == 10
    assert publish(admin_client, registration_page, capacity="4").status_code == 302


def test_an_edition_has_one_registration_page(admin_client, registration_page):
    url = reverse(
        "wagtailadmin_pages:add",
        args=["registrations", "registrationpage", registration_page.edition.pk],
    )
    response = admin_client.get(url)

    assert response.status_code in (302, 403)
    assert RegistrationPage.objects.count() == 1


def make_registrations(page):
    for sector, country in [("ngo", "KE"), ("ngo", "GB"), ("government", "GB")]:
        registration = RegistrationFactory(edition=page.edition, sector=sector, country=country)
        services.confirm_address(registration)


def test_personal_data_are_anonymised_after_the_retention_period(registration_page):
    make_registrations(registration_page)
    deadline = registration_page.anonymise_after()
    assert deadline == datetime(2027, 10, 12, 23, 0, tzinfo=UTC) + timedelta(days=90)

    assert services.anonymise_expired(now=deadline - timedelta(minutes=1)) == 0
    assert services.anonymise_expired(now=deadline) == 3

    registrations = Registration.objects.all()
    assert {(r.name, r.email, r.organisation, r.job_title) for r in registrations} == {
        ("", "", "", "")
    }
    assert all(r.anonymised_at for r in registrations)
    assert not Consent.objects.exists()
    counts = registrations.values("sector", "country").annotate(n=Count("pk"))
    assert {(c["sector"], c["country"], c["n"]) for c in counts} == {
        ("ngo", "KE", 1),
        ("ngo", "GB", 1),
        ("government", "GB", 1),
    }
    assert services.anonymise_expired(now=deadline + timedelta(days=1)) == 0


def test_the_retention_command_reports_what_it_did(registration_page):
    make_registrations(registration_page)
    # An edition that ended long ago.
    ConferencePage.objects.filter(pk=registration_page.edition.pk).update(
        start_date="2020-10-11", end_date="2020-10-12"
    )
    output = StringIO()

    call_command("anonymise_registrations", stdout=output)

    assert output.getvalue().strip() == "Anonymised 3 registration(s)."
    assert not Registration.objects.exclude(name="").exists()


def test_the_registration_page_can_be_previewed_with_unpublished_changes(registration_page):
    registration_page.intro = "<p>Draft welcome text.</p>"
    response = registration_page.make_preview_request()

    assert response.status_code == 200
    assert "Draft welcome text." in soup(response).select_one(".rich-text").get_text()
    assert soup(response).find("form", class_="registration-form")


@pytest.mark.slow
def test_pages_that_registrations_need_cannot_be_deleted(admin_client, registration_page):
    RegistrationFactory(edition=registration_page.edition)

    for page in (registration_page, registration_page.edition):
        url = reverse("wagtailadmin_pages:delete", args=[page.pk])
        response = admin_client.post(url, follow=True)
        assert "cannot be deleted: 1 registrations depend on it" in soup(response).get_text()
    assert RegistrationPage.objects.filter(pk=registration_page.pk).exists()
    assert ConferencePage.objects.filter(pk=registration_page.edition.pk).exists()


def test_the_form_page_shows_the_intro_terms_and_privacy_notice_from_the_admin(
    client, registration_page
):
    registration_page.intro = "<p>Free for everyone fighting wildlife crime.</p>"
    registration_page.terms = "<p>Badges are not transferable.</p>"
    registration_page.privacy_notice = "<p>We keep your details for 90 days.</p>"
    registration_page.save_revision().publish()

    page = soup(client.get(registration_page.url))

    texts = page.get_text()
    assert "Free for everyone fighting wildlife crime." in texts
    assert "Badges are not transferable." in page.select_one(".registration-terms").get_text()
    assert "We keep your details for 90 days." in page.select_one(".privacy-notice").get_text()
