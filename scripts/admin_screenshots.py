"""Screenshots of the running admin for the organisers' guide (docs/organisers-guide.md).

    uv run python scripts/admin_screenshots.py

It builds a throwaway demo in a temporary folder (migrate, load_demo_data, runserver, as
the browser tests do), signs in to /admin/ as the demo's superuser, does an organiser's
everyday tasks (edits and publishes a session with the live preview open, opens the go-live
schedule, submits a change for review, imports the sample CSV, first as a dry run, then for
real, so that the agenda grid shows clashes) and saves each screen, 1280 pixels wide, as
WebP in docs/screenshots/admin-*.webp. The demo and its changes go away with the folder.

Needs Chromium: CHROMIUM_PATH, else /usr/bin/chromium (Debian: apt-get install -y chromium).
"""

import argparse
import io
import os
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.demo import running_demo_site  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
OUTPUT = ROOT / "docs" / "screenshots"
SAMPLE_CSV = ROOT / "docs" / "samples" / "programme.csv"
VIEWPORT = {"width": 1280, "height": 800}
WEBP_QUALITY = 80

# The demo's sessions edited with the preview open (and published), given a go-live time,
# and submitted for review, by their titles.
EDITED_SESSION = "Opening keynote: wildlife for sale, one click away"
EDITED_END = "2027-10-11 10:05"
REVIEWED_SESSION = "Conservation that communities own"
REVIEWED_TITLE_ADDITION = ": three case studies"
SCHEDULED_SESSION = "Algorithms that learn the language of traffickers"
GO_LIVE_AT = "2027-09-01 09:00"

