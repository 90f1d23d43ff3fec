"""Deleting or copying what the programme relies on is refused, so nothing vanishes."""

from django.urls import reverse

from conference.models import ConferencePartner, Organisation
from sessions.models import SessionPage, Track
from speakers.models import Speaker
from tests.factories import (
    OrganisationFactory,
    SessionPageFactory,
    SpeakerFactory,
    TrackFactory,
    london,
)


def delete_url(model, obj):
    return reverse(f"wagtailsnippets_{model}:delete", args=[obj.pk])


def test_deleting_a_track_with_sessions_is_refused_with_their_names(admin_client, edition, agenda):
    track = TrackFactory(edition=edition, name="Wildlife cybercrime")
    SessionPageFactory(parent=agenda, title="Adverts online", track=track)
    response = admin_client.post(delete_url("agenda_track", track), follow=True)
    assert response.status_code == 200
    assert Track.objects.filter(pk=track.pk).exists()
    assert SessionPage.objects.get(title="Adverts online").track == track
    messages = [str(message) for message in response.context["messages"]]
    assert any("“Adverts online”" in message for message in messages), messages


def test_deleting_an_unused_track_works(admin_client, edition):
    track = TrackFactory(edition=edition)
    response = admin_client.post(delete_url("agenda_track", track))
    assert response.status_code == 302
    assert not Track.objects.filter(pk=track.pk).exists()


def test_deleting_a_speaker_with_sessions_is_refused(reference_index, admin_client, agenda):
    speaker = SpeakerFactory()
    SessionPageFactory(parent=agenda, speakers=[speaker], start=london(2027, 10, 11, 9))
    assert admin_client.get(delete_url("speakers_speaker", speaker)).status_code == 200
    response = admin_client.post(delete_url("speakers_speaker", speaker))
    assert response.status_code in (200, 302, 403)
    assert Speaker.objects.filter(pk=speaker.pk).exists()


def test_deleting_a_partner_organisation_is_refused(admin_client, edition):
    organisation = OrganisationFactory()
    edition.partners = [ConferencePartner(organisation=organisation, tier="partner")]
    edition.save_revision().publish()
    response = admin_client.post(delete_url("conference_organisation", organisation))
    assert response.status_code in (200, 302, 403)
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_deleting_an_edition_deletes_its_tracks_and_sessions(edition, agenda):
    track = TrackFactory(edition=edition)
    SessionPageFactory(parent=agenda, track=track, speakers=[SpeakerFactory()])
    edition.delete()
    assert not Track.objects.exists()
    assert not SessionPage.objects.exists()
    assert Speaker.objects.count() == 1


def test_copying_an_edition_with_tracks_is_refused_with_a_reason(admin_client, edition, agenda):
    TrackFactory(edition=edition)
    response = admin_client.get(reverse("wagtailadmin_pages:copy", args=[edition.pk]), follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert any("cannot be copied" in message for message in messages), messages
