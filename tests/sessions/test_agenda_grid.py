"""The organisers' agenda grid in the Wagtail admin: a day-by-room table of every session."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import GroupPagePermission

from tests.factories import (
    AgendaPageFactory,
    ConferencePageFactory,
    RoomFactory,
    SessionPageFactory,
    SpeakerFactory,
    TrackFactory,
    london,
)


@pytest.fixture
def rooms(edition):
    return {
        "hall": RoomFactory(name="Main Hall", venue=edition.venue, sort_order=1),
        "studio": RoomFactory(name="Studio", venue=edition.venue, sort_order=2),
    }


def place(agenda, start, end, **fields):
    """A session under `agenda`; start and end as (day, hour[, minute]) in October 2027, London."""
    return SessionPageFactory(
        parent=agenda, start=london(2027, 10, *start), end=london(2027, 10, *end), **fields
    )


def grid_url(edition):
    return reverse("agenda_grid:edition", args=[edition.pk])


def edit_url(session):
    return reverse("wagtailadmin_pages:edit", args=[session.pk])


def get_grid(client, edition):
    response = client.get(grid_url(edition))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def entry(soup, session):
    return soup.find(id=f"session-{session.pk}")


def text(element):
    return " ".join(element.get_text(" ", strip=True).split())


def test_agenda_grid_has_rooms_as_columns_and_times_as_rows(admin_client, edition, agenda, rooms):
    """Times in the edition's zone (09:00 in London is 08:00 UTC), rooms across."""
    track = TrackFactory(edition=edition, name="Wildlife cybercrime")
    speaker = SpeakerFactory(name="Tania McCrea-Steele")
    keynote = place(
        agenda,
        (11, 9),
        (11, 10),
        title="Opening keynote",
        kind="keynote",
        track=track,
        room=rooms["hall"],
        speakers=[speaker],
    )
    workshop = place(
        agenda,
        (11, 11),
        (11, 12, 30),
        title="Tracing adverts",
        kind="workshop",
        room=rooms["studio"],
    )

    soup = get_grid(admin_client, edition)

    days = soup.select(".agenda-grid__day")
    assert [text(day.h2) for day in days] == ["Monday 11 October 2027", "Tuesday 12 October 2027"]
    assert "No session is placed in a room on this day." in text(days[1])
    tables = soup.select("table.agenda-grid")
    assert [text(table.caption) for table in tables] == ["Monday 11 October 2027 (Europe/London)"]
    monday = tables[0]
    assert [text(th) for th in monday.select("thead th[scope=col]")] == [
        "Time",
        "Main Hall",
        "Studio",
    ]
    rows = monday.select("tbody tr")
    assert [text(row.find("th", scope="row")) for row in rows] == ["09:00", "11:00"]
    # Each session sits in its room's column of its starting time's row.
    first_cells = rows[0].find_all("td")
    assert first_cells[0].find("a")["href"] == edit_url(keynote)
    assert first_cells[1].find("a") is None
    second_cells = rows[1].find_all("td")
    assert second_cells[1].find("a")["href"] == edit_url(workshop)

    shown = text(entry(soup, keynote))
    for detail in ["Opening keynote", "Keynote", "Wildlife cybercrime", "09:00", "10:00"]:
        assert detail in shown
    assert "Tania McCrea-Steele" in shown
    assert "11:00 to 12:30" in text(entry(soup, workshop))


def test_agenda_grid_links_every_session_to_its_edit_view_in_reading_order(
    admin_client, edition, agenda, rooms
):
    sessions = [
        place(agenda, (11, hour), (11, hour + 1), title=title, room=rooms[room])
        for title, room, hour in [("B", "studio", 9), ("A", "hall", 9), ("C", "hall", 10)]
    ]

    soup = get_grid(admin_client, edition)

    links = [a["href"] for a in soup.select("table.agenda-grid a[href]")]
    # Row by row, room by room: A (hall 09:00), B (studio 09:00), C (hall 10:00).
    assert links == [edit_url(sessions[1]), edit_url(sessions[0]), edit_url(sessions[2])]


def test_agenda_grid_shows_a_room_double_booked_with_its_reason(
    admin_client, edition, agenda, rooms
):
    first = place(agenda, (11, 9), (11, 10), title="Opening keynote", room=rooms["hall"])
    second = place(agenda, (11, 9, 30), (11, 10, 30), title="Ivory panel", room=rooms["hall"])

    soup = get_grid(admin_client, edition)

    assert "Room double-booked: Main Hall also has “Ivory panel”" in text(entry(soup, first))
    assert "Room double-booked: Main Hall also has “Opening keynote”" in text(entry(soup, second))
    summary = soup.find(id="clash-summary")
    assert "1 clash" in text(summary.find("h2"))
    targets = {a["href"] for a in summary.select("a[href^='#']")}
    assert targets == {f"#session-{first.pk}", f"#session-{second.pk}"}


