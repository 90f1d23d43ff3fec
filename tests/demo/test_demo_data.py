"""The demo conference: built once, idempotent and complete (tests/demo/conftest.py builds it
once for this module; test_demo_site.py checks the pages it makes)."""

import re
from collections import Counter
from io import StringIO
from urllib.parse import urlsplit

import pytest

from django.core.management import call_command
from django.db.models import Count

from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site, WorkflowPage

from conference.models import ConferencePage, HomePage, Organisation, Room, Sector
from demo import content as demo_texts
from network.directory import PER_PAGE, listed, with_profiles
from network.models import (
    DelegateProfile,
    DirectoryPage,
    Meeting,
    MeetingPoint,
    MeetingSeat,
    MeetingStatus,
    MeetingTime,
    SpokenLanguage,
)
from network.suggestions import PRIVATE_SIDE, PUBLIC_SIDE, people_to_meet
from registrations.forms import CONSENT_WORDING, wording_version
from registrations.models import Consent, OutgoingEmail, Registration
from registrations.services import queue_email
from sessions.models import AgendaPage, ScheduleChange, SessionPage, SessionSpeaker, Track
from sessions.queries import edition_topics, edition_tracks
from sessions.roles import MODERATORS, PROGRAMME_EDITORS, PROGRAMME_REVIEW
from speakers.models import Speaker
from tests.pages import soup
from tests.roles import page_permissions

pytestmark = pytest.mark.slow

# The line of the command's report that tells how to sign in as a demo delegate.
SIGN_IN = re.compile(
    r"^Opening (?P<manage_url>\S+) signs you in as the demo delegate (?P<name>[^(]+) \(.+\); "
    r"the delegate directory is at (?P<directory_url>\S+)$",
    re.MULTILINE,
)


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
            Registration,
            Consent,
            DelegateProfile,
            SpokenLanguage,
            MeetingTime,
            MeetingPoint,
            Meeting,
        )
    }


def load_demo_data(*args):
    """Run the command again; what it printed."""
    output = StringIO()
    call_command("load_demo_data", *args, stdout=output)
    return output.getvalue()


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
    # Pinned, so that an edition published later (a trial import) leaves the home page alone.
    assert HomePage.objects.get().featured_edition == edition


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


def test_demo_data_reset_rebuilds_it_and_sends_no_meeting_e_mail(
    demo, mailoutbox, django_capture_on_commit_callbacks
):
    before = object_counts()
    with django_capture_on_commit_callbacks() as callbacks:
        call_command("load_demo_data", "--reset", stdout=StringIO())
    after = object_counts()
    assert after["SessionPage"] == before["SessionPage"]
    assert after["Speaker"] == before["Speaker"]
    assert after["Image"] == before["Image"]
    assert after["Registration"] == before["Registration"]
    assert after["DelegateProfile"] == before["DelegateProfile"]
    assert DirectoryPage.objects.live().count() == 1
    # The meetings' services ask for their e-mails to be sent once the build commits; by
    # then the demo has deleted them, so sending finds nothing to send.
    assert Meeting.objects.count() == len(demo_texts.DEMO_MEETINGS)
    assert not OutgoingEmail.objects.filter(kind__startswith="meeting_").exists()
    # Only the e-mails' callbacks: the others delete the replaced images' files.
    sends = [
        callback
        for callback in callbacks
        if callback.__qualname__.startswith(queue_email.__qualname__ + ".")
    ]
    assert len(sends) >= len(demo_texts.DEMO_MEETINGS)
    for send in sends:
        send()
    assert mailoutbox == []


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


def test_the_demo_edition_has_a_live_delegate_directory(demo):
    edition = ConferencePage.objects.get()
    directory = DirectoryPage.objects.child_of(edition).live().get()
    assert (directory.slug, directory.title) == ("delegates", "Delegate directory")
    assert 0 < len(directory.introduction) <= 500


