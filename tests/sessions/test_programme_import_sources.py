"""Importing real tools' programme exports (tests/sessions/samples/README.md): the edition's
dates and time zone checked against the file's, ids kept apart by source, pretalx's XML and
JSON of one programme matched to each other, pentabarf as wafer writes it, untrusted or
broken files refused, and a file imported as a new edition."""

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from wagtail.models import Revision

from conference.models import ConferencePage, HomePage, Room, Venue
from conference.timezones import local_to_utc
from sessions.exchange.importers import SessionRow, SpeakerRow, parse_file
from sessions.exchange.programme_import import ImportReport, Speakers, import_programme
from sessions.models import AgendaPage, ExternalKey, SessionPage, Track
from speakers.models import Speaker, SpeakersPage
from tests.factories import (
    AgendaPageFactory,
    ConferencePageFactory,
    SpeakerFactory,
    SpeakersPageFactory,
    VenueFactory,
)

SAMPLES = Path(__file__).resolve().parent / "samples"
PRETALX_XML = "pretalx/schedule.xml"
PRETALX_JSON = "pretalx/schedule.json"
WAFER_XML = "wafer/pentabarf.xml"
CSV_SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "samples" / "programme.csv"
TITLE = "Wildlife Tech Summit 2027"
SPEAKERS = [
    "Aisha Mwangi",
    "Henrik Dahl",
    "Jonas Keller",
    "Lucía Fernández",
    "Maren Østergaard",
    "Priya Raman",
]
PRETALX, WAFER = "pretalx wts2027", "wafer wts2027"


def sample(name):
    return (SAMPLES / name).read_bytes()


def parsed(name):
    return parse_file(sample(name), Path(name).name)


def run(edition, name, *, dry_run=False):
    return import_programme(edition=edition, parsed=parsed(name), dry_run=dry_run)


def counts():
    return (
        ConferencePage.objects.count(),
        SessionPage.objects.count(),
        Revision.objects.count(),
        Room.objects.count(),
        Track.objects.count(),
        Speaker.objects.count(),
        ExternalKey.objects.count(),
    )


def berlin(day, hour, minute=0):
    """An aware UTC datetime from a Europe/Berlin wall-clock time in September 2027."""
    return local_to_utc(datetime(2027, 9, day, hour, minute), "Europe/Berlin")


def make_edition(
    slug, *, start=date(2027, 9, 8), end=date(2027, 9, 9), zone="Europe/Berlin", **kwargs
):
    edition = ConferencePageFactory(
        title=f"Edition {slug}",
        slug=slug,
        start_date=start,
        end_date=end,
        time_zone=zone,
        **kwargs,
    )
    AgendaPageFactory(parent=edition, slug="agenda")
    SpeakersPageFactory(parent=edition, slug="speakers")
    return edition


@pytest.fixture
def summit(db):
    """An edition on the samples' dates, in their zone."""
    return make_edition("wts-2027")


def speaker_names(page):
    return [link.speaker.name for link in page.session_speakers.all()]


def file_problems(report):
    return [problem for problem in report.rejected if problem.where == "file"]


# 1. Dates


def test_sessions_outside_the_editions_dates_are_refused_each_once(db):
    november = make_edition("november", start=date(2027, 11, 1), end=date(2027, 11, 2))
    before = counts()
    report = run(november, PRETALX_XML)
    assert counts() == before
    assert not report.written
    [dates] = file_problems(report)
    assert dates.field == "dates"
    assert "change the edition's dates, or import the file as a new edition" in dates.message
    assert "8 sessions" in dates.message
    per_session = [problem for problem in report.rejected if problem.where != "file"]
    assert [problem.field for problem in per_session] == ["date"] * 8
    assert len({problem.where for problem in per_session}) == 8
    for row in parsed(PRETALX_XML).rows:
        assert sum(row.title in problem.message for problem in per_session) == 1, row.title
    dry = run(november, PRETALX_XML, dry_run=True)
    assert counts() == before
    assert dry.rejected == report.rejected
    assert dry.summary() == report.summary()


