"""Digest e-mails of schedule changes: one per attendee per change window, to those who
starred a changed session (and to every confirmed attendee for a major change), never
twice."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from registrations import digests, services
from registrations.emails import send_due
from registrations.models import (
    ChangeNotice,
    EmailKind,
    OutgoingEmail,
    RegistrationStatus,
)
from sessions.models import ScheduleChange, SessionPage
from tests.factories import (
    AgendaPageFactory,
    ConferencePageFactory,
    RegistrationFactory,
    RegistrationPageFactory,
    RoomFactory,
    SessionPageFactory,
    london,
)

from .helpers import links_in, sent_to

pytestmark = pytest.mark.django_db

QUIET = timedelta(minutes=15)


@pytest.fixture
def sessions(edition_agenda, edition):
    """Three sessions on the first day, in the Main Hall."""
    hall = RoomFactory(name="Main Hall", venue=edition.venue)
    slots = {
        "keynote": ("Opening keynote", 9),
        "panel": ("Marketplaces panel", 11),
        "workshop": ("Drone workshop", 14),
    }
    return {
        key: SessionPageFactory(
            parent=edition_agenda,
            title=title,
            room=hall,
            start=london(2027, 10, 11, hour),
            end=london(2027, 10, 11, hour + 1),
        )
        for key, (title, hour) in slots.items()
    }


def attendee(edition, *starred, status=RegistrationStatus.CONFIRMED, **fields):
    registration = RegistrationFactory(edition=edition, status=status, **fields)
    registration.sessions.set(starred)
    return registration


def publish_edit(session, **fields):
    page = SessionPage.objects.get(pk=session.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def run_digests(now):
    """The job, with the e-mails it queues sent as a commit would send them."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return digests.send_change_digests(now=now)


def digest_mails():
    return [message for message in mail.outbox if "Changes to the programme" in message.subject]


@pytest.fixture
def later():
    """A moment after the quiet period that follows changes made now."""
    return timezone.now() + QUIET + timedelta(minutes=1)


def test_two_changes_to_starred_sessions_make_one_digest_with_both(
    registration_page, edition, sessions, later
):
    amina = attendee(edition, sessions["keynote"], sessions["panel"], email="amina@example.org")
    publish_edit(
        sessions["keynote"], start=london(2027, 10, 11, 9, 30), end=london(2027, 10, 11, 10, 30)
    )
    publish_edit(sessions["panel"], room=RoomFactory(name="Studio", venue=edition.venue))

    assert run_digests(later) == 1

    (message,) = sent_to("amina@example.org")
    assert message.subject == f"Changes to the programme of {edition.title}"
    assert "Opening keynote" in message.body
    assert "Marketplaces panel" in message.body
    assert "From Monday 11 October, 09:00–10:00 BST, Main Hall" in message.body
    assert "To Monday 11 October, 09:30–10:30 BST, Main Hall" in message.body
    assert "To Monday 11 October, 11:00–12:00 BST, Studio" in message.body
    assert set(
        ChangeNotice.objects.filter(registration=amina).values_list(
            "change__session_title", flat=True
        )
    ) == {
        "Opening keynote",
        "Marketplaces panel",
    }


def test_the_digest_links_the_sessions_changes_page_feeds_and_manage_link(
    registration_page, edition, edition_agenda, sessions, later
):
    amina = attendee(edition, sessions["keynote"], email="amina@example.org")
    publish_edit(
        sessions["keynote"], start=london(2027, 10, 11, 9, 30), end=london(2027, 10, 11, 10, 30)
    )
    run_digests(later)

    (message,) = sent_to("amina@example.org")
    links = links_in(message)
    assert sessions["keynote"].get_full_url() in links
    assert edition_agenda.get_full_url() + "changes/" in links
    assert any(
        link.endswith(reverse("schedule-changes-feed", args=[edition.pk])) for link in links
    )
    assert any(f"/{amina.reference}/{amina.feed_token}" in link for link in links)  # personal feed
    assert any(f"/manage/{amina.reference}/{amina.manage_token}/" in link for link in links)
    html = BeautifulSoup(message.alternatives[0].content, "html.parser")
    assert html.find("a", href=sessions["keynote"].get_full_url()).get_text(strip=True) == (
        "Opening keynote"
    )


