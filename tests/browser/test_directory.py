"""The delegate directory of the demo site: signing in with the e-mail's link, finding people,
signing out, and the network's pages checked with axe-core, on a phone and from the keyboard."""

import re
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

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
from tests.browser.demo import link_url, register_and_confirm, visit

# A delegate who registers on the demo's form and ticks the directory consent.
DELEGATE = {
    "Full name": "Ruth Wanjiru",
    "E-mail address": "ruth.wanjiru@example.org",
    "Organisation": "Lusaka Agreement Task Force",
    "Job title": "Intelligence officer",
}
DELEGATE_CHOICES = {"Sector": "Intergovernmental", "Country": "Kenya"}
NAME = DELEGATE["Full name"]
# In what one listed demo delegate can help with, and in no other profile.
SEARCH_WORD = "rhinos"
PHONE = {"width": 360, "height": 800}
REASON = re.compile(r"^(You both follow \S|Works (in|for) \S)")


@contextmanager
def fresh_page(browser, **options):
    """A page in a fresh browser profile (no cookies, no storage), closed after the block."""
    context = browser.new_context(locale="en-GB", **options)
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="module")
def manage_link(browser, demo_site):
    """Register through the demo's form, listed in the directory, and confirm the address
    from the e-mail: the manage link of the e-mail that says the seat is confirmed."""
    with fresh_page(browser) as page:
        visit(page, demo_site.url("/"))
        registration_url = link_url(page.get_by_role("link", name="Register", exact=True).first)
        register_and_confirm(
            page,
            demo_site,
            registration_url,
            details=DELEGATE,
            choices=DELEGATE_CHOICES,
            ticks=["^List me in the delegate directory"],
        )
        expect(page.get_by_role("heading", name="Status: Confirmed")).to_be_visible()
        confirmed = demo_site.newest_mail()
        assert f"To: {DELEGATE['E-mail address']}" in confirmed, confirmed
        assert "is confirmed" in confirmed, confirmed
        return demo_site.newest_mail_link("/manage/")


@pytest.fixture
def phone(browser):
    """A fresh browser profile in a 360 px wide window."""
    with fresh_page(browser, viewport=PHONE) as page:
        yield page


@pytest.fixture
def no_javascript(browser):
    """A fresh browser profile with JavaScript turned off."""
    with fresh_page(browser, java_script_enabled=False) as page:
        yield page


def delegate_bar(page):
    return page.get_by_role("navigation", name="Delegate")


def sign_in(page, manage_link):
    """Open the manage link, as from the e-mail: it signs this browser in."""
    visit(page, manage_link)
    expect(delegate_bar(page)).to_contain_text(f"Signed in as {NAME}")


def open_directory(page, manage_link):
    """Sign in, then follow the delegate bar's link to the directory."""
    sign_in(page, manage_link)
    delegate_bar(page).get_by_role("link", name="Delegate directory").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delegate directory")


def search_form(page):
    return page.get_by_role("search", name="Find delegates")


def filter_directory(page, search="", sector="Every sector"):
    """Fill in the directory's form and send it with its button."""
    form = search_form(page)
    form.get_by_label("Search names, organisations and profiles").fill(search)
    form.get_by_label("Sector", exact=True).select_option(label=sector)
    with page.expect_navigation():
        form.get_by_role("button", name="Search").click()


def query(page):
    return parse_qs(urlsplit(page.url).query)


def results_heading(page):
    return page.locator("#results-title")


def cards(page):
    return page.locator(".delegate-card")


def sector_chip(page, sector):
    """The link to this sector among the counts per sector, and its count."""
    chips = page.get_by_role("navigation", name="Delegates by sector")
    chip = chips.get_by_role("link", name=re.compile(rf"^{re.escape(sector)} \d+$"))
    return chip, int(chip.locator(".sector-counts__count").inner_text())


def expect_only_sector(page, sector, count):
    """The results are the `count` delegates of this sector, each card saying so."""
    expect(results_heading(page)).to_have_text(f"{count} delegates found")
    expect(cards(page)).to_have_count(count)
    for meta in cards(page).locator(".delegate-card__meta").all_inner_texts():
        assert meta.startswith(f"{sector} · "), meta