# 2. Time zone


def test_a_time_zone_mismatch_is_refused_naming_the_fix(db):
    london = make_edition("london", zone="Europe/London")
    before = counts()
    report = run(london, PRETALX_XML)
    assert counts() == before
    assert not report.written
    assert [(problem.where, problem.field) for problem in report.rejected] == [
        ("file", "time zone")
    ]
    message = report.rejected[0].message
    assert "Europe/Berlin" in message and "Europe/London" in message
    assert "set the edition's time zone to Europe/Berlin" in message
    dry = run(london, PRETALX_XML, dry_run=True)
    assert counts() == before
    assert ("Time zone", "Europe/Berlin", "Europe/London") in dry.facts()
    assert "  Time zone: Europe/Berlin (edition: Europe/London)" in dry.lines()


# 3. pretalx's JSON and XML of one programme


@pytest.mark.slow
def test_the_pretalx_xml_after_its_json_matches_every_session_and_speaker(summit):
    first = run(summit, PRETALX_JSON)
    assert not first.rejected and len(first.created) == 8
    assert sorted(first.new_speakers) == SPEAKERS
    latest = dict(SessionPage.objects.values_list("pk", "latest_revision_id"))
    before = counts()[:-1]  # keys the JSON did not give are added
    second = run(summit, PRETALX_XML)
    assert not second.rejected
    assert (len(second.created), len(second.updated), len(second.unchanged)) == (0, 0, 8)
    assert counts()[:-1] == before
    assert dict(SessionPage.objects.values_list("pk", "latest_revision_id")) == latest
    assert second.new_speakers == []
    assert second.speakers_by_id == []
    assert sorted(second.speakers_by_name) == SPEAKERS
    assert Speaker.objects.count() == 6
    assert not Speaker.objects.filter(slug__endswith="-2").exists()
    assert not SessionPage.objects.filter(slug__endswith="-2").exists()
    third = run(summit, PRETALX_XML)
    assert (len(third.created), len(third.updated), len(third.unchanged)) == (0, 0, 8)
    assert sorted(third.speakers_by_id) == SPEAKERS
    assert third.speakers_by_name == [] and third.new_speakers == []
    maren = Speaker.objects.get(name="Maren Østergaard")
    assert {
        key.partition(":")[0]
        for key in ExternalKey.objects.filter(source=PRETALX, speaker=maren).values_list(
            "key", flat=True
        )
    } == {"guid", "code", "id", "name"}


@pytest.mark.slow
def test_the_pretalx_json_after_its_xml_makes_no_duplicates(summit):
    run(summit, PRETALX_XML)
    before = counts()[:-1]
    report = run(summit, PRETALX_JSON)
    assert not report.rejected
    assert (len(report.created), len(report.updated), len(report.unchanged)) == (0, 0, 8)
    assert counts()[:-1] == before
    assert sorted(report.speakers_by_name) == SPEAKERS and report.new_speakers == []
    assert SessionPage.objects.count() == 8 and Speaker.objects.count() == 6
    assert not Speaker.objects.filter(slug__endswith="-2").exists()


# 4. Ids scoped by source


@pytest.mark.slow
def test_ids_of_two_tools_never_meet(summit):
    other = make_edition("wts-2027-wafer")
    assert not run(summit, PRETALX_XML).rejected
    dry = run(other, WAFER_XML, dry_run=True)
    assert not dry.rejected
    assert dry.speakers_by_id == []
    assert sorted(dry.speakers_by_name) == SPEAKERS
    assert dry.new_speakers == []
    report = run(other, WAFER_XML)
    assert not report.rejected and len(report.created) == 8
    wafer_68 = Speaker.objects.get(external_keys__source=WAFER, external_keys__key="id:68")
    pretalx_68 = Speaker.objects.get(external_keys__source=PRETALX, external_keys__key="id:68")
    assert wafer_68.name == "Jonas Keller"
    assert pretalx_68.name == "Maren Østergaard"
    assert wafer_68 != pretalx_68
    assert Speaker.objects.count() == 6
    for edition, name in ((summit, PRETALX_XML), (other, WAFER_XML)):
        expected = {
            row.title: [person.name for person in row.speakers] for row in parsed(name).rows
        }
        sessions = SessionPage.objects.descendant_of(edition)
        assert {page.title: speaker_names(page) for page in sessions} == expected
    assert set(
        ExternalKey.objects.filter(
            session__in=SessionPage.objects.descendant_of(other)
        ).values_list("source", flat=True)
    ) == {WAFER}
    assert set(
        ExternalKey.objects.filter(
            session__in=SessionPage.objects.descendant_of(summit)
        ).values_list("source", flat=True)
    ) == {PRETALX}


