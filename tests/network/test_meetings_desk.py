"""The organisers' meetings desk and network report (network/meetings_desk.py): who gets in,
the grid, the sheets for the venue staff, the counts, the CSV export and the report's
figures, in the same number of queries however many meetings there are."""

import csv
import io

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taggit.models import Tag

from network import meetings
from network.models import DelegateProfile, Meeting, MeetingPoint, MeetingStatus
from tests.factories import TrackFactory
from tests.roles import client_for, member_of

from .conftest import delegate, meeting_time

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("meetings_on")]

DESK = reverse("meetings_desk:desk")
REPORT = reverse("meetings_desk:report")


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text(element):
    return " ".join(element.get_text().split())


@pytest.fixture
def organiser():
    return client_for(member_of("Organisers", "olga"))


@pytest.fixture
def times(edition):
    return [meeting_time(edition, day, hour) for day, hour in [(11, 10), (11, 11), (12, 14)]]


@pytest.fixture
def points(edition):
    return [
        MeetingPoint.objects.create(edition=edition, name="Table A", capacity=1),
        MeetingPoint.objects.create(
            edition=edition, name="Table B", capacity=2, directions="By the window"
        ),
    ]


@pytest.fixture
def people(edition):
    return {
        "gov": delegate(
            edition, name="Grace Gov", organisation="Home Office", sector="government"
        ),
        "plat": delegate(
            edition, name="Paul Plat", organisation="Bazaar", sector="online_platform"
        ),
        "fin": delegate(edition, name="Fay Fin", organisation="Bank", sector="financial"),
        "ngo": delegate(edition, name="Nia Ngo", organisation="KWS", sector="ngo"),
        "idle": delegate(edition, name="Ida Idle", organisation="Uni", sector="academia"),
    }


@pytest.fixture
def known(times, points, people):
    """Three accepted meetings (one across the divide), one declined, one cancelled, one
    waiting for an answer and one silenced by a block."""
    gov, plat, fin, ngo = (people[key] for key in ("gov", "plat", "fin", "ngo"))
    t1, t2, t3 = times
    found = {
        "gov_plat": meetings.accept(meetings.request_meeting(gov, plat, [t1]), plat, t1),
        "fin_ngo": meetings.accept(meetings.request_meeting(fin, ngo, [t1]), ngo, t1),
        "ngo_gov": meetings.accept(meetings.request_meeting(ngo, gov, [t2]), gov, t2),
        "declined": meetings.decline(meetings.request_meeting(plat, fin, [t3]), fin),
        "cancelled": meetings.cancel(meetings.request_meeting(ngo, plat, [t3]), ngo),
        "open": meetings.request_meeting(fin, gov, [t3]),
    }
    meetings.block(plat, gov)
    found["silenced"] = meetings.request_meeting(gov, plat, [t3])
    assert found["silenced"].silenced
    return found


# Who gets in


def test_organisers_get_in_and_other_groups_are_refused(edition, known):
    organiser = client_for(member_of("Organisers", "olga"))
    urls = [
        DESK,
        f"{DESK}?edition={edition.pk}",
        f"{DESK}?edition={edition.pk}&print=points",
        f"{DESK}?edition={edition.pk}&format=csv",
        REPORT,
        f"{REPORT}?edition={edition.pk}",
    ]
    for url in urls:
        assert organiser.get(url).status_code == 200, url
    for group, username in [("Registration desk", "dan"), ("Programme editors", "pat")]:
        other = client_for(member_of(group, username))
        for url in urls:
            response = other.get(url)
            assert response.status_code in (302, 403), (group, url)
            assert b"Grace Gov" not in response.content


def test_the_menu_offers_the_desk_and_report_to_organisers_alone(organiser):
    menu = organiser.get(reverse("wagtailadmin_home")).content.decode()
    assert DESK in menu and REPORT in menu
    desk = client_for(member_of("Registration desk", "dan"))
    menu = desk.get(reverse("wagtailadmin_home")).content.decode()
    assert DESK not in menu and REPORT not in menu


def test_without_an_edition_the_desk_asks_for_one(organiser, edition):
    page = soup(organiser.get(DESK))
    options = [option["value"] for option in page.select("select[name=edition] option")]
    assert str(edition.pk) in options
    assert page.select("table") == []


