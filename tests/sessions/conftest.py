"""The agenda programme shared by the agenda page tests."""

import pytest

from tests.factories import RoomFactory, SessionPageFactory, SpeakerFactory, TrackFactory, london


@pytest.fixture
def programme(edition, agenda, speakers_page):
    cyber = TrackFactory(edition=edition, name="Wildlife cybercrime", colour="#7a1f5c")
    ivory = TrackFactory(edition=edition, name="Closing ivory markets", colour="#8a5a00")
    hall = RoomFactory(name="Main Hall", venue=edition.venue)
    studio = RoomFactory(name="Studio", venue=edition.venue)
    speaker = SpeakerFactory(name="Tania McCrea-Steele", organisation__name="IFAW")
    keynote = SessionPageFactory(
        parent=agenda,
        title="Opening keynote",
        kind="keynote",
        track=cyber,
        room=hall,
        speakers=[speaker],
        start=london(2027, 10, 11, 9),
        end=london(2027, 10, 11, 9, 45),
    )
    keynote.topics.add("online marketplaces")
    keynote.save_revision().publish()
    SessionPageFactory(
        parent=agenda,
        title="Ivory surrender lessons",
        kind="panel",
        track=ivory,
        room=studio,
        start=london(2027, 10, 12, 11),
        end=london(2027, 10, 12, 12),
    )
    SessionPageFactory(
        parent=agenda,
        title="Drone patrols",
        kind="talk",
        status="cancelled",
        track=cyber,
        room=studio,
        start=london(2027, 10, 11, 14),
        end=london(2027, 10, 11, 15),
    )
    SessionPageFactory(
        parent=agenda,
        title="Unpublished draft session",
        publish=False,
        start=london(2027, 10, 11, 16),
        end=london(2027, 10, 11, 17),
    )
    return {"cyber": cyber, "ivory": ivory}