def test_the_demo_edition_has_meeting_times_and_points(demo):
    edition = ConferencePage.objects.get()
    times = list(edition.meeting_times.all())
    assert {meeting_time.day for meeting_time in times} == set(edition.days)
    for meeting_time in times:
        meeting_time.full_clean()  # within the edition, in its zone, no overlap
    points = list(edition.meeting_points.all())
    assert len(points) >= 5
    assert sum(point.capacity for point in points) > len(points)  # a room holds several


def test_loading_the_demo_data_again_adds_missing_meeting_times_and_points(demo):
    Meeting.objects.all().delete()  # they hold on to their times and points
    MeetingTime.objects.all().delete()
    MeetingPoint.objects.all().delete()
    output = load_demo_data()
    assert "meeting times" in output and "meeting points" in output
    assert MeetingTime.objects.count() == len(demo_texts.MEETING_TIMES)
    assert MeetingPoint.objects.count() == len(demo_texts.MEETING_POINTS)


def test_the_demo_has_meetings_agreed_waiting_and_declined_without_e_mailing_anyone(demo):
    edition = ConferencePage.objects.get()
    directory = DirectoryPage.objects.get()
    assert directory.meetings_enabled and directory.meetings_state() == "open"
    meetings = Meeting.objects.filter(edition=edition)
    statuses = Counter(meetings.values_list("status", flat=True))
    assert statuses[MeetingStatus.ACCEPTED] >= 3
    assert statuses[MeetingStatus.REQUESTED] >= 2
    assert statuses[MeetingStatus.DECLINED] >= 1
    assert set(statuses) == {
        MeetingStatus.ACCEPTED,
        MeetingStatus.REQUESTED,
        MeetingStatus.DECLINED,
    }
    listed_delegates = set(listed(edition).values_list("pk", flat=True))
    for meeting in meetings:
        assert {meeting.requester_id, meeting.invitee_id} <= listed_delegates, meeting
        assert meeting.message, meeting
        offered = set(meeting.offered_times.all())
        assert 1 <= len(offered) <= 3, meeting
        if meeting.status == MeetingStatus.ACCEPTED:
            assert meeting.time in offered and meeting.point is not None, meeting
            seats = set(meeting.seats.values_list("registration", "time"))
            assert seats == {
                (meeting.requester_id, meeting.time_id),
                (meeting.invitee_id, meeting.time_id),
            }
        else:
            assert meeting.time is None and not meeting.seats.exists(), meeting
        if meeting.status == MeetingStatus.DECLINED:
            assert meeting.decline_note, meeting
    # Agreed across the public–private divide: platforms with law enforcement.
    sectors = {
        frozenset((meeting.requester.sector, meeting.invitee.sector))
        for meeting in meetings.filter(status=MeetingStatus.ACCEPTED)
    }
    assert frozenset(("online_platform", "law_enforcement")) in sectors
    # No delegate in two meetings at one time, nor a meeting point over its capacity.
    seats = list(MeetingSeat.objects.values_list("registration", "time"))
    assert len(seats) == len(set(seats)) == 2 * statuses[MeetingStatus.ACCEPTED]
    used = Counter(meetings.filter(status=MeetingStatus.ACCEPTED).values_list("point", "time"))
    for (point, _), count in used.items():
        assert count <= MeetingPoint.objects.get(pk=point).capacity
    # The signed-in demo delegate has a request to answer and a meeting agreed.
    sign_in = listed(edition).filter(sector=demo_texts.DEMO_SIGN_IN_SECTOR).order_by("pk").first()
    assert meetings.filter(invitee=sign_in, status=MeetingStatus.REQUESTED).exists()
    assert meetings.filter(requester=sign_in, status=MeetingStatus.ACCEPTED).exists()
    # The services queued e-mails; the demo deleted them before they could be sent.
    assert not OutgoingEmail.objects.filter(kind__startswith="meeting_").exists()


