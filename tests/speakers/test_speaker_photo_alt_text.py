"""A speaker's photo needs alt text: the Wagtail image's description."""

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import querydict_from_html

from speakers.models import Speaker

ADD_URL = "wagtailsnippets_speakers_speaker:add"


@pytest.fixture
def organiser_client(client, db):
    user = get_user_model().objects.create_superuser("organiser", "organiser@example.com", "pw")
    client.force_login(user)
    return client


def portrait(description):
    return get_image_model().objects.create(
        title="Portrait", description=description, file=get_test_image_file()
    )


def add_speaker(client, **fields):
    """Post the add form as drawn, its StreamField of links empty (script draws it)."""
    url = reverse(ADD_URL)
    data = querydict_from_html(client.get(url).content, form_id="w-editor-form")
    data.update({"links-count": "0", **fields})
    return client.post(url, data)


def photo_errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    panel = soup.find(attrs={"data-contentpath": "photo"})
    return " ".join(error.get_text(" ", strip=True) for error in panel.select(".error-message"))


@pytest.mark.parametrize("description", ["", "   "])
def test_speaker_photo_without_alt_text_is_refused_with_the_fix(organiser_client, description):
    photo = portrait(description)
    response = add_speaker(
        organiser_client, name="Tania McCrea-Steele", slug="tania", photo=str(photo.pk)
    )

    assert response.status_code == 200
    assert photo_errors(response) == (
        "The image “Portrait” has no description, which is its alt text for people who cannot "
        "see it. Edit the image, describe what it shows (for example “Portrait of Tania "
        "McCrea-Steele”), then save the speaker again; or choose another image."
    )
    assert not Speaker.objects.filter(slug="tania").exists()


def test_speaker_photo_with_alt_text_is_saved(organiser_client):
    photo = portrait("Portrait of Tania McCrea-Steele")
    response = add_speaker(
        organiser_client, name="Tania McCrea-Steele", slug="tania", photo=str(photo.pk)
    )

    assert response.status_code == 302
    assert Speaker.objects.get(slug="tania").photo.description == "Portrait of Tania McCrea-Steele"


def test_speaker_without_a_photo_needs_no_alt_text(organiser_client):
    response = add_speaker(organiser_client, name="Omar Haddad", slug="omar")

    assert response.status_code == 302
    assert Speaker.objects.get(slug="omar").photo is None
