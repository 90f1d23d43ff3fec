"""The site's own 400, 403, 404 and 500 pages: drawn whatever the request held, in the site's
design where it can be drawn, and always with the security headers (conference/errors.py)."""

from unittest import mock

import pytest

from django.template.loader import render_to_string
from django.test import Client

from registrations.models import Registration
from tests.factories import RegistrationPageFactory
from tests.pages import soup

SECURITY_HEADERS = ["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"]


def assert_error_page(response, status, title, designed=True):
    assert response.status_code == status
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == title
    assert bool(page.select_one(".skip-link")) is designed  # the site's header and footer
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert [name for name in SECURITY_HEADERS if name not in response] == []


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


@pytest.mark.parametrize("charset", ["latin-1", "utf-16"])
def test_a_form_sent_in_another_charset_gets_a_400_and_writes_nothing(
    csrf_client, edition, charset
):
    page = RegistrationPageFactory(parent=edition)
    csrf_client.get(page.url)
    token = csrf_client.cookies["csrftoken"].value
    body = f"csrfmiddlewaretoken={token}&name=Ren%E9e&email=renee%40example.org"
    response = csrf_client.generic(
        "POST",
        page.url,
        body.encode("latin-1"),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert_error_page(response, 400, "Bad request")
    assert not Registration.objects.exists()


def test_a_form_without_its_token_gets_the_sites_403(csrf_client, edition):
    page = RegistrationPageFactory(parent=edition)
    response = csrf_client.post(page.url, {"name": "Amina", "email": "amina@example.org"})
    assert_error_page(response, 403, "Not allowed")
    assert not Registration.objects.exists()


def test_an_unknown_address_gets_the_sites_404(client, db):
    assert_error_page(client.get("/no-such-page/"), 404, "Page not found")


def test_an_error_in_a_view_gets_the_plain_500_with_the_security_headers(db):
    client = Client(raise_request_exception=False)
    with mock.patch("speakers.views.render", side_effect=RuntimeError("broken")):
        response = client.get("/search/", {"q": "ivory"})
    assert_error_page(response, 500, "Something went wrong", designed=False)


def test_an_error_page_that_cannot_be_drawn_in_the_design_comes_plain(client, db):
    def render_without_the_design(name, *args, **kwargs):
        if name == "errors/designed.html":
            raise RuntimeError("the navigation cannot be read")
        return render_to_string(name, *args, **kwargs)

    with mock.patch("conference.errors.render_to_string", render_without_the_design):
        response = client.get("/no-such-page/")
    assert_error_page(response, 404, "Page not found", designed=False)
