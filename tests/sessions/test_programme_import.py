"""Importing a programme from CSV or a frab schedule: the command and the admin upload."""

from io import StringIO
from pathlib import Path

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail.models import Revision

from conference.models import Room
from sessions.exchange.importers import parse_file
from sessions.exchange.programme_import import import_programme
from sessions.models import SessionPage, Track
from speakers.models import Speaker
from tests.factories import SessionPageFactory, SpeakerFactory, london

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"
CSV_SAMPLE = (SAMPLES / "programme.csv").read_bytes()
HEADER = b"id,title,kind,status,date,start,end,room,track,speakers,speaker_ids,topics,abstract\n"


def run(edition, content, filename="programme.csv", *, dry_run=False):
    return import_programme(edition=edition, parsed=parse_file(content, filename), dry_run=dry_run)


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
    keynote = SessionPage.objects.get(external_id="S01")
    assert keynote.live
    assert (keynote.start, keynote.end) == (london(2027, 10, 11, 9), london(2027, 10, 11, 9, 45))
    assert keynote.get_parent().pk == agenda.pk
    assert keynote.room.name == "Main Hall" and keynote.room.venue == edition.venue
    assert keynote.track.name == "Wildlife cybercrime" and keynote.track.edition == edition
    assert keynote.kind == "keynote"
    assert [link.speaker.name for link in keynote.session_speakers.all()] == [
        "Tania McCrea-Steele"
    ]
    panel = SessionPage.objects.get(external_id="S02")
    assert [link.speaker.external_id for link in panel.session_speakers.all()] == ["P02", "P03"]
    assert sorted(tag.name for tag in panel.topics.all()) == ["online marketplaces"]
    workshop = SessionPage.objects.get(external_id="S03")
    assert workshop.abstract.count("<p>") == 2
    assert SessionPage.objects.get(external_id="S07").status == "cancelled"
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
    assert keynote.external_id == "072e776c-e113-5704-a882-cbe46991b838"
    assert (keynote.start, keynote.end) == (london(2027, 10, 11, 9), london(2027, 10, 11, 9, 45))
    surrender = SessionPage.objects.get(title__startswith="After the surrender")
    assert surrender.start == london(2027, 10, 12, 9, 30)
    assert surrender.track.name == "Closing ivory markets"
    assert Room.objects.filter(venue=edition.venue).count() == 3
    assert Speaker.objects.get(name="Tania McCrea-Steele").external_id == (
        "82d31dbc-176a-5d65-9225-162da1506a86"
    )


def test_the_xml_and_json_samples_hold_the_same_programme():
    assert parse_file((SAMPLES / "schedule.xml").read_bytes(), "schedule.xml") == parse_file(
        (SAMPLES / "schedule.json").read_bytes(), "schedule.json"
    )


@pytest.mark.slow
def test_an_existing_speaker_of_the_same_name_is_reused(edition, agenda):
    tania = SpeakerFactory(name="Tania McCrea-Steele")
    run(edition, CSV_SAMPLE)
    tania.refresh_from_db()
    assert tania.external_id == "P01"
    assert Speaker.objects.filter(name="Tania McCrea-Steele").count() == 1


def test_a_dry_run_writes_nothing_and_reports(edition, agenda):
    before = counts()
    report = run(edition, CSV_SAMPLE, dry_run=True)
    assert counts() == before
    assert len(report.created) == 7
    assert report.dry_run and not report.written
    assert report.new_rooms == ["Main Hall", "Park Suite", "Riverside Room"]
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
    assert [(outcome.external_id, outcome.changes) for outcome in report.updated] == [
        ("S05", ["start", "end", "room"])
    ]
    assert len(report.unchanged) == 6
    assert Revision.objects.count() == revisions + 1
    session = SessionPage.objects.get(external_id="S05")
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


def upload(client, edition, *, dry_run, content=CSV_SAMPLE, name="programme.csv"):
    data = {"edition": edition.pk, "file": SimpleUploadedFile(name, content)}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(reverse("programme_import"), data)


def test_the_admin_upload_form_is_shown(admin_client, edition, agenda):
    response = admin_client.get(reverse("programme_import"))
    assert response.status_code == 200
    assert b'name="file"' in response.content and b'name="dry_run"' in response.content


def test_the_admin_dry_run_reports_without_writing(admin_client, edition, agenda):
    response = upload(admin_client, edition, dry_run=True)
    assert response.status_code == 200
    assert response.context["report"].dry_run
    assert len(response.context["report"].created) == 7
    assert b"Would create 7 sessions" in response.content
    assert SessionPage.objects.count() == 0


@pytest.mark.slow
def test_the_admin_import_writes_and_reports(admin_client, edition, agenda):
    response = upload(admin_client, edition, dry_run=False)
    assert response.status_code == 200
    assert b"Created 7 sessions" in response.content
    assert SessionPage.objects.filter(live=True).count() == 7


def test_the_admin_shows_rejected_rows(admin_client, edition, agenda):
    bad = HEADER + b"A1,Backwards,talk,scheduled,2027-10-11,11:00,10:00,Main Hall,,,,,\n"
    response = upload(admin_client, edition, dry_run=False, content=bad)
    assert response.status_code == 200
    assert b"row 2" in response.content
    assert SessionPage.objects.count() == 0


def test_the_admin_import_is_refused_without_publish_rights(client, edition, agenda):
    user = get_user_model().objects.create_user("desk", "d@example.com", "pw")
    group = Group.objects.create(name="Desk only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    assert client.get(reverse("programme_import")).status_code == 403
    assert upload(client, edition, dry_run=False).status_code == 403
    assert SessionPage.objects.count() == 0