# 5. Formats


def test_wafer_pentabarf_gives_the_pretalx_programme_at_the_same_instants():
    wafer, pretalx = parsed(WAFER_XML), parsed(PRETALX_XML)
    assert not wafer.problems
    assert (wafer.source.format, wafer.source.tool) == ("pentabarf XML", "wafer")
    assert (pretalx.source.format, pretalx.source.tool) == ("frab XML", "pretalx")
    assert wafer.source.key == WAFER and pretalx.source.key == PRETALX
    assert (wafer.source.title, wafer.source.time_zone) == (TITLE, "Europe/Berlin")
    assert (wafer.source.start_date, wafer.source.end_date) == (date(2027, 9, 8), date(2027, 9, 9))
    assert len(wafer.rows) == len(pretalx.rows) == 8

    def instants(file):
        return {row.title: (row.start, row.end) for row in file.rows}

    assert instants(wafer) == instants(pretalx)
    assert all(
        row.keys[0].startswith("guid:") and row.keys[1].startswith("id:") for row in wafer.rows
    )


GUIDLESS = b"""<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><title>Small meeting</title></conference>
  <day date="2027-09-08" index="1">
    <room name="Saal 1">
      <event id="7">
        <start>10:00</start>
        <duration>00:30</duration>
        <room>Saal 1</room>
        <title>A talk without a guid</title>
        <type>Talk</type>
        <persons><person id="3">A Name</person></persons>
      </event>
    </room>
  </day>
</schedule>
"""


def test_a_guidless_pentabarf_event_is_placed_in_the_editions_zone(summit):
    file = parse_file(GUIDLESS, "schedule.xml")
    assert not file.problems
    assert file.source.format == "pentabarf XML"
    [row] = file.rows
    assert row.keys == ("id:7",)
    assert row.start == datetime(2027, 9, 8, 10, 0) and row.start.tzinfo is None
    assert row.end == datetime(2027, 9, 8, 10, 30)
    assert [(person.name, person.keys) for person in row.speakers] == [("A Name", ("id:3",))]
    report = import_programme(edition=summit, parsed=file)
    assert not report.rejected and len(report.created) == 1
    session = SessionPage.objects.get(title="A talk without a guid")
    assert (session.start, session.end) == (berlin(8, 10), berlin(8, 10, 30))
    assert speaker_names(session) == ["A Name"]
    assert ExternalKey.objects.filter(session=session).values_list("key", flat=True).get() == (
        "id:7"
    )


def test_a_time_the_clocks_skip_is_refused_as_a_row_of_a_new_edition(db):
    # 02:30 on 28 March 2027 does not exist in Berlin: the clocks go from 02:00 to 03:00.
    skipped = (
        GUIDLESS.replace(b"<title>Small meeting</title>", ZONE_AND_TITLE)
        .replace(b'date="2027-09-08"', b'date="2027-03-28"')
        .replace(b"<start>10:00</start>", b"<start>02:30</start>")
    )
    before = counts()
    report = import_programme(parsed=parse_file(skipped, "schedule.xml"), edition=None)
    assert [(problem.where, problem.field) for problem in report.rejected] == [
        ("event 1 (7)", "start")
    ]
    assert "does not exist in Europe/Berlin" in report.rejected[0].message
    assert counts() == before


