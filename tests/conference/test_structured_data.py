"""schema.org data: the edition as an Event with its public sessions, a session, a speaker."""

import json
from datetime import UTC, datetime
from io import BytesIO
from unittest import mock

import pytest
from PIL import Image as PILImage

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from tests.factories import (
    OrganisationFactory,
    RegistrationFactory,
    RegistrationPageFactory,
    RoomFactory,
    SessionPageFactory,
    SpeakerFactory,
    london,
)
from tests.pages import soup
from tests.sessions.test_query_counts import add_programme, queries_for

NOW = datetime(2027, 6, 1, tzinfo=UTC)
HERO = "fill-1200x630|format-jpeg"
PORTRAIT = "fill-600x600|format-jpeg"
BASE = "http://localhost"


@pytest.fixture(autouse=True)
def summer_2027():
    """Today is 1 June 2027: the 2027 edition lies ahead and registration is open."""
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield


def make_image(title, size, description=""):
    buffer = BytesIO()
    PILImage.new("RGB", size, "#1f6f4a").save(buffer, format="PNG")
    image = get_image_model()(
        title=title, description=description, file=ImageFile(buffer, name="image.png")
    )
    image.save()
    return image


def json_ld(response):
    """Every JSON-LD block of a page, parsed."""
    assert response.status_code == 200
    scripts = soup(response).select('script[type="application/ld+json"]')
    return [json.loads(script.string) for script in scripts]


def person(speaker, speakers_page, **extra):
    data = {
        "@type": "Person",
        "name": speaker.name,
        "jobTitle": speaker.job_title,
        "worksFor": {"@type": "Organization", "name": speaker.organisation.name},
        "url": BASE + speakers_page.speaker_url(speaker),
    }
    if speaker.organisation.website:
        data["worksFor"]["url"] = speaker.organisation.website
    return {**data, **extra}


@pytest.fixture
def programme(edition, agenda, speakers_page):
    edition.strapline = "Where the public and private sectors meet against wildlife trafficking."
    edition.hero_image = make_image("Hero", (1600, 600), description="A pangolin at dusk")
    edition.save_revision().publish()
    edition.venue.name = "Evolution"
    edition.venue.website = "https://evolution.example/"
    edition.venue.save()
    hall = RoomFactory(venue=edition.venue, name="Main hall")
    tania = SpeakerFactory(
        name="Tania McCrea-Steele",
        job_title="International Project Manager, Wildlife Crime",
        organisation=OrganisationFactory(name="IFAW", website="https://www.ifaw.org/"),
        photo=make_image("Tania", (600, 600), description="Portrait of Tania"),
        short_bio="Leads IFAW's work against wildlife cybercrime.",
        links=[("link", {"label": "Website", "url": "https://tania.example/"})],
    )
    ada = SpeakerFactory(name="Ada Ranger")
    keynote = SessionPageFactory(
        parent=agenda,
        title="Keynote: markets move online",
        abstract="<p>Traffickers follow buyers <b>online</b>.</p>",
        kind="keynote",
        room=hall,
        speakers=[tania, ada],
        start=london(2027, 10, 11, 9),
        end=london(2027, 10, 11, 10),
    )
    cancelled = SessionPageFactory(
        parent=agenda,
        title="Cancelled panel",
        status="cancelled",
        speakers=[SpeakerFactory(name="Only Cancelled")],
        start=london(2027, 10, 12, 15),
        end=london(2027, 10, 12, 18),
    )
    closing = SessionPageFactory(
        parent=agenda,
        title="Closing",
        speakers=[ada],
        start=london(2027, 10, 12, 16),
        end=london(2027, 10, 12, 17),
    )
    SessionPageFactory(parent=agenda, title="Draft session", publish=False)
    return {"keynote": keynote, "cancelled": cancelled, "closing": closing, "tania": tania}