def test_the_link_in_the_email_signs_the_delegate_in_on_another_device(page, manage_link):
    visit(page, manage_link)

    expect(page.get_by_role("heading", name="Status: Confirmed")).to_be_visible()
    bar = delegate_bar(page)
    expect(bar).to_contain_text(f"Signed in as {NAME}")
    expect(bar.get_by_role("link", name="Delegate directory")).to_be_visible()
    expect(bar.get_by_role("link", name="Your registration")).to_be_visible()
    expect(bar.get_by_role("button", name="Sign out")).to_be_visible()
    # Still signed in on the other pages of the site, without the link.
    page.get_by_role("link", name=re.compile("IWT Conference")).first.click()
    expect(delegate_bar(page)).to_contain_text(f"Signed in as {NAME}")


def test_people_to_meet_filters_search_sector_counts_pages_and_a_profile(
    page, manage_link, screenshot
):
    open_directory(page, manage_link)
    people = page.get_by_role("region", name="People to meet")
    suggestions = people.get_by_role("listitem")
    expect(suggestions.first).to_be_visible()
    assert 1 <= suggestions.count() <= 5
    assert NAME not in people.locator(".suggestion__name").all_inner_texts()
    for reason in people.locator(".suggestion__reason").all_inner_texts():
        assert REASON.match(reason), reason
    screenshot("directory-signed-in")

    # A sector, with the form: as many results as its count said, all of that sector.
    _, ngos = sector_chip(page, "NGO")
    filter_directory(page, sector="NGO")
    assert query(page) == {"sector": ["ngo"]}
    expect_only_sector(page, "NGO", ngos)

    # A word from a demo delegate's profile, in every sector.
    filter_directory(page, search=SEARCH_WORD)
    expect(results_heading(page)).to_have_text("1 delegate found")
    expect(cards(page)).to_have_count(1)
    expect(cards(page)).to_contain_text(re.compile(SEARCH_WORD, re.IGNORECASE))

    # A sector's count is a link to that sector.
    page.get_by_role("link", name="Clear the search and filters").click()
    expect(results_heading(page)).to_have_text(re.compile(r"^\d+ delegates$"))
    chip, platforms = sector_chip(page, "Online platform or tech company")
    chip.click()
    assert query(page) == {"sector": ["online_platform"]}
    expect(sector_chip(page, "Online platform or tech company")[0]).to_have_attribute(
        "aria-current", "true"
    )
    expect_only_sector(page, "Online platform or tech company", platforms)

    # Page 2 of the whole directory, and a profile from it.
    page.get_by_role("link", name="Clear the search and filters").click()
    first_page = cards(page).locator("h3").all_inner_texts()
    pager = page.get_by_role("navigation", name="Directory pages")
    pager.get_by_role("link", name=re.compile("Next")).click()
    expect(pager).to_contain_text(re.compile(r"Page 2 of \d+"))
    second_page = cards(page).locator("h3").all_inner_texts()
    assert second_page and not set(first_page) & set(second_page), (first_page, second_page)
    card = cards(page).first
    name, meta = card.locator("h3").inner_text(), card.locator(".delegate-card__meta").inner_text()
    card.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.locator(".profile-facts")).to_contain_text(meta.split(" · ")[0])
    expect(page.get_by_role("link", name="Back to the directory")).to_be_visible()
    screenshot("directory-profile")


def test_the_sector_filter_works_without_javascript(no_javascript, manage_link):
    page = no_javascript
    open_directory(page, manage_link)
    _, count = sector_chip(page, "Government")

    filter_directory(page, sector="Government")

    assert query(page) == {"sector": ["government"]}
    expect_only_sector(page, "Government", count)


