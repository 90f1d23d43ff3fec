"""The agenda as a timetable on wide screens: one list markup, placed in a grid by CSS."""

import re

import pytest

from django.core.cache import cache

from tests.factories import RoomFactory, SessionPageFactory, london
from tests.pages import soup
from tests.sessions.test_query_counts import add_programme, queries_for

AGENDA = "/iwt-2027/agenda/"


@pytest.fixture
def parallel(edition, agenda, speakers_page):
    """A morning of two rooms: a keynote, then a break for everyone, then two talks side
    by side; and a talk the next day."""
    hall = RoomFactory(name="Main Hall", venue=edition.venue, sort_order=1)
    studio = RoomFactory(name="Studio", venue=edition.venue, sort_order=2)

    def session(title, start, end, **fields):
        return SessionPageFactory(
            parent=agenda,
            title=title,
            start=london(2027, 10, *start),
            end=london(2027, 10, *end),
            **fields,
        )

    return {
        "keynote": session("Opening keynote", (11, 9), (11, 9, 45), kind="keynote", room=hall),
        "coffee": session("Coffee", (11, 9, 45), (11, 10, 15), kind="break"),
        # Created first, yet listed second: the Studio comes after the Main Hall.
        "studio": session("Drone patrols", (11, 10, 15), (11, 11), room=studio),
        "hall": session("Tracking traffickers online", (11, 10, 15), (11, 11, 15), room=hall),
        "tuesday": session("Ivory markets", (12, 11), (12, 12), room=studio),
    }


def item(page, session):
    """The agenda's <li> of a session."""
    link = page.find("a", string=session.title)
    return link.find_parent("li", class_="session")


def lines(value):
    start, end = value.split("/")
    return int(start), int(end)


@pytest.mark.slow
def test_timetable_puts_parallel_sessions_in_one_row_and_different_columns(client, parallel):
    page = soup(client.get(AGENDA))
    hall, studio = item(page, parallel["hall"]), item(page, parallel["studio"])
    assert lines(hall["data-row"])[0] == lines(studio["data-row"])[0]
    assert hall["data-col"] == "1/2"
    assert studio["data-col"] == "2/3"
    rooms = page.select(".agenda-day")[0].select(".timetable__room")
    assert [(room["data-col"], room.get_text()) for room in rooms] == [
        ("1/2", "Main Hall"),
        ("2/3", "Studio"),
    ]


@pytest.mark.slow
def test_timetable_spans_a_break_without_a_room_over_every_column(client, parallel):
    page = soup(client.get(AGENDA))
    assert item(page, parallel["coffee"])["data-col"] == "1/-1"
    assert item(page, parallel["keynote"])["data-col"] == "1/2"


@pytest.mark.slow
def test_timetable_rows_follow_the_clock_in_five_minute_steps(client, parallel):
    page = soup(client.get(AGENDA))
    # The day's first session starts on line 1; 45 minutes are 9 rows, 30 minutes 6.
    assert item(page, parallel["keynote"])["data-row"] == "1/10"
    assert item(page, parallel["coffee"])["data-row"] == "10/16"
    assert item(page, parallel["hall"])["data-row"] == "16/28"
    assert item(page, parallel["studio"])["data-row"] == "16/25"
    monday = page.select(".timetable")[0]
    assert monday["data-rows"] == "27"
    assert monday["data-cols"] == "2"
    times = monday.select(".timetable__time")
    assert [(time["data-row"], time.get_text()) for time in times] == [
        ("1/10", "09:00"),
        ("10/16", "09:45"),
        ("16/17", "10:15"),
    ]
    # Each day's lines count from its own first session: 11:00 on Tuesday is line 1.
    assert item(page, parallel["tuesday"])["data-row"] == "1/13"


@pytest.mark.slow
def test_timetable_placements_are_rules_in_a_stylesheet_with_the_nonce(client, parallel):
    response = client.get(AGENDA)
    page = soup(response)
    assert not page.select("[style]")
    styles = [style for style in page.find_all("style") if ".timetable" in style.string]
    assert len(styles) == 1
    rules = styles[0].string
    assert '.timetable [data-row="16/28"]{grid-row:16/28}' in rules
    assert '.timetable [data-col="1/-1"]{grid-column:1/-1}' in rules
    assert '.timetable[data-rows="27"]{grid-template-rows:auto repeat(27,' in rules
    assert '.timetable[data-cols="2"]{grid-template-columns:4rem repeat(2,' in rules
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert styles[0]["nonce"] == nonce