ADDRESS = {"@type": "PostalAddress", "streetAddress": "Battersea Park, London SW11 4NJ"}
EVOLUTION = {
    "@type": "Place",
    "name": "Evolution",
    "address": ADDRESS,
    "geo": {"@type": "GeoCoordinates", "latitude": 51.4791, "longitude": -0.1566},
    "url": "https://evolution.example/",
}
OFFLINE = "https://schema.org/OfflineEventAttendanceMode"


def sub_event(session, start, end, location, performers, status="EventScheduled"):
    return {
        "@type": "Event",
        "name": session.title,
        "startDate": start,
        "endDate": end,
        "url": BASE + session.url,
        "eventStatus": f"https://schema.org/{status}",
        "eventAttendanceMode": OFFLINE,
        "location": location,
        "performer": performers,
    }


@pytest.mark.slow
def test_edition_page_describes_the_conference_as_an_event(
    client, edition, speakers_page, programme
):
    registration = RegistrationPageFactory(parent=edition, capacity=10)
    keynote, cancelled, closing = (programme[k] for k in ("keynote", "cancelled", "closing"))
    tania, ada = (person(link.speaker, speakers_page) for link in keynote.session_speakers.all())
    only_cancelled = person(cancelled.session_speakers.get().speaker, speakers_page)
    hall = {"@type": "Place", "name": "Main hall", "address": ADDRESS}
    [data] = json_ld(client.get(edition.url))
    assert data == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "IWT Conference 2027",
        "description": "Where the public and private sectors meet against wildlife trafficking.",
        "url": BASE + "/iwt-2027/",
        "startDate": "2027-10-11T09:00:00+01:00",
        "endDate": "2027-10-12T17:00:00+01:00",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": OFFLINE,
        "organizer": {"@type": "Organization", "name": "IWT Conference", "url": BASE + "/"},
        "location": EVOLUTION,
        "image": [BASE + edition.hero_image.get_rendition(HERO).url],
        "offers": {
            "@type": "Offer",
            "url": BASE + registration.url,
            "price": 0,
            "availability": "https://schema.org/InStock",
        },
        # Speakers of cancelled sessions only are not performers of the conference.
        "performer": [tania, ada],
        "subEvent": [
            sub_event(
                keynote,
                "2027-10-11T09:00:00+01:00",
                "2027-10-11T10:00:00+01:00",
                hall,
                [tania, ada],
            ),
            sub_event(
                cancelled,
                "2027-10-12T15:00:00+01:00",
                "2027-10-12T18:00:00+01:00",
                EVOLUTION,
                [only_cancelled],
                status="EventCancelled",
            ),
            sub_event(
                closing,
                "2027-10-12T16:00:00+01:00",
                "2027-10-12T17:00:00+01:00",
                EVOLUTION,
                [ada],
            ),
        ],
    }


@pytest.mark.slow
def test_home_page_describes_its_current_edition(client, edition, programme):
    [data] = json_ld(client.get("/"))
    assert (data["@type"], data["name"], data["url"]) == (
        "Event",
        "IWT Conference 2027",
        BASE + "/iwt-2027/",
    )
    assert [event["name"] for event in data["subEvent"]] == [
        "Keynote: markets move online",
        "Cancelled panel",
        "Closing",
    ]


def test_edition_without_sessions_spans_its_days_in_its_time_zone(client, edition):
    [data] = json_ld(client.get(edition.url))
    assert (data["startDate"], data["endDate"]) == (
        "2027-10-11T00:00:00+01:00",
        "2027-10-13T00:00:00+01:00",
    )
    assert "subEvent" not in data and "performer" not in data and "offers" not in data


