"""A delegate who stops taking part leaves no meeting standing: cancelling the registration,
erasing it, withdrawing the listing, being hidden or suspended by organisers cancels their
requests and meetings, and the others are told."""

import json

import pytest

from django.core import mail

from network import meetings, services
from network.models import Meeting, MeetingBlock, MeetingSeat, MeetingStatus
from registrations import services as registration_services
from tests.roles import client_for, member_of

from .conftest import delegate, manage_path, meeting_time

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("meetings_on")]


@pytest.fixture
def agreed_and_asked(django_capture_on_commit_callbacks, edition, table, amina, ben):
    """Amina has a meeting agreed with Ben, and a request waiting with Chloe."""
    at_ten, at_eleven = meeting_time(edition, 11, 10), meeting_time(edition, 11, 11)
    chloe = delegate(edition, name="Chloe Dubois", email="chloe@trace.example", organisation="T")
    agreed = meetings.accept(
        meetings.request_meeting(amina, ben, [at_ten], "About takedowns"), ben, at_ten
    )
    asked = meetings.request_meeting(amina, chloe, [at_eleven], "About tracing")
    mail.outbox.clear()
    return agreed, asked


def assert_all_ended_and_told(agreed, asked, told):
    assert {meeting.status for meeting in Meeting.objects.all()} == {MeetingStatus.CANCELLED}
    assert not MeetingSeat.objects.exists()
    cancelled = [m for m in mail.outbox if "1:1 meeting" in m.subject or "withdrew" in m.subject]
    assert sorted(message.to[0] for message in cancelled) == sorted(told)


def test_cancelling_the_registration(django_capture_on_commit_callbacks, agreed_and_asked, amina):
    with django_capture_on_commit_callbacks(execute=True):
        registration_services.cancel(amina)
    assert_all_ended_and_told(*agreed_and_asked, ["ben@bazaar.example", "chloe@trace.example"])


def test_withdrawing_the_listing(django_capture_on_commit_callbacks, agreed_and_asked, amina):
    with django_capture_on_commit_callbacks(execute=True):
        registration_services.set_directory_listing(amina, False)
    assert_all_ended_and_told(*agreed_and_asked, ["ben@bazaar.example", "chloe@trace.example"])


def test_erasure_also_forgets_the_messages_and_blocks(
    django_capture_on_commit_callbacks, agreed_and_asked, amina, ben
):
    meetings.block(ben, amina)
    with django_capture_on_commit_callbacks(execute=True):
        registration_services.erase(amina)
    assert_all_ended_and_told(*agreed_and_asked, ["ben@bazaar.example", "chloe@trace.example"])
    assert set(Meeting.objects.values_list("message", flat=True)) == {""}
    assert not MeetingBlock.objects.exists()
    to_ben = next(message for message in mail.outbox if message.to == ["ben@bazaar.example"])
    assert to_ben.subject == "Your 1:1 meeting with A delegate who has left is cancelled"


def test_hiding_and_suspending(django_capture_on_commit_callbacks, agreed_and_asked, amina):
    with django_capture_on_commit_callbacks(execute=True):
        services.suspend_from_meetings(amina)
    assert_all_ended_and_told(*agreed_and_asked, ["ben@bazaar.example", "chloe@trace.example"])
    with pytest.raises(meetings.MeetingError, match="list yourself first"):
        meetings.request_meeting(amina, delegate(amina.edition, organisation="X"), [])


def test_organisers_suspend_from_the_profile_page(directory, agreed_and_asked, amina):
    organiser = client_for(member_of("Organisers", "olga"))
    response = organiser.post(directory.profile_url(amina.pk), {"action": "suspend"})
    assert response.status_code == 303
    amina.refresh_from_db()
    assert amina.directory_profile.meetings_suspended
    assert not Meeting.objects.filter(status=MeetingStatus.ACCEPTED).exists()
    organiser.post(directory.profile_url(amina.pk), {"action": "unsuspend"})
    amina.directory_profile.refresh_from_db()
    assert not amina.directory_profile.meetings_suspended


def test_the_data_download_includes_the_meetings(
    client, registration_page, agreed_and_asked, amina
):
    data = json.loads(client.get(manage_path(registration_page, amina) + "data/").content)
    assert [(item["with"], item["status"], item["message"]) for item in data["meetings"]] == [
        ("Chloe Dubois", "Waiting for an answer", "About tracing"),
        ("Ben Marsh", "Accepted", "About takedowns"),
    ]