def test_an_unreadable_file_as_a_new_edition_is_told_it_cannot_be_read(db):
    half = sample(PRETALX_XML)[: len(sample(PRETALX_XML)) // 2]
    report = import_programme(parsed=parse_file(half, "schedule.xml"), edition=None)
    assert [(problem.where, problem.field) for problem in report.rejected] == [("file", "xml")]
    assert "cannot be read" in report.rejected[0].message


ZONE_AND_TITLE = b"<title>Small meeting</title><time_zone_name>Europe/Berlin</time_zone_name>"


@pytest.mark.slow
def test_wafers_no_track_makes_no_track(summit):
    report = run(summit, WAFER_XML)
    assert not report.rejected
    assert report.new_tracks == ["Online markets", "Enforcement"]
    assert sorted(Track.objects.filter(edition=summit).values_list("name", flat=True)) == [
        "Enforcement",
        "Online markets",
    ]
    assert not Track.objects.filter(name__iexact="no track").exists()
    lunch = SessionPage.objects.get(title="Lunch & networking")
    assert lunch.track is None
    assert lunch.start == berlin(8, 12)


# 6. Untrusted and broken input

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE schedule [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<schedule><conference><title>&lol3;</title></conference></schedule>
"""


def _half(name):
    content = sample(name)
    return content[: len(content) // 2]


@pytest.mark.parametrize(
    ("content", "filename", "field", "says"),
    [
        pytest.param(BILLION_LAUGHS, "schedule.xml", "xml", "entities", id="entities"),
        pytest.param(_half(PRETALX_XML), "schedule.xml", "xml", "cannot be read", id="truncated"),
        pytest.param(sample(PRETALX_JSON), "schedule.xml", "format", "not XML", id="json-as-xml"),
        pytest.param(sample(PRETALX_XML), "schedule.json", "format", "not JSON", id="xml-as-json"),
        pytest.param(sample(WAFER_XML), "programme.csv", "format", "not CSV", id="xml-as-csv"),
    ],
)
def test_untrusted_or_broken_files_are_refused_once(summit, content, filename, field, says):
    before = counts()
    report = import_programme(edition=summit, parsed=parse_file(content, filename))
    assert counts() == before
    assert not report.written
    assert [(problem.where, problem.field) for problem in report.rejected] == [("file", field)]
    assert says in report.rejected[0].message


# 7. Venue


def test_a_missing_venue_is_said_once(db):
    homeless = make_edition("no-venue", venue=None)
    before = counts()
    report = run(homeless, PRETALX_XML)
    assert counts() == before
    assert [(problem.where, problem.field) for problem in report.rejected] == [("file", "venue")]
    assert "choose the edition's venue first" in report.rejected[0].message


# 8. As a new edition


def check_new_edition(report, *, home, venue=None):
    """The edition the samples describe, made in draft with its pages, sessions and rooms."""
    assert not report.rejected and report.written
    assert len(report.created) == 8
    new = ConferencePage.objects.get(title=TITLE)
    assert not new.live
    assert (new.start_date, new.end_date, new.time_zone) == (
        date(2027, 9, 8),
        date(2027, 9, 9),
        "Europe/Berlin",
    )
    assert new.get_parent().specific == home
    new_agenda = AgendaPage.objects.child_of(new).get()
    speakers = SpeakersPage.objects.child_of(new).get()
    assert not new_agenda.live and not speakers.live
    sessions = SessionPage.objects.child_of(new_agenda)
    assert sessions.count() == 8
    assert not sessions.filter(live=True).exists()
    assert new.venue is not None
    if venue is not None:
        assert new.venue == venue
    assert set(Room.objects.filter(venue=new.venue).values_list("name", flat=True)) == {
        "Saal 1",
        "Saal 2",
        "Workshop room",
    }
    assert {session.room.venue_id for session in sessions} == {new.venue.pk}
    assert set(Track.objects.filter(edition=new).values_list("name", flat=True)) == {
        "Online markets",
        "Enforcement",
    }
    keynote = sessions.get(title__startswith="Opening keynote")
    assert keynote.start == berlin(8, 9, 30)
    return new


@pytest.mark.slow
def test_a_file_imported_as_a_new_edition_makes_it_in_draft(edition, agenda):
    """No venue chosen: the edition gets a venue of its own for the file's rooms."""
    home = HomePage.objects.get()
    current = home.current_edition()
    before = counts()
    dry = import_programme(parsed=parsed(PRETALX_XML), edition=None, dry_run=True)
    assert counts() == before
    assert not dry.written
    assert dry.rejected == []
    assert dry.edition.is_new
    assert (dry.edition.title, dry.edition.time_zone) == (TITLE, "Europe/Berlin")
    assert len(dry.created) == 8
    assert ("Conference", TITLE, f"{TITLE} (new)") in dry.facts()
    assert "Would create 8 sessions" in dry.summary()
    venues = Venue.objects.count()
    report = import_programme(parsed=parsed(PRETALX_XML), edition=None)
    new = check_new_edition(report, home=home)
    assert new.venue != edition.venue and Venue.objects.count() == venues + 1
    assert not Room.objects.filter(venue=edition.venue).exists()
    home.refresh_from_db()
    assert home.current_edition() == current == edition


def test_a_file_imported_as_a_new_edition_into_a_chosen_venue(edition, agenda):
    home = HomePage.objects.get()
    current = home.current_edition()
    venue = VenueFactory(name="Kongresshaus")
    before = counts()
    dry = import_programme(parsed=parsed(PRETALX_XML), edition=None, venue=venue, dry_run=True)
    assert counts() == before
    assert dry.rejected == [] and not dry.written and dry.edition.is_new
    assert sorted(dry.new_rooms) == ["Saal 1", "Saal 2", "Workshop room"]
    report = import_programme(parsed=parsed(PRETALX_XML), edition=None, venue=venue)
    check_new_edition(report, home=home, venue=venue)
    home.refresh_from_db()
    assert home.current_edition() == current == edition


def test_a_csv_cannot_be_a_new_edition(db):
    before = counts()
    report = import_programme(
        parsed=parse_file(CSV_SAMPLE.read_bytes(), "programme.csv"), edition=None
    )
    assert counts() == before
    assert not report.written and report.rejected
    assert all(problem.where == "file" for problem in report.rejected)
    edition_problems = [problem for problem in report.rejected if problem.field == "edition"]
    assert len(edition_problems) == 1
    assert "add the edition in the admin first" in edition_problems[0].message


# 9. The report kept as JSON


@pytest.mark.slow
def test_a_report_survives_json(summit):
    november = make_edition("november", start=date(2027, 11, 1), end=date(2027, 11, 2))
    reports = [
        run(summit, PRETALX_XML, dry_run=True),
        run(november, PRETALX_XML),
        import_programme(parsed=parsed(WAFER_XML), edition=None, dry_run=True),
    ]
    run(summit, PRETALX_JSON)
    reports.append(run(summit, PRETALX_XML))
    for report in reports:
        restored = ImportReport.from_data(json.loads(json.dumps(report.as_data())))
        assert restored.summary() == report.summary()
        assert restored.lines() == report.lines()
        assert restored.facts() == report.facts()


def test_two_people_of_one_name_in_a_file_are_two_speakers(db):
    sam = SpeakerFactory(name="Sam Lee")
    for key in ("code:ABCDE", "name:sam lee"):  # as pretalx's JSON left them
        ExternalKey.objects.create(source=PRETALX, key=key, speaker=sam)
    first, second = SpeakerRow("Sam Lee", ("id:1",)), SpeakerRow("Sam Lee", ("id:2",))
    row = SessionRow(
        "event 1", ("guid:x",), "Talk", berlin(8, 10), berlin(8, 11), speakers=(first, second)
    )
    speakers = Speakers(PRETALX, [row])
    assert (speakers.plan(first).speaker, speakers.plan(first).matched_by) == (sam, "name")
    assert (speakers.plan(second).speaker, speakers.plan(second).matched_by) == (None, "")
