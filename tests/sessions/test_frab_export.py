"""The published programme as frab schedule.xml and schedule.json, for conference apps."""

import json
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from bs4 import BeautifulSoup

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sessions.models import SessionPage
from tests.factories import ConferencePageFactory, london
from tests.sessions.test_query_counts import add_programme

SCHEMAS = Path(__file__).parent / "schemas"
SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"


def xml_url(edition):
    return reverse("schedule-xml", args=[edition.pk])


def json_url(edition):
    return reverse("schedule-json", args=[edition.pk])


def validate_json(document):
    schema = json.loads((SCHEMAS / "schedule.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    validator.validate(document)


def validate_xml(body):
    xmlschema.XMLSchema(SCHEMAS / "schedule.xsd").validate(body.decode())


def xml_events(body):
    return {event.findtext("title"): event for event in ET.fromstring(body).iter("event")}


def json_events(document):
    return {
        event["title"]: event
        for day in document["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    }


@pytest.mark.slow
def test_xml_validates_against_the_frab_shape(client, edition, programme):
    response = client.get(xml_url(edition))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    validate_xml(response.content)


@pytest.mark.slow
def test_json_validates_against_the_c3voc_shape(client, edition, programme):
    response = client.get(json_url(edition))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    validate_json(response.json())


@pytest.mark.slow
def test_the_schema_checkers_reject_a_broken_schedule(client, edition, programme):
    """The checkers are not vacuous: a file missing an event's guid fails both."""
    root = ET.fromstring(client.get(xml_url(edition)).content)
    del next(root.iter("event")).attrib["guid"]
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        validate_xml(ET.tostring(root))
    document = client.get(json_url(edition)).json()
    first_day = document["schedule"]["conference"]["days"][0]
    next(iter(first_day["rooms"].values()))[0]["start"] = "9 o'clock"
    with pytest.raises(jsonschema.ValidationError):
        validate_json(document)


def test_the_committed_samples_have_the_same_shape(edition):
    validate_xml((SAMPLES / "schedule.xml").read_bytes())
    validate_json(json.loads((SAMPLES / "schedule.json").read_text()))


@pytest.mark.slow
def test_draft_sessions_never_appear(client, edition, programme):
    assert SessionPage.objects.filter(title="Unpublished draft session").exists()
    xml_titles = set(xml_events(client.get(xml_url(edition)).content))
    json_titles = set(json_events(client.get(json_url(edition)).json()))
    expected = {"Opening keynote", "Ivory surrender lessons", "Cancelled: Drone patrols"}
    assert xml_titles == expected
    assert json_titles == expected


@pytest.mark.slow
def test_an_event_carries_times_in_the_edition_zone_and_its_people(client, edition, programme):
    keynote = SessionPage.objects.get(title="Opening keynote")
    event = json_events(client.get(json_url(edition)).json())["Opening keynote"]
    assert event["guid"] == str(uuid.UUID(event["guid"]))
    assert event["id"] == keynote.pk
    assert event["date"] == "2027-10-11T09:00:00+01:00"
    assert event["start"] == "09:00"
    assert event["duration"] == "00:45"
    assert event["room"] == "Main Hall"
    assert event["track"] == "Wildlife cybercrime"
    assert event["type"] == "keynote"
    assert event["language"] == "en"
    assert event["url"] == "http://localhost/iwt-2027/agenda/opening-keynote/"
    speaker = keynote.session_speakers.get().speaker
    assert event["persons"] == [
        {
            "id": speaker.pk,
            "guid": event["persons"][0]["guid"],
            "public_name": "Tania McCrea-Steele",
        }
    ]
    xml_event = xml_events(client.get(xml_url(edition)).content)["Opening keynote"]
    assert xml_event.get("guid") == event["guid"]
    assert xml_event.findtext("date") == event["date"]
    assert [(p.get("id"), p.text) for p in xml_event.iter("person")] == [
        (str(speaker.pk), "Tania McCrea-Steele")
    ]


@pytest.mark.slow
def test_the_conference_and_days_describe_the_edition(client, edition, programme):
    conference = client.get(json_url(edition)).json()["schedule"]["conference"]
    assert conference["acronym"] == "iwt_2027"
    assert conference["title"] == "IWT Conference 2027"
    assert (conference["start"], conference["end"], conference["daysCount"]) == (
        "2027-10-11",
        "2027-10-12",
        2,
    )
    assert conference["time_zone_name"] == "Europe/London"
    assert conference["url"] == "http://localhost/iwt-2027/"
    days = conference["days"]
    assert [(day["index"], day["date"]) for day in days] == [(1, "2027-10-11"), (2, "2027-10-12")]
    assert days[0]["day_start"] == "2027-10-11T00:00:00+01:00"
    assert days[0]["day_end"] == "2027-10-12T00:00:00+01:00"
    assert {room: len(events) for room, events in days[0]["rooms"].items()} == {
        "Main Hall": 1,
        "Studio": 1,
    }
    root = ET.fromstring(client.get(xml_url(edition)).content)
    assert root.findtext("conference/days") == "2"
    assert [day.get("date") for day in root.iter("day")] == ["2027-10-11", "2027-10-12"]


@pytest.mark.slow
def test_a_cancelled_session_stays_with_its_title_marked(client, edition, programme):
    event = json_events(client.get(json_url(edition)).json())["Cancelled: Drone patrols"]
    assert event["abstract"].startswith("This session has been cancelled.")


@pytest.mark.slow
def test_guids_never_change_when_a_session_is_renamed_or_moved(client, edition, programme):
    before = json_events(client.get(json_url(edition)).json())["Opening keynote"]["guid"]
    keynote = SessionPage.objects.get(title="Opening keynote")
    keynote.title = "Opening keynote: the online trade"
    keynote.start, keynote.end = london(2027, 10, 12, 9), london(2027, 10, 12, 10)
    keynote.save_revision().publish()
    after = json_events(client.get(json_url(edition)).json())["Opening keynote: the online trade"]
    assert after["guid"] == before
    assert after["date"] == "2027-10-12T09:00:00+01:00"


@pytest.mark.slow
def test_validators_give_304_until_the_programme_changes(client, edition, programme):
    for url in (xml_url(edition), json_url(edition)):
        first = client.get(url)
        etag = first["ETag"]
        assert first["Last-Modified"]
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304
        since = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
        assert since.status_code == 304
    keynote = SessionPage.objects.get(title="Opening keynote")
    keynote.title = "Opening keynote, retitled"
    keynote.save_revision().publish()
    changed = client.get(xml_url(edition), headers={"if-none-match": etag})
    assert changed.status_code == 200


def test_an_unpublished_edition_is_not_found(client, db):
    draft = ConferencePageFactory(publish=False)
    assert client.get(xml_url(draft)).status_code == 404
    assert client.get(json_url(draft)).status_code == 404


@pytest.mark.slow
def test_query_count_does_not_grow_with_the_programme(client, edition, agenda, speakers_page):
    def queries(url):
        cache.clear()  # built afresh, not served from the feed cache
        client.get(url)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add_programme(agenda, edition, 5)
    small = queries(xml_url(edition)), queries(json_url(edition))
    add_programme(agenda, edition, 60)
    assert (queries(xml_url(edition)), queries(json_url(edition))) == small


@pytest.mark.slow
def test_the_agenda_page_links_both_files(client, edition, programme, agenda):
    soup = BeautifulSoup(client.get(agenda.url).content, "html.parser")
    hrefs = {link.get_text(): link["href"] for link in soup.select(".schedule-exports a")}
    assert hrefs == {"schedule.xml": xml_url(edition), "schedule.json": json_url(edition)}
