"""The pages of the demo site: every link on them works, they pass the rules of Wagtail's
accessibility checker, and each has its description and canonical address.

The site is crawled once for the module (the `site` fixture) and each test checks its own
rule on the pages it fetched.

Wagtail's accessibility checker (the userbar's axe run)
The checker runs axe-core in the editor's browser with the rules Wagtail configures in
`AccessibilityItem.axe_run_only`. Here each of those rules is checked in Python on every
page the sitemap lists, rendered as a visitor gets it: the content editors wrote (rich text,
StreamFields, image descriptions) is what these rules judge. The browser tests
(tests/browser/test_accessibility.py) run axe itself on the public pages.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from unittest import mock
from urllib.parse import urldefrag, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from django.test import Client
from django.test.utils import override_settings

from wagtail.admin.userbar import AccessibilityItem
from wagtail.images import get_image_model

from network.models import DirectoryPage
from speakers.models import Speaker
from tests.pages import SITEMAP_NS, head_of, soup

BASE = "http://localhost"
# Wagtail's own "alt-text-quality" pattern: alt text that looks like a file name.
FILE_NAME_LIKE = re.compile(r"\.(avif|gif|jpg|jpeg|png|svg|webp)$|_")
HEADING = re.compile(r"^h[1-6]$")


def accessible_name(element):
    if element.get("aria-label", "").strip() or element.get("title", "").strip():
        return True
    if element.get_text(strip=True):
        return True
    return any(image.get("alt", "").strip() for image in element.find_all("img"))


def button_name(page):
    return [str(b)[:80] for b in page.find_all("button") if not accessible_name(b)]


def empty_heading(page):
    return [str(h)[:80] for h in page.find_all(HEADING) if not accessible_name(h)]


def empty_table_header(page):
    return [str(th)[:80] for th in page.find_all("th") if not accessible_name(th)]


def frame_title(page):
    return [str(f)[:80] for f in page.find_all("iframe") if not f.get("title", "").strip()]


def heading_order(page):
    """No heading more than one level deeper than the one before it."""
    problems, previous = [], None
    for heading in page.find_all(HEADING):
        level = int(heading.name[1])
        if previous is not None and level > previous + 1:
            problems.append(f"h{previous} then {heading.name}: {heading.get_text(strip=True)}")
        previous = level
    return problems


def input_button_name(page):
    buttons = page.find_all("input", attrs={"type": "button"})
    return [str(b)[:80] for b in buttons if not (b.get("value") or b.get("aria-label"))]


def link_name(page):
    return [str(a)[:80] for a in page.find_all("a", href=True) if not accessible_name(a)]


def only_child(element, names):
    children = [child for child in element.contents if str(child).strip()]
    if len(children) == 1 and getattr(children[0], "name", None) in names:
        return children[0]
    return None


def p_as_heading(page):
    """A paragraph styled as a heading of the paragraph after it.

    axe compares a paragraph with the next one and flags bold with italics, or bold or
    italics with a larger font (not a bold line alone). The markup shows bold and italics;
    font sizes come from the stylesheet, which gives paragraphs none of their own.
    """
    problems = []
    for paragraph in page.find_all("p"):
        following = paragraph.find_next_sibling()
        if following is None or following.name != "p":
            continue
        bold = only_child(paragraph, {"b", "strong"})
        italic = only_child(paragraph, {"i", "em"})
        if (bold and only_child(bold, {"i", "em"})) or (
            italic and only_child(italic, {"b", "strong"})
        ):
            problems.append(paragraph.get_text(strip=True))
    return problems


def alt_text_quality(page):
    return [
        image["alt"]
        for image in page.find_all("img", alt=True)
        if FILE_NAME_LIKE.search(image["alt"])
    ]


def empty_meta_description(page):
    meta = page.find("meta", attrs={"name": "description"})
    return [] if meta and meta.get("content", "").strip() else ["no meta description"]


CHECKS = {
    "button-name": button_name,
    "empty-heading": empty_heading,
    "empty-table-header": empty_table_header,
    "frame-title": frame_title,
    "heading-order": heading_order,
    "input-button-name": input_button_name,
    "link-name": link_name,
    "p-as-heading": p_as_heading,
    "alt-text-quality": alt_text_quality,
    "empty-meta-description": empty_meta_description,
}


@pytest.fixture(scope="module", autouse=True)
def summer_2027():
    """Today is 1 June 2027: the 2027 edition lies ahead and registration is open."""
    with mock.patch("django.utils.timezone.now", return_value=datetime(2027, 6, 1, tzinfo=UTC)):
        yield


@dataclass
class CrawledSite:
    linked: dict  # every address reached by following links from the home page: its response
    sitemap_urls: list  # the addresses the sitemap lists
    pages: dict  # every address above, and its response

    def sitemap_paths(self):
        return [urlsplit(url).path for url in self.sitemap_urls]


def follow_links(client):
    """Crawl from the home page: {address: response} for every address linked on the site."""
    to_visit, seen = ["/"], {}
    while to_visit:
        url = to_visit.pop()
        if url in seen:
            continue
        response = seen[url] = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        for link in soup(response).find_all("a", href=True):
            href = urldefrag(link["href"]).url
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith("/"):
                continue
            if href.startswith(("/admin/", "/django-admin/")):
                continue
            to_visit.append(href)
    return seen


@pytest.fixture(scope="module")
def site(demo_content, demo_database, media_root):
    """The demo site, visited once for every test here: through its links and its sitemap."""
    client = Client()
    with demo_database.unblock(), override_settings(MEDIA_ROOT=media_root):
        linked = follow_links(client)
        sitemap = client.get("/sitemap.xml")
        assert sitemap.status_code == 200
        root = ElementTree.fromstring(sitemap.content)
        urls = [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]
        pages = dict(linked)
        for url in urls:
            path = urlsplit(url).path
            if path not in pages:
                pages[path] = client.get(path)
    return CrawledSite(linked=linked, sitemap_urls=urls, pages=pages)


@pytest.mark.slow
def test_every_internal_link_on_the_demo_site_works(demo, site):
    """Crawl from the home page: every page linked from the site answers 200."""
    broken = [
        (url, page.status_code) for url, page in site.linked.items() if page.status_code != 200
    ]
    assert broken == []
    assert len(site.linked) > 60


def test_demo_content_checks_cover_every_rule_wagtail_runs():
    assert set(CHECKS) == set(AccessibilityItem.axe_run_only)


@pytest.mark.slow
def test_demo_pages_pass_the_accessibility_checkers_rules(demo, site):
    paths = site.sitemap_paths()
    assert len(paths) > 30  # pages, track pages, speaker pages, sessions
    problems = {}
    for path in paths:
        response = site.pages[path]
        assert response.status_code == 200, path
        page = BeautifulSoup(response.content, "html.parser")
        for rule, check in CHECKS.items():
            if found := check(page):
                problems[(path, rule)] = found
    assert problems == {}


@pytest.mark.slow
def test_every_public_page_of_the_demo_has_a_description_and_its_own_canonical(demo, site):
    urls = site.sitemap_urls
    paths = [url.removeprefix(BASE) for url in urls]
    edition = "/iwt-conference-2027/"
    for kind in ("", "agenda/", "agenda/tracks/", "speakers/", "registration/"):
        assert any(path.startswith(edition + kind) for path in paths), kind
    assert "/" in paths and len(paths) > 60
    for url, path in zip(urls, paths, strict=True):
        title, metas, canonical, robots = head_of(site.pages[path])
        assert (url, robots, canonical) == (url, None, [url])
        assert metas["description"] and metas["og:description"] == metas["description"]
        assert len(metas["description"]) <= 160, url
        assert metas["og:title"] and title.startswith(metas["og:title"])
        assert metas["og:image"].startswith(BASE + "/media/"), url


@pytest.mark.slow
def test_the_demo_directory_is_no_public_page_and_tells_visitors_how_to_get_in(client, demo, site):
    """Out of the sitemap and the search engines; a visitor who is not signed in is told
    who can see it and how to get in, and sees no delegate."""
    directory = DirectoryPage.objects.get()
    assert directory.url == "/iwt-conference-2027/delegates/"
    assert directory.url not in site.sitemap_paths()
    response = client.get(directory.url)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Delegate directory"
    assert page.select(".delegate-card") == []
    assert {rule: found for rule, check in CHECKS.items() if (found := check(page))} == {}


@pytest.mark.slow
def test_demo_images_all_have_alt_text(demo):
    images = get_image_model().objects.all()
    assert images.exists()
    assert [image.title for image in images if not image.description.strip()] == []
    assert not Speaker.objects.filter(photo__description="").exists()


def test_demo_content_checks_catch_what_they_look_for():
    """Each check finds its fault in a page that has it (so the demo's pass means something)."""
    faulty = BeautifulSoup(
        """<head><meta name="description" content=""></head><body>
        <h1>Agenda</h1><h3>Skipped a level</h3><h2></h2>
        <p><b><i>Pretend heading</i></b></p><p>Text under it.</p>
        <a href="/x"></a><button></button><input type="button">
        <table><tr><th></th></tr></table><iframe src="/v"></iframe>
        <img src="/a.png" alt="IMG_0042.jpg"></body>""",
        "html.parser",
    )
    assert {rule for rule, check in CHECKS.items() if check(faulty)} == set(CHECKS)