@pytest.mark.slow
def test_timetable_keeps_the_list_in_time_then_room_order(client, parallel):
    page = soup(client.get(AGENDA))
    monday = page.select(".agenda-day")[0]
    assert monday.find("h2").get_text() == "Monday 11 October 2027"
    titles = [link.get_text() for link in monday.select("ol.session-list > li .session__title a")]
    assert titles == ["Opening keynote", "Coffee", "Tracking traffickers online", "Drone patrols"]
    # The room headings and times are for the eye only: each session says its own.
    assert monday.select_one(".timetable__rooms")["aria-hidden"] == "true"
    assert monday.select_one(".timetable__times")["aria-hidden"] == "true"


@pytest.mark.slow
def test_agenda_renders_the_chosen_view_as_a_class(client, parallel):
    default = soup(client.get(AGENDA))
    assert "agenda--list" not in default.select_one(".agenda")["class"]
    listed = soup(client.get(AGENDA + "?view=list"))
    assert "agenda--list" in listed.select_one(".agenda")["class"]
    # Still the same markup, placements and all: CSS alone shows it as a list.
    assert listed.select(".timetable .session[data-row]")
    switch = listed.select_one("nav.view-switch")
    assert [(a.get_text(), a.get("aria-current")) for a in switch.select("a")] == [
        ("Timetable", None),
        ("List", "true"),
    ]
    assert switch.select("a")[0]["href"] == AGENDA + "?view=timetable"
    assert (
        "agenda--list"
        not in soup(client.get(AGENDA + "?view=bogus")).select_one(".agenda")["class"]
    )


@pytest.mark.slow
def test_filter_links_and_form_keep_the_chosen_view(client, parallel):
    page = soup(client.get(AGENDA + "?view=list&day=2027-10-11"))
    day_tabs = [a["href"] for a in page.select(".day-tabs a")]
    assert day_tabs == [
        AGENDA + "?view=list",
        AGENDA + "?day=2027-10-11&view=list",
        AGENDA + "?day=2027-10-12&view=list",
    ]
    assert all(a["href"].endswith("view=list") for a in page.select(".filter-chips a"))
    hidden = page.select_one('form.filters input[type="hidden"][name="view"]')
    assert hidden["value"] == "list"
    switch = [a["href"] for a in page.select("nav.view-switch a")]
    assert switch == [
        AGENDA + "?day=2027-10-11&view=timetable",
        AGENDA + "?day=2027-10-11&view=list",
    ]
    # Without a chosen view, the links carry none.
    plain = soup(client.get(AGENDA))
    assert all("view=" not in a["href"] for a in plain.select(".day-tabs a"))
    assert not plain.select('form.filters input[name="view"]')


@pytest.mark.slow
def test_breaks_carry_no_calendar_links_and_no_star(client, parallel):
    page = soup(client.get(AGENDA))
    coffee, keynote = item(page, parallel["coffee"]), item(page, parallel["keynote"])
    assert not coffee.select(".session__star, .session__calendar, .session__add")
    star = keynote.select_one('.session__star input[type="checkbox"]')
    assert star["form"] == "my-calendar-form"
    assert keynote.select_one(".session__star label").get_text() == (
        "Choose for My calendar: Opening keynote"
    )
    calendar = keynote.select_one("details.session__calendar")
    assert calendar.find("summary").get_text() == "Add to calendar: Opening keynote"
    assert calendar.select_one(".session__add a")["href"].startswith(
        "https://calendar.google.com/"
    )


@pytest.mark.slow
def test_session_page_keeps_its_calendar_links(client, parallel):
    page = soup(client.get(parallel["keynote"].url))
    assert page.select_one(".session__add a")["href"].startswith("https://calendar.google.com/")


@pytest.mark.slow
def test_a_clash_in_one_room_leaves_that_day_a_list(client, parallel, agenda):
    SessionPageFactory(
        parent=agenda,
        title="Double-booked",
        room=parallel["hall"].room,
        start=london(2027, 10, 11, 10, 30),
        end=london(2027, 10, 11, 11),
    )
    page = soup(client.get(AGENDA))
    monday, tuesday = page.select(".agenda-day")
    assert not monday.select(".timetable, [data-row]")
    assert tuesday.select(".timetable")


@pytest.mark.slow
def test_the_timetable_adds_no_queries_as_the_programme_grows(
    client, edition, agenda, speakers_page
):
    add_programme(agenda, edition, 10)
    small = queries_for(client, AGENDA + "?view=list")
    add_programme(agenda, edition, 200)
    assert queries_for(client, AGENDA + "?view=list") == small


@pytest.mark.slow
def test_a_cached_agenda_gives_its_placements_the_new_nonce(client, parallel, settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    nonces = []
    for _ in range(2):
        response = client.get(AGENDA)
        header_nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
        styles = [s for s in soup(response).find_all("style") if ".timetable" in s.string]
        assert [style["nonce"] for style in styles] == [header_nonce]
        nonces.append(header_nonce)
    assert response["X-Cache"] == "HIT"
    assert nonces[0] != nonces[1]
