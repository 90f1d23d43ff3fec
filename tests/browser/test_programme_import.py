"""The admin's Import programme: a wafer export imported as a new edition, first as a dry run
whose report is checked, then for real from the report's button; the form and report pages
checked with axe-core, and the report at 1280 pixels wide; the public site unchanged."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.checks import axe_report, axe_violations
from tests.browser.conftest import SCREENSHOTS
from tests.browser.demo import running_demo_site, visit

SAMPLES = Path(__file__).resolve().parents[1] / "sessions" / "samples"
WAFER_EXPORT = SAMPLES / "wafer" / "pentabarf.xml"
IMPORTED_EDITION = "Wildlife Tech Summit 2027"
NEW_EDITION = "A new edition, made from the file"
WIDE = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    """A demo site of this module's own: the import adds an edition, speakers and a venue
    that the other browser tests must not meet."""
    with running_demo_site(tmp_path_factory.mktemp("import-demo-site")) as site:
        yield site


@pytest.fixture
def admin_page(browser, demo_site):
    """A fresh profile, 1280 pixels wide, signed in to the admin as the demo's superuser."""
    context = browser.new_context(viewport=WIDE, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    visit(page, demo_site.url("/admin/login/"))
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("x")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Registration desk")).to_be_visible()
    yield page
    context.close()


def assert_no_axe_violations(page, name):
    violations = axe_violations(page)
    assert not violations, (
        f"axe-core found {len(violations)} kinds of violation on the {name} ({page.url}):\n"
        f"{axe_report(violations)}"
    )


def facts_table(page):
    return page.get_by_role("table", name="The file beside the edition")


def fact(page, name):
    """The row of the facts table for this fact (Format, Made by, Time zone...)."""
    return (
        facts_table(page)
        .get_by_role("row")
        .filter(has=page.get_by_role("rowheader", name=name, exact=True))
    )


# The admin scrolls its content in an element of its own, not in the document: the tables
# must fit that element too.
WIDEST = """() => ({
    inner: innerWidth,
    page: document.documentElement.scrollWidth,
    overflowing: [...document.querySelectorAll(":has(main), main, main *")]
        .filter(e => e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1
            && ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(e).overflowX))
        .map(e => `${e.tagName} ${e.className}: ${e.scrollWidth} > ${e.clientWidth} px`),
    tables: [...document.querySelectorAll("main table")]
        .filter(table => table.getBoundingClientRect().right > innerWidth)
        .map(table => table.caption ? table.caption.textContent : table.outerHTML.slice(0, 80)),
})"""


def assert_fits_the_width(page, name):
    width = page.evaluate(WIDEST)
    assert width["page"] <= width["inner"], (
        f"The {name} scrolls sideways at {width['inner']} px: it is {width['page']} px wide"
    )
    assert not width["tables"], f"Tables of the {name} cut off: {width['tables']}"
    assert not width["overflowing"], f"Cut off in the {name}: {width['overflowing']}"


def screenshot(page, name):
    """The whole page as an artefact of the test run, as the `screenshot` fixture saves it."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def test_a_wafer_export_imported_as_a_new_edition(admin_page, demo_site):
    page = admin_page
    visit(page, demo_site.url("/"))
    home_heading = page.get_by_role("heading", level=1).inner_text()
    assert IMPORTED_EDITION not in page.locator("main").inner_text()

    # The form, from the admin's menu.
    visit(page, demo_site.url("/admin/"))
    page.get_by_role("link", name="Import programme", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import programme")
    assert_no_axe_violations(page, "import form")

    # A dry run of the wafer export, as a new edition.
    page.get_by_label("File*", exact=True).set_input_files(WAFER_EXPORT)
    page.get_by_label("Edition", exact=True).select_option(label=NEW_EDITION)
    dry_run = page.get_by_label("Dry run", exact=True)
    dry_run.check()
    expect(dry_run).to_be_checked()
    page.locator("main").get_by_role("button", name="Import", exact=True).click()

    page.wait_for_url(re.compile(r"/admin/import-programme/\d+/$"))
    dry_run_url = page.url
    expect(page.get_by_role("heading", name="Dry run: nothing was written")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Would create")).to_contain_text(
        "Would create 8 sessions"
    )
    expect(fact(page, "Format")).to_contain_text("pentabarf XML")
    expect(fact(page, "Made by")).to_contain_text("wafer")
    expect(fact(page, "Conference")).to_contain_text(IMPORTED_EDITION)
    expect(fact(page, "Dates")).to_contain_text("8–9 September 2027")
    expect(fact(page, "Time zone")).to_contain_text("Europe/Berlin")
    expect(page.get_by_role("table", name="Sessions").locator("tbody tr")).to_have_count(8)
    assert_fits_the_width(page, "dry run's report")
    assert_no_axe_violations(page, "dry run's report")
    screenshot(page, "programme-import-dry-run")

    # The import itself, from the dry run's report.
    page.get_by_role("button", name="Import this file now").click()
    page.wait_for_url(re.compile(r"/admin/import-programme/\d+/$"))
    assert page.url != dry_run_url
    expect(page.get_by_role("heading", name="Import report")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Created")).to_contain_text(
        "Created 8 sessions"
    )
    review = page.get_by_role("link", name=f"review {IMPORTED_EDITION}", exact=True)
    expect(review).to_have_attribute("href", re.compile(r"^/admin/pages/\d+/edit/$"))
    expect(page.get_by_role("button", name="Import this file now")).to_have_count(0)
    assert_fits_the_width(page, "import's report")
    assert_no_axe_violations(page, "import's report")
    screenshot(page, "programme-import-done")

    review_url = demo_site.url(review.get_attribute("href"))

    # The form again, listing both imports.
    page.get_by_role("link", name="Import another file").click()
    latest = page.get_by_role("table").filter(has_text="Into")
    expect(latest.locator("tbody tr").filter(has_text="pentabarf.xml")).to_have_count(2)
    assert_no_axe_violations(page, "import form with the latest imports")

    # The new edition is a draft, open in the page editor.
    visit(page, review_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(IMPORTED_EDITION)
    page.get_by_role("button", name="Toggle status").click()
    status = page.get_by_role("complementary", name="Status")
    expect(status.get_by_role("heading", name=re.compile(r"\bDraft$"))).to_be_visible()

    # The public site still shows the demo's edition.
    visit(page, demo_site.url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(home_heading)
    assert IMPORTED_EDITION not in page.locator("main").inner_text()