def test_agenda_grid_shows_a_speaker_in_two_places_with_its_reason(
    admin_client, edition, agenda, rooms
):
    speaker = SpeakerFactory(name="Tania McCrea-Steele")
    first = place(
        agenda, (11, 9), (11, 10), title="Opening keynote", room=rooms["hall"], speakers=[speaker]
    )
    place(
        agenda,
        (11, 9, 45),
        (11, 11),
        title="Marketplace workshop",
        room=rooms["studio"],
        speakers=[speaker],
    )

    soup = get_grid(admin_client, edition)

    assert (
        "Speaker in two places: Tania McCrea-Steele is also in “Marketplace workshop” (Studio)"
        in text(entry(soup, first))
    )
    assert "1 clash" in text(soup.find(id="clash-summary").find("h2"))


def test_agenda_grid_shows_a_session_outside_the_dates_apart_with_its_reason(
    admin_client, edition, agenda, rooms
):
    outside = place(agenda, (14, 9), (14, 10), title="Boat trip", room=rooms["hall"])

    soup = get_grid(admin_client, edition)

    assert entry(soup, outside).find_parent("table") is None
    unscheduled = soup.find(id="unscheduled")
    assert entry(soup, outside).find_parent(id="unscheduled") is unscheduled
    assert "Outside the edition's dates: 14 October 2027 09:00" in text(entry(soup, outside))
    assert entry(soup, outside).find("a")["href"] == edit_url(outside)
    assert "1 clash" in text(soup.find(id="clash-summary").find("h2"))


def test_agenda_grid_cancelled_and_back_to_back_sessions_do_not_clash(
    admin_client, edition, agenda, rooms
):
    place(agenda, (11, 9), (11, 10), room=rooms["hall"])
    place(agenda, (11, 10), (11, 11), room=rooms["hall"])
    cancelled = place(
        agenda, (11, 9), (11, 10), title="Drone patrols", status="cancelled", room=rooms["hall"]
    )

    soup = get_grid(admin_client, edition)

    assert "No clashes" in text(soup.find(id="clash-summary"))
    assert soup.select(".agenda-grid__clash") == []
    assert "Cancelled" in text(entry(soup, cancelled))


def test_agenda_grid_lists_drafts_and_sessions_without_a_room_apart(
    admin_client, edition, agenda, rooms
):
    draft = place(
        agenda,
        (11, 16),
        (11, 17),
        title="Unpublished draft session",
        publish=False,
        room=rooms["hall"],
    )
    roomless = place(agenda, (12, 9), (12, 10), title="Somewhere, sometime")

    soup = get_grid(admin_client, edition)

    # The draft is in the grid, marked, and listed again with the drafts.
    assert "Draft" in text(entry(soup, draft))
    drafts = soup.find(id="drafts")
    assert [a["href"] for a in drafts.select("a[href]")] == [edit_url(draft)]
    assert entry(soup, roomless).find_parent(id="unscheduled") is not None
    assert "No room" in text(entry(soup, roomless))


def test_agenda_grid_shows_each_sessions_publishing_status(admin_client, edition, agenda, rooms):
    def at(hour, **kwargs):
        return SessionPageFactory(
            parent=agenda,
            room=rooms["hall"],
            start=london(2027, 10, 11, hour),
            end=london(2027, 10, 11, hour, 30),
            **kwargs,
        )

    live = at(9)
    changed = at(10)
    changed.title = "Renamed in a draft"
    changed.save_revision()
    scheduled = at(11, publish=False)
    scheduled.go_live_at = timezone.now() + timedelta(days=3)
    scheduled.save_revision().publish()
    draft = at(12, publish=False)

    soup = get_grid(admin_client, edition)

    def status(session):
        return text(entry(soup, session).select_one(".agenda-grid__status"))

    assert status(live) == "Live"
    assert status(changed) == "Live, with unpublished changes"
    assert status(scheduled).startswith("Scheduled to go live on")
    assert status(draft) == "Draft"


def test_agenda_grid_refused_to_a_user_who_cannot_edit_the_agenda(client, edition, agenda):
    user = get_user_model().objects.create_user("desk", "desk@example.com", "pw")
    desk = Group.objects.create(name="Desk only")
    desk.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(desk)
    client.force_login(user)

    response = client.get(grid_url(edition))
    assert response.status_code == 403
    assert "You may not edit the agenda of IWT Conference 2027" in response.content.decode()
    index = BeautifulSoup(client.get(reverse("agenda_grid:index")).content, "html.parser")
    assert index.find("a", href=grid_url(edition)) is None


