"""Sessions open to all, under the Chatham House Rule, or closed by invitation (issue 18):
said in words on the agenda, the session's page, calendar feeds and programme exports."""

import json
import xml.etree.ElementTree as ET

import icalendar
import pytest

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from conference.rich_text import plain_text
from sessions.exchange.importers import parse_file
from sessions.exchange.programme_import import import_programme
from sessions.models import SessionAccess, SessionPage
from tests.calendars import events_by_every_parser
from tests.factories import (
    AgendaPageFactory,
    ConferencePageFactory,
    RoomFactory,
    SessionPageFactory,
    SpeakersPageFactory,
    TrackFactory,
    london,
)
from tests.pages import soup, texts
from tests.sessions.test_session_admin import (
    add_session_form,
    field_errors,
    organiser_client,  # noqa: F401 (a fixture)
    post_session,
)

CHATHAM_LINE = "Chatham House Rule: You may use what is said, but not say who said it."
CLOSED_LINE = "Closed. By invitation only: Law enforcement only"


@pytest.fixture
def sessions(edition, agenda, speakers_page):
    track = TrackFactory(edition=edition, name="Wildlife cybercrime", colour="#198e53")
    hall = RoomFactory(name="Main Hall", venue=edition.venue)
    studio = RoomFactory(name="Studio", venue=edition.venue)
    return {
        "open": SessionPageFactory(
            parent=agenda,
            title="Opening keynote",
            kind="keynote",
            track=track,
            room=hall,
            abstract="<p>Wildlife for sale, one click away.</p>",
            start=london(2027, 10, 11, 9),
            end=london(2027, 10, 11, 10),
        ),
        "chatham": SessionPageFactory(
            parent=agenda,
            title="Enforcement across borders",
            kind="panel",
            track=track,
            room=hall,
            access="chatham_house",
            abstract="<p>How police, customs and platforms work a case together.</p>",
            start=london(2027, 10, 11, 11),
            end=london(2027, 10, 11, 12),
        ),
        "closed": SessionPageFactory(
            parent=agenda,
            title="What seized phones tell us",
            room=studio,
            access="closed",
            access_note="Law enforcement only",
            abstract="<p>Reading a trafficker's phone.</p>",
            start=london(2027, 10, 12, 9),
            end=london(2027, 10, 12, 10),
        ),
        "closed_cancelled": SessionPageFactory(
            parent=agenda,
            title="Platform policy clinic",
            room=studio,
            status="cancelled",
            access="closed",
            access_note="Invited platform trust-and-safety teams",
            start=london(2027, 10, 12, 11),
            end=london(2027, 10, 12, 12),
        ),
    }


# The model and the admin form


def unsaved_session(**fields):
    return SessionPage(
        title="A session", start=london(2027, 10, 11, 9), end=london(2027, 10, 11, 10), **fields
    )


def test_a_session_is_open_by_default():
    assert unsaved_session().access == SessionAccess.OPEN == "open"


def test_a_closed_session_without_a_note_is_refused():
    with pytest.raises(ValidationError) as error:
        unsaved_session(access="closed", access_note="  ").clean()
    assert list(error.value.message_dict) == ["access_note"]
    assert "Say who may attend" in error.value.message_dict["access_note"][0]


@pytest.mark.parametrize("access", ["open", "chatham_house"])
def test_a_note_on_a_session_that_is_not_closed_is_refused(access):
    with pytest.raises(ValidationError) as error:
        unsaved_session(access=access, access_note="Law enforcement only").clean()
    assert "Only a closed session has a note" in error.value.message_dict["access_note"][0]


def test_a_closed_session_keeps_its_note_trimmed():
    session = unsaved_session(access="closed", access_note="  Law enforcement only ")
    session.clean()
    assert session.access_note == "Law enforcement only"
    assert session.access_statement == CLOSED_LINE


def test_the_access_statement_says_what_each_rule_means():
    assert unsaved_session().access_statement == ""
    assert unsaved_session(access="chatham_house").access_statement == CHATHAM_LINE


def test_the_admin_refuses_a_closed_session_without_a_note(organiser_client, agenda):  # noqa: F811
    url, response = add_session_form(organiser_client, agenda)
    response = post_session(
        organiser_client,
        url,
        response.content,
        start="2027-10-11 09:30",
        end="2027-10-11 10:15",
        access="closed",
        access_note="",
    )
    assert response.status_code == 200
    assert "Say who may attend a closed session" in field_errors(response)
    assert not SessionPage.objects.filter(slug="tracing-ivory").exists()