def test_demo_delegates_are_listed_with_a_profile_in_every_sector(demo):
    edition = ConferencePage.objects.get()
    delegates = Registration.objects.filter(edition=edition)
    entries = list(with_profiles(listed(edition)))
    assert {entry.sector for entry in entries} == set(Sector.values)
    assert 0.7 <= len(entries) / delegates.count() <= 0.9
    assert not delegates.filter(organisation__startswith="Demo ").exists()
    assert delegates.values("name").distinct().count() == delegates.count()
    tracks, topics = set(edition_tracks(edition)), set(edition_topics(edition))
    for entry in entries:
        profile = entry.directory_profile
        assert profile.introduction and profile.can_help_with and profile.looking_for, entry
        assert profile.tracks.all() and set(profile.tracks.all()) <= tracks, entry
        assert profile.topics.all() and set(profile.topics.all()) <= topics, entry
        assert profile.languages.all(), entry
    # Listed as registration lists them: with the consent to it, on its wording.
    consents = Consent.objects.filter(registration__edition=edition, kind="directory")
    assert sorted(consents.values_list("registration", flat=True)) == sorted(
        entry.pk for entry in entries
    )
    assert set(consents.values_list("given", "wording", "wording_version")) == {
        (True, CONSENT_WORDING["directory"], wording_version("directory"))
    }
    assert not DelegateProfile.objects.filter(registration__directory_listing=False).exists()


def test_every_listed_demo_delegate_has_people_to_meet_across_the_divide(demo):
    """Five suggestions each; for a delegate of the public or the private sector, some from
    the other side of that divide."""
    edition = ConferencePage.objects.get()
    other_side = dict.fromkeys(PUBLIC_SIDE, PRIVATE_SIDE) | dict.fromkeys(
        PRIVATE_SIDE, PUBLIC_SIDE
    )
    for entry in listed(edition).select_related("edition"):
        suggestions = people_to_meet(entry)
        assert len(suggestions) == 5, entry
        if entry.sector in other_side:
            sectors = {suggestion.registration.sector for suggestion in suggestions}
            assert sectors & other_side[entry.sector], entry


def test_the_demo_report_signs_in_a_listed_delegate_who_sees_the_directory(
    client, demo, demo_content
):
    line = SIGN_IN.search(demo_content)
    assert line, demo_content
    manage_url, directory_url = urlsplit(line["manage_url"]), urlsplit(line["directory_url"])
    root_url = Site.objects.get(is_default_site=True).root_url
    assert f"{manage_url.scheme}://{manage_url.netloc}" == root_url
    assert f"{directory_url.scheme}://{directory_url.netloc}" == root_url
    directory = DirectoryPage.objects.get()
    assert directory_url.path == directory.url
    reference = manage_url.path.rstrip("/").split("/")[-2]
    delegate = listed(directory.edition).get(reference=reference)
    assert (delegate.name, delegate.sector) == (line["name"], "online_platform")

    # Before signing in, the directory says how to get in and lists nobody.
    closed = soup(client.get(directory_url.path))
    assert closed.h1.get_text(strip=True) == "Delegate directory"
    assert closed.select(".delegate-card") == []

    assert client.get(manage_url.path).status_code == 200
    response = client.get(directory_url.path)
    assert response.status_code == 200
    page = soup(response)
    assert line["name"] in page.select_one(".delegate-bar__who").get_text(" ", strip=True)
    count = listed(directory.edition).count()
    assert page.select_one("#results-title").get_text(strip=True) == f"{count} delegates"
    assert len(page.select(".delegate-card")) == min(count, PER_PAGE)
    assert len(page.select(".people-to-meet .suggestion")) == 5


def test_loading_the_demo_data_again_prints_the_same_sign_in_link(demo, demo_content):
    output = load_demo_data()
    assert "nothing changed" in output
    assert SIGN_IN.search(output).group(0) == SIGN_IN.search(demo_content).group(0)


def test_loading_the_demo_data_again_adds_a_missing_directory(demo):
    DirectoryPage.objects.get().delete()
    output = load_demo_data()
    assert "added what was missing: 1 pages" in output
    directory = DirectoryPage.objects.live().get()
    assert (directory.slug, directory.get_parent().specific) == ("delegates", directory.edition)
    assert SIGN_IN.search(output)["directory_url"] == directory.get_full_url()


