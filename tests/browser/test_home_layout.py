"""The home page's keynote row and featured track fill their space on a desktop and a phone."""

import pytest

from tests.browser.checks import axe_report, axe_violations, element_report, run_check
from tests.browser.demo import open_page_type

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}

# The boxes of the keynote cards and of the row that holds them, in CSS pixels.
KEYNOTE_BOXES = """() => {
    const row = document.querySelector(".keynotes .speaker-grid");
    const box = element => {
        const r = element.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, width: r.width, height: r.height};
    };
    return {row: box(row), cards: [...row.children].map(box)};
}"""

# Leaves `count` keynote cards in the row, copying the first if there are too few.
SET_KEYNOTE_COUNT = """count => {
    const row = document.querySelector(".keynotes .speaker-grid");
    while (row.children.length > count) row.lastElementChild.remove();
    while (row.children.length < count) row.append(row.firstElementChild.cloneNode(true));
}"""


def keynote_layout(page):
    layout = page.evaluate(KEYNOTE_BOXES)
    cards = layout["cards"]
    rows = sorted({round(card["top"]) for card in cards})
    first_row = [card for card in cards if round(card["top"]) == rows[0]]
    filled = sum(card["width"] for card in first_row) / layout["row"]["width"]
    return {"cards": cards, "rows": len(rows), "per_row": len(first_row), "filled": filled}


def open_home(page, demo_pages, viewport):
    page.set_viewport_size(viewport)
    open_page_type(page, demo_pages, "home")


def test_home_keynote_cards_fill_the_row_at_1280(page, demo_pages):
    open_home(page, demo_pages, DESKTOP)

    layout = keynote_layout(page)

    assert len(layout["cards"]) >= 2, "the demo has at least two keynote speakers"
    assert layout["rows"] == 1, layout
    assert layout["filled"] >= 0.9, layout


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_home_keynote_row_adapts_to_one_to_four_keynotes_at_1280(page, demo_pages, count):
    open_home(page, demo_pages, DESKTOP)
    page.evaluate(SET_KEYNOTE_COUNT, count)

    layout = keynote_layout(page)

    assert (layout["rows"], layout["per_row"]) == (1, count), layout
    assert layout["filled"] >= 0.9, layout
    # One or two keynotes: wide cards, the portrait beside the name rather than above it.
    photo, name = (
        page.locator(".keynotes .speaker-card").first.locator(selector).bounding_box()
        for selector in (".speaker-card__photo", ".speaker-card__name")
    )
    if count <= 2:
        assert name["x"] >= photo["x"] + photo["width"], (photo, name)
    else:
        assert name["y"] >= photo["y"] + photo["height"], (photo, name)


def test_home_keynotes_are_one_column_at_360(page, demo_pages):
    open_home(page, demo_pages, PHONE)

    layout = keynote_layout(page)

    assert layout["rows"] == len(layout["cards"]) and layout["per_row"] == 1, layout
    assert layout["filled"] >= 0.95, layout


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "360"])
def test_home_featured_track_spans_the_page_with_readable_lines(page, demo_pages, viewport):
    open_home(page, demo_pages, viewport)

    track = page.locator(".featured-track").first.bounding_box()
    keynotes = page.locator(".keynotes .speaker-grid").bounding_box()
    strapline = page.locator(".featured-track > h2 + p").first.bounding_box()
    font_size = page.locator(".featured-track > h2 + p").first.evaluate(
        "element => parseFloat(getComputedStyle(element).fontSize)"
    )

    # As wide as the keynote row below it, and no line of its text longer than about 80
    # characters (a character is about half the font size wide).
    assert abs(track["width"] - keynotes["width"]) <= 2, (track, keynotes)
    assert strapline["width"] <= font_size * 0.5 * 80, (strapline, font_size)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "360"])
def test_home_page_does_not_scroll_sideways(page, demo_pages, viewport):
    open_home(page, demo_pages, viewport)

    result = run_check(page, "outsideViewport")

    assert result["scrollWidth"] <= result["innerWidth"], element_report(result["elements"])
    assert not result["elements"], element_report(result["elements"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "360"])
def test_home_page_layout_has_no_axe_violations(page, demo_pages, viewport, scheme):
    page.emulate_media(color_scheme=scheme)
    open_home(page, demo_pages, viewport)

    violations = axe_violations(page)

    assert not violations, axe_report(violations)


def test_home_partner_logos_and_keynote_portraits_have_alt_text(page, demo_pages):
    open_home(page, demo_pages, DESKTOP)

    partners = page.locator(".partner img")
    portraits = page.locator(".keynotes .speaker-card__photo")

    assert partners.count() >= 5
    for logo in partners.all():
        alt = logo.get_attribute("alt")
        assert alt and alt.strip(), logo.evaluate("element => element.outerHTML")
    for portrait in portraits.all():
        assert portrait.get_attribute("alt").startswith(("Illustrated portrait", "Illustration"))


# Each figure's image and the figure, in CSS pixels, once the images have loaded.
FIGURE_WIDTHS = """() => [...document.querySelectorAll("figure.figure")].map(figure => ({
    figure: figure.getBoundingClientRect().width,
    image: figure.querySelector("img").getBoundingClientRect().width,
}))"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "360"])
def test_the_venue_illustration_fills_its_column(page, demo_pages, viewport):
    page.set_viewport_size(viewport)
    open_page_type(page, demo_pages, "home")
    page.get_by_role("link", name="Venue and travel", exact=True).first.click()
    page.wait_for_load_state()

    figures = page.evaluate(FIGURE_WIDTHS)

    assert figures, "the venue page shows its illustration"
    for figure in figures:
        assert figure["image"] >= figure["figure"] - 1, figures
