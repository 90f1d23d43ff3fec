"""E-mail through a real SMTP server: the whole path, and a mail server that is
down, then up again."""

import re
from datetime import timedelta

import icalendar
import pytest

from django.core.management import call_command
from django.utils import timezone

from registrations import emails
from registrations.models import EmailStatus, OutgoingEmail, Registration, RegistrationStatus
from tests.factories import SessionPageFactory
from tests.pages import soup

from .helpers import path_of, register_data
from .smtp_server import SMTPServer, free_port, running

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture(scope="session")
def smtp_server(tmp_path_factory):
    """One SMTP server for the session, stopped between tests."""
    server = SMTPServer(None, tmp_path_factory.mktemp("smtp") / "maildir")
    yield server
    server.stop()


@pytest.fixture
def smtp(settings, smtp_server):
    """The SMTP server, not yet started and with no mail, that the site sends through: on a
    port just found free, which nothing else of this run has taken since it stopped."""
    smtp_server.port = free_port()
    smtp_server.forget_messages()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": smtp_server.port, "timeout": 5},
        }
    }
    yield smtp_server
    smtp_server.stop()


def text_part(message):
    return message.get_body(("plain",)).get_content()


def link(message, marker):
    return next(url for url in re.findall(r"https?://\S+", text_part(message)) if marker in url)


def test_register_confirm_and_manage_through_a_real_smtp_server(
    client, registration_page, edition_agenda, smtp
):
    SessionPageFactory(parent=edition_agenda, title="Wildlife crime on social media")
    with running(smtp):
        client.post(registration_page.url, register_data())
        (confirm_mail,) = smtp.messages()
        assert confirm_mail["To"] == "amina@example.org"
        assert confirm_mail["Auto-Submitted"] == "auto-generated"
        assert confirm_mail.get_body(("html",)) is not None

        response = client.post(path_of(link(confirm_mail, "/confirm/")))
        assert Registration.objects.get().status == RegistrationStatus.CONFIRMED

        _, confirmed_mail = smtp.messages()
    assert confirmed_mail["Subject"] == "Your place at IWT Conference 2027 is confirmed"
    (attachment,) = list(confirmed_mail.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == [
        "Wildlife crime on social media"
    ]
    manage = client.get(path_of(link(confirmed_mail, "/manage/")))
    assert manage.status_code == 200
    assert response["Location"] == path_of(link(confirmed_mail, "/manage/"))
    assert soup(manage).find(id="status-title").get_text() == "Status: Confirmed"
    assert OutgoingEmail.objects.filter(status=EmailStatus.SENT).count() == 2


def test_a_mail_server_that_is_down_loses_nothing_and_the_mail_goes_later(
    client, registration_page, smtp
):
    response = client.post(registration_page.url, register_data())

    assert response.status_code == 303
    registration = Registration.objects.get()
    (owed,) = OutgoingEmail.objects.all()
    assert (owed.status, owed.attempts) == (EmailStatus.QUEUED, 1)
    assert "ConnectionRefusedError" in owed.last_error
    assert owed.next_attempt_at > timezone.now()

    with running(smtp):
        call_command("send_queued_email")  # Not yet due: nothing is sent.
        assert smtp.messages() == []
        OutgoingEmail.objects.update(next_attempt_at=timezone.now())  # The delay has passed.
        call_command("send_queued_email")
        (confirm_mail,) = smtp.messages()

    owed.refresh_from_db()
    assert (owed.status, owed.attempts, owed.last_error) == (EmailStatus.SENT, 2, "")
    assert registration.reference in text_part(confirm_mail)
    client.post(path_of(link(confirm_mail, "/confirm/")))
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_retries_wait_longer_each_time_then_give_up(registration_page, smtp):
    owed = OutgoingEmail.objects.create(
        registration=Registration.objects.create(
            edition=registration_page.edition,
            email="a@example.org",
            email_key="a@example.org",
            name="A",
            organisation="O",
            job_title="J",
            sector="ngo",
            country="GB",
        ),
        kind="confirm_address",
    )
    delays = []
    for _ in range(emails.MAX_ATTEMPTS):
        before = timezone.now()
        # Asked a month later, so that every attempt is due.
        assert emails.deliver(owed.pk, now=before + timedelta(days=30)) is False
        owed.refresh_from_db()
        delays.append(round((owed.next_attempt_at - before).total_seconds() / 60))

    assert delays[:4] == [1, 2, 4, 8]
    assert delays[-1] == 6 * 60
    assert owed.status == EmailStatus.FAILED
    assert emails.deliver(owed.pk, now=timezone.now() + timedelta(days=60)) is False
    assert OutgoingEmail.objects.get(pk=owed.pk).attempts == emails.MAX_ATTEMPTS


def test_a_message_whose_sender_died_is_sent_again_after_its_lease(registration_page, smtp):
    registration = Registration.objects.create(
        edition=registration_page.edition,
        email="b@example.org",
        email_key="b@example.org",
        name="B",
        organisation="O",
        job_title="J",
        sector="ngo",
        country="GB",
    )
    OutgoingEmail.objects.create(
        registration=registration,
        kind="confirm_address",
        status=EmailStatus.SENDING,
        attempts=1,
        next_attempt_at=timezone.now() - timedelta(seconds=1),
    )
    with running(smtp):
        call_command("send_queued_email")
        assert len(smtp.messages()) == 1
    assert OutgoingEmail.objects.get().status == EmailStatus.SENT


def test_with_a_task_worker_no_request_waits_on_the_mail_server(
    client, registration_page, smtp, settings, monkeypatch
):
    # The worker drops database connections between tasks, which would end the test's
    # own transaction; here it keeps the one it has.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with running(smtp):
        response = client.post(registration_page.url, register_data())
        assert response.status_code == 303
        assert smtp.messages() == []  # Queued for the worker, not sent by the request.
        assert OutgoingEmail.objects.get().attempts == 0

        call_command("db_worker", batch=True, verbosity=0)

        (confirm_mail,) = smtp.messages()
    assert confirm_mail["Subject"].startswith("Confirm your e-mail address")
    assert OutgoingEmail.objects.get().status == EmailStatus.SENT
