"""The admin's own screens at 1280 px with Wagtail's sidebar open: the agenda grid shows every
room without scrolling sideways and its breaks for everyone across the rooms; the
registrations listing never breaks a name mid-word; the registration desk's dashboard panel
is inset as Wagtail's own dashboard panels are. Nothing here changes the demo's data."""

import pytest
from playwright.sync_api import expect

from tests.browser import test_programme_import
from tests.browser.conftest import SCREENSHOTS

# Signed in as the demo's superuser at 1280 px; here on the shared demo site, as nothing
# changes its data.
admin_page = test_programme_import.admin_page
WIDE = test_programme_import.WIDE
DEMO_ROOMS = 5


def sidebar_width(page):
    return page.evaluate(
        """() => Math.max(...[...document.querySelectorAll("aside, .sidebar, [data-side-panel]")]
            .map(e => e.getBoundingClientRect()).filter(r => r.left < 1 && r.height > 300)
            .map(r => r.right), 0)"""
    )


def open_agenda_grid(page):
    page.get_by_role("link", name="Agenda grid").first.click()
    page.locator("main").get_by_role("link", name="IWT Conference 2027").first.click()
    expect(page.get_by_role("heading", name="No clashes")).to_be_visible()


GRID = """() => [...document.querySelectorAll("table.agenda-grid")].map(table => {
    const scroller = table.closest(".agenda-grid__scroll");
    const box = table.getBoundingClientRect();
    return {
        caption: table.caption.textContent.trim(),
        rooms: table.querySelectorAll("thead th").length - 1,
        right: box.right,
        width: box.width,
        scrollerScrolls: scroller.scrollWidth > scroller.clientWidth + 1,
        scrollerRight: scroller.getBoundingClientRect().right,
        spanning: [...table.querySelectorAll("td.agenda-grid__spanning")].map(cell => ({
            colspan: cell.colSpan,
            width: cell.getBoundingClientRect().width,
            roomsWidth: [...table.querySelectorAll("thead th")].slice(1)
                .reduce((sum, th) => sum + th.getBoundingClientRect().width, 0),
            title: cell.querySelector(".agenda-grid__title").textContent.trim(),
        })),
    };
})"""


def test_agenda_grid_shows_every_room_at_1280_with_the_sidebar_open(admin_page):
    page = admin_page
    open_agenda_grid(page)
    assert sidebar_width(page) > 150, "Wagtail's sidebar is not open"
    page.screenshot(path=SCREENSHOTS / "admin-agenda-grid-1280.png")

    tables = page.evaluate(GRID)

    assert len(tables) == 2, tables
    for table in tables:
        assert table["rooms"] == DEMO_ROOMS, table
        assert not table["scrollerScrolls"], f"{table['caption']} scrolls sideways"
        assert table["right"] <= min(table["scrollerRight"], WIDE["width"]) + 1, table


def test_agenda_grid_shows_a_break_for_everyone_as_one_row_across_the_rooms(admin_page):
    page = admin_page
    open_agenda_grid(page)

    tables = page.evaluate(GRID)

    spanning = [cell for table in tables for cell in table["spanning"]]
    assert any(cell["title"] == "Lunch" for cell in spanning), spanning
    for cell in spanning:
        assert cell["colspan"] == DEMO_ROOMS, cell
        assert abs(cell["width"] - cell["roomsWidth"]) <= 2, cell


# Each name's text, character by character: where a new line starts, the characters either
# side must be a space (or the hyphen of a double-barrelled name).
MID_WORD_BREAKS = """() => [...document.querySelectorAll("table.listing tbody td.title a")]
    .filter(link => link.textContent.trim())
    .map(link => {
        const breaks = [];
        const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
        let previous = null;
        while (walker.nextNode()) {
            const node = walker.currentNode;
            for (let i = 0; i < node.length; i++) {
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const rect = range.getClientRects()[0];
                const char = node.data[i];
                if (!rect || !char.trim()) { previous = {char, top: previous?.top}; continue; }
                if (previous && previous.top !== undefined && rect.top > previous.top + 2
                        && previous.char.trim() && previous.char !== "-") {
                    breaks.push(node.data.slice(0, i) + "|" + node.data.slice(i));
                }
                previous = {char, top: rect.top};
            }
        }
        const style = getComputedStyle(link);
        return {name: link.textContent.trim(), breaks, lines: link.getClientRects().length,
                wordBreak: style.wordBreak, overflowWrap: style.overflowWrap};
    })"""


def test_registrations_listing_breaks_names_only_between_words(admin_page):
    page = admin_page
    page.get_by_role("link", name="Registrations", exact=True).first.click()
    expect(page.get_by_role("heading", name="Registrations by status")).to_be_attached()
    page.screenshot(path=SCREENSHOTS / "admin-registrations-1280.png")

    names = page.evaluate(MID_WORD_BREAKS)

    assert len(names) >= 10, names
    assert [name for name in names if name["breaks"]] == []
    assert {(name["wordBreak"], name["overflowWrap"]) for name in names} == {("normal", "normal")}


# A panel built as Wagtail builds its own dashboard panels (a listing--dashboard table in the
# panel's content), measured with Wagtail's stylesheet beside one of the site's panels.
PADDINGS = """(panel) => {
    const reference = document.createElement("section");
    reference.className = "w-panel w-panel--dashboard";
    reference.innerHTML = '<div class="w-panel__content">'
        + '<table class="listing listing--dashboard"><tbody><tr><td>First</td><td>Last</td></tr>'
        + '</tbody></table></div>';
    document.querySelector(`#${panel}-section`).after(reference);
    const cells = reference.querySelectorAll("td");
    const content = document.querySelector(`#${panel}-content`);
    const px = (element, property) => parseFloat(getComputedStyle(element)[property]);
    const result = {
        wagtail: {start: px(cells[0], "paddingInlineStart"), end: px(cells[1], "paddingInlineEnd"),
                  textInset: cells[0].getBoundingClientRect().left
                      + px(cells[0], "paddingInlineStart")
                      - reference.getBoundingClientRect().left},
        desk: {start: px(content, "paddingInlineStart"), end: px(content, "paddingInlineEnd"),
               textInset: content.querySelector("h3").getBoundingClientRect().left
                   - content.closest("section").getBoundingClientRect().left},
    };
    reference.remove();
    return result;
}"""


@pytest.mark.parametrize("panel", ["registration-desk", "delegate-directory"])
def test_the_sites_dashboard_panels_are_inset_as_wagtails_own(admin_page, panel):
    page = admin_page

    paddings = page.evaluate(PADDINGS, panel)

    wagtail, desk = paddings["wagtail"], paddings["desk"]
    assert wagtail["start"] > 0, paddings
    assert (desk["start"], desk["end"]) == (wagtail["start"], wagtail["end"]), paddings
    assert desk["textInset"] == pytest.approx(wagtail["textInset"], abs=1), paddings