# The desk


def test_the_grid_shows_each_meeting_at_its_point_and_time(organiser, edition, known, times):
    page = soup(organiser.get(f"{DESK}?edition={edition.pk}"))
    grid = page.select_one("table.meetings-desk__grid")
    headings = [text(th) for th in grid.select("thead th")]
    assert headings == ["Time", "Table A", "Table B (holds 2)"]

    def cell(time, column):
        return text(grid.select_one(f'tr[data-time="{time.pk}"]').select("td")[column])

    t1, t2, t3 = times
    assert cell(t1, 0) == "Grace Gov (Home Office) and Paul Plat (Bazaar)"
    assert cell(t1, 1) == "Fay Fin (Bank) and Nia Ngo (KWS)"
    assert cell(t2, 0) == "Nia Ngo (KWS) and Grace Gov (Home Office)"
    assert cell(t2, 1).startswith("Free")
    assert "Free" in cell(t3, 0) and "Free" in cell(t3, 1)


def test_the_counts(organiser, edition, known):
    page = soup(organiser.get(f"{DESK}?edition={edition.pk}"))
    counts = {td["data-count"]: text(td) for td in page.select("[data-count]")}
    # The silenced request is not waiting for anyone: the invitee never sees it.
    assert counts == {"open": "1", "accepted": "3", "declined": "1", "cancelled": "1"}


def test_the_print_view_has_a_sheet_per_meeting_point(organiser, edition, known, points):
    page = soup(organiser.get(f"{DESK}?edition={edition.pk}&print=points"))
    sheets = page.select("section.sheet")
    assert [text(sheet.h1) for sheet in sheets] == ["Table A", "Table B"]
    assert "break-after: page" in text(page.style)
    table_a, table_b = sheets
    assert "By the window" in text(table_b)
    rows_a = [text(row) for row in table_a.select("tbody tr")]
    assert rows_a[0].endswith("Grace Gov (Home Office) and Paul Plat (Bazaar)")
    assert rows_a[1].endswith("Nia Ngo (KWS) and Grace Gov (Home Office)")
    assert rows_a[2].endswith("Free")
    assert "Fay Fin (Bank) and Nia Ngo (KWS)" in text(table_b)
    # Standalone: none of the admin's menus on paper.
    assert page.select("aside, nav") == []


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_csv_lists_every_meeting(organiser, edition, known, times):
    heading, *rows = read_csv(organiser.get(f"{DESK}?edition={edition.pk}&format=csv"))
    assert len(rows) == 7
    by_heading = [dict(zip(heading, row, strict=True)) for row in rows]
    gov_plat = next(
        row
        for row in by_heading
        if row["Requester"] == "Grace Gov" and row["Status"] == "Accepted"
    )
    assert gov_plat == {
        "Time": str(times[0]),
        "Meeting point": "Table A",
        "Requester": "Grace Gov",
        "Requester organisation": "Home Office",
        "Requester sector": "Government",
        "Invitee": "Paul Plat",
        "Invitee organisation": "Bazaar",
        "Invitee sector": "Online platform or tech company",
        "Status": "Accepted",
        "Hidden from the invitee (blocked)": "no",
        "Asked at (UTC)": f"{known['gov_plat'].created_at:%Y-%m-%d %H:%M}",
        "Answered at (UTC)": f"{known['gov_plat'].answered_at:%Y-%m-%d %H:%M}",
    }
    assert sorted(row["Status"] for row in by_heading) == sorted(
        ["Accepted"] * 3 + ["Declined", "Cancelled"] + ["Waiting for an answer"] * 2
    )
    waiting = [row for row in by_heading if row["Status"] == "Waiting for an answer"]
    assert all(
        row["Time"] == row["Meeting point"] == row["Answered at (UTC)"] == "" for row in waiting
    )
    assert [row["Hidden from the invitee (blocked)"] for row in waiting].count("yes") == 1


def test_the_csv_escapes_what_a_spreadsheet_would_run(organiser, edition, times, points):
    sly = delegate(edition, name="=HYPERLINK(1)", organisation="+Corp", sector="other")
    other = delegate(edition, name="@Ann", organisation="-Org")
    meetings.request_meeting(sly, other, [times[0]])
    _, row = read_csv(organiser.get(f"{DESK}?edition={edition.pk}&format=csv"))
    assert row[2:4] == ["'=HYPERLINK(1)", "'+Corp"]
    assert row[5:7] == ["'@Ann", "'-Org"]


