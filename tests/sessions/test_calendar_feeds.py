from datetime import UTC, datetime

import icalendar
import pytest

from django.urls import reverse

from tests.calendars import events_by_every_parser, parse_with_icaljs
from tests.factories import (
    RoomFactory,
    SessionPageFactory,
    SpeakerFactory,
    TrackFactory,
    london,
)
from tests.pages import soup


@pytest.fixture
def programme(edition, agenda, speakers_page):
    track = TrackFactory(edition=edition, name="Wildlife cybercrime")
    room = RoomFactory(name="Main Hall", venue=edition.venue)
    speaker = SpeakerFactory(name="Tania McCrea-Steele", organisation__name="IFAW")
    summer = SessionPageFactory(
        parent=agenda,
        title="Opening keynote",
        kind="keynote",
        track=track,
        room=room,
        speakers=[speaker],
        abstract="<p>Adverts for 11,772 specimens; more than £3m.</p>",
        start=london(2027, 10, 11, 9),
        end=london(2027, 10, 11, 10),
    )
    # The clocks go back at 02:00 BST on 31 October 2027: 01:30 BST to 01:30 GMT.
    across_change = SessionPageFactory(
        parent=agenda,
        title="Night watch",
        start=datetime(2027, 10, 31, 0, 30, tzinfo=UTC),
        end=datetime(2027, 10, 31, 1, 30, tzinfo=UTC),
    )
    winter = SessionPageFactory(
        parent=agenda,
        title="Winter follow-up",
        track=track,
        start=london(2027, 12, 1, 9),
        end=london(2027, 12, 1, 10),
    )
    draft = SessionPageFactory(parent=agenda, title="Draft", publish=False)
    return {
        "track": track,
        "speaker": speaker,
        "summer": summer,
        "across": across_change,
        "winter": winter,
        "draft": draft,
    }


def feed_url(name, *args):
    return reverse(f"calendar-{name}", args=args)


