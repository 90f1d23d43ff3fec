"""Delegates ask for a meeting from a profile and answer on their registration page, without
JavaScript; nobody's e-mail address shows unless both chose to show it."""

import pytest

from django.conf import settings

from network import meetings
from network.models import Meeting, MeetingStatus
from tests.calendars import events_by_every_parser
from tests.pages import soup, texts

from .conftest import delegate, manage_path, meeting_time, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("meetings_on")]


@pytest.fixture
def times(edition):
    return [meeting_time(edition, 11, hour) for hour in (10, 11, 12, 13)]


def ask(client, directory, invitee, times, **data):
    return client.post(
        directory.profile_url(invitee.pk),
        {"action": "request-meeting", "times": [t.pk for t in times], "message": "", **data},
    )


def answer(client, registration_page, me, meeting, action, **data):
    return client.post(
        manage_path(registration_page, me),
        {"action": f"meeting-{action}", "meeting": meeting.pk, **data},
    )


def test_a_delegate_asks_from_a_profile_and_the_other_accepts_from_their_page(
    client, edition, directory, registration_page, times, table, amina, ben
):
    sign_in(client, registration_page, amina)
    form = soup(client.get(directory.profile_url(ben.pk))).select_one(".meeting-offer form")
    assert texts(form.select(".checkbox-group label")) == [
        "Mon 11 Oct 10:00–10:30",
        "Mon 11 Oct 11:00–11:30",
        "Mon 11 Oct 12:00–12:30",
        "Mon 11 Oct 13:00–13:30",
    ]
    response = ask(client, directory, ben, times[:2], message="Takedowns in East Africa?")
    assert response.status_code == 303
    shown = soup(client.get(response["Location"])).select_one(".meeting-offer").get_text()
    assert "waiting for an answer" in shown

    other = client.__class__()
    page = soup(other.get(manage_path(registration_page, ben)))
    to_answer = page.select_one(".meeting--to-answer")
    assert "Amina Okafor" in to_answer.get_text()
    assert "Takedowns in East Africa?" in to_answer.get_text()
    assert "Decline, and take no more requests from Amina Okafor" in texts(
        to_answer.select("button")
    )
    assert "amina@kws.example" not in page.get_text()
    meeting = Meeting.objects.get()
    field = f"meeting-{meeting.pk}-time"
    response = answer(other, registration_page, ben, meeting, "accept", **{field: times[1].pk})
    assert response.status_code == 303

    for who, client_of in ((ben, other), (amina, client)):
        agreed = soup(client_of.get(manage_path(registration_page, who))).select_one(
            ".meeting--agreed"
        )
        assert "Mon 11 Oct 11:00–11:30" in agreed.get_text()
        assert "Table 1" in agreed.get_text() and "In the Foyer" in agreed.get_text()
        assert "@" not in agreed.get_text()  # neither chose to show an address


def test_addresses_show_only_when_both_chose_to(
    client, directory, registration_page, times, table, amina, ben
):
    sign_in(client, registration_page, amina)
    ask(client, directory, ben, times[:1], share_email="on")
    meeting = Meeting.objects.get()
    field = f"meeting-{meeting.pk}-time"
    answer(
        client,
        registration_page,
        ben,
        meeting,
        "accept",
        **{field: times[0].pk},
        **{f"meeting-{meeting.pk}-share_email": "on"},
    )
    page = soup(client.get(manage_path(registration_page, amina)))
    assert "ben@bazaar.example" in page.select_one(".meeting--agreed").get_text()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"times": []}, "Times that suit you: choose one to three."),
        ({"times": "four"}, "Times that suit you: choose at most three."),
        ({"message": "x" * 501}, "Message: use at most 500 characters."),
        ({"times": ["nine"]}, "Times that suit you: choose from the list."),
    ],
)
def test_bad_requests_are_refused_and_nothing_is_written(
    client, directory, registration_page, times, amina, ben, data, message
):
    sign_in(client, registration_page, amina)
    if data.get("times") == "four":
        data = {**data, "times": [t.pk for t in times]}
    response = client.post(
        directory.profile_url(ben.pk),
        {"action": "request-meeting", "times": [times[0].pk], "message": "", **data},
    )
    assert response.status_code == 400
    assert message in texts(soup(response).select(".error-summary li"))
    assert not Meeting.objects.exists()


