"""The header's main navigation: a Menu button on phones that works without JavaScript, the
links inline on wide screens; in both schemes, by keyboard, axe-clean, with big targets."""

import pytest
from playwright.sync_api import expect

from tests.browser.checks import (
    MINIMUM_TARGET,
    axe_report,
    axe_violations,
    element_report,
    focus_is_visible,
    run_check,
)
from tests.browser.demo import visit

PHONE = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 800}


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def phone(request, browser):
    """A 360 px wide page in a browser with JavaScript on, then with it off."""
    context = browser.new_context(
        viewport=PHONE, java_script_enabled=request.param, locale="en-GB"
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def menu_button(page):
    return page.locator("header .site-menu > summary")


def main_links(page):
    return page.get_by_role("navigation", name="Main").get_by_role("link")


def box(locator):
    return locator.bounding_box()


def assert_no_axe_violations(page, what):
    violations = axe_violations(page)
    assert not violations, f"axe-core on {what} ({page.url}):\n{axe_report(violations)}"


def test_on_a_phone_the_header_is_one_row_with_a_menu_button(phone, demo_site):
    visit(phone, demo_site.url("/"))

    brand, button = box(phone.locator(".site-header__brand")), box(menu_button(phone))
    assert (
        button["y"] < brand["y"] + brand["height"] and brand["y"] < button["y"] + button["height"]
    )
    assert button["x"] > brand["x"] + brand["width"]
    assert button["x"] + button["width"] <= PHONE["width"]
    assert box(phone.locator(".site-header__inner"))["height"] < 80
    expect(menu_button(phone)).to_have_text("Menu")
    expect(phone.get_by_role("navigation", name="Main")).to_be_hidden()


def test_on_a_phone_the_menu_button_shows_the_links_without_javascript_too(phone, demo_site):
    visit(phone, demo_site.url("/"))

    menu_button(phone).click()

    links = main_links(phone)
    expect(links.filter(has_text="Agenda")).to_be_visible()
    expect(links.filter(has_text="Search")).to_be_visible()
    assert links.count() >= 5
    for link in links.all():
        expect(link).to_be_visible()
        assert box(link)["x"] + box(link)["width"] <= PHONE["width"]
    # One link a row, each as tall as a finger.
    tops = [box(link)["y"] for link in links.all()]
    assert tops == sorted(set(tops))
    links.filter(has_text="Agenda").first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Agenda")
    expect(phone.get_by_role("navigation", name="Main")).to_be_hidden()


def test_on_a_phone_the_menu_opens_and_closes_by_keyboard(page, demo_site):
    page.set_viewport_size(PHONE)
    visit(page, demo_site.url("/"))

    for _ in range(5):
        page.keyboard.press("Tab")
        if run_check(page, "focused")["tag"] == "summary":
            break
    focused = run_check(page, "focused")
    assert focused["tag"] == "summary", f"Tab never reached the Menu button: {focused}"
    assert focus_is_visible(focused), focused

    page.keyboard.press("Enter")
    expect(main_links(page).first).to_be_visible()
    page.keyboard.press("Tab")
    assert run_check(page, "focused")["text"] == main_links(page).first.inner_text()

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_menu_is_axe_clean_with_big_targets(page, demo_site, screenshot, scheme):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size(PHONE)
    visit(page, demo_site.url("/"))
    assert_no_axe_violations(page, f"the closed menu, {scheme}")

    menu_button(page).click()
    screenshot(f"header-menu-360-open-{scheme}")

    assert_no_axe_violations(page, f"the open menu, {scheme}")
    small = run_check(page, "smallTargets", MINIMUM_TARGET)
    small = [element for element in small if not element["inSentence"]]
    assert not small, f"Targets under {MINIMUM_TARGET} px:\n{element_report(small)}"
    result = run_check(page, "outsideViewport")
    assert result["scrollWidth"] <= PHONE["width"], element_report(result["elements"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_wide_screen_the_links_are_inline_without_a_menu_button(
    page, demo_site, screenshot, scheme
):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size(WIDE)
    visit(page, demo_site.url("/"))

    expect(menu_button(page)).to_be_hidden()
    links = main_links(page)
    assert links.count() >= 5
    for link in links.all():
        expect(link).to_be_visible()
    tops = {round(box(link)["y"]) for link in links.all()}
    assert len(tops) == 1, f"The links wrap onto {len(tops)} rows"
    brand = box(page.locator(".site-header__brand"))
    assert abs(box(links.first)["y"] - brand["y"]) < brand["height"]
    screenshot(f"header-1280-{scheme}")
    assert_no_axe_violations(page, f"the wide header, {scheme}")
    small = run_check(page, "smallTargets", MINIMUM_TARGET)
    small = [element for element in small if not element["inSentence"]]
    assert not small, f"Targets under {MINIMUM_TARGET} px:\n{element_report(small)}"


def test_on_a_wide_screen_the_links_show_with_javascript_off(browser, demo_site):
    context = browser.new_context(viewport=WIDE, java_script_enabled=False, locale="en-GB")
    try:
        page = context.new_page()
        visit(page, demo_site.url("/"))
        expect(menu_button(page)).to_be_hidden()
        expect(main_links(page).filter(has_text="Agenda")).to_be_visible()
    finally:
        context.close()
