"""The demo agenda as a timetable on wide screens and a list elsewhere, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.checks import axe_report, axe_violations
from tests.browser.demo import visit

# Two sessions of the demo's first morning, side by side in two rooms.
HALL = "Marketplaces on the front line: can platforms stop wildlife adverts?"
RIVERSIDE = "Ivory after the ban: lessons from the UK ivory surrender"
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 360, "height": 800}


def session_box(page, title):
    item = page.locator("li.session").filter(has=page.get_by_role("link", name=title, exact=True))
    return item.bounding_box()


def side_by_side(page):
    hall, riverside = session_box(page, HALL), session_box(page, RIVERSIDE)
    return abs(hall["y"] - riverside["y"]) < 1 and riverside["x"] > hall["x"] + hall["width"] / 2


def stacked(page):
    hall, riverside = session_box(page, HALL), session_box(page, RIVERSIDE)
    return hall["x"] == riverside["x"] and riverside["y"] >= hall["y"] + hall["height"]


@pytest.fixture
def wide(page):
    page.set_viewport_size(WIDE)
    return page


def test_parallel_sessions_share_a_row_on_wide_screens(wide, demo_pages, screenshot):
    visit(wide, demo_pages["agenda"])
    assert side_by_side(wide)
    expect(wide.get_by_role("navigation", name="Agenda view")).to_be_visible()
    screenshot("agenda-timetable")


def test_narrow_screens_show_the_list_without_a_switch(page, demo_pages):
    page.set_viewport_size(NARROW)
    visit(page, demo_pages["agenda"])
    assert stacked(page)
    expect(page.get_by_role("navigation", name="Agenda view")).to_be_hidden()
    expect(page.locator(".timetable__room").first).to_be_hidden()


def test_printing_shows_the_list(wide, demo_pages):
    visit(wide, demo_pages["agenda"])
    wide.emulate_media(media="print")
    assert stacked(wide)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("view", ["timetable", "list"])
def test_no_axe_violations_in_either_view(wide, demo_pages, view, scheme):
    wide.emulate_media(color_scheme=scheme)
    visit(wide, f"{demo_pages['agenda']}?view={view}")
    assert side_by_side(wide) == (view == "timetable")

    violations = axe_violations(wide)

    assert not violations, (
        f"axe-core found {len(violations)} kinds of violation in the agenda's {view} view "
        f"({scheme} colour scheme):\n{axe_report(violations)}"
    )


def test_tab_order_follows_time_then_room(wide, demo_pages):
    visit(wide, demo_pages["agenda"])
    first_day = wide.locator(".agenda-day").first
    links = first_day.locator(".session__title a")
    expected = links.all_inner_texts()
    links.first.focus()
    reached = []
    for _ in range(500):
        focused = wide.evaluate(
            """() => {
                const element = document.activeElement;
                const day = element.closest(".agenda-day");
                if (!day || day !== document.querySelector(".agenda-day")) return null;
                if (!element.matches(".session__title a")) return {};
                const box = element.closest("li.session").getBoundingClientRect();
                return {title: element.textContent, top: box.top + scrollY, left: box.left};
            }"""
        )
        if focused is None:
            break
        if focused:
            reached.append(focused)
        wide.keyboard.press("Tab")
    assert [link["title"] for link in reached] == expected
    assert HALL in expected
    # On screen too: each next session starts lower, or at the same time further right.
    for before, after in zip(reached, reached[1:], strict=False):
        assert after["top"] > before["top"] or (
            abs(after["top"] - before["top"]) < 1 and after["left"] > before["left"]
        ), (before, after)


def test_the_switch_works_without_javascript(browser, demo_pages):
    context = browser.new_context(viewport=WIDE, locale="en-GB", java_script_enabled=False)
    try:
        page = context.new_page()
        visit(page, demo_pages["agenda"])
        switch = page.get_by_role("navigation", name="Agenda view")
        switch.get_by_role("link", name="List").click()
        expect(page).to_have_url(re.compile(r"view=list"))
        assert stacked(page)
        # A filter keeps the chosen view.
        page.get_by_role("navigation", name="Days").get_by_role("link").nth(1).click()
        expect(page).to_have_url(re.compile(r"day=.*view=list"))
        assert page.locator(".agenda--list").count() == 1
        switch.get_by_role("link", name="Timetable").click()
        expect(page).to_have_url(re.compile(r"view=timetable"))
        visit(page, demo_pages["agenda"] + "?view=timetable")
        assert side_by_side(page)
    finally:
        context.close()


def test_the_switch_is_remembered_with_javascript(wide, demo_pages):
    visit(wide, demo_pages["agenda"])
    switch = wide.get_by_role("navigation", name="Agenda view")
    switch.get_by_role("link", name="List").click()
    expect(wide.locator(".agenda--list")).to_have_count(1)
    assert stacked(wide)
    expect(switch.get_by_role("link", name="List")).to_have_attribute("aria-current", "true")

    # A later visit, without ?view=, gets the list at once.
    visit(wide, demo_pages["agenda"])
    expect(wide.locator(".agenda--list")).to_have_count(1)
    assert stacked(wide)
    wide.reload()
    assert stacked(wide)

    switch.get_by_role("link", name="Timetable").click()
    assert side_by_side(wide)
    visit(wide, demo_pages["agenda"])
    assert side_by_side(wide)
