"""Importing a programme from CSV or a frab schedule: the command and the admin upload."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Revision

from conference.models import Room
from sessions.exchange.import_task import progress_key
from sessions.exchange.importers import parse_file
from sessions.exchange.programme_import import import_programme
from sessions.models import ProgrammeImport, SessionPage, Track
from speakers.models import Speaker
from tests.factories import SessionPageFactory, SpeakerFactory, london

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"
CSV_SAMPLE = (SAMPLES / "programme.csv").read_bytes()
HEADER = b"id,title,kind,status,date,start,end,room,track,speakers,speaker_ids,topics,abstract\n"


def run(edition, content, filename="programme.csv", *, dry_run=False):
    return import_programme(edition=edition, parsed=parse_file(content, filename), dry_run=dry_run)


def keyed(model, key, source="csv"):
    """The session or speaker holding the key in the source."""
    return model.objects.get(external_keys__source=source, external_keys__key=key)


def counts():
    return (
        SessionPage.objects.count(),
        Revision.objects.count(),
        Room.objects.count(),
        Track.objects.count(),
        Speaker.objects.count(),
    )


@pytest.mark.slow
def test_the_csv_sample_creates_published_sessions_in_the_edition_zone(edition, agenda):
    report = run(edition, CSV_SAMPLE)
    assert not report.rejected
    assert len(report.created) == 7
    keynote = keyed(SessionPage, "id:S01")
    assert keynote.live
    assert (keynote.start, keynote.end) == (london(2027, 10, 11, 9), london(2027, 10, 11, 9, 45))
    assert keynote.get_parent().pk == agenda.pk
    assert keynote.room.name == "Main Hall" and keynote.room.venue == edition.venue
    assert keynote.track.name == "Wildlife cybercrime" and keynote.track.edition == edition
    assert keynote.kind == "keynote"
    assert [link.speaker.name for link in keynote.session_speakers.all()] == [
        "Tania McCrea-Steele"
    ]
    panel = keyed(SessionPage, "id:S02")
    assert [link.speaker for link in panel.session_speakers.all()] == [
        keyed(Speaker, "id:P02"),
        keyed(Speaker, "id:P03"),
    ]
    assert sorted(tag.name for tag in panel.topics.all()) == ["online marketplaces"]
    workshop = keyed(SessionPage, "id:S03")
    assert workshop.abstract.count("<p>") == 2
    assert keyed(SessionPage, "id:S07").status == "cancelled"
    assert Room.objects.filter(venue=edition.venue).count() == 3
    assert Track.objects.filter(edition=edition).count() == 3
    assert Speaker.objects.count() == 6


def test_a_draft_agenda_gets_draft_sessions(edition, agenda):
    agenda.unpublish()
    run(edition, CSV_SAMPLE)
    assert SessionPage.objects.count() == 7
    assert not SessionPage.objects.filter(live=True).exists()


@pytest.mark.slow
@pytest.mark.parametrize("filename", ["schedule.xml", "schedule.json"])
def test_the_frab_samples_create_their_events(edition, agenda, filename):
    report = run(edition, (SAMPLES / filename).read_bytes(), filename)
    assert not report.rejected
    assert len(report.created) == 6
    keynote = SessionPage.objects.get(title="Following the trade online")
    source = "iwt-conference iwt_2027"
    assert keyed(SessionPage, "guid:072e776c-e113-5704-a882-cbe46991b838", source) == keynote
    assert (keynote.start, keynote.end) == (london(2027, 10, 11, 9), london(2027, 10, 11, 9, 45))
    surrender = SessionPage.objects.get(title__startswith="After the surrender")
    assert surrender.start == london(2027, 10, 12, 9, 30)
    assert surrender.track.name == "Closing ivory markets"
    assert Room.objects.filter(venue=edition.venue).count() == 3
    assert keyed(Speaker, "guid:82d31dbc-176a-5d65-9225-162da1506a86", source).name == (
        "Tania McCrea-Steele"
    )


def test_the_xml_and_json_samples_hold_the_same_programme():
    xml = parse_file((SAMPLES / "schedule.xml").read_bytes(), "schedule.xml")
    json = parse_file((SAMPLES / "schedule.json").read_bytes(), "schedule.json")
    assert xml.rows == json.rows
    assert xml.source.key == json.source.key == "iwt-conference iwt_2027"
    assert (xml.source.format, json.source.format) == ("frab XML", "frab JSON")


@pytest.mark.slow
def test_an_existing_speaker_of_the_same_name_is_reused(edition, agenda):
    tania = SpeakerFactory(name="Tania McCrea-Steele")
    run(edition, CSV_SAMPLE)
    assert keyed(Speaker, "id:P01") == tania
    assert Speaker.objects.filter(name="Tania McCrea-Steele").count() == 1


def test_a_dry_run_writes_nothing_and_reports(edition, agenda):
    before = counts()
    report = run(edition, CSV_SAMPLE, dry_run=True)
    assert counts() == before
    assert len(report.created) == 7
    assert report.dry_run and not report.written
    assert report.new_rooms == ["Main Hall", "Riverside Room", "Park Suite"]  # as first named
    assert "Would create 7 sessions" in report.summary()


@pytest.mark.slow
def test_importing_the_same_file_again_changes_nothing(edition, agenda):
    run(edition, CSV_SAMPLE)
    published = dict(SessionPage.objects.values_list("pk", "last_published_at"))
    before = counts()
    again = run(edition, CSV_SAMPLE)
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, 7)
    assert counts() == before
    assert dict(SessionPage.objects.values_list("pk", "last_published_at")) == published


@pytest.mark.slow
@pytest.mark.parametrize("filename", ["schedule.xml", "schedule.json"])
def test_importing_a_frab_file_again_changes_nothing(edition, agenda, filename):
    content = (SAMPLES / filename).read_bytes()
    run(edition, content, filename)
    before = counts()
    again = run(edition, content, filename)
    assert len(again.unchanged) == 6
    assert counts() == before


@pytest.mark.slow
def test_a_changed_row_updates_its_session_only(edition, agenda):
    run(edition, CSV_SAMPLE)
    revisions = Revision.objects.count()
    moved = CSV_SAMPLE.replace(
        b"2027-10-12,09:30,10:00,Main Hall", b"2027-10-12,15:00,15:30,Studio"
    )
    report = run(edition, moved)
    assert [(outcome.where, outcome.changes) for outcome in report.updated] == [
        ("row 8", ["start", "end", "room"])
    ]
    assert len(report.unchanged) == 6
    assert Revision.objects.count() == revisions + 1
    session = keyed(SessionPage, "id:S05")
    assert session.start == london(2027, 10, 12, 15)
    assert session.room.name == "Studio"
    assert session.live and not session.has_unpublished_changes


@pytest.mark.slow
def test_a_session_added_by_hand_with_the_same_title_is_left_alone(edition, agenda):
    SessionPageFactory(parent=agenda, title="Following the trade online")
    run(edition, CSV_SAMPLE)
    assert SessionPage.objects.filter(title="Following the trade online").count() == 2
    assert len({page.slug for page in SessionPage.objects.all()}) == 8


def test_one_bad_row_rolls_back_the_whole_file(edition, agenda):
    bad = (
        HEADER
        + b"A1,Good session,talk,scheduled,2027-10-11,09:00,10:00,Main Hall,,,,,\n"
        + b"A2,Ends before it starts,talk,scheduled,2027-10-11,11:00,10:00,Main Hall,,,,,\n"
        + b"A3,Unknown kind,lecture,scheduled,2027-10-11,12:00,13:00,Main Hall,,,,,\n"
        + b"A1,Same id twice,talk,scheduled,2027-10-11,14:00,15:00,Main Hall,,,,,\n"
        + b"A5,Bad date,talk,scheduled,11/10/2027,14:00,15:00,Main Hall,,,,,\n"
    )
    before = counts()
    report = run(edition, bad)
    assert counts() == before
    assert not report.written
    assert [(problem.where, problem.field) for problem in report.rejected] == [
        ("row 3", "end"),
        ("row 4", "kind"),
        ("row 5", "id"),
        ("row 6", "date"),
    ]
    assert "lecture" in report.rejected[1].message


def test_a_file_missing_a_required_column_is_rejected(edition, agenda):
    report = run(edition, b"title,date\nKeynote,2027-10-11\n")
    assert [(problem.where, problem.field) for problem in report.rejected] == [("file", "columns")]
    assert "id" in report.rejected[0].message


def test_an_unreadable_frab_file_is_rejected(edition, agenda):
    report = run(edition, b"<schedule><day>", "schedule.xml")
    assert report.rejected[0].where == "file"
    assert SessionPage.objects.count() == 0


@pytest.mark.slow
def test_the_command_reports_and_shows_progress(edition, agenda):
    out, err = StringIO(), StringIO()
    call_command(
        "import_programme",
        str(SAMPLES / "programme.csv"),
        "--edition",
        "iwt-2027",
        "--dry-run",
        stdout=out,
        stderr=err,
    )
    assert "Would create 7 sessions" in out.getvalue()
    assert "Following the trade online" in out.getvalue()
    assert "7/7" in err.getvalue()
    assert SessionPage.objects.count() == 0
    call_command(
        "import_programme",
        str(SAMPLES / "schedule.json"),
        "--edition",
        str(edition.pk),
        stdout=out,
        stderr=err,
    )
    assert SessionPage.objects.count() == 6


def test_the_command_fails_on_a_rejected_file(edition, agenda, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(HEADER + b"A1,No end,talk,scheduled,2027-10-11,09:00,,Main Hall,,,,,\n")
    out = StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_programme", str(bad), "--edition", "iwt-2027", stdout=out)
    assert "row 2" in out.getvalue() and "end" in out.getvalue()


def test_the_command_refuses_an_unknown_edition(edition, agenda):
    with pytest.raises(CommandError, match="No edition"):
        call_command("import_programme", str(SAMPLES / "programme.csv"), "--edition", "nope")


def upload(client, edition, *, dry_run, content=CSV_SAMPLE, name="programme.csv", **extra):
    data = {"edition": edition.pk if edition else "", "file": SimpleUploadedFile(name, content)}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(reverse("programme_import"), data | extra, follow=True)


def test_the_admin_upload_form_is_shown(admin_client, edition, agenda):
    response = admin_client.get(reverse("programme_import"))
    assert response.status_code == 200
    assert b'name="file"' in response.content and b'name="dry_run"' in response.content
    assert b"speaker_ids" in response.content  # the CSV columns are explained


def test_the_admin_dry_run_reports_without_writing(admin_client, edition, agenda):
    response = upload(admin_client, edition, dry_run=True)
    assert response.status_code == 200
    report = response.context["report"]
    assert report.dry_run and len(report.created) == 7
    assert b"Would create 7 sessions" in response.content
    assert b"Import this file now" in response.content
    assert SessionPage.objects.count() == 0


@pytest.mark.slow
def test_the_admin_imports_the_file_of_a_dry_run(admin_client, edition, agenda):
    dry_run = upload(admin_client, edition, dry_run=True)
    response = admin_client.post(dry_run.wsgi_request.path, follow=True)
    assert b"Created 7 sessions" in response.content
    assert SessionPage.objects.filter(live=True).count() == 7
    assert ProgrammeImport.objects.get(dry_run=True).content == b""  # not kept once used


@pytest.mark.slow
def test_the_admin_import_writes_and_reports(admin_client, edition, agenda):
    response = upload(admin_client, edition, dry_run=False)
    assert response.status_code == 200
    assert b"Created 7 sessions" in response.content
    assert SessionPage.objects.filter(live=True).count() == 7
    programme_import = ProgrammeImport.objects.get()
    assert programme_import.status == "done" and programme_import.active is None
    assert programme_import.content == b""


def test_the_admin_shows_rejected_rows(admin_client, edition, agenda):
    bad = HEADER + b"A1,Backwards,talk,scheduled,2027-10-11,11:00,10:00,Main Hall,,,,,\n"
    response = upload(admin_client, edition, dry_run=False, content=bad)
    assert response.status_code == 200
    assert b"row 2" in response.content
    assert SessionPage.objects.count() == 0


def test_a_file_too_large_is_refused_before_it_is_read(admin_client, edition, agenda):
    too_large = HEADER + b"x" * (5 * 1024 * 1024)
    response = upload(admin_client, edition, dry_run=True, content=too_large)
    assert b"The file is larger than 5 MB." in response.content
    assert not ProgrammeImport.objects.exists()


def test_a_second_submit_while_an_import_runs_is_told_so(admin_client, edition, agenda):
    running = ProgrammeImport.objects.create(
        edition=edition, filename="first.csv", status="running", dry_run=False
    )
    response = upload(admin_client, edition, dry_run=False)
    assert response.status_code == 200
    assert b"Another import is running: first.csv" in response.content
    assert ProgrammeImport.objects.get() == running
    assert SessionPage.objects.count() == 0


def test_the_database_lets_one_import_run_at_a_time(edition):
    ProgrammeImport.objects.create(edition=edition, filename="first.csv")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeImport.objects.create(edition=edition, filename="second.csv")
    finished = ProgrammeImport.objects.create(edition=edition, filename="done.csv", active=None)
    assert finished.pk


def test_an_import_abandoned_by_its_worker_no_longer_holds_up_the_next(
    admin_client, edition, agenda
):
    ProgrammeImport.objects.create(
        edition=edition,
        filename="lost.csv",
        status="running",
        created_at=timezone.now() - timedelta(hours=2),
    )
    response = upload(admin_client, edition, dry_run=True)
    assert b"Would create 7 sessions" in response.content
    lost = ProgrammeImport.objects.get(filename="lost.csv")
    assert (lost.status, lost.active) == ("failed", None)


def test_a_running_import_shows_its_progress_and_reloads(admin_client, edition):
    running = ProgrammeImport.objects.create(edition=edition, filename="big.xml", status="running")
    cache.set(progress_key(running.pk), ("Writing", 40, 120))
    response = admin_client.get(reverse("programme_import_status", args=[running.pk]))
    assert b"Writing: 40 of 120" in response.content
    assert b'<progress max="120" value="40">' in response.content
    assert b'http-equiv="refresh"' in response.content


def test_an_import_that_fails_says_so_and_releases_the_next(
    admin_client, edition, agenda, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("sessions.exchange.import_task.import_programme", broken)
    response = upload(admin_client, edition, dry_run=False)
    assert b"stopped with an error, and nothing of it was written" in response.content
    assert ProgrammeImport.objects.get().active is None


def test_the_form_says_why_an_edition_is_missing(admin_client, edition):
    response = admin_client.get(reverse("programme_import"))
    assert f"Not listed: {edition.title} (it has no agenda page yet".encode() in response.content


@pytest.mark.parametrize("name", ["programme.csv", "schedule.xml", "schedule.json"])
def test_the_samples_can_be_downloaded(admin_client, name):
    response = admin_client.get(reverse("programme_import_sample", args=[name]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == (SAMPLES / name).read_bytes()
    assert "attachment" in response["Content-Disposition"]


def test_only_the_samples_can_be_downloaded(admin_client):
    url = reverse("programme_import_sample", args=["..%2F..%2Fmanage.py"])
    assert admin_client.get(url).status_code == 404


def test_the_admin_import_is_refused_without_publish_rights(client, edition, agenda):
    user = get_user_model().objects.create_user("desk", "d@example.com", "pw")
    group = Group.objects.create(name="Desk only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    assert client.get(reverse("programme_import")).status_code == 403
    assert upload(client, edition, dry_run=False).status_code == 403
    assert (
        client.get(reverse("programme_import_sample", args=["programme.csv"])).status_code == 403
    )
    assert SessionPage.objects.count() == 0
