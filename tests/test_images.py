"""Images reach visitors as WebP renditions sized for the screen, and wait when out of view."""

from datetime import UTC, datetime
from io import BytesIO
from unittest import mock

import pytest
from PIL import Image as PILImage

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from conference.models import ConferencePartner
from tests.factories import (
    ContentPageFactory,
    OrganisationFactory,
    SessionPageFactory,
    SpeakerFactory,
    london,
)
from tests.pages import soup


@pytest.fixture(autouse=True)
def summer_2027():
    """Today is 1 June 2027, so the 2027 edition lies ahead and the home page presents it."""
    with mock.patch("django.utils.timezone.now", return_value=datetime(2027, 6, 1, tzinfo=UTC)):
        yield


def make_image(title, size, description=""):
    buffer = BytesIO()
    PILImage.new("RGB", size, "#1d4e89").save(buffer, format="PNG")
    image = get_image_model()(
        title=title,
        description=description,
        file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.png"),
    )
    image.save()
    return image


def photo_of(name):
    return make_image(name, (600, 600), description=f"Portrait of {name}")


@pytest.fixture
def demo_like(edition, agenda, speakers_page):
    """The edition as the demo builds it: a hero image, a keynote speaker and a partner logo."""
    edition.hero_image = make_image("Hero", (1600, 600))
    edition.partners = [
        ConferencePartner(
            organisation=OrganisationFactory(
                name="IFAW", logo=make_image("IFAW logo", (600, 300))
            ),
            tier="headline",
        )
    ]
    edition.save_revision().publish()
    keynote = SpeakerFactory(name="Tania McCrea-Steele", photo=photo_of("Tania McCrea-Steele"))
    session = SessionPageFactory(
        parent=agenda,
        title="Wildlife cybercrime keynote",
        kind="keynote",
        speakers=[keynote],
        start=london(2027, 10, 11, 9),
        end=london(2027, 10, 11, 10),
    )
    return {"edition": edition, "keynote": keynote, "session": session}


def described(img):
    """What a visitor's browser is told about an <img>, with each attribute's default filled in."""
    candidates = [candidate.split() for candidate in img["srcset"].split(",")]
    urls = [img["src"], *(url for url, _ in candidates)]
    return {
        "srcset widths": [int(width.removesuffix("w")) for _, width in candidates],
        "sizes": img["sizes"],
        "width x height": f"{img['width']}x{img['height']}",
        "alt": img["alt"],
        "loading": img.get("loading", "eager"),
        "decoding": img.get("decoding", "auto"),
        "fetchpriority": img.get("fetchpriority", "auto"),
        "webp renditions": all(
            url.startswith("/media/images/") and url.endswith(".webp") for url in urls
        ),
    }


EAGER = {"loading": "eager", "decoding": "auto", "fetchpriority": "auto"}
FIRST = EAGER | {"fetchpriority": "high"}
LAZY = {"loading": "lazy", "decoding": "async", "fetchpriority": "auto"}


def webp(widths, sizes, size, alt):
    """How `described` reads an image offered as WebP renditions of these widths."""
    return {
        "srcset widths": widths,
        "sizes": sizes,
        "width x height": size,
        "alt": alt,
        "webp renditions": True,
    }


CARD_PHOTO = webp([128, 256], "128px", "128x128", "Portrait of Tania McCrea-Steele")


@pytest.mark.slow
def test_hero_is_a_wide_webp_srcset_fetched_first(client, demo_like):
    hero = soup(client.get("/")).select_one("img.hero__image")
    assert described(hero) == FIRST | webp([480, 800, 1200, 1600], "100vw", "480x180", "")


@pytest.mark.slow
def test_keynote_photo_and_partner_logo_wait_until_scrolled_to(client, demo_like):
    page = soup(client.get(demo_like["edition"].url))
    assert described(page.select_one(".keynotes img.speaker-card__photo")) == CARD_PHOTO | LAZY
    logo = page.select_one(".partner-list img")
    assert described(logo) == LAZY | webp([240, 480], "240px", "240x120", "IFAW")


@pytest.mark.slow
def test_speakers_index_loads_the_first_row_of_photos_at_once(client, demo_like, agenda):
    others = [
        SpeakerFactory(name=f"Speaker {n}", photo=photo_of("Tania McCrea-Steele"))
        for n in range(5)
    ]
    SessionPageFactory(parent=agenda, speakers=others)
    photos = soup(client.get("/iwt-2027/speakers/")).select(".speaker-card__photo")
    first_row, later = CARD_PHOTO | EAGER, CARD_PHOTO | LAZY
    assert [described(photo) for photo in photos] == [first_row] * 4 + [later] * 2


@pytest.mark.slow
def test_speaker_page_photo_is_fetched_first(client, demo_like):
    page = soup(client.get("/iwt-2027/speakers/tania-mccrea-steele/"))
    photo = page.select_one("img.speaker-page__photo")
    alt = "Portrait of Tania McCrea-Steele"
    assert described(photo) == FIRST | webp([160, 320], "160px", "160x160", alt)


@pytest.mark.slow
def test_session_speaker_photos_wait_until_scrolled_to(client, demo_like):
    page = soup(client.get(demo_like["session"].url))
    assert described(page.select_one(".speaker-card__photo")) == CARD_PHOTO | LAZY


def test_a_figure_opening_the_body_loads_at_once_and_later_ones_wait(client, edition):
    venue = make_image("Venue", (1200, 675), description="The venue")
    figure = {"image": {"image": venue, "decorative": False, "alt_text": "Evolution"}}
    ContentPageFactory(
        parent=edition,
        title="Venue and travel",
        body=[("figure", figure), ("rich_text", "<p>Getting there</p>"), ("figure", figure)],
    )
    images = soup(client.get("/iwt-2027/venue-and-travel/")).select("figure.figure img")
    sizes = "(min-width: 72rem) 70rem, calc(100vw - 2rem)"
    expected = webp([480, 800, 1200], sizes, "480x270", "Evolution")
    assert [described(img) for img in images] == [expected | EAGER, expected | LAZY]