# The report


def test_the_report_sector_table_and_the_divide(organiser, edition, known):
    page = soup(organiser.get(f"{REPORT}?edition={edition.pk}"))
    table = page.select_one("#sector-table")
    assert table.caption is not None
    columns = [text(th) for th in table.select("thead th[scope=col]")]
    assert columns == ["Government", "NGO", "Online platform or tech company", "Financial sector"]
    rows = {
        text(row.th): [text(td) for td in row.select("td")] for row in table.select("tbody tr")
    }
    assert rows == {
        "Government": ["0", "1", "1", "0"],
        "NGO": ["1", "0", "0", "1"],
        "Online platform or tech company": ["1", "0", "0", "0"],
        "Financial sector": ["0", "1", "0", "0"],
    }
    figures = {span["data-figure"]: text(span) for span in page.select("span[data-figure]")}
    # Government with an online platform crosses; a bank with an NGO, NGO with government do not.
    assert figures == {"accepted": "3", "across": "1", "across-percent": "33%"}


def test_the_report_requests_per_delegate(organiser, edition, known):
    page = soup(organiser.get(f"{REPORT}?edition={edition.pk}"))
    figures = {td["data-figure"]: text(td) for td in page.select("#requests-table td")}
    # Asked: Grace 2, Fay 2, Nia 2, Paul 1, Ida none.
    assert figures == {"asked": "4", "median": "2", "most": "2"}
    assert "5 delegates" in text(page.select_one("#requests-table caption"))


def test_the_report_most_followed_interests(organiser, edition, people):
    cybercrime = TrackFactory(edition=edition, name="Wildlife cybercrime", slug="cybercrime")
    money = TrackFactory(edition=edition, name="Follow the money", slug="money")
    ivory = Tag.objects.create(name="Ivory", slug="ivory")
    for key, tracks, topics in [
        ("gov", [cybercrime, money], [ivory]),
        ("plat", [cybercrime], [ivory]),
        ("fin", [cybercrime], []),
    ]:
        profile = DelegateProfile.objects.create(registration=people[key])
        profile.tracks.set(tracks)
        profile.topics.set(topics)
    unlisted = delegate(edition, directory_listing=False)
    DelegateProfile.objects.create(registration=unlisted).tracks.set([money])

    page = soup(organiser.get(f"{REPORT}?edition={edition.pk}"))
    rows = [
        [text(cell) for cell in row.select("th, td")]
        for row in page.select("#interests-table tbody tr")
    ]
    assert rows == [
        ["Wildlife cybercrime", "Track", "3"],
        ["Ivory", "Topic", "2"],
        ["Follow the money", "Track", "1"],
    ]


# Queries


def make_meetings(edition, time, point, count):
    """`count` meetings made directly (the services are tested above): accepted, declined
    and waiting in turn, between delegates of different sectors."""
    statuses = [MeetingStatus.ACCEPTED, MeetingStatus.DECLINED, MeetingStatus.REQUESTED]
    for number in range(count):
        status = statuses[number % 3]
        accepted = status == MeetingStatus.ACCEPTED
        Meeting.objects.create(
            edition=edition,
            requester=delegate(edition, sector="government"),
            invitee=delegate(edition, sector="financial"),
            status=status,
            time=time if accepted else None,
            point=point if accepted else None,
        )


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_query_count_does_not_grow_with_the_meetings(organiser, edition, times):
    point = MeetingPoint.objects.create(edition=edition, name="Hall", capacity=50)
    urls = [
        f"{DESK}?edition={edition.pk}",
        f"{DESK}?edition={edition.pk}&print=points",
        f"{DESK}?edition={edition.pk}&format=csv",
        f"{REPORT}?edition={edition.pk}",
    ]
    make_meetings(edition, times[0], point, 2)
    organiser.get(urls[0])  # the first request warms the caches (site, session)
    few = [queries(organiser, url) for url in urls]
    make_meetings(edition, times[0], point, 18)
    assert Meeting.objects.count() == 20
    assert [queries(organiser, url) for url in urls] == few