@pytest.mark.slow
def test_agenda_feed_places_every_session_at_the_same_instant_in_every_parser(
    client, edition, programme
):
    response = client.get(feed_url("agenda", edition.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = events_by_every_parser(response.content)
    times = {event["summary"]: (event["start"], event["end"]) for event in events.values()}
    assert times == {
        "Opening keynote": (
            datetime(2027, 10, 11, 8, tzinfo=UTC),
            datetime(2027, 10, 11, 9, tzinfo=UTC),
        ),
        "Night watch": (
            datetime(2027, 10, 31, 0, 30, tzinfo=UTC),
            datetime(2027, 10, 31, 1, 30, tzinfo=UTC),
        ),
        "Winter follow-up": (
            datetime(2027, 12, 1, 9, tzinfo=UTC),
            datetime(2027, 12, 1, 10, tzinfo=UTC),
        ),
    }


@pytest.mark.parametrize("kind", ["track", "day", "speaker", "session", "selection"])
def test_every_kind_of_feed_is_read_alike_by_every_parser(client, edition, programme, kind):
    args = {
        "track": (programme["track"].pk,),
        "day": ("2027-10-11",),
        "speaker": (programme["speaker"].pk,),
        "session": (programme["summer"].pk,),
        "selection": (f"{programme['summer'].pk},{programme['winter'].pk}",),
    }[kind]
    expected = {
        "track": {"Opening keynote", "Winter follow-up"},
        "day": {"Opening keynote"},
        "speaker": {"Opening keynote"},
        "session": {"Opening keynote"},
        "selection": {"Opening keynote", "Winter follow-up"},
    }[kind]
    response = client.get(feed_url(kind, edition.pk, *args))
    assert response.status_code == 200
    events = events_by_every_parser(response.content)
    assert {event["summary"] for event in events.values()} == expected


def test_calendar_properties_follow_rfc_5545_and_7986(client, edition, programme):
    calendar = icalendar.Calendar.from_ical(client.get(feed_url("agenda", edition.pk)).content)
    assert calendar["PRODID"] == "-//IWT Conference//Agenda//EN"
    assert calendar["VERSION"] == "2.0"
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["NAME"] == calendar["X-WR-CALNAME"] == "IWT Conference 2027"
    assert calendar["DESCRIPTION"] == calendar["X-WR-CALDESC"]
    assert calendar["URL"] == "http://localhost/iwt-2027/agenda/"
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert calendar["REFRESH-INTERVAL"].dt.total_seconds() == 3600
    assert calendar["X-PUBLISHED-TTL"].to_ical() == b"PT1H"


def test_session_event_carries_everything_a_calendar_shows(client, edition, programme):
    summer = programme["summer"]
    body = client.get(feed_url("session", edition.pk, summer.pk)).content
    (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert event["UID"] == f"session-{summer.pk}@iwt-conference.calendar"
    assert event["URL"] == f"http://localhost{summer.url}"
    assert event["STATUS"] == "CONFIRMED"
    assert event["SEQUENCE"] == 0
    assert event.categories == ["Wildlife cybercrime", "Keynote"]
    assert event["LOCATION"] == "Main Hall, " + edition.venue.one_line_address
    assert event["GEO"].latitude == pytest.approx(51.4791)
    published = summer.last_published_at.replace(microsecond=0)
    assert event["DTSTAMP"].dt == event["LAST-MODIFIED"].dt == published
    assert event["CREATED"].dt == summer.first_published_at.replace(microsecond=0)
    description = str(event["DESCRIPTION"])
    assert "Adverts for 11,772 specimens; more than £3m." in description
    assert "Tania McCrea-Steele (IFAW)" in description
    assert "Track: Wildlife cybercrime" in description
    assert "Room: Main Hall" in description
    assert description.endswith(f"http://localhost{summer.url}")
    assert "<p>" not in description


@pytest.mark.slow
def test_uid_is_stable_across_title_slug_time_and_room_changes(client, edition, programme):
    summer = programme["summer"]
    url = feed_url("agenda", edition.pk)
    before = set(events_by_every_parser(client.get(url).content))
    summer.title = "Renamed keynote"
    summer.slug = "renamed-keynote"
    summer.start = london(2027, 10, 11, 11)
    summer.end = london(2027, 10, 11, 12)
    summer.room = RoomFactory(venue=edition.venue)
    summer.save_revision().publish()
    after = events_by_every_parser(client.get(url).content)
    assert set(after) == before
    assert after[f"session-{summer.pk}@iwt-conference.calendar"]["summary"] == "Renamed keynote"
    track_feed = events_by_every_parser(
        client.get(feed_url("track", edition.pk, programme["track"].pk)).content
    )
    assert f"session-{summer.pk}@iwt-conference.calendar" in track_feed


def sequence_of(client, edition, session):
    body = client.get(feed_url("agenda", edition.pk)).content
    return events_by_every_parser(body)[f"session-{session.pk}@iwt-conference.calendar"]


@pytest.mark.slow
def test_sequence_rises_when_a_session_moves_and_not_for_a_new_title(client, edition, programme):
    summer = programme["summer"]
    assert sequence_of(client, edition, summer)["sequence"] == 0
    summer.title = "Only the title changes"
    summer.save_revision().publish()
    assert sequence_of(client, edition, summer)["sequence"] == 0
    summer.start, summer.end = london(2027, 10, 11, 14), london(2027, 10, 11, 15)
    summer.save_revision().publish()
    assert sequence_of(client, edition, summer)["sequence"] == 1
    summer.room = RoomFactory(venue=edition.venue)
    summer.save_revision().publish()
    assert sequence_of(client, edition, summer)["sequence"] == 2


def test_cancelled_session_stays_in_the_feed_as_cancelled_with_a_raised_sequence(
    client, edition, programme
):
    summer = programme["summer"]
    summer.status = "cancelled"
    summer.save_revision().publish()
    event = sequence_of(client, edition, summer)
    assert event["status"] == "CANCELLED"
    assert event["sequence"] == 1


def test_drafts_and_unpublished_sessions_never_appear(client, edition, programme):
    body = client.get(feed_url("agenda", edition.pk)).content
    assert "Draft" not in {event["summary"] for event in events_by_every_parser(body).values()}
    programme["winter"].unpublish()
    body = client.get(feed_url("agenda", edition.pk)).content
    summaries = {event["summary"] for event in events_by_every_parser(body).values()}
    assert summaries == {"Opening keynote", "Night watch"}
    assert client.get(feed_url("session", edition.pk, programme["draft"].pk)).status_code == 404


def test_text_with_commas_quotes_accents_and_emoji_survives_folding(client, edition, agenda):
    title = 'Pangolins, "scales"; côte d’ivoire 🐘🦏 — ' * 4
    session = SessionPageFactory(
        parent=agenda,
        title=title.strip(),
        abstract="<p>Line one, with; punctuation</p><p>Line two 🦒 “quoted” ünïcödé</p>",
    )
    body = client.get(feed_url("session", edition.pk, session.pk)).content
    lines = body.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # no line ends inside a multi-byte character
    (event,) = events_by_every_parser(body).values()
    assert event["summary"] == title.strip()
    described = parse_with_icaljs(body)["events"][0]["description"]
    assert "Line one, with; punctuation\nLine two 🦒 “quoted” ünïcödé" in described


def test_feed_body_is_byte_identical_when_nothing_changed(client, edition, programme):
    url = feed_url("agenda", edition.pk)
    first = client.get(url).content
    from django.core.cache import cache

    cache.clear()
    assert client.get(url).content == first


def test_private_sessions_never_appear(client, edition, programme):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=programme["winter"], restriction_type="password", password="delegates"
    )
    body = client.get(feed_url("agenda", edition.pk)).content
    summaries = {event["summary"] for event in events_by_every_parser(body).values()}
    assert summaries == {"Opening keynote", "Night watch"}
    session = feed_url("session", edition.pk, programme["winter"].pk)
    assert client.get(session).status_code == 404


@pytest.mark.parametrize("empty", ["<p></p>", '<p data-block-key="x3k9q"></p>', "<p> <br/></p>"])
def test_an_abstract_left_empty_is_no_abstract(client, edition, agenda, empty):
    session = SessionPageFactory(
        parent=agenda, title="Ranger patrols", kind="talk", abstract=empty
    )
    session.refresh_from_db()
    assert session.abstract == ""
    body = client.get(feed_url("session", edition.pk, session.pk)).content
    described = parse_with_icaljs(body)["events"][0]["description"]
    assert described.startswith("Talk\n")
    page = soup(client.get(session.url))
    assert page.select(".session-page__abstract") == []