def test_agenda_grid_open_to_a_user_who_may_edit_the_agenda(client, edition, agenda):
    user = get_user_model().objects.create_user("editor", "editor@example.com", "pw")
    editors = Group.objects.create(name="Programme editors (test)")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=editors, page=agenda, permission=Permission.objects.get(codename="change_page")
    )
    user.groups.add(editors)
    client.force_login(user)

    assert client.get(grid_url(edition)).status_code == 200
    index = BeautifulSoup(client.get(reverse("agenda_grid:index")).content, "html.parser")
    assert index.find("a", href=grid_url(edition)) is not None
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("agenda_grid:index") in menu


def test_agenda_grid_index_lists_editions_and_is_in_the_admin_menu(admin_client, edition, agenda):
    other = ConferencePageFactory(title="IWT Conference 2028", slug="iwt-2028")
    AgendaPageFactory(parent=other, slug="agenda")

    response = admin_client.get(reverse("agenda_grid:index"))

    soup = BeautifulSoup(response.content, "html.parser")
    hrefs = {a["href"] for a in soup.select("main a[href], #main a[href]")}
    assert {grid_url(edition), grid_url(other)} <= hrefs
    home = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Agenda grid" in home
    assert reverse("agenda_grid:index") in home


def test_agenda_grid_unknown_edition_is_not_found(admin_client, db):
    assert admin_client.get(reverse("agenda_grid:edition", args=[999999])).status_code == 404


def test_agenda_grid_loads_its_own_stylesheet(admin_client, edition, agenda):
    soup = get_grid(admin_client, edition)
    assert any(
        link["href"].endswith("css/admin-grid.css") for link in soup.select("link[rel=stylesheet]")
    )


def make_programme(agenda, rooms, count):
    speakers = [SpeakerFactory() for _ in range(3)]
    track = TrackFactory(edition=agenda.get_parent().specific)
    for number in range(count):
        start = london(2027, 10, 11 + number % 2, 9) + timedelta(minutes=30 * (number // 2))
        SessionPageFactory(
            parent=agenda,
            room=rooms["hall"] if number % 3 else rooms["studio"],
            track=track,
            speakers=speakers[: number % 3],
            publish=bool(number % 4),
            start=start,
            end=start + timedelta(minutes=45),
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.slow
def test_agenda_grid_query_count_does_not_grow_with_sessions(
    admin_client, edition, agenda, rooms, django_assert_max_num_queries
):
    make_programme(agenda, rooms, 5)
    count_queries(admin_client, grid_url(edition))  # warm caches (content types, site)
    few = count_queries(admin_client, grid_url(edition))

    make_programme(agenda, rooms, 45)
    with django_assert_max_num_queries(few):
        admin_client.get(grid_url(edition))


@pytest.mark.slow
def test_agenda_grid_linked_from_the_editions_page_in_the_admin(admin_client, edition, agenda):
    for page in (edition, agenda):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        soup = BeautifulSoup(response.content, "html.parser")
        links = soup.find_all("a", href=grid_url(edition))
        assert [text(link) for link in links] == ["Agenda grid"]


def test_agenda_grid_shows_a_break_for_everyone_as_one_cell_across_the_rooms(
    admin_client, edition, agenda, rooms
):
    foyer = RoomFactory(name="Foyer", venue=edition.venue, sort_order=3)
    coffee = place(agenda, (11, 9), (11, 9, 30), title="Coffee", kind="break", room=foyer)
    place(agenda, (11, 9, 30), (11, 10), title="Talk", room=rooms["hall"])

    soup = get_grid(admin_client, edition)

    monday = soup.select("table.agenda-grid")[0]
    assert monday["style"] == "--rooms: 3"
    coffee_row, talk_row = monday.select("tbody tr")
    (cell,) = coffee_row.find_all("td")
    assert "agenda-grid__spanning" in cell["class"]
    assert cell["colspan"] == "3"
    assert cell.find("a")["href"] == edit_url(coffee)
    assert text(cell.select_one(".agenda-grid__when")) == "09:00 to 09:30, Foyer"
    assert len(talk_row.find_all("td")) == 3


def test_agenda_grid_keeps_a_break_in_its_room_when_another_room_is_busy(
    admin_client, edition, agenda, rooms
):
    place(agenda, (11, 9), (11, 9, 30), title="Coffee", kind="break", room=rooms["studio"])
    place(agenda, (11, 9), (11, 10), title="Workshop", room=rooms["hall"])
    place(agenda, (11, 9, 30), (11, 10), title="Tea", kind="break", room=rooms["studio"])

    soup = get_grid(admin_client, edition)

    assert soup.select(".agenda-grid__spanning") == []
    assert [len(row.find_all("td")) for row in soup.select("table.agenda-grid tbody tr")] == [2, 2]
