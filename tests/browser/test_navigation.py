"""Getting around the demo site by its links: menus, breadcrumbs, the agenda's days and filters."""

import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.demo import link_url, visit

DAY_HEADING = re.compile(r"^(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \d{1,2} [A-Z][a-z]+")


def h1(page):
    return page.get_by_role("heading", level=1)


def breadcrumbs(page):
    """[(text, address)] of the breadcrumb trail."""
    links = page.get_by_role("navigation", name="Breadcrumb").get_by_role("link")
    return [(link.inner_text(), link_url(link)) for link in links.all()]


def click_breadcrumb(page, name):
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=name).click()


def day_headings(page):
    return page.get_by_role("heading", name=DAY_HEADING).all_inner_texts()


def session_links(page):
    """The links of the sessions' titles in the agenda listing, day by day."""
    days = page.get_by_role("region", name=DAY_HEADING)
    return days.get_by_role("heading").get_by_role("link")


def session_urls(page):
    return session_links(page).evaluate_all("links => links.map(link => link.href)")


def session_item(page, title):
    """The list item of the agenda listing that holds this session's link (the innermost)."""
    return (
        page.locator("main li").filter(has=page.get_by_role("link", name=title, exact=True)).last
    )


def main_menu(page):
    """The main navigation, opened first on a phone, where it folds behind a Menu button."""
    button = page.locator("header .site-menu > summary")
    if button.is_visible() and button.locator("xpath=..").get_attribute("open") is None:
        button.click()
    return page.get_by_role("navigation", name="Main")


def test_from_home_to_a_speaker_and_back_by_breadcrumbs(page, demo_pages):
    visit(page, demo_pages["home"])
    main_menu(page).get_by_role("link", name="Agenda", exact=True).click()
    expect(page).to_have_url(demo_pages["agenda"])
    expect(h1(page)).to_have_text("Agenda")

    main_menu(page).get_by_role("link", name="Wildlife cybercrime", exact=True).click()
    expect(page).to_have_url(demo_pages["track"])
    expect(h1(page)).to_have_text("Wildlife cybercrime")
    edition = breadcrumbs(page)[0]
    assert breadcrumbs(page) == [edition, ("Agenda", demo_pages["agenda"])]

    first_session = session_links(page).first
    title = first_session.inner_text()
    first_session.click()
    expect(h1(page)).to_have_text(title)
    session_url = page.url
    assert breadcrumbs(page) == [edition, ("Agenda", demo_pages["agenda"])]
    click_breadcrumb(page, "Agenda")
    expect(page).to_have_url(demo_pages["agenda"])
    page.go_back()
    expect(page).to_have_url(session_url)

    speaker = page.get_by_role("region", name="Speakers").get_by_role("link").first
    name = speaker.inner_text()
    speaker.click()
    expect(h1(page)).to_have_text(name)
    assert breadcrumbs(page) == [edition, ("Speakers", demo_pages["speakers"])]
    click_breadcrumb(page, "Speakers")
    expect(page).to_have_url(demo_pages["speakers"])
    expect(h1(page)).to_have_text("Speakers")
    click_breadcrumb(page, edition[0])
    expect(page).to_have_url(demo_pages["edition"])
    expect(h1(page)).to_contain_text(edition[0])


def test_day_tabs_are_links_that_show_one_day_each(page, demo_pages):
    agenda = demo_pages["agenda"]
    visit(page, agenda)
    every_session = session_urls(page)
    all_days = day_headings(page)
    tabs = page.get_by_role("navigation", name="Days").get_by_role("link")
    expect(tabs.filter(has_text="All days")).to_have_attribute("aria-current", "page")
    day_tabs = [(tab.inner_text(), link_url(tab)) for tab in tabs.all() if "day=" in link_url(tab)]
    assert len(day_tabs) == len(all_days) == 2, (day_tabs, all_days)

    sessions_by_day = []
    for label, url in day_tabs:
        (day,) = parse_qs(urlsplit(url).query)["day"]
        day = date.fromisoformat(day)
        tab = page.get_by_role("navigation", name="Days").get_by_role("link", name=label)
        tab.click()
        expect(page).to_have_url(url)
        expect(tab).to_have_attribute("aria-current", "page")
        that_day = [h for h in all_days if h.startswith(f"{day:%A} {day.day} {day:%B}")]
        assert len(that_day) == 1, (day, all_days)
        assert day_headings(page) == that_day
        sessions_by_day.append(session_urls(page))

    assert all(sessions_by_day)
    assert sorted(sum(sessions_by_day, [])) == sorted(every_session)


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def any_page(request, browser):
    """A page in a browser with JavaScript on, then in one with JavaScript off."""
    context = browser.new_context(java_script_enabled=request.param, locale="en-GB")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def filter_agenda(page, **choices):
    """Choose options in the agenda's filter form by their labels and apply them."""
    form = page.get_by_role("form", name="Filter the agenda")
    if not form.is_visible():
        page.locator("summary").filter(has_text=re.compile("filter", re.I)).click()
    for label, option in choices.items():
        form.get_by_label(label, exact=True).select_option(label=option)
    with page.expect_navigation():
        form.get_by_role("button", name="Apply filters").click()


def query(page):
    return parse_qs(urlsplit(page.url).query)


def test_filter_form_works_with_and_without_javascript(any_page, demo_pages):
    page, agenda = any_page, demo_pages["agenda"]
    visit(page, demo_pages["track"])
    track_sessions = session_urls(page)

    visit(page, agenda)
    filter_agenda(page, Track="Wildlife cybercrime")
    assert query(page) == {"track": ["wildlife-cybercrime"]}
    assert session_urls(page) == track_sessions

    filter_agenda(page, Kind="Workshop")
    assert query(page) == {"track": ["wildlife-cybercrime"], "kind": ["workshop"]}
    workshops = session_urls(page)
    assert workshops and set(workshops) < set(track_sessions)
    for title in session_links(page).all_inner_texts():
        expect(session_item(page, title)).to_contain_text("Workshop")
        expect(session_item(page, title)).to_contain_text("Wildlife cybercrime")