def test_nobody_is_mailed_before_the_quiet_period_ends(registration_page, edition, sessions):
    attendee(edition, sessions["keynote"], email="amina@example.org")
    publish_edit(
        sessions["keynote"], start=london(2027, 10, 11, 9, 30), end=london(2027, 10, 11, 10, 30)
    )

    assert run_digests(timezone.now() + timedelta(minutes=5)) == 0
    assert digest_mails() == []
    assert run_digests(timezone.now() + QUIET + timedelta(minutes=1)) == 1


def test_a_new_change_within_the_window_postpones_the_digest_and_joins_it(
    registration_page, edition, sessions
):
    attendee(edition, sessions["keynote"], sessions["panel"], email="amina@example.org")
    publish_edit(
        sessions["keynote"], start=london(2027, 10, 11, 9, 30), end=london(2027, 10, 11, 10, 30)
    )
    first = ScheduleChange.objects.get()
    ScheduleChange.objects.filter(pk=first.pk).update(
        happened_at=timezone.now() - timedelta(minutes=10)
    )
    publish_edit(
        sessions["panel"], start=london(2027, 10, 11, 11, 30), end=london(2027, 10, 11, 12, 30)
    )

    assert run_digests(timezone.now() + timedelta(minutes=10)) == 0  # 20 min after the first
    assert run_digests(timezone.now() + QUIET + timedelta(minutes=1)) == 1
    (message,) = digest_mails()
    assert "Opening keynote" in message.body and "Marketplaces panel" in message.body


@pytest.mark.slow
def test_a_programme_that_keeps_changing_is_told_after_the_longest_wait(
    registration_page, edition, sessions, settings
):
    attendee(edition, sessions["keynote"], email="amina@example.org")
    publish_edit(
        sessions["keynote"], start=london(2027, 10, 11, 9, 30), end=london(2027, 10, 11, 10, 30)
    )
    ScheduleChange.objects.update(happened_at=timezone.now() - timedelta(hours=3))
    publish_edit(
        sessions["keynote"], start=london(2027, 10, 11, 9, 45), end=london(2027, 10, 11, 10, 45)
    )

    assert run_digests(timezone.now()) == 1  # the oldest change has waited past the maximum


@pytest.mark.slow
def test_someone_who_did_not_star_a_changed_session_gets_nothing(
    registration_page, edition, sessions, later
):
    attendee(edition, sessions["workshop"], email="li@example.org")
    attendee(edition, email="nobody@example.org")
    publish_edit(
        sessions["keynote"], start=london(2027, 10, 11, 9, 30), end=london(2027, 10, 11, 10, 30)
    )

    assert run_digests(later) == 0
    assert digest_mails() == []


@pytest.mark.slow
def test_a_major_change_goes_to_every_confirmed_attendee(
    registration_page, edition, sessions, later
):
    attendee(edition, sessions["workshop"], email="li@example.org")
    attendee(edition, email="nobody@example.org")
    attendee(edition, email="waiting@example.org", status=RegistrationStatus.WAITLISTED)
    publish_edit(sessions["keynote"], status="cancelled")

    assert run_digests(later) == 2
    assert sorted(message.to[0] for message in digest_mails()) == [
        "li@example.org",
        "nobody@example.org",
    ]
    assert "Cancelled" in digest_mails()[0].body


def test_a_move_to_another_day_goes_to_everyone_a_move_within_the_day_does_not(
    registration_page, edition, sessions, later
):
    attendee(edition, email="nobody@example.org")
    publish_edit(sessions["panel"], start=london(2027, 10, 11, 16), end=london(2027, 10, 11, 17))
    publish_edit(sessions["keynote"], start=london(2027, 10, 12, 9), end=london(2027, 10, 12, 10))

    run_digests(later)

    (message,) = digest_mails()
    assert "Opening keynote" in message.body
    assert "Marketplaces panel" not in message.body