def test_no_request_while_meetings_are_off(
    client, directory, registration_page, times, amina, ben
):
    directory.meetings_enabled = False
    directory.save()
    sign_in(client, registration_page, amina)
    assert (
        soup(client.get(directory.profile_url(ben.pk))).select_one(".meeting-offer form") is None
    )
    assert ask(client, directory, ben, times[:1]).status_code == 400
    assert not Meeting.objects.exists()


def test_declining_with_a_note_and_blocking(
    client, edition, directory, registration_page, times, amina, ben
):
    sign_in(client, registration_page, amina)
    ask(client, directory, ben, times[:1])
    meeting = Meeting.objects.get()
    response = answer(client, registration_page, ben, meeting, "decline", note="Not this time.")
    assert response.status_code == 303
    past = soup(client.get(manage_path(registration_page, amina))).get_text()
    assert "Your request was declined: “Not this time.”" in past

    ask(client, directory, ben, times[1:2])
    second = Meeting.objects.get(status=MeetingStatus.REQUESTED)
    answer(client, registration_page, ben, second, "block")
    ask(client, directory, ben, times[2:3])
    # The third request is Amina's to see, and never Ben's.
    third = Meeting.objects.get(status=MeetingStatus.REQUESTED)
    assert third.silenced
    assert (
        soup(client.get(manage_path(registration_page, ben))).select(".meeting--to-answer") == []
    )


def test_cancelling_and_what_is_not_yours(
    client, edition, directory, registration_page, times, table, amina, ben
):
    sign_in(client, registration_page, amina)
    ask(client, directory, ben, times[:1])
    meeting = Meeting.objects.get()
    stranger = delegate(edition, organisation="Else")
    refused = answer(client, registration_page, stranger, meeting, "cancel")
    assert refused.status_code == 400
    assert "That meeting is not one of yours." in refused.content.decode()
    assert answer(client, registration_page, amina, meeting, "cancel").status_code == 303
    assert Meeting.objects.get().status == MeetingStatus.CANCELLED


def test_an_agreed_meeting_is_in_both_personal_calendars_and_a_cancellation_follows(
    client, edition, directory, registration_page, times, table, amina, ben
):
    meeting = meetings.accept(meetings.request_meeting(amina, ben, times[:1]), ben, times[0])
    uid = f"meeting-{meeting.pk}@{settings.CALENDAR_UID_DOMAIN}"

    def read(registration):
        reference, token = registration.reference, registration.feed_token
        feed = client.get(f"/calendar/personal/{reference}/{token}.ics")
        assert feed.status_code == 200
        return events_by_every_parser(feed.content)

    for me, other in ((amina, ben), (ben, amina)):
        event = read(me)[uid]
        assert event["summary"] == f"1:1 meeting with {other.name}"
        assert event["start"] == times[0].start and event["end"] == times[0].end
        assert event["location"].startswith("Table 1, In the Foyer")
        assert (event["status"], event["sequence"]) == ("CONFIRMED", 1)

    meetings.cancel(meeting, amina)
    for me in (amina, ben):
        assert (read(me)[uid]["status"], read(me)[uid]["sequence"]) == ("CANCELLED", 2)


def test_a_decline_note_too_long_is_refused_and_nothing_changes(
    client, directory, registration_page, times, amina, ben
):
    sign_in(client, registration_page, amina)
    ask(client, directory, ben, times[:1])
    meeting = Meeting.objects.get()
    response = answer(client, registration_page, ben, meeting, "decline", note="x" * 501)
    assert response.status_code == 400
    assert "Note: use at most 500 characters." in response.content.decode()
    assert Meeting.objects.get().status == MeetingStatus.REQUESTED
