from datetime import date, time

import pytest

from taggit.models import Tag

from network.models import MeetingPoint, MeetingTime
from registrations.models import RegistrationStatus
from tests.factories import (
    AgendaPageFactory,
    DirectoryPageFactory,
    RegistrationFactory,
    SessionPageFactory,
    TrackFactory,
)
from tests.registrations import conftest as registrations_fixtures

# The registrations tests' client (which runs on-commit callbacks) and registration page.
client = registrations_fixtures.client
registration_page = registrations_fixtures.registration_page


@pytest.fixture
def directory(edition, registration_page):
    return DirectoryPageFactory(parent=edition)


@pytest.fixture
def meetings_on(directory):
    """The directory with 1:1 meetings switched on (requests open until the edition ends)."""
    directory.meetings_enabled = True
    directory.save()
    return directory


def meeting_time(edition, day, hour, minute=0):
    """Half an hour from hour:minute on that day of October 2027."""
    end = hour * 60 + minute + 30
    return MeetingTime.objects.create(
        edition=edition,
        day=date(2027, 10, day),
        starts_at=time(hour, minute),
        ends_at=time(end // 60, end % 60),
    )


@pytest.fixture
def table(edition):
    """A meeting point for one meeting at a time."""
    return MeetingPoint.objects.create(
        edition=edition, name="Table 1", capacity=1, directions="In the Foyer"
    )


@pytest.fixture
def amina(edition):
    return delegate(edition, name="Amina Okafor", email="amina@kws.example", organisation="KWS")


@pytest.fixture
def ben(edition):
    return delegate(edition, name="Ben Marsh", email="ben@bazaar.example", organisation="Bazaar")


@pytest.fixture
def cybercrime(edition):
    return TrackFactory(edition=edition, name="Wildlife cybercrime", slug="cybercrime")


@pytest.fixture
def finance(edition):
    return TrackFactory(edition=edition, name="Follow the money", slug="money")


@pytest.fixture
def ivory(edition, cybercrime):
    """A topic of the edition's public agenda."""
    agenda = AgendaPageFactory(parent=edition, slug="agenda")
    session = SessionPageFactory(parent=agenda, track=cybercrime)
    session.topics.add("Ivory")
    session.save()
    return Tag.objects.get(name="Ivory")


def delegate(edition, **fields):
    """A confirmed registration, listed in the directory unless told otherwise."""
    fields.setdefault("status", RegistrationStatus.CONFIRMED)
    fields.setdefault("directory_listing", True)
    return RegistrationFactory(edition=edition, **fields)


def manage_path(registration_page, registration):
    return registration_page.url + f"manage/{registration.reference}/{registration.manage_token}/"


def sign_in(client, registration_page, registration):
    response = client.get(manage_path(registration_page, registration))
    assert response.status_code == 200
    return response
