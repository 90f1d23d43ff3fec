"""Schedule changes: each publish that moves, cancels, reinstates, adds or removes a session
is recorded, and the edition's "Changes" page and Atom feed list them newest first."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sessions import views
from sessions.models import ScheduleChange, ScheduleChangeKind, SessionPage
from tests.factories import (
    AgendaPageFactory,
    ConferencePageFactory,
    RoomFactory,
    SessionPageFactory,
    london,
)
from tests.pages import soup, texts

ATOM = {"atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def hall(edition):
    return RoomFactory(name="Main Hall", venue=edition.venue)


@pytest.fixture
def studio(edition):
    return RoomFactory(name="Studio", venue=edition.venue)


@pytest.fixture
def keynote(agenda, hall):
    return SessionPageFactory(
        parent=agenda,
        title="Opening keynote",
        room=hall,
        start=london(2027, 10, 11, 9),
        end=london(2027, 10, 11, 10),
    )


def publish_edit(session, **fields):
    """Edit a session as the admin does (a fresh copy, a revision) and publish it."""
    page = SessionPage.objects.get(pk=session.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def only_change():
    (change,) = ScheduleChange.objects.all()
    return change


def test_factory_and_republish_without_changes_record_nothing(keynote):
    publish_edit(keynote)

    assert ScheduleChange.objects.count() == 0


def test_abstract_only_edit_records_nothing(keynote):
    publish_edit(keynote, abstract="<p>Now with a longer abstract.</p>", title="Opening keynote")

    assert ScheduleChange.objects.count() == 0


def test_draft_that_moves_a_session_records_nothing_until_published(keynote):
    page = SessionPage.objects.get(pk=keynote.pk)
    page.start, page.end = london(2027, 10, 11, 11), london(2027, 10, 11, 12)
    revision = page.save_revision()

    assert ScheduleChange.objects.count() == 0
    revision.publish()
    assert only_change().kind == ScheduleChangeKind.MOVED


def test_scheduled_publish_records_the_move_when_it_goes_live(keynote):
    page = SessionPage.objects.get(pk=keynote.pk)
    page.start, page.end = london(2027, 10, 11, 11), london(2027, 10, 11, 12)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision().publish()
    assert ScheduleChange.objects.count() == 0

    with mock.patch(
        "django.utils.timezone.now", return_value=page.go_live_at + timedelta(minutes=1)
    ):
        call_command("publish_scheduled", stdout=StringIO())

    change = only_change()
    assert change.kind == ScheduleChangeKind.MOVED
    assert change.after["start"] == london(2027, 10, 11, 11).isoformat()


def test_move_in_time_and_room_is_recorded_with_from_and_to(edition, keynote, studio):
    publish_edit(
        keynote, start=london(2027, 10, 11, 14), end=london(2027, 10, 11, 15), room=studio
    )

    change = only_change()
    assert change.kind == ScheduleChangeKind.MOVED
    assert change.edition_id == edition.pk
    assert change.session_id == keynote.pk
    assert change.session_title == "Opening keynote"
    assert change.before["start"] == london(2027, 10, 11, 9).isoformat()
    assert change.before["end"] == london(2027, 10, 11, 10).isoformat()
    assert change.before["room"] == "Main Hall"
    assert change.after["start"] == london(2027, 10, 11, 14).isoformat()
    assert change.after["end"] == london(2027, 10, 11, 15).isoformat()
    assert change.after["room"] == "Studio"
    assert change.from_slot.start == london(2027, 10, 11, 9)
    assert change.to_slot.room == "Studio"
    assert change.is_major is False


def test_room_change_alone_is_a_move(keynote, studio):
    publish_edit(keynote, room=studio)

    change = only_change()
    assert (change.kind, change.before["room"], change.after["room"]) == (
        ScheduleChangeKind.MOVED,
        "Main Hall",
        "Studio",
    )


def test_move_to_another_day_is_major(keynote):
    publish_edit(keynote, start=london(2027, 10, 12, 9), end=london(2027, 10, 12, 10))

    change = only_change()
    assert change.kind == ScheduleChangeKind.MOVED
    assert change.is_major is True


def test_cancellation_and_reinstatement_are_recorded(keynote):
    publish_edit(keynote, status="cancelled")
    publish_edit(keynote, status="scheduled")

    cancelled, reinstated = ScheduleChange.objects.order_by("happened_at", "pk")
    assert cancelled.kind == ScheduleChangeKind.CANCELLED
    assert cancelled.is_major is True
    assert cancelled.before["status"] == "scheduled"
    assert cancelled.after["status"] == "cancelled"
    assert cancelled.from_slot.start == london(2027, 10, 11, 9)
    assert cancelled.to_slot is None
    assert reinstated.kind == ScheduleChangeKind.REINSTATED
    assert reinstated.is_major is False
    assert reinstated.to_slot.start == london(2027, 10, 11, 9)


def test_first_publish_is_an_addition(agenda, hall):
    draft = SessionPageFactory(
        parent=agenda,
        title="Late addition",
        room=hall,
        publish=False,
        start=london(2027, 10, 12, 16),
        end=london(2027, 10, 12, 17),
    )
    assert ScheduleChange.objects.count() == 0

    publish_edit(draft)

    change = only_change()
    assert change.kind == ScheduleChangeKind.ADDED
    assert change.before == {}
    assert change.after["start"] == london(2027, 10, 12, 16).isoformat()
    assert change.from_slot is None
    assert change.to_slot.room == "Main Hall"


def test_unpublishing_a_live_session_is_a_removal(keynote):
    keynote.unpublish()

    change = only_change()
    assert change.kind == ScheduleChangeKind.REMOVED
    assert change.session_id == keynote.pk
    assert change.before["room"] == "Main Hall"
    assert change.after == {}
    assert change.is_major is True


def test_deleting_a_live_session_is_a_removal_and_keeps_its_title(keynote):
    keynote_id = keynote.pk
    SessionPage.objects.get(pk=keynote_id).delete()

    change = only_change()
    assert change.kind == ScheduleChangeKind.REMOVED
    assert change.session_id is None
    assert change.session_title == "Opening keynote"
    assert change.before["start"] == london(2027, 10, 11, 9).isoformat()


def test_deleting_a_session_keeps_its_earlier_changes_without_the_link(keynote):
    publish_edit(keynote, status="cancelled")
    SessionPage.objects.get(pk=keynote.pk).delete()

    assert list(ScheduleChange.objects.values_list("kind", "session_id", "session_title")) == [
        (ScheduleChangeKind.REMOVED, None, "Opening keynote"),
        (ScheduleChangeKind.CANCELLED, None, "Opening keynote"),
    ]


def test_deleting_the_whole_edition_records_nothing_and_fails_nothing(edition, keynote):
    publish_edit(keynote, status="cancelled")

    edition.delete()

    assert ScheduleChange.objects.count() == 0


def test_unpublishing_a_session_never_published_records_nothing(agenda):
    SessionPageFactory(parent=agenda, publish=False)

    assert ScheduleChange.objects.count() == 0


# The public "Changes" page and its Atom feed


def changes_url(agenda):
    return agenda.url + "changes/"


def feed_url(edition):
    return reverse("schedule-changes-feed", args=[edition.pk])


@pytest.fixture
def history(agenda, keynote, studio, hall):
    """Three changes at known times: a move, then a cancellation, then a removal."""
    other = SessionPageFactory(
        parent=agenda,
        title="Ivory markets panel",
        room=hall,
        start=london(2027, 10, 12, 11),
        end=london(2027, 10, 12, 12),
    )
    gone = SessionPageFactory(
        parent=agenda,
        title="Withdrawn workshop",
        room=studio,
        start=london(2027, 10, 12, 14),
        end=london(2027, 10, 12, 15),
    )
    publish_edit(
        keynote, start=london(2027, 10, 11, 14), end=london(2027, 10, 11, 15), room=studio
    )
    publish_edit(other, status="cancelled")
    SessionPage.objects.get(pk=gone.pk).delete()
    base = timezone.now() - timedelta(hours=3)
    for hours, kind in enumerate(["moved", "cancelled", "removed"]):
        ScheduleChange.objects.filter(kind=kind).update(happened_at=base + timedelta(hours=hours))
    return {"keynote": keynote, "other": other}


def test_changes_page_lists_newest_first_with_from_and_to(client, agenda, history):
    response = client.get(changes_url(agenda))

    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Changes to the programme"
    entries = page.select(".schedule-change")
    assert texts([entry.select_one(".schedule-change__session") for entry in entries]) == [
        "Withdrawn workshop",
        "Ivory markets panel",
        "Opening keynote",
    ]
    assert texts([entry.select_one(".schedule-change__kind") for entry in entries]) == [
        "Removed",
        "Cancelled",
        "Moved",
    ]
    moved = entries[2]
    assert moved.select_one(".schedule-change__from").get_text(" ", strip=True) == (
        "From Monday 11 October, 09:00–10:00 BST, Main Hall"
    )
    assert moved.select_one(".schedule-change__to").get_text(" ", strip=True) == (
        "To Monday 11 October, 14:00–15:00 BST, Studio"
    )
    assert "Europe/London" in page.select_one(".changes-zone").get_text()


@pytest.mark.slow
def test_changes_page_links_sessions_still_public_only(client, agenda, history):
    entries = soup(client.get(changes_url(agenda))).select(".schedule-change")
    links = [entry.select_one(".schedule-change__session a") for entry in entries]

    assert links[0] is None  # deleted
    assert links[1]["href"] == history["other"].url
    assert links[2]["href"] == history["keynote"].url


def test_changes_page_headings_in_order_and_feed_advertised(client, edition, agenda, history):
    page = soup(client.get(changes_url(agenda)))

    levels = [int(heading.name[1]) for heading in page.find_all(["h1", "h2", "h3"])]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))
    (alternate,) = page.select('link[rel="alternate"][type="application/atom+xml"]')
    assert alternate["href"] == "http://testserver" + feed_url(edition)


def test_changes_page_with_no_changes_says_so(client, agenda, keynote):
    response = client.get(changes_url(agenda))

    assert response.status_code == 200
    assert soup(response).select(".schedule-change") == []
    assert "No changes" in soup(response).select_one(".changes-empty").get_text()


@pytest.mark.slow
def test_changes_page_is_paginated(client, agenda, keynote, monkeypatch):
    for hour in range(9, 17):
        publish_edit(keynote, start=london(2027, 10, 12, hour), end=london(2027, 10, 12, hour, 30))
    monkeypatch.setattr(views, "CHANGES_PER_PAGE", 5)

    first = client.get(changes_url(agenda))
    second = client.get(changes_url(agenda), {"page": "2"})

    assert len(soup(first).select(".schedule-change")) == 5
    assert len(soup(second).select(".schedule-change")) == 3
    assert soup(first).select_one('a[rel="next"]')["href"] == "?page=2"
    assert client.get(changes_url(agenda), {"page": "99"}).status_code == 404
    assert client.get(changes_url(agenda), {"page": "x"}).status_code == 404


def test_agenda_page_links_the_changes_page_and_feed(client, edition, agenda, keynote):
    page = soup(client.get(agenda.url))

    link = page.find("a", string="Changes to the programme")
    assert link["href"] == changes_url(agenda)
    (alternate,) = page.select('link[rel="alternate"][type="application/atom+xml"]')
    assert alternate["href"] == "http://testserver" + feed_url(edition)


@pytest.mark.slow
def test_atom_feed_entries_match_the_changes(client, edition, agenda, history):
    response = client.get(feed_url(edition))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert "Changes to the programme" in feed.findtext("atom:title", namespaces=ATOM)
    entries = feed.findall("atom:entry", ATOM)
    assert [entry.findtext("atom:title", namespaces=ATOM) for entry in entries] == [
        "Removed: Withdrawn workshop",
        "Cancelled: Ivory markets panel",
        "Moved: Opening keynote",
    ]
    ids = [entry.findtext("atom:id", namespaces=ATOM) for entry in entries]
    assert len(set(ids)) == 3
    moved = entries[2]
    assert moved.find("atom:link", ATOM).get("href").endswith(history["keynote"].url)
    summary = moved.findtext("atom:summary", namespaces=ATOM)
    assert "From Monday 11 October, 09:00–10:00 BST, Main Hall" in summary
    assert "To Monday 11 October, 14:00–15:00 BST, Studio" in summary
    updated = [entry.findtext("atom:updated", namespaces=ATOM) for entry in entries]
    assert updated == sorted(updated, reverse=True)


@pytest.mark.slow
def test_changes_of_another_edition_are_not_listed(client, agenda, history):
    other_edition = ConferencePageFactory(slug="iwt-2028")
    other_agenda = AgendaPageFactory(parent=other_edition, slug="agenda")

    response = client.get(changes_url(other_agenda))
    feed = ET.fromstring(client.get(feed_url(other_edition)).content)

    assert soup(response).select(".schedule-change") == []
    assert feed.findall("atom:entry", ATOM) == []


def test_atom_feed_of_an_edition_without_agenda_is_not_found(client, edition):
    assert client.get(feed_url(edition)).status_code == 404
    assert client.get(reverse("schedule-changes-feed", args=[999999])).status_code == 404
