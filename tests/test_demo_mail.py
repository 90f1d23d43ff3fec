"""In development and the demo, e-mails are written out readably: links whole."""

from io import StringIO

from django.core.mail import EmailMultiAlternatives

from config.mail import ReadableConsoleBackend, ReadableFileBackend

LINK = "http://127.0.0.1:8000/iwt-2027/registration/confirm/" + "A1b2" * 30 + "/"


def message():
    email = EmailMultiAlternatives(
        "Confirm your address", f"Open this link:\n{LINK}\n", "site@example.org", ["a@example.org"]
    )
    email.attach_alternative(f'<a href="{LINK}">Confirm</a>', "text/html")
    email.attach("agenda.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    return email


def test_the_console_shows_each_link_whole_and_names_the_other_parts():
    stream = StringIO()
    ReadableConsoleBackend(stream=stream).send_messages([message()])

    lines = stream.getvalue().splitlines()
    assert LINK in lines
    assert "Subject: Confirm your address" in lines
    assert "[text/html version]" in lines
    assert "[attachment: agenda.ics]" in lines


def test_the_mail_folder_holds_readable_messages(tmp_path):
    ReadableFileBackend(file_path=tmp_path).send_messages([message()])

    (written,) = tmp_path.iterdir()
    assert LINK in written.read_text().splitlines()