# Hide what depends on the network (the avatar comes from Gravatar) and the blinking caret.
QUIET_CSS = """
.avatar img, img.avatar { visibility: hidden; }
* { caret-color: transparent !important; }
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--output", type=Path, default=OUTPUT, help=f"folder for the images (default {OUTPUT})"
    )
    parser.add_argument(
        "--site",
        metavar="URL",
        help="use this running demo (admin password x) instead of building one; it is changed",
    )
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    if args.site:
        screenshots(args.site.rstrip("/"), args.output)
        return
    with tempfile.TemporaryDirectory(prefix="admin-screenshots-") as folder:
        print("Building the demo site…", flush=True)
        with running_demo_site(Path(folder)) as site:
            screenshots(site.base_url, args.output)


def screenshots(base_url, output):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            take_screenshots(browser, base_url, output)
        finally:
            browser.close()


def take_screenshots(browser, base_url, output):
    context = browser.new_context(viewport=VIEWPORT, base_url=base_url, locale="en-GB")
    # Nothing from outside the demo (Gravatar): the screenshots must not depend on it.
    own = re.escape(urlsplit(base_url).netloc)
    context.route(re.compile(rf"^https?://(?!{own}/)"), lambda route: route.abort())
    page = context.new_page()
    shots = Shots(page, output)
    sign_in(page)

    # The dashboard, with the registration desk's panel.
    page.goto("/admin/")
    expect(page.get_by_role("heading", name="Registration desk")).to_be_visible()
    shots.take("admin-dashboard")

    # The agenda grid of the demo's edition, found from the menu.
    page.goto("/admin/")
    page.get_by_role("link", name="Agenda grid", exact=True).first.click()
    edition_link = page.locator("main").get_by_role("link", name=re.compile("IWT Conference"))
    grid_url = edition_link.first.get_attribute("href")

    # A session's edit form with the live preview beside it, showing an unsaved change.
    page.goto(grid_url)
    page.get_by_role("link", name=EDITED_SESSION, exact=True).click()
    end = page.locator("#id_end")
    end.fill(EDITED_END)
    end.press("Tab")  # closes the date picker
    page.get_by_role("button", name="Toggle preview").click()
    # The preview reloads into a new frame, then drops the old one.
    preview = page.locator("iframe.w-preview__iframe").last.content_frame
    expect(preview.get_by_text(EDITED_END[-5:]).first).to_be_visible(timeout=20_000)
    expect(page.locator("iframe.w-preview__iframe")).to_have_count(1)
    shots.take("admin-session-preview")

    # Publishing or submitting for review: the choices under the save button.
    page.get_by_role("button", name="Toggle preview").click()
    page.get_by_role("button", name="More actions").click()
    expect(page.get_by_role("button", name="Submit to Programme review")).to_be_visible()
    shots.take("admin-session-publish-menu")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("published").first).to_be_visible()

    # "Go live at": the schedule dialog of the Status side panel.
    page.goto(grid_url)
    page.get_by_role("link", name=SCHEDULED_SESSION, exact=True).click()
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Set schedule").click()
    go_live = page.locator("#schedule-publishing-dialog #id_go_live_at")
    go_live.fill(GO_LIVE_AT)
    page.get_by_role("heading", name="Set publishing schedule").click()  # closes the picker
    shots.take("admin-go-live-at")

    # A change submitted to the Programme review, and the moderator's side of it.
    page.goto(grid_url)
    page.get_by_role("link", name=REVIEWED_SESSION, exact=True).click()
    title = page.locator("#id_title")
    title.fill(title.input_value() + REVIEWED_TITLE_ADDITION)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Programme review").click()
    expect(page.get_by_text(re.compile("submitted", re.IGNORECASE)).first).to_be_visible()
    page.goto("/admin/")
    awaiting = page.get_by_role("heading", name="Awaiting your review")
    expect(awaiting).to_be_visible()
    awaiting.scroll_into_view_if_needed()
    shots.take("admin-awaiting-review")

    page.goto("/admin/workflows/list/")
    expect(page.get_by_role("link", name="Programme review")).to_be_visible()
    shots.take("admin-workflows")

    # Import programme: a dry run of the sample CSV and its report, then the import itself.
    page.goto("/admin/")
    page.get_by_role("link", name="Import programme", exact=True).first.click()
    fill_import_form(page)
    expect(page.get_by_label("Dry run")).to_be_checked()
    page.locator("main").get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text(re.compile("dry run", re.IGNORECASE)).first).to_be_visible()
    shots.take("admin-import-dry-run")
    page.get_by_role("button", name="Import this file now").click()
    expect(page.get_by_text("Created 7 sessions").first).to_be_visible()

    # The grid: the sample programme, imported into the demo's, double-books its rooms.
    page.goto(grid_url)
    expect(page.locator(".agenda-grid__clash").first).to_be_visible()
    shots.take("admin-agenda-grid")
    page.locator(".agenda-grid__clash").first.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -250)")
    shots.take("admin-agenda-grid-clash")

    # The registration desk and the speakers, from the menu.
    page.goto("/admin/")
    page.get_by_role("link", name="Registrations", exact=True).first.click()
    shots.take("admin-registrations")
    page.get_by_role("link", name="Speakers", exact=True).first.click()
    shots.take("admin-speakers")
    context.close()


def fill_import_form(page):
    page.locator("input[type=file]").set_input_files(SAMPLE_CSV)
    edition = page.locator("select[name=edition]")
    edition.select_option(
        label=edition.locator("option[value]:not([value=''])").first.inner_text()
    )


def sign_in(page):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("x")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Registration desk")).to_be_visible()


class Shots:
    def __init__(self, page, output):
        self.page = page
        self.output = output

    def take(self, name):
        """The viewport as name.webp, once the page has settled."""
        self.page.wait_for_load_state("networkidle")
        self.page.add_style_tag(content=QUIET_CSS)
        png = self.page.screenshot(animations="disabled")
        path = self.output / f"{name}.webp"
        with Image.open(io.BytesIO(png)) as image:
            image.convert("RGB").save(path, "WEBP", quality=WEBP_QUALITY, method=6)
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}", flush=True)


if __name__ == "__main__":
    main()
