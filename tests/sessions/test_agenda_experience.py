"""The agenda as visitors use it: now and next, filter chips and times named by their zone."""

from pathlib import Path

import pytest

from tests.factories import london
from tests.pages import soup, texts


@pytest.fixture
def at(monkeypatch):
    """at(moment): the site's clock reads `moment`."""

    def set_clock(moment):
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)

    return set_clock


def now_and_next(page):
    panel = page.select_one(".now-next")
    if panel is None:
        return None
    return {
        "now": texts(panel.select(".now-next__now .now-next__title")),
        "next": texts(panel.select(".now-next__next .now-next__title")),
    }


@pytest.mark.slow
def test_agenda_shows_what_is_on_now_and_what_comes_next(client, programme, at):
    at(london(2027, 10, 11, 9, 15))
    page = soup(client.get("/iwt-2027/agenda/"))
    # The cancelled 14:00 session is not next: the next day's first session is.
    assert now_and_next(page) == {
        "now": ["Opening keynote"],
        "next": ["Ivory surrender lessons"],
    }
    next_item = page.select_one(".now-next__next li")
    assert "Tue 12 Oct" in next_item.get_text(" ", strip=True)
    keynote = page.select(".session")[0]
    assert texts(keynote.select(".badge--now")) == ["Now"]
    assert page.select_one(".now-next a")["href"] == "/iwt-2027/agenda/opening-keynote/"


@pytest.mark.slow
def test_between_sessions_only_next_is_shown(client, programme, at):
    at(london(2027, 10, 11, 10))
    page = soup(client.get("/iwt-2027/agenda/"))
    assert now_and_next(page) == {"now": [], "next": ["Ivory surrender lessons"]}
    assert "Nothing is on right now" in page.select_one(".now-next__now").get_text()


@pytest.mark.parametrize(
    "moment",
    [london(2027, 10, 10, 12), london(2027, 10, 12, 12, 30), london(2027, 10, 13, 9)],
    ids=["day-before", "after-the-last-session", "day-after"],
)
@pytest.mark.slow
def test_now_and_next_appear_only_while_the_conference_is_on(client, programme, at, moment):
    at(moment)
    page = soup(client.get("/iwt-2027/agenda/"))
    assert now_and_next(page) is None
    assert page.select(".badge--now") == []


def test_a_track_page_shows_now_and_next_of_its_track(client, programme, at):
    at(london(2027, 10, 11, 9, 15))
    page = soup(client.get("/iwt-2027/agenda/tracks/closing-ivory-markets/"))
    assert now_and_next(page) == {"now": [], "next": ["Ivory surrender lessons"]}


def chips(page):
    return [
        (chip.get_text(" ", strip=True), chip["href"])
        for chip in page.select(".filter-chips__active a")
    ]


@pytest.mark.slow
def test_active_filters_show_as_chips_that_each_remove_one_filter(client, programme):
    page = soup(client.get("/iwt-2027/agenda/?track=wildlife-cybercrime&kind=keynote"))
    assert chips(page) == [
        ("Remove filter Track: Wildlife cybercrime", "/iwt-2027/agenda/?kind=keynote"),
        ("Remove filter Kind: Keynote", "/iwt-2027/agenda/?track=wildlife-cybercrime"),
    ]
    clear = page.select_one(".filter-chips__clear")
    assert clear["href"] == "/iwt-2027/agenda/"


@pytest.mark.slow
def test_no_chips_without_filters(client, programme):
    page = soup(client.get("/iwt-2027/agenda/"))
    assert page.select(".filter-chips__active") == []


@pytest.mark.slow
def test_track_chips_and_day_tabs_keep_the_other_filters(client, programme):
    page = soup(client.get("/iwt-2027/agenda/?day=2027-10-11&kind=talk"))
    track_chips = {
        link.get_text(" ", strip=True): (link["href"], link.get("aria-current"))
        for link in page.select(".track-chips a")
    }
    assert track_chips == {
        "All tracks": ("/iwt-2027/agenda/?day=2027-10-11&kind=talk", "page"),
        "Closing ivory markets": (
            "/iwt-2027/agenda/?day=2027-10-11&track=closing-ivory-markets&kind=talk",
            None,
        ),
        "Wildlife cybercrime": (
            "/iwt-2027/agenda/?day=2027-10-11&track=wildlife-cybercrime&kind=talk",
            None,
        ),
    }
    day_tabs = [(link["href"], link.get("aria-current")) for link in page.select(".day-tabs a")]
    assert day_tabs == [
        ("/iwt-2027/agenda/?kind=talk", None),
        ("/iwt-2027/agenda/?day=2027-10-11&kind=talk", "page"),
        ("/iwt-2027/agenda/?day=2027-10-12&kind=talk", None),
    ]


@pytest.mark.slow
def test_every_time_names_its_zone_and_the_local_time_toggle_waits_for_javascript(
    client, programme
):
    page = soup(client.get("/iwt-2027/agenda/"))
    assert texts(page.select(".session__time"))[0] == "09:00 – 09:45 BST"
    toggle = page.select_one("[data-local-times]")
    assert toggle["data-conference-zone"] == "Europe/London"
    assert toggle.select_one("button").has_attr("data-pending")  # invisible until it can work
    assert page.select_one('script[src$="local-times.js"]') is not None


@pytest.mark.slow
def test_the_agenda_loads_its_styles_scripts_and_fonts_from_this_site_only(client, programme):
    page = soup(client.get("/iwt-2027/agenda/"))
    loaded = [
        link["href"] for link in page.select('link[rel~="stylesheet"], link[rel~="preload"]')
    ]
    loaded += [script["src"] for script in page.select("script[src]")]
    assert loaded and all(address.startswith("/static/") for address in loaded), loaded
    # Scripts never block rendering: each one waits for the page.
    assert all(script.has_attr("defer") for script in page.select("script[src]"))
    site_css = Path(__file__).resolve().parents[2] / "static" / "css" / "site.css"
    assert "@font-face" not in site_css.read_text()  # system fonts only
