"""Every public page type of the demo site, checked with axe-core and from the keyboard."""

import pytest

from tests.browser.checks import (
    axe_report,
    axe_violations,
    focus_is_visible,
    heading_outline,
    run_check,
    skipped_levels,
)
from tests.browser.demo import PAGE_TYPES, open_page_type

SCHEMES = ["light", "dark"]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_axe_violations(page, demo_pages, page_type, scheme):
    page.emulate_media(color_scheme=scheme)
    open_page_type(page, demo_pages, page_type)

    violations = axe_violations(page)

    assert not violations, (
        f"axe-core found {len(violations)} kinds of violation on the {page_type} page "
        f"({scheme} colour scheme, {page.url}):\n{axe_report(violations)}"
    )


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_landmarks(page, demo_pages, page_type):
    open_page_type(page, demo_pages, page_type)

    landmarks = run_check(page, "landmarks")

    assert landmarks["main"] == 1, landmarks
    assert landmarks["banner"] == 1, landmarks
    assert landmarks["navigation"] >= 1, landmarks
    assert landmarks["contentinfo"] == 1, landmarks


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_one_h1_and_no_skipped_heading_levels(page, demo_pages, page_type):
    open_page_type(page, demo_pages, page_type)

    headings = run_check(page, "headings")

    outline = f"The headings of the {page_type} page ({page.url}):\n{heading_outline(headings)}"
    assert [heading["level"] for heading in headings].count(1) == 1, outline
    skipped = skipped_levels(headings)
    assert not skipped, f"{outline}\nSkipped a level: {[h['text'] for h in skipped]}"


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, demo_pages):
    open_page_type(page, demo_pages, "agenda")

    page.keyboard.press("Tab")
    skip_link = run_check(page, "focused")
    assert (skip_link["tag"], skip_link["href"]) == ("a", "#main"), skip_link
    assert skip_link["text"] == "Skip to content", skip_link
    assert skip_link["inViewport"], f"The focused skip link is not on screen: {skip_link}"

    page.keyboard.press("Enter")
    assert run_check(page, "focused")["tag"] == "main"


@pytest.mark.parametrize("page_type", ["agenda", "registration", "manage-registration"])
def test_every_tab_stop_shows_focus(page, demo_pages, page_type):
    """Tab through the whole page: each focused element has an outline or a box shadow."""
    open_page_type(page, demo_pages, page_type)

    stops, unmarked = 0, []
    while stops < 2000:
        page.keyboard.press("Tab")
        focused = run_check(page, "focused")
        if focused["isBody"]:
            break  # Past the last tab stop.
        stops += 1
        if not focus_is_visible(focused):
            unmarked.append(focused)

    assert stops > 10, f"Only {stops} tab stops on the {page_type} page"
    assert not unmarked, (
        f"{len(unmarked)} of {stops} tab stops on the {page_type} page show no focus "
        "(no outline, no box shadow):\n"
        + "\n".join(f"  - {f['selector']}\n    {f['html']}" for f in unmarked)
    )
