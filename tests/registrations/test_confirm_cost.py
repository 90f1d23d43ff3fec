"""What a confirmation does while it holds the edition's lock: the fewest queries, no
page-cache call and no e-mail; so that a burst of confirmations is decided quickly, one
after another (the lock still decides every seat)."""

from unittest import mock

import pytest

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from registrations import services
from registrations.models import (
    EmailKind,
    OutgoingEmail,
    Registration,
    RegistrationPage,
    RegistrationStatus,
)
from tests.factories import RegistrationFactory

from .helpers import register_data

pytestmark = pytest.mark.django_db

# The locked page; the registration read again with the seats counted; its new status;
# its e-mail. (Other apps hear of no change: an unconfirmed address took part in nothing.)
QUERIES_OF_A_CONFIRMATION = 4


def statements(queries):
    """The SQL sent, without the savepoints of the test's own transaction."""
    return [
        query["sql"]
        for query in queries
        if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO"))
    ]


@pytest.mark.parametrize("seats_left", [1, 0])
def test_a_confirmation_makes_a_few_queries_whatever_the_numbers(registration_page, seats_left):
    RegistrationFactory.create_batch(
        registration_page.capacity - seats_left,
        edition=registration_page.edition,
        status="confirmed",
    )
    RegistrationFactory.create_batch(5, edition=registration_page.edition, status="waitlisted")
    person = RegistrationFactory(edition=registration_page.edition)
    page = RegistrationPage.objects.get(pk=registration_page.pk)
    page.edition  # as the view has it  # noqa: B018

    with CaptureQueriesContext(connection) as queries:
        services.confirm_address(person, page=page)

    assert len(statements(queries.captured_queries)) <= QUERIES_OF_A_CONFIRMATION
    expected = RegistrationStatus.CONFIRMED if seats_left else RegistrationStatus.WAITLISTED
    assert Registration.objects.get(pk=person.pk).status == expected


def test_the_confirmation_post_stays_within_its_queries(client, registration_page):
    """The whole request: routing to the page, the link, the decision. Bounded, so that a
    change that adds queries to every confirmation is noticed."""
    client.post(registration_page.url, register_data())
    person = Registration.objects.get()
    path = registration_page.url + f"confirm/{services.confirmation_code(person)}/"

    # The e-mail is sent by a worker in production, not by this request.
    with (
        mock.patch("registrations.services.deliver_email"),
        CaptureQueriesContext(connection) as queries,
    ):
        response = client.post(path)

    assert response.status_code == 303
    assert len(statements(queries.captured_queries)) <= 12
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_the_lock_is_taken_before_the_seats_are_counted(registration_page):
    """The seats are counted, and the registration read again, only once the edition's row
    is locked: counted before, two confirmations could both see the last seat free."""
    person = RegistrationFactory(edition=registration_page.edition)
    with CaptureQueriesContext(connection) as queries:
        services.confirm_address(person)
    sent = statements(queries.captured_queries)
    counted = next(n for n, sql in enumerate(sent) if "COUNT(" in sql)
    reread = next(
        n
        for n, sql in enumerate(sent)
        if sql.startswith("SELECT") and 'FROM "registrations_registration"' in sql
    )
    # The last read of the registration page before the count: the one that locks it.
    locked = max(
        n for n, sql in enumerate(sent[:counted]) if '"registrations_registrationpage"' in sql
    )
    assert locked < counted
    assert locked < reread
    if connection.vendor == "postgresql":
        assert "FOR UPDATE" in sent[locked]
        assert "FOR UPDATE" in sent[reread]


def test_the_page_cache_hears_of_the_last_seat_only_after_the_commit(registration_page):
    """Pages saying whether seats are left are emptied from the cache once the decision is
    committed: not while the lock is held, and not before the commit (a page asked for
    meanwhile would be cached again from the old state)."""
    RegistrationFactory.create_batch(
        registration_page.capacity - 1, edition=registration_page.edition, status="confirmed"
    )
    person = RegistrationFactory(edition=registration_page.edition)
    with mock.patch("registrations.services.page_cache.invalidate") as invalidate:
        with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
            services.confirm_address(person)
        invalidate.assert_not_called()
        for callback in callbacks:
            callback()
    invalidate.assert_called_once_with(f"seats:{registration_page.edition.pk}")


def test_a_confirmation_that_leaves_seats_free_empties_no_cache(registration_page):
    person = RegistrationFactory(edition=registration_page.edition)
    with (
        mock.patch("registrations.services.page_cache.invalidate") as invalidate,
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        services.confirm_address(person)
    invalidate.assert_not_called()


def test_the_email_goes_only_after_the_commit(registration_page):
    """The e-mail is written down with the decision and handed to the task queue once it is
    committed: nothing is sent, or enqueued, while the lock is held."""
    person = RegistrationFactory(edition=registration_page.edition)
    with mock.patch("registrations.services.deliver_email") as task:
        with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
            services.confirm_address(person)
        task.enqueue.assert_not_called()
        email = OutgoingEmail.objects.get(registration=person, kind=EmailKind.CONFIRMED)
        for callback in callbacks:
            callback()
    task.enqueue.assert_called_once_with(email.pk)


def test_the_times_recorded_are_taken_under_the_lock(registration_page):
    """Without a given time, the confirmation's time is taken once the lock is held, so
    the times recorded follow the order in which seats and places were given."""
    RegistrationFactory.create_batch(
        registration_page.capacity, edition=registration_page.edition, status="confirmed"
    )
    first, second = RegistrationFactory.create_batch(2, edition=registration_page.edition)
    services.confirm_address(first)
    services.confirm_address(second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.address_confirmed_at == first.queued_at == first.status_changed_at
    assert first.queued_at <= second.queued_at
    assert services.waitlist_position(first) == 1
    assert services.waitlist_position(second) == 2


def test_a_seat_is_never_given_or_freed_outside_the_lock(registration_page):
    person = RegistrationFactory(edition=registration_page.edition)
    with pytest.raises(RuntimeError):
        services._set_status(
            person, RegistrationStatus.CONFIRMED, person.created_at, EmailKind.CONFIRMED
        )
    assert Registration.objects.get(pk=person.pk).status == RegistrationStatus.UNCONFIRMED
