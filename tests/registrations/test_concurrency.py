"""No seat is ever given twice, whatever the concurrency: real threads, each with its own
database connection and real transactions (PostgreSQL in CI, SQLite by default)."""

import threading
from datetime import timedelta

import pytest

from django.db import connection
from django.test import Client
from django.utils import timezone

from registrations import services
from registrations.models import Registration, RegistrationStatus
from tests.factories import ConferencePageFactory, RegistrationFactory, RegistrationPageFactory

from .helpers import register_data

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PEOPLE = 60
SEATS = 10


@pytest.fixture
def rush_page():
    return RegistrationPageFactory(parent=ConferencePageFactory(), capacity=SEATS)


def run_together(jobs):
    """Run the jobs in threads released at the same instant; return what each raised."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # Collected and reported by the test.
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def details(n):
    return {
        "name": f"Person {n}",
        "organisation": "Border Force",
        "job_title": "Officer",
        "sector": "law_enforcement",
        "country": "GB",
        "dietary_needs": "",
        "accessibility_needs": "",
        "directory_listing": False,
        "photography": False,
    }


def test_many_people_registering_at_once_fill_exactly_the_seats(rush_page):
    def register_and_confirm(n):
        registration = services.register(
            rush_page, email=f"person{n}@example.org", details=details(n)
        )
        services.confirm_address(registration)

    errors = run_together([lambda n=n: register_and_confirm(n) for n in range(PEOPLE)])

    assert errors == []
    counts = {
        status: Registration.objects.filter(status=status).count()
        for status in RegistrationStatus.values
    }
    assert counts[RegistrationStatus.CONFIRMED] == SEATS
    assert counts[RegistrationStatus.WAITLISTED] == PEOPLE - SEATS
    assert sum(counts.values()) == PEOPLE
    positions = sorted(
        services.waitlist_position(registration)
        for registration in Registration.objects.filter(status=RegistrationStatus.WAITLISTED)
    )
    assert positions == list(range(1, PEOPLE - SEATS + 1))


def test_the_same_form_posted_twice_at_once_makes_one_registration(rush_page):
    data = register_data()
    clients = [Client(), Client()]
    responses = []

    errors = run_together(
        [lambda c=c: responses.append(c.post(rush_page.url, data).status_code) for c in clients]
    )

    assert errors == []
    assert responses == [303, 303]
    assert Registration.objects.filter(email="amina@example.org").count() == 1


def test_cancellations_at_once_promote_the_waitlist_in_order(rush_page):
    seated = RegistrationFactory.create_batch(SEATS, edition=rush_page.edition, status="confirmed")
    start = timezone.now()
    waiting = [
        RegistrationFactory(
            edition=rush_page.edition, status="waitlisted", queued_at=start + timedelta(seconds=n)
        )
        for n in range(SEATS * 2)
    ]

    errors = run_together([lambda r=r: services.cancel(r) for r in seated[: SEATS // 2]])
    errors += run_together(
        [lambda: services.promote_waitlist(rush_page.edition) for _ in range(SEATS)]
    )

    assert errors == []
    confirmed = set(Registration.objects.filter(status="confirmed").values_list("pk", flat=True))
    assert len(confirmed) == SEATS
    promoted = [registration.pk for registration in waiting if registration.pk in confirmed]
    assert promoted == [registration.pk for registration in waiting[: SEATS // 2]]
