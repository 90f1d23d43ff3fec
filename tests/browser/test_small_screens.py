"""Every public page type of the demo site on a 360 px wide phone, and screenshots of each."""

import pytest

from tests.browser.checks import MINIMUM_TARGET, element_report, run_check
from tests.browser.demo import PAGE_TYPES, open_page_type

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def open_on_phone(page, demo_pages, page_type):
    page.set_viewport_size(PHONE)
    open_page_type(page, demo_pages, page_type)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_nothing_sticks_out_sideways(page, demo_pages, page_type):
    open_on_phone(page, demo_pages, page_type)

    result = run_check(page, "outsideViewport")

    assert result["scrollWidth"] <= result["innerWidth"], (
        f"The {page_type} page scrolls sideways at 360 px: it is {result['scrollWidth']} px wide"
        f"\n{element_report(result['elements'])}"
    )
    assert not result["elements"], (
        f"On the {page_type} page at 360 px, these stick out of the viewport or are cut off:\n"
        f"{element_report(result['elements'])}"
    )


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_targets_are_big_enough_to_tap(page, demo_pages, page_type):
    """WCAG 2.5.8: 24 by 24 CSS px at least, but for links in a sentence (reported only)."""
    open_on_phone(page, demo_pages, page_type)

    small = run_check(page, "smallTargets", MINIMUM_TARGET)

    def exemption(element):
        return ", in a sentence: exempt" if element["inSentence"] else ""

    report = (
        f"Targets smaller than {MINIMUM_TARGET}×{MINIMUM_TARGET} px on the {page_type} page "
        f"at 360 px:\n{element_report(small, exemption)}"
    )
    assert all(element["inSentence"] for element in small), report
    if small:
        print(report)  # The exempt ones, for the record (pytest -rP shows them).


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_screenshots(page, demo_pages, screenshot, page_type, scheme):
    """Full-page screenshots in test-artifacts/screenshots/, for people to look at."""
    page.emulate_media(color_scheme=scheme)
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        open_page_type(page, demo_pages, page_type)
        screenshot(f"{page_type}-{viewport['width']}-{scheme}")