def test_the_demo_report_says_so_when_no_demo_delegate_can_sign_in(demo):
    Registration.objects.update(directory_listing=False)
    output = load_demo_data()
    assert not SIGN_IN.search(output)
    assert "rebuild it with --reset" in output


def image_digest(image):
    import hashlib

    with image.file.open("rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def test_demo_speaker_photos_are_illustrations_each_of_its_own(demo):
    speakers = Speaker.objects.select_related("photo")
    assert speakers.count() == len(demo_texts.SPEAKERS)
    for speaker in speakers:
        if speaker.slug in demo_texts.REAL_SPEAKERS:
            expected = demo_texts.MONOGRAM["description"].format(name=speaker.name)
        else:
            expected = f"Illustrated portrait of {speaker.name}"
        assert speaker.photo.description == expected
        # Drawn at the size the pages show them (160 px, twice over for sharp screens).
        assert (speaker.photo.width, speaker.photo.height) == (400, 400)
        assert speaker.photo.file_size < 20_000
    digests = [image_digest(speaker.photo) for speaker in speakers]
    assert len(set(digests)) == len(digests)


def test_demo_draws_no_likeness_of_a_real_speaker(demo):
    tania = Speaker.objects.get(slug="tania-mccrea-steele")
    assert tania.slug in demo_texts.REAL_SPEAKERS
    assert tania.photo.description.startswith("Illustration: the initials of Tania")


def test_demo_portraits_are_the_same_for_the_same_name_and_differ_between_names():
    from demo.drawings import portrait_webp

    first = portrait_webp("Amara Okonkwo", "#6b2d5c")
    assert portrait_webp("Amara Okonkwo", "#6b2d5c") == first
    assert portrait_webp("Helen Marsh", "#6b2d5c") != first


def test_demo_partners_have_drawn_wordmarks_with_their_names_as_alt_text(demo):
    edition = ConferencePage.objects.get()
    partners = [partner.organisation for partner in edition.partners.all()]
    assert len(partners) == len(demo_texts.PARTNERS)
    for organisation in partners:
        logo = organisation.logo
        assert logo is not None, organisation.name
        assert logo.description == organisation.name
        assert (logo.width, logo.height) == (480, 200)
        assert logo.file_size < 12_000
    digests = [image_digest(organisation.logo) for organisation in partners]
    assert len(set(digests)) == len(digests)
    # Organisations that are not partners show their name only.
    others = Organisation.objects.exclude(pk__in=[o.pk for o in partners])
    assert not others.filter(logo__isnull=False).exists()


def test_demo_edition_page_shows_partner_logos_with_their_names(client, demo):
    edition = ConferencePage.objects.get()
    page = soup(client.get(edition.url))
    alts = {img["alt"] for img in page.select(".partner-list img")}
    assert alts == {name for name, _tier in demo_texts.PARTNERS}


def test_demo_venue_page_shows_the_venue_illustration(client, demo):
    from conference.models import ContentPage

    venue_page = ContentPage.objects.get(slug="venue-and-travel")
    figures = [block.value for block in venue_page.body if block.block_type == "figure"]
    image = figures[0]["image"]
    assert image.title == demo_texts.VENUE_IMAGE["title"]
    assert image.description.startswith("Illustration of the venue")
    assert (image.width, image.height) == (1200, 675)
    page = soup(client.get(venue_page.url))
    assert page.select_one(f'figure img[alt="{image.description}"]') is not None


def test_demo_images_stay_small(demo):
    images = get_image_model().objects.filter(collection__name=demo_texts.COLLECTION_NAME)
    # Portraits, wordmarks, the hero and the venue.
    assert images.count() == len(demo_texts.SPEAKERS) + len(demo_texts.PARTNERS) + 2
    assert sum(image.file_size for image in images) < 400_000