def network_pages(page, manage_link):
    """Go to each page of the network a delegate meets, signed in then signed out, yielding
    its name once there."""
    sign_in(page, manage_link)
    expect(page.get_by_role("region", name="The delegate directory")).to_be_visible()
    yield "manage page, with its directory section"
    delegate_bar(page).get_by_role("link", name="Delegate directory").click()
    expect(page.get_by_role("region", name="People to meet")).to_be_visible()
    yield "directory"
    cards(page).first.get_by_role("link").click()
    back = page.get_by_role("link", name="Back to the directory")
    expect(back).to_be_visible()
    yield "profile page"
    directory_url = link_url(back)
    delegate_bar(page).get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are signed out")
    yield "signed-out page"
    visit(page, directory_url)
    expect(page.get_by_role("heading", name="How to get in")).to_be_visible()
    yield "directory, as seen by someone not signed in"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_the_network_pages(page, manage_link, scheme):
    page.emulate_media(color_scheme=scheme)

    found = {}
    for name in network_pages(page, manage_link):
        if violations := axe_violations(page):
            found[f"{name} ({page.url})"] = axe_report(violations)

    assert not found, f"axe-core found violations ({scheme} colour scheme):\n" + "\n".join(
        f"On the {name}:\n{report}" for name, report in found.items()
    )


def phone_problems(page, name):
    """What does not fit a phone on this page (the window 360 px wide): anything sticking out
    sideways, targets under 24 by 24 px but links in a sentence."""
    problems = []
    outside = run_check(page, "outsideViewport")
    if outside["scrollWidth"] > outside["innerWidth"] or outside["elements"]:
        problems.append(
            f"The {name} is {outside['scrollWidth']} px wide; these stick out or are cut "
            f"off:\n{element_report(outside['elements'])}"
        )
    small = run_check(page, "smallTargets", MINIMUM_TARGET)
    if too_small := [element for element in small if not element["inSentence"]]:
        problems.append(
            f"Targets smaller than {MINIMUM_TARGET}×{MINIMUM_TARGET} px on the {name}:\n"
            f"{element_report(too_small)}"
        )
    return problems


def test_the_network_pages_fit_a_phone(phone, manage_link):
    problems = [
        problem
        for name in network_pages(phone, manage_link)
        for problem in phone_problems(phone, name)
    ]
    assert not problems, "At 360 px wide:\n" + "\n".join(problems)


def test_the_directory_form_from_the_keyboard(page, manage_link):
    open_directory(page, manage_link)
    _, count = sector_chip(page, "Government")

    stops, unmarked = 0, []
    while stops < 200:
        page.keyboard.press("Tab")
        stops += 1
        focused = run_check(page, "focused")
        assert not focused["isBody"], "Tab went past the last stop without reaching Sector"
        if not focus_is_visible(focused):
            unmarked.append(focused)
        if focused["tag"] == "select" and 'name="sector"' in focused["html"]:
            break
    else:
        pytest.fail(f"Sector is not among the first {stops} tab stops")
    assert not unmarked, (
        f"{len(unmarked)} of the {stops} tab stops before Sector show no focus "
        "(no outline, no box shadow):\n"
        + "\n".join(f"  - {f['selector']}\n    {f['html']}" for f in unmarked)
    )

    sector = search_form(page).get_by_label("Sector", exact=True)
    page.keyboard.press("ArrowDown")
    expect(sector).to_have_value("government")
    page.keyboard.press("Shift+Tab")
    expect(
        search_form(page).get_by_label("Search names, organisations and profiles")
    ).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert query(page) == {"sector": ["government"]}
    expect_only_sector(page, "Government", count)


def test_signing_out_closes_the_directory(page, manage_link):
    open_directory(page, manage_link)
    directory_url = page.url
    listed = cards(page).locator("h3").all_inner_texts()
    assert listed

    delegate_bar(page).get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are signed out")
    expect(delegate_bar(page)).to_have_count(0)

    visit(page, directory_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Delegate directory")
    expect(page.get_by_role("heading", name="How to get in")).to_be_visible()
    expect(delegate_bar(page)).to_have_count(0)
    expect(cards(page)).to_have_count(0)
    expect(page.get_by_role("region", name="People to meet")).to_have_count(0)
    text = page.locator("body").inner_text()
    shown = [name for name in [NAME, *listed] if name in text]
    assert not shown, f"The directory shows delegates to someone signed out: {shown}"
