"""While the database does not answer, visitors get a friendly 503 that asks them to come back,
and the site answers normally again as soon as the database does, without a restart."""

import logging
from unittest import mock

import pytest

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.test import RequestFactory

from config.middleware import DatabaseUnavailableMiddleware


def database_down(error=OperationalError):
    return mock.patch.object(
        connections["default"], "cursor", side_effect=error("connection refused")
    )


def test_database_outage_answers_a_friendly_503_with_retry_after(agenda, client):
    url = agenda.url
    with database_down():
        response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "<h1>The site is busy for a moment</h1>" in page
    assert 'href="/"' in page
    assert "Traceback" not in page and "connection refused" not in page


def test_database_outage_answers_503_for_a_lost_connection_too(agenda, client):
    url = agenda.url
    with database_down(InterfaceError):
        response = client.get(url)
    assert response.status_code == 503


def test_database_outage_is_logged_once_per_request(agenda, client, caplog):
    url = agenda.url
    with caplog.at_level(logging.INFO), database_down():
        client.get(url)
    errors = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert [(record.name, record.levelname) for record in errors] == [
        ("config.middleware", "WARNING")
    ]
    assert "connection refused" in errors[0].getMessage()
    assert url in errors[0].getMessage()


def test_database_outage_ends_when_the_database_answers_again(agenda, client):
    url = agenda.url
    with database_down():
        assert client.get(url).status_code == 503
    assert client.get(url).status_code == 200


def test_database_outage_middleware_leaves_other_errors_to_the_500_page():
    middleware = DatabaseUnavailableMiddleware(lambda request: HttpResponse())
    request = RequestFactory().get("/agenda/")
    assert middleware.process_exception(request, ValueError("a bug")) is None


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_database_outage_middleware_answers_without_the_database(error):
    """The 503 page itself needs nothing from the database (it is down)."""
    middleware = DatabaseUnavailableMiddleware(lambda request: HttpResponse())
    request = RequestFactory().get("/agenda/")
    with database_down():
        response = middleware.process_exception(request, error("server closed"))
    assert response.status_code == 503


def test_database_outage_middleware_sits_after_common_middleware(settings):
    middleware = settings.MIDDLEWARE
    common = middleware.index("django.middleware.common.CommonMiddleware")
    assert middleware[common + 1] == "config.middleware.DatabaseUnavailableMiddleware"