def test_the_admin_saves_a_closed_session_with_its_note(organiser_client, agenda):  # noqa: F811
    url, response = add_session_form(organiser_client, agenda)
    fields = soup(response)
    assert fields.find("select", attrs={"name": "access"}) is not None
    assert fields.find("input", attrs={"name": "access_note"})["maxlength"] == "120"
    response = post_session(
        organiser_client,
        url,
        response.content,
        start="2027-10-11 09:30",
        end="2027-10-11 10:15",
        access="closed",
        access_note="Law enforcement only",
    )
    assert response.status_code == 302, field_errors(response)
    session = SessionPage.objects.get(slug="tracing-ivory")
    assert (session.access, session.access_note) == ("closed", "Law enforcement only")


# Pages


def test_the_badge_says_nothing_for_an_open_session_and_names_the_rule_otherwise(sessions):
    def badge(session):
        return render_to_string("components/access_badge.html", {"session": session}).strip()

    assert badge(sessions["open"]) == ""
    assert "Chatham House Rule" in badge(sessions["chatham"])
    assert "Closed: Law enforcement only" in badge(sessions["closed"])


def test_the_agenda_marks_chatham_house_and_closed_sessions(client, agenda, sessions):
    page = soup(client.get(agenda.url))
    titles = {
        item.select_one(".session__title a").get_text(strip=True): item
        for item in page.select(".session")
    }
    assert texts(titles["Enforcement across borders"].select(".badge--access")) == [
        "Chatham House Rule"
    ]
    assert texts(titles["What seized phones tell us"].select(".badge--access")) == [
        "Closed: Law enforcement only"
    ]
    assert titles["Opening keynote"].select(".badge--access") == []


def test_the_session_page_explains_the_chatham_house_rule(client, sessions):
    notice = soup(client.get(sessions["chatham"].url)).select_one(".access-notice")
    assert notice.get_text(" ", strip=True) == (
        "Chatham House Rule. You may use what is said, but not say who said it."
    )


def test_the_session_page_says_who_may_attend_a_closed_session(client, sessions):
    notice = soup(client.get(sessions["closed"].url)).select_one(".access-notice")
    assert notice.get_text(" ", strip=True) == (
        "Closed session. By invitation only: Law enforcement only"
    )


def test_an_open_session_page_has_no_access_notice(client, sessions):
    assert soup(client.get(sessions["open"].url)).select(".access-notice") == []


def test_the_session_pages_structured_data_starts_with_who_may_attend(client, sessions):
    page = soup(client.get(sessions["closed"].url))
    events = [
        data
        for script in page.select('script[type="application/ld+json"]')
        for data in [json.loads(script.string)]
        if isinstance(data, dict) and data.get("@type") == "Event"
    ]
    assert events[0]["description"] == f"{CLOSED_LINE} Reading a trafficker's phone."


# Filters


def test_the_access_filter_narrows_the_agenda_and_shows_a_chip(client, agenda, sessions):
    response = client.get(agenda.url, {"access": "closed"})
    assert response.status_code == 200
    page = soup(response)
    assert texts(page.select(".session__title a")) == [
        "What seized phones tell us",
        "Platform policy clinic",
    ]
    chips = {chip["label"]: chip for chip in response.context["filter_chips"]}
    assert chips["Access"]["value"] == "Closed"
    assert chips["Access"]["query"] == ""
    assert "Closed" in page.get_text(" ", strip=True)


def test_the_chatham_house_filter_keeps_the_other_filters(client, agenda, sessions):
    response = client.get(agenda.url, {"access": "chatham_house", "kind": "panel"})
    assert texts(soup(response).select(".session__title a")) == ["Enforcement across borders"]
    chips = {chip["label"]: chip for chip in response.context["filter_chips"]}
    assert chips["Access"]["value"] == "Chatham House Rule"
    assert chips["Kind"]["query"] == "?access=chatham_house"
    assert chips["Access"]["query"] == "?kind=panel"


def test_an_unknown_access_filter_is_a_bad_request(client, agenda, sessions):
    response = client.get(agenda.url, {"access": "secret"})
    assert response.status_code == 400


# Calendar feeds


