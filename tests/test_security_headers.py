"""Security headers: a nonce-based Content Security Policy on the public site, a relaxed one
for the admins, and the other headers every response carries."""

import importlib
import re
import sys

import pytest
from bs4 import BeautifulSoup

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.csp import CSP

from tests.factories import SessionPageFactory, TrackFactory
from tests.test_settings import PRODUCTION_ENV, run


def directives(header):
    """{directive: [values]} of a Content-Security-Policy header."""
    policy = {}
    for part in header.split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


@pytest.fixture
def session(agenda, edition):
    track = TrackFactory(
        edition=edition, name="Wildlife cybercrime", colour="#a3410b", is_featured=True
    )
    return SessionPageFactory(parent=agenda, title="Tracking traffickers online", track=track)


def test_public_page_scripts_carry_the_nonce_of_the_policy(client, session):
    response = client.get(session.url)
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    nonces = {value for value in policy["script-src"] if value.startswith("'nonce-")}
    assert len(nonces) == 1
    nonce = nonces.pop().removeprefix("'nonce-").removesuffix("'")

    page = BeautifulSoup(response.content, "html.parser")
    scripts = page.find_all("script")
    # The structured data and at least one of the site's own scripts (static/js).
    assert any(script.get("type") == "application/ld+json" for script in scripts)
    assert any("/static/js/" in script.get("src", "") for script in scripts)
    assert [script.get("nonce") for script in scripts] == [nonce] * len(scripts)
    for style in page.find_all("style"):
        assert style.get("nonce") == nonce
    # A textual swap of the nonce (the page cache) touches nonce attributes and nothing else.
    text = response.content.decode()
    assert (
        text.count(nonce)
        == text.count(f'nonce="{nonce}"')
        == len(scripts) + len(page.find_all("style"))
    )


def test_public_policy_is_strict(client, edition):
    policy = directives(client.get(edition.url)["Content-Security-Policy"])
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'strict-dynamic'" in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["img-src"][:2] == ["'self'", "data:"]


def test_each_response_has_its_own_nonce(client, session):
    def nonce():
        header = client.get(session.url)["Content-Security-Policy"]
        return re.search(r"'nonce-([^']+)'", header).group(1)

    first, second = nonce(), nonce()
    assert len(first) >= 22
    assert first != second


def test_track_colours_come_from_a_style_element_not_style_attributes(
    client, session, agenda, edition
):
    for url in [session.url, agenda.url, edition.url]:
        page = BeautifulSoup(client.get(url).content, "html.parser")
        assert page.find_all(style=True) == []
        assert page.find(attrs={"data-track-colour": "#a3410b"}), url
    page = BeautifulSoup(client.get(session.url).content, "html.parser")
    assert page.find("article", attrs={"data-track-colour": "#a3410b"})
    styles = " ".join(style.get_text() for style in page.find_all("style"))
    assert '[data-track-colour="#a3410b"]{--track-colour:#a3410b}' in styles


def test_the_plain_error_page_is_styled_only_by_the_sites_stylesheet():
    """Rendered without a request, so without a nonce: no inline style the policy would refuse."""
    page = BeautifulSoup(
        render_to_string("errors/plain.html", {"title": "Oops", "text": "Sorry."}), "html.parser"
    )
    assert page.find_all("style") == [] and page.find_all(style=True) == []
    (stylesheet,) = page.select('link[rel="stylesheet"]')
    assert stylesheet["href"].startswith("/static/css/site")
    assert CSP.SELF in settings.SECURE_CSP["style-src"]


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/django-admin/"])
def test_admins_get_the_relaxed_policy(admin_client, edition, path):
    response = admin_client.get(path)
    assert response.status_code == 200
    # Plain strings, as WSGI servers require of header names.
    assert all(type(name) is str for name in response.headers)
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-inline'" in policy["style-src"]
    # A nonce would make browsers ignore 'unsafe-inline'.
    assert not any(value.startswith("'nonce-") for value in policy["script-src"])
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_page_preview_gets_the_admin_policy(admin_client, edition):
    response = admin_client.get(f"/admin/pages/{edition.pk}/view_draft/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    # The public page beside it keeps the strict one.
    public = admin_client.get(edition.url)["Content-Security-Policy"]
    assert "'unsafe-inline'" not in public


def test_editors_see_the_userbar_scripts_with_the_nonce(admin_client, edition):
    response = admin_client.get(edition.url)
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    page = BeautifulSoup(response.content, "html.parser")
    userbar_scripts = [s for s in page.find_all("script") if "wagtailadmin" in s.get("src", "")]
    assert userbar_scripts
    assert {script.get("nonce") for script in userbar_scripts} == {nonce}


def test_other_security_headers(client, edition):
    response = client.get(edition.url)
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    permissions = dict(
        item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
    )
    for feature in ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]:
        assert permissions[feature] == "()"


def test_not_found_page_has_the_public_policy(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "'strict-dynamic'" in response["Content-Security-Policy"]
    assert "Permissions-Policy" in response


@pytest.mark.parametrize(
    ("variable", "value", "origin"),
    [
        ("DJANGO_MEDIA_ORIGIN", "https://media.example.org", "https://media.example.org"),
        ("AWS_S3_CUSTOM_DOMAIN", "cdn.example.org", "https://cdn.example.org"),
        ("AWS_S3_ENDPOINT_URL", "https://s3.example.org:9000/", "https://s3.example.org:9000"),
    ],
)
def test_media_origin_is_allowed_for_images(monkeypatch, variable, value, origin):
    import config.settings.base as base

    for name in ["DJANGO_MEDIA_ORIGIN", "AWS_S3_CUSTOM_DOMAIN", "AWS_S3_ENDPOINT_URL"]:
        monkeypatch.delenv(name, raising=False)
    assert importlib.reload(base).MEDIA_ORIGINS == []
    monkeypatch.setenv(variable, value)
    try:
        reloaded = importlib.reload(base)
        assert reloaded.SECURE_CSP["img-src"] == ["'self'", "data:", origin]
        assert origin in reloaded.SECURE_CSP_ADMIN["img-src"]
    finally:
        monkeypatch.delenv(variable)
        importlib.reload(base)


def test_production_upgrades_insecure_requests():
    result = run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; "
            "print(settings.SECURE_CSP['upgrade-insecure-requests'], "
            "settings.SECURE_CSP_ADMIN['upgrade-insecure-requests'], "
            "settings.SECURE_CSP['script-src'][0])",
        ],
        PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "<CSP_NONCE_SENTINEL>"]
