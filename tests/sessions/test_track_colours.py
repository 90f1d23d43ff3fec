"""New tracks get distinct colours that read against the page in both themes."""

import re
from pathlib import Path

import pytest

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from sessions.exchange.importers import parse_file
from sessions.exchange.programme_import import import_programme
from sessions.models import Track
from sessions.palette import BACKGROUNDS, PALETTE
from tests.factories import ConferencePageFactory, TrackFactory

SITE_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "site.css"


def luminance(colour):
    def linear(channel):
        value = int(channel, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(colour[index : index + 2]) for index in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    """WCAG 2's contrast ratio, computed here apart from the code under test."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def page_backgrounds():
    """--bg and --surface of the light theme (:root) and the dark (prefers-color-scheme)."""
    css = SITE_CSS.read_text()
    light = css[: css.index("@media (prefers-color-scheme: dark)")]
    dark = css[css.index("@media (prefers-color-scheme: dark)") :]
    found = []
    for scheme in (light, dark):
        for name in ("--bg", "--surface"):
            found.append(re.search(rf"{name}:\s*(#[0-9a-fA-F]{{6}})", scheme).group(1).lower())
    return found


def test_the_backgrounds_checked_are_the_site_themes():
    assert sorted(page_backgrounds()) == sorted(BACKGROUNDS)


def test_the_palette_reads_against_both_themes():
    assert len(set(PALETTE)) == len(PALETTE) >= 10
    for colour in PALETTE:
        for background in page_backgrounds():
            assert contrast(colour, background) >= 3, (colour, background)


def test_fifteen_new_tracks_get_fifteen_readable_colours(db):
    edition = ConferencePageFactory()
    tracks = [
        Track.objects.create(edition=edition, name=f"Track {n}", slug=f"track-{n}")
        for n in range(15)
    ]
    colours = [track.colour for track in tracks]
    assert len(set(colours)) == 15
    assert colours[: len(PALETTE)] == list(PALETTE)
    for colour in colours:
        assert re.fullmatch(r"#[0-9a-f]{6}", colour)
        for background in page_backgrounds():
            assert contrast(colour, background) >= 3, (colour, background)


def test_each_edition_starts_the_palette_again(db):
    first, second = ConferencePageFactory(slug="first"), ConferencePageFactory(slug="second")
    TrackFactory(edition=first, colour="")
    assert TrackFactory(edition=second, colour="").colour == PALETTE[0]


def test_a_new_track_skips_colours_the_edition_already_uses(db):
    edition = ConferencePageFactory()
    TrackFactory(edition=edition, colour=PALETTE[0].upper())
    assert TrackFactory(edition=edition, colour="").colour == PALETTE[1]


def test_an_organisers_chosen_colour_is_kept(db):
    edition = ConferencePageFactory()
    chosen = TrackFactory(edition=edition, colour="#7a1f5c")
    chosen.name = "Renamed"
    chosen.save()
    chosen.refresh_from_db()
    assert chosen.colour == "#7a1f5c"


def test_the_admin_gives_a_track_left_without_a_colour_the_next_one(admin_client, edition):
    TrackFactory(edition=edition, colour=PALETTE[0])
    url = reverse("wagtailsnippets_agenda_track:add")
    data = nested_form_data(
        {
            "edition": edition.pk,
            "name": "Closing ivory markets",
            "slug": "ivory",
            "colour": "",
            "strapline": "",
            "description": rich_text(""),
            "key_facts": streamfield([]),
            "sort_order": 0,
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    assert Track.objects.get(slug="ivory").colour == PALETTE[1]


CSV = b"""id,title,date,start,end,kind,room,track
S1,Opening,2027-10-11,09:00,10:00,keynote,Main Hall,Wildlife cybercrime
S2,Ivory after the ban,2027-10-11,10:00,11:00,talk,Main Hall,Closing ivory markets
S3,Communities,2027-10-11,11:00,12:00,talk,Main Hall,Community conservation
S4,Adverts,2027-10-11,12:00,13:00,talk,Main Hall,wildlife cybercrime
"""


@pytest.mark.slow
def test_an_import_of_three_tracks_gives_three_colours(edition, agenda):
    report = import_programme(edition=edition, parsed=parse_file(CSV, "programme.csv"))
    assert not report.rejected
    colours = dict(Track.objects.filter(edition=edition).values_list("name", "colour"))
    assert sorted(colours) == [
        "Closing ivory markets",
        "Community conservation",
        "Wildlife cybercrime",
    ]
    assert len(set(colours.values())) == 3
    assert set(colours.values()) <= set(PALETTE)