def test_running_the_job_twice_sends_nothing_twice(registration_page, edition, sessions, later):
    attendee(edition, sessions["keynote"], email="amina@example.org")
    publish_edit(sessions["keynote"], status="cancelled")

    assert run_digests(later) == 1
    assert run_digests(later + timedelta(hours=1)) == 0
    call_command("send_change_digests")

    assert len(sent_to("amina@example.org")) == 1
    assert OutgoingEmail.objects.filter(kind=EmailKind.SCHEDULE_CHANGED).count() == 1


@pytest.mark.slow
def test_a_later_change_makes_a_second_digest_with_only_itself(
    registration_page, edition, sessions, later
):
    attendee(edition, sessions["keynote"], sessions["panel"], email="amina@example.org")
    publish_edit(
        sessions["keynote"], start=london(2027, 10, 11, 9, 30), end=london(2027, 10, 11, 10, 30)
    )
    run_digests(later)
    publish_edit(
        sessions["panel"], start=london(2027, 10, 11, 11, 30), end=london(2027, 10, 11, 12, 30)
    )
    run_digests(later + QUIET + timedelta(minutes=1))

    first, second = sent_to("amina@example.org")
    assert "Opening keynote" in first.body and "Marketplaces panel" not in first.body
    assert "Marketplaces panel" in second.body and "Opening keynote" not in second.body


@pytest.mark.parametrize(
    "status",
    [
        RegistrationStatus.CANCELLED,
        RegistrationStatus.UNCONFIRMED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.PENDING,
        RegistrationStatus.DECLINED,
    ],
)
def test_registrations_not_confirmed_get_none(registration_page, edition, sessions, later, status):
    attendee(edition, sessions["keynote"], email="amina@example.org", status=status)
    publish_edit(sessions["keynote"], status="cancelled")

    assert run_digests(later) == 0
    assert digest_mails() == []


def test_anonymised_registrations_get_none(registration_page, edition, sessions, later):
    erased = attendee(edition, sessions["keynote"], email="amina@example.org")
    services.erase(erased)
    publish_edit(sessions["keynote"], status="cancelled")

    assert run_digests(later) == 0


def test_a_digest_cancelled_before_it_goes_is_not_sent(
    registration_page, edition, sessions, later
):
    amina = attendee(edition, sessions["keynote"], email="amina@example.org")
    publish_edit(sessions["keynote"], status="cancelled")
    digests.send_change_digests(now=later)  # queued, not yet sent (no commit)
    amina.status = RegistrationStatus.CANCELLED
    amina.save(update_fields=["status"])

    send_due(now=later)

    assert digest_mails() == []


@pytest.mark.slow
def test_changes_in_another_edition_go_to_its_own_attendees(
    registration_page, edition, sessions, later
):
    other = ConferencePageFactory(slug="iwt-2028")
    RegistrationPageFactory(parent=other)
    other_agenda = AgendaPageFactory(parent=other, slug="agenda")
    elsewhere = SessionPageFactory(parent=other_agenda, title="Elsewhere")
    attendee(edition, email="here@example.org")
    attendee(other, email="there@example.org")
    publish_edit(elsewhere, status="cancelled")

    assert run_digests(later) == 1
    (message,) = digest_mails()
    assert message.to == ["there@example.org"]


def test_the_command_reports_what_it_queued(registration_page, edition, sessions, capsys):
    attendee(edition, sessions["keynote"], email="amina@example.org")
    publish_edit(sessions["keynote"], status="cancelled")
    ScheduleChange.objects.update(happened_at=timezone.now() - timedelta(hours=1))

    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_change_digests")

    assert "1 digest" in capsys.readouterr().out
    assert len(sent_to("amina@example.org")) == 1