@pytest.mark.parametrize(
    ("page_settings", "confirmed", "waitlisted", "availability"),
    [
        ({}, 3, 0, "InStock"),
        ({}, 10, 2, "LimitedAvailability"),
        ({"waitlist_enabled": False}, 10, 0, "SoldOut"),
        ({"opens_at": datetime(2027, 7, 1, 8, tzinfo=UTC)}, 0, 0, "PreOrder"),
        ({"closes_at": datetime(2027, 5, 1, tzinfo=UTC)}, 3, 0, "SoldOut"),
    ],
)
def test_registration_page_offer_follows_the_registration_window_and_seats(
    rf, edition, page_settings, confirmed, waitlisted, availability
):
    page = RegistrationPageFactory(parent=edition, capacity=10, **page_settings)
    for _ in range(confirmed):
        RegistrationFactory(edition=edition, status="confirmed")
    for _ in range(waitlisted):
        RegistrationFactory(edition=edition, status="waitlisted")
    offer = page.structured_data_offer(rf.get("/"))
    expected = {
        "@type": "Offer",
        "url": BASE + "/iwt-2027/register/",
        "price": 0,
        "availability": f"https://schema.org/{availability}",
    }
    if "opens_at" in page_settings:
        expected["validFrom"] = "2027-07-01T09:00:00+01:00"
    assert offer == expected


def test_unpublished_registration_page_makes_no_offer(client, edition):
    RegistrationPageFactory(parent=edition, publish=False)
    [data] = json_ld(client.get(edition.url))
    assert "offers" not in data


@pytest.mark.slow
def test_session_page_is_an_event_within_the_conference(client, edition, speakers_page, programme):
    keynote, tania = programme["keynote"], programme["tania"]
    ada = keynote.session_speakers.all()[1].speaker
    [data] = json_ld(client.get(keynote.url))
    assert data == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Keynote: markets move online",
        "startDate": "2027-10-11T09:00:00+01:00",
        "endDate": "2027-10-11T10:00:00+01:00",
        "url": BASE + keynote.url,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": "Main hall",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "Battersea Park, London SW11 4NJ",
            },
        },
        "performer": [
            person(tania, speakers_page, image=BASE + tania.photo.get_rendition(PORTRAIT).url),
            person(ada, speakers_page),
        ],
        "description": "Traffickers follow buyers online.",
        "image": [BASE + edition.hero_image.get_rendition(HERO).url],
        "superEvent": {
            "@type": "Event",
            "name": "IWT Conference 2027",
            "url": BASE + "/iwt-2027/",
        },
    }


@pytest.mark.slow
def test_cancelled_session_page_says_so(client, programme):
    [data] = json_ld(client.get(programme["cancelled"].url))
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


@pytest.mark.slow
def test_speaker_page_is_a_person(client, speakers_page, programme):
    tania = programme["tania"]
    [data] = json_ld(client.get(speakers_page.speaker_url(tania)))
    assert data == {
        "@context": "https://schema.org",
        **person(tania, speakers_page, image=BASE + tania.photo.get_rendition(PORTRAIT).url),
        "description": "Leads IFAW's work against wildlife cybercrime.",
        "sameAs": ["https://tania.example/"],
    }


@pytest.mark.slow
def test_other_pages_carry_no_structured_data(client, agenda, speakers_page, programme):
    assert json_ld(client.get(agenda.url)) == []
    assert json_ld(client.get(speakers_page.url)) == []


def test_structured_data_cannot_close_its_script_element(client, edition, agenda):
    title = "</script><script>alert(1)</script> & <!-- more"
    SessionPageFactory(parent=agenda, title=title, slug="tricky")
    response = client.get(edition.url)
    [script] = soup(response).select('script[type="application/ld+json"]')
    assert "<" not in script.string and ">" not in script.string
    assert json.loads(script.string)["subEvent"][0]["name"] == title
    assert [script for script in soup(response).select("script") if "alert" in script.text] == [
        script
    ]


@pytest.mark.slow
def test_structured_data_queries_do_not_grow_with_the_programme(
    client, edition, agenda, speakers_page
):
    RegistrationPageFactory(parent=edition)
    add_programme(agenda, edition, 10)
    session_url = agenda.get_children().first().url
    small = [queries_for(client, url) for url in ("/", edition.url, session_url)]
    add_programme(agenda, edition, 60)
    assert [queries_for(client, url) for url in ("/", edition.url, session_url)] == small
