"""The e-mails of 1:1 meetings go through the same outbox as every other e-mail of the site
(written with the change, retried until sent), and reveal no address unless both chose."""

import pytest

from django.conf import settings
from django.core import mail

from network import meetings
from registrations.models import EmailKind, OutgoingEmail
from tests.calendars import events_by_every_parser

from .conftest import meeting_time

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("meetings_on")]


@pytest.fixture
def times(edition):
    return [meeting_time(edition, 11, 10), meeting_time(edition, 11, 11)]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as a request would: its e-mails are sent once it commits."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def test_the_delegate_asked_is_told_by_e_mail_through_the_outbox(
    committed, edition, directory, times, amina, ben
):
    meeting = committed(meetings.request_meeting, amina, ben, times, "Takedowns?")

    [message] = mail.outbox
    assert message.to == ["ben@bazaar.example"]
    assert message.subject == f"Amina Okafor asks you for a 1:1 meeting at {edition.title}"
    assert "Takedowns?" in message.body
    assert "- Mon 11 Oct 10:00–10:30" in message.body
    assert "#meetings" in message.body
    assert "amina@kws.example" not in message.body
    outgoing = OutgoingEmail.objects.get()
    assert (outgoing.kind, outgoing.about, outgoing.status) == (
        EmailKind.MEETING_REQUESTED,
        meeting.pk,
        "sent",
    )


def test_a_blocked_delegates_request_sends_nothing(committed, directory, times, amina, ben):
    meetings.block(ben, amina)
    committed(meetings.request_meeting, amina, ben, times[:1])
    assert mail.outbox == []


def test_both_get_the_agreed_meeting_with_its_calendar_file(
    committed, directory, times, table, amina, ben
):
    meeting = committed(meetings.request_meeting, amina, ben, times, share_email=True)
    mail.outbox.clear()
    committed(meetings.accept, meeting, ben, times[1])

    assert sorted(message.to[0] for message in mail.outbox) == [
        "amina@kws.example",
        "ben@bazaar.example",
    ]
    for message in mail.outbox:
        assert "Mon 11 Oct 11:00–11:30" in message.body
        assert "At Table 1: In the Foyer" in message.body
        assert "@" not in message.body.split("Reference")[0].replace(message.to[0], "")
        [(filename, body, mimetype)] = message.attachments
        assert mimetype.startswith("text/calendar")
        events = events_by_every_parser(body.encode() if isinstance(body, str) else body)
        uid = f"meeting-{meeting.pk}@{settings.CALENDAR_UID_DOMAIN}"
        assert (events[uid]["sequence"], events[uid]["status"]) == (1, "CONFIRMED")
        assert events[uid]["location"].startswith("Table 1")


def test_addresses_in_the_e_mail_only_when_both_chose(
    committed, directory, times, table, amina, ben
):
    meeting = committed(meetings.request_meeting, amina, ben, times, share_email=True)
    mail.outbox.clear()
    committed(meetings.accept, meeting, ben, times[0], share_email=True)
    to_amina = next(message for message in mail.outbox if message.to == ["amina@kws.example"])
    assert "You both chose to show your e-mail addresses: ben@bazaar.example" in to_amina.body


def test_a_decline_and_a_cancellation_are_told_to_the_other(
    committed, directory, times, table, amina, ben
):
    first = committed(meetings.request_meeting, amina, ben, times[:1])
    mail.outbox.clear()
    committed(meetings.decline, first, ben, "Not this time.")
    [declined] = mail.outbox
    assert declined.to == ["amina@kws.example"]
    assert "Not this time." in declined.body

    second = committed(meetings.request_meeting, amina, ben, times[1:])
    committed(meetings.accept, second, ben, times[1])
    mail.outbox.clear()
    committed(meetings.cancel, second, ben)
    [cancelled] = mail.outbox
    assert cancelled.to == ["amina@kws.example"]
    assert cancelled.subject == "Your 1:1 meeting with Ben Marsh is cancelled"
    assert "Mon 11 Oct 11:00–11:30, is cancelled" in cancelled.body