def test_the_feed_description_starts_with_who_may_attend(client, edition, sessions):
    body = client.get(reverse("calendar-agenda", args=[edition.pk])).content
    events_by_every_parser(body)  # the three parsers still agree on the feed
    descriptions = {
        str(event["SUMMARY"]): str(event["DESCRIPTION"])
        for event in icalendar.Calendar.from_ical(body).walk("VEVENT")
    }
    assert descriptions["Enforcement across borders"].startswith(f"{CHATHAM_LINE}\n\nHow police")
    assert descriptions["What seized phones tell us"].startswith(f"{CLOSED_LINE}\n\nReading")
    assert descriptions["Platform policy clinic"].startswith(
        "This session has been cancelled.\n\n"
        "Closed. By invitation only: Invited platform trust-and-safety teams\n\n"
    )
    assert descriptions["Opening keynote"].startswith("Wildlife for sale")
    assert "Chatham" not in descriptions["Opening keynote"]


# frab exports and importing them again


def frab_files(client, edition):
    xml = client.get(reverse("schedule-xml", args=[edition.pk])).content
    document = client.get(reverse("schedule-json", args=[edition.pk])).content
    return xml, document


def test_the_frab_files_start_the_abstract_with_who_may_attend(client, edition, sessions):
    xml, document = frab_files(client, edition)
    xml_abstracts = {
        event.findtext("title"): event.findtext("abstract")
        for event in ET.fromstring(xml).iter("event")
    }
    json_abstracts = {
        event["title"]: event["abstract"]
        for day in json.loads(document)["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    }
    assert xml_abstracts == json_abstracts
    assert xml_abstracts["Enforcement across borders"] == (
        f"{CHATHAM_LINE}\n\nHow police, customs and platforms work a case together."
    )
    assert xml_abstracts["What seized phones tell us"] == (
        f"{CLOSED_LINE}\n\nReading a trafficker's phone."
    )
    assert xml_abstracts["Cancelled: Platform policy clinic"] == (
        "This session has been cancelled.\n\n"
        "Closed. By invitation only: Invited platform trust-and-safety teams"
    )
    assert xml_abstracts["Opening keynote"] == "Wildlife for sale, one click away."


@pytest.mark.parametrize("filename", ["schedule.xml", "schedule.json"])
def test_reading_the_export_strips_the_access_statements(client, edition, sessions, filename):
    xml, document = frab_files(client, edition)
    content = xml if filename == "schedule.xml" else document
    rows = {row.title: row for row in parse_file(content, filename).rows}
    assert rows["Enforcement across borders"].abstract == (
        "How police, customs and platforms work a case together."
    )
    assert rows["What seized phones tell us"].abstract == "Reading a trafficker's phone."
    assert rows["Platform policy clinic"].abstract == ""
    assert rows["Platform policy clinic"].status == "cancelled"
    assert rows["Opening keynote"].abstract == "Wildlife for sale, one click away."


@pytest.mark.slow
@pytest.mark.parametrize("filename", ["schedule.xml", "schedule.json"])
def test_importing_the_export_again_changes_no_session(client, edition, sessions, filename):
    xml, document = frab_files(client, edition)
    content = xml if filename == "schedule.xml" else document
    copy = ConferencePageFactory(title="Copy", slug="copy")
    AgendaPageFactory(parent=copy, slug="agenda")
    SpeakersPageFactory(parent=copy, slug="speakers")

    first = import_programme(edition=copy, parsed=parse_file(content, filename))
    assert not first.rejected and len(first.created) == 4
    imported = {page.title: page for page in SessionPage.objects.child_of(copy.get_children()[0])}
    for name, original in sessions.items():
        assert plain_text(imported[original.title].abstract) == plain_text(original.abstract), name
    # The organisers mark the copy's sessions as they are marked in the original.
    for original in sessions.values():
        page = imported[original.title]
        page.access, page.access_note = original.access, original.access_note
        page.save_revision().publish()
    latest = dict(SessionPage.objects.values_list("pk", "latest_revision_id"))

    again = import_programme(edition=copy, parsed=parse_file(content, filename))
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, 4)
    assert dict(SessionPage.objects.values_list("pk", "latest_revision_id")) == latest
    marks = {page.title: (page.access, page.access_note) for page in sessions.values()}
    assert {
        page.title: (page.access, page.access_note)
        for page in SessionPage.objects.child_of(copy.get_children()[0])
    } == marks
