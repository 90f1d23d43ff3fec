"""Organisers set up 1:1 meetings per edition: meeting times within the edition's days, in
its zone and never overlapping, meeting points with how many meetings each holds, and when
requests open and close."""

from datetime import UTC, date, datetime, time

import pytest

from network.models import MeetingPoint, MeetingTime
from tests.factories import ConferencePageFactory
from tests.roles import client_for, editor_form_data, member_of

pytestmark = pytest.mark.django_db

TIMES_URL = "/admin/snippets/network/meetingtime/"
POINTS_URL = "/admin/snippets/network/meetingpoint/"


@pytest.fixture
def organiser():
    return client_for(member_of("Organisers", "olga"))


def add_time(client, edition, day, starts_at, ends_at):
    return client.post(
        TIMES_URL + "add/",
        {"edition": edition.pk, "day": day, "starts_at": starts_at, "ends_at": ends_at},
    )


def error_text(response):
    return response.content.decode()


def test_organisers_add_meeting_times_in_the_editions_zone(organiser, edition):
    response = add_time(organiser, edition, "2027-10-11", "15:30", "16:00")
    assert response.status_code == 302
    meeting_time = MeetingTime.objects.get()
    # British Summer Time: 15:30 in London is 14:30 UTC.
    assert meeting_time.start == datetime(2027, 10, 11, 14, 30, tzinfo=UTC)
    assert meeting_time.end == datetime(2027, 10, 11, 15, 0, tzinfo=UTC)
    assert str(meeting_time) == "Mon 11 Oct 15:30–16:00"


@pytest.mark.parametrize(
    ("day", "starts_at", "ends_at", "message"),
    [
        (
            "2027-10-13",
            "10:00",
            "10:30",
            "Choose one of the edition&#x27;s days: 11 October to 12 October 2027.",
        ),
        ("2027-10-10", "10:00", "10:30", "Choose one of the edition&#x27;s days"),
        ("2027-10-11", "10:30", "10:00", "A meeting time must end after it starts."),
        ("2027-10-11", "10:00", "10:00", "A meeting time must end after it starts."),
        ("2027-10-11", "10:15", "10:45", "This overlaps the meeting time Mon 11 Oct 10:00–10:30"),
        ("2027-10-11", "09:45", "10:15", "This overlaps the meeting time Mon 11 Oct 10:00–10:30"),
    ],
)
def test_meeting_times_outside_the_edition_or_overlapping_are_refused(
    organiser, edition, day, starts_at, ends_at, message
):
    MeetingTime.objects.create(
        edition=edition, day=date(2027, 10, 11), starts_at=time(10), ends_at=time(10, 30)
    )
    response = add_time(organiser, edition, day, starts_at, ends_at)
    assert response.status_code == 200
    assert message in error_text(response)
    assert MeetingTime.objects.count() == 1


def test_back_to_back_meeting_times_and_other_editions_times_are_fine(organiser, edition):
    other = ConferencePageFactory(start_date=date(2027, 10, 11), end_date=date(2027, 10, 11))
    MeetingTime.objects.create(
        edition=other, day=date(2027, 10, 11), starts_at=time(10), ends_at=time(10, 30)
    )
    assert add_time(organiser, edition, "2027-10-11", "10:00", "10:30").status_code == 302
    assert add_time(organiser, edition, "2027-10-11", "10:30", "11:00").status_code == 302
    assert MeetingTime.objects.filter(edition=edition).count() == 2


def test_a_time_the_clocks_skip_is_refused(organiser):
    spring = ConferencePageFactory(start_date=date(2027, 3, 28), end_date=date(2027, 3, 28))
    response = add_time(organiser, spring, "2027-03-28", "01:30", "02:30")
    assert response.status_code == 200
    assert "does not exist" in error_text(response)
    assert not MeetingTime.objects.exists()


def test_meeting_points_hold_at_least_one_meeting_and_have_one_name(organiser, edition):
    data = {"edition": edition.pk, "name": "Table 1", "capacity": "2", "directions": ""}
    assert organiser.post(POINTS_URL + "add/", data).status_code == 302
    again = organiser.post(POINTS_URL + "add/", data)
    assert again.status_code == 200
    assert "This edition already has a meeting point of that name." in error_text(again)
    empty = organiser.post(POINTS_URL + "add/", {**data, "name": "Table 2", "capacity": "0"})
    assert empty.status_code == 200
    assert "greater than or equal to 1" in error_text(empty)
    assert list(MeetingPoint.objects.values_list("name", "capacity")) == [("Table 1", 2)]


def test_only_organisers_set_meetings_up(edition):
    editor = client_for(member_of("Programme editors", "pat"))
    assert add_time(editor, edition, "2027-10-11", "10:00", "10:30").status_code == 302
    assert editor.get(TIMES_URL).status_code == 302  # Wagtail's refusal: back to the dashboard
    assert not MeetingTime.objects.exists()


def test_requests_open_and_close_in_the_editions_zone(organiser, directory):
    url = f"/admin/pages/{directory.pk}/edit/"
    data = editor_form_data(organiser, url)
    data.update(
        meetings_enabled="on",
        meetings_open_at="2027-10-01 09:00",
        meetings_close_at="2027-10-12 12:00",
        max_open_requests="10",
    )
    data["action-publish"] = "action-publish"
    assert organiser.post(url, data).status_code == 302
    directory.refresh_from_db()
    assert directory.meetings_open_at == datetime(2027, 10, 1, 8, tzinfo=UTC)
    assert directory.meetings_close_at == datetime(2027, 10, 12, 11, tzinfo=UTC)

    data.update(meetings_close_at="2027-09-30 09:00")
    refused = organiser.post(url, data)
    assert refused.status_code == 200
    assert "Requests must close after they open." in error_text(refused)


@pytest.mark.parametrize(
    ("enabled", "now", "state"),
    [
        (False, datetime(2027, 10, 5, tzinfo=UTC), "off"),
        (True, datetime(2027, 9, 30, tzinfo=UTC), "not_open"),
        (True, datetime(2027, 10, 5, tzinfo=UTC), "open"),
        # Without a closing time, requests close when the edition's last day ends.
        (True, datetime(2027, 10, 12, 22, 59, tzinfo=UTC), "open"),
        (True, datetime(2027, 10, 12, 23, 0, tzinfo=UTC), "closed"),
    ],
)
def test_whether_requests_are_taken(directory, enabled, now, state):
    directory.meetings_enabled = enabled
    directory.meetings_open_at = datetime(2027, 10, 1, 8, tzinfo=UTC)
    assert directory.meetings_state(now) == state
