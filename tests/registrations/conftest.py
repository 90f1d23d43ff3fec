import pytest

from django.test import Client, TestCase

from tests.factories import AgendaPageFactory, RegistrationPageFactory


class CommittingClient(Client):
    """Runs the callbacks a request left for after its commit (e-mails), as a real commit
    would, though each test runs inside one transaction that is never committed."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    return CommittingClient()


@pytest.fixture
def registration_page(edition):
    return RegistrationPageFactory(parent=edition)


@pytest.fixture
def edition_agenda(edition):
    return AgendaPageFactory(parent=edition, slug="agenda")
