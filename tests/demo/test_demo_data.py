"""The demo conference: built once, idempotent and complete (tests/demo/conftest.py builds it
once for this module; test_demo_site.py checks the pages it makes)."""

from collections import Counter
from io import StringIO

import pytest

from django.core.management import call_command
from django.db.models import Count

from wagtail.images import get_image_model
from wagtail.models import Page, Revision, WorkflowPage

from conference.models import ConferencePage, Organisation, Room
from sessions.models import AgendaPage, ScheduleChange, SessionPage, SessionSpeaker, Track
from sessions.roles import MODERATORS, PROGRAMME_EDITORS, PROGRAMME_REVIEW
from speakers.models import Speaker
from tests.pages import soup
from tests.roles import page_permissions

pytestmark = pytest.mark.slow


def object_counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            Revision,
            SessionPage,
            SessionSpeaker,
            Speaker,
            Organisation,
            Room,
            Track,
            ScheduleChange,
            get_image_model(),
        )
    }


def test_demo_data_builds_the_conference_the_design_describes(demo):
    edition = ConferencePage.objects.get()
    assert (edition.start_date.day, edition.start_date.month) == (11, 10)
    assert (edition.end_date.day, edition.end_date.month) == (12, 10)
    assert edition.time_zone == "Europe/London"
    assert edition.venue.name.startswith("Evolution")
    assert Room.objects.filter(venue=edition.venue).count() >= 4
    tracks = Track.objects.filter(edition=edition)
    assert tracks.count() >= 3
    assert tracks.filter(slug="wildlife-cybercrime", is_featured=True).exists()
    sessions = SessionPage.objects.live().descendant_of(edition)
    assert sessions.count() >= 30
    kinds = Counter(sessions.values_list("kind", flat=True))
    assert set(kinds) == {"keynote", "plenary", "panel", "talk", "workshop", "break", "networking"}
    speakers = Speaker.objects.live()
    assert speakers.count() >= 20
    assert speakers.filter(name="Tania McCrea-Steele", organisation__name="IFAW").exists()
    assert not speakers.filter(photo__isnull=True).exists()
    assert not speakers.filter(photo__description="").exists()
    sectors = Organisation.objects.values("sector").annotate(n=Count("pk"))
    assert Organisation.objects.count() >= 12 and len(sectors) >= 6
    assert edition.partners.count() > 0


def test_demo_data_keeps_the_scheduling_rules(demo):
    from sessions.scheduling import schedule_errors

    edition = ConferencePage.objects.get()
    for session in SessionPage.objects.descendant_of(edition):
        errors = schedule_errors(
            edition=edition,
            session_id=session.pk,
            start=session.start,
            end=session.end,
            status=session.status,
            room=session.room,
            track=session.track,
            speakers=[link.speaker for link in session.session_speakers.all()],
        )
        assert errors == {}, (session.title, errors)


def test_loading_the_demo_data_twice_changes_nothing(demo):
    before = object_counts()
    call_command("load_demo_data", stdout=StringIO())
    assert object_counts() == before


def test_demo_changes_page_shows_a_programme_that_has_changed_since_it_was_published(client, demo):
    agenda = Page.objects.get(slug="agenda").specific
    page = soup(client.get(agenda.changes_url()))
    changes = {
        (change.kind, change.session_title)
        for change in ScheduleChange.objects.filter(edition=agenda.get_parent())
    }
    assert changes == {
        ("moved", "Networking reception"),
        ("cancelled", "Tracing rhino horn from source to buyer"),
    }
    listed = page.select_one("main").get_text(" ", strip=True)
    assert "Networking reception" in listed
    assert "Tracing rhino horn from source to buyer" in listed


def test_demo_data_reset_rebuilds_it(demo):
    before = object_counts()
    call_command("load_demo_data", "--reset", stdout=StringIO())
    after = object_counts()
    assert after["SessionPage"] == before["SessionPage"]
    assert after["Speaker"] == before["Speaker"]
    assert after["Image"] == before["Image"]


def test_demo_panels_list_their_moderator_first(demo):
    panels = SessionPage.objects.filter(kind="panel")
    assert panels.exists()
    for panel in panels:
        roles = [link.role for link in panel.session_speakers.order_by("sort_order")]
        assert roles[0] == "moderator", (panel.title, roles)


def test_demo_data_sets_the_site_address_that_feeds_use(demo):
    from wagtail.models import Site

    call_command("load_demo_data", "--site-address", "127.0.0.1:8123", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (
        "127.0.0.1",
        8123,
        "http://127.0.0.1:8123",
    )


def test_demo_agenda_feed_is_read_alike_by_every_parser(client, demo):
    from django.urls import reverse

    from tests.calendars import events_by_every_parser

    edition = ConferencePage.objects.get()
    response = client.get(reverse("calendar-agenda", args=[edition.pk]))
    events = events_by_every_parser(response.content)
    assert len(events) == SessionPage.objects.live().descendant_of(edition).count()
    assert sum(event["status"] == "CANCELLED" for event in events.values()) == 1


def test_the_demo_agenda_is_opened_to_the_programme_team(demo):
    agenda = AgendaPage.objects.get()
    assert WorkflowPage.objects.get(page=agenda).workflow.name == PROGRAMME_REVIEW
    assert page_permissions(PROGRAMME_EDITORS) == [
        (agenda.title, "add_page"),
        (agenda.title, "change_page"),
    ]
    assert (agenda.title, "publish_page") in page_permissions(MODERATORS)
