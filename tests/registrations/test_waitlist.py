"""Seats, the waitlist and approvals: who gets a seat, in which order, and what is refused."""

from datetime import timedelta

import pytest

from django.core import mail
from django.utils import timezone

from registrations import emails, services
from registrations.models import (
    EmailKind,
    EmailStatus,
    OutgoingEmail,
    Registration,
    RegistrationMode,
    RegistrationStatus,
)
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def confirmed_people(page, count):
    people = RegistrationFactory.create_batch(count, edition=page.edition)
    for person in people:
        services.confirm_address(person)
    return people


def waitlisted_people(page, names):
    """Waitlisted one after another, a minute apart, in the order given."""
    start = timezone.now()
    people = []
    for minute, name in enumerate(names):
        person = RegistrationFactory(edition=page.edition, name=name)
        services.confirm_address(person, now=start + timedelta(minutes=minute))
        people.append(person)
    return people


def statuses(people):
    return [Registration.objects.get(pk=person.pk).status for person in people]


def test_seats_are_given_until_capacity_then_the_waitlist_fills(registration_page):
    people = confirmed_people(registration_page, registration_page.capacity + 2)

    assert statuses(people).count(RegistrationStatus.CONFIRMED) == registration_page.capacity
    assert statuses(people)[-2:] == [RegistrationStatus.WAITLISTED] * 2


def test_cancellations_promote_the_waitlist_in_order(registration_page):
    seated = confirmed_people(registration_page, registration_page.capacity)
    first, second, third = waitlisted_people(registration_page, ["First", "Second", "Third"])

    services.cancel(seated[0])
    services.cancel(seated[1])

    assert statuses([first, second, third]) == ["confirmed", "confirmed", "waitlisted"]
    assert services.waitlist_position(Registration.objects.get(pk=third.pk)) == 1
    promoted = OutgoingEmail.objects.filter(kind=EmailKind.PROMOTED).order_by("pk")
    assert [email.registration_id for email in promoted] == [first.pk, second.pk]
    assert services.seats_taken(registration_page.edition) == registration_page.capacity


def test_cancelling_a_waitlist_place_moves_the_others_up(registration_page):
    confirmed_people(registration_page, registration_page.capacity)
    first, second = waitlisted_people(registration_page, ["First", "Second"])

    services.cancel(first)

    assert services.waitlist_position(Registration.objects.get(pk=second.pk)) == 1
    assert services.seats_taken(registration_page.edition) == registration_page.capacity


@pytest.mark.slow
def test_a_raised_capacity_promotes_the_waitlist_in_order_when_published(registration_page):
    confirmed_people(registration_page, registration_page.capacity)
    first, second, third = waitlisted_people(registration_page, ["First", "Second", "Third"])

    registration_page.capacity += 2
    registration_page.save_revision().publish()

    assert statuses([first, second, third]) == ["confirmed", "confirmed", "waitlisted"]


def test_an_unpublished_capacity_change_promotes_no_one(registration_page):
    confirmed_people(registration_page, registration_page.capacity)
    (waiting,) = waitlisted_people(registration_page, ["Waiting"])

    registration_page.capacity += 1
    registration_page.save_revision()

    assert statuses([waiting]) == ["waitlisted"]


def test_promoting_ahead_of_turn_needs_a_free_seat(registration_page):
    confirmed_people(registration_page, registration_page.capacity)
    (waiting,) = waitlisted_people(registration_page, ["Waiting"])

    with pytest.raises(services.RegistrationError, match="All 10 seats are taken"):
        services.promote(waiting)
    assert statuses([waiting]) == ["waitlisted"]


def test_approval_mode_seats_approved_people_and_waitlists_them_when_full(registration_page):
    registration_page.mode = RegistrationMode.APPROVAL
    registration_page.capacity = 1
    registration_page.save_revision().publish()
    first, second = RegistrationFactory.create_batch(2, edition=registration_page.edition)
    services.confirm_address(first)
    services.confirm_address(second)
    assert statuses([first, second]) == ["pending", "pending"]

    services.approve(first)
    services.approve(second)

    assert statuses([first, second]) == ["confirmed", "waitlisted"]
    services.cancel(first)
    assert statuses([second]) == ["confirmed"]


@pytest.mark.parametrize(
    ("status", "change", "message"),
    [
        ("confirmed", services.approve, "Only requests awaiting approval can be approved"),
        ("confirmed", services.decline, "Cancel it instead"),
        ("cancelled", services.cancel, "already cancelled"),
        ("pending", services.promote, "Only waitlisted registrations can be promoted"),
    ],
)
def test_changes_that_do_not_fit_the_status_are_refused(
    registration_page, status, change, message
):
    registration = RegistrationFactory(edition=registration_page.edition, status=status)

    with pytest.raises(services.RegistrationError, match=message):
        change(registration)
    assert statuses([registration]) == [status]


def test_resending_sends_the_mail_of_the_current_status(
    registration_page, django_capture_on_commit_callbacks
):
    (person,) = confirmed_people(registration_page, 1)

    with django_capture_on_commit_callbacks(execute=True):
        services.resend_email(Registration.objects.get(pk=person.pk))

    (message,) = mail.outbox
    assert message.subject == "Your place at IWT Conference 2027 is confirmed"


def test_approving_when_full_without_a_waitlist_is_refused(registration_page):
    registration_page.mode = RegistrationMode.APPROVAL
    registration_page.waitlist_enabled = False
    registration_page.capacity = 1
    registration_page.save_revision().publish()
    RegistrationFactory(edition=registration_page.edition, status="confirmed")
    waiting = RegistrationFactory(edition=registration_page.edition, status="pending")

    with pytest.raises(services.RegistrationError, match="the waitlist is off"):
        services.approve(waiting)
    assert statuses([waiting]) == ["pending"]


@pytest.mark.slow
def test_an_email_overtaken_by_a_newer_status_is_not_sent(
    registration_page, django_capture_on_commit_callbacks, settings
):
    confirmed_people(registration_page, registration_page.capacity)
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 1},  # nothing listens
        }
    }
    (waiting,) = waitlisted_people(registration_page, ["Waiting"])
    registration_page.capacity += 1
    registration_page.save_revision().publish()  # The waiting person is promoted.
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

    emails.send_due(now=timezone.now() + timedelta(days=1))

    kinds = dict(OutgoingEmail.objects.filter(registration=waiting).values_list("kind", "status"))
    assert kinds[EmailKind.WAITLISTED] == EmailStatus.SUPERSEDED
    assert kinds[EmailKind.PROMOTED] == EmailStatus.SENT
    assert [message.subject for message in mail.outbox if waiting.email in message.to] == [
        "A seat became free: your place at IWT Conference 2027 is confirmed"
    ]
