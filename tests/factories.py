"""Factories for every model the tests build. Pages are added to the tree and published."""

from contextlib import nullcontext
from datetime import date, datetime

import factory

from django.utils.text import slugify

from wagtail.signal_handlers import disable_reference_index_auto_update

from conference.models import ConferencePage, ContentPage, HomePage, Organisation, Room, Venue
from conference.timezones import local_to_utc
from network.models import DirectoryPage
from registrations.models import Registration, RegistrationPage
from sessions.models import AgendaPage, SessionPage, SessionSpeaker, Track
from speakers.models import Speaker, SpeakersPage

INDEX_REFERENCES = False


def without_reference_index():
    """Test data is written without the admin's reference index, which is slow to build and
    which only the admin's usage and delete views read (the `reference_index` fixture turns it
    on for the tests of those). What a test then changes through the admin is indexed."""
    if INDEX_REFERENCES:
        return nullcontext()
    return disable_reference_index_auto_update()


class ModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with without_reference_index():
            return super()._create(model_class, *args, **kwargs)


class VenueFactory(ModelFactory):
    name = factory.Sequence(lambda n: f"Venue {n}")
    address = "Battersea Park\nLondon SW11 4NJ"
    latitude = "51.479100"
    longitude = "-0.156600"

    class Meta:
        model = Venue


class RoomFactory(ModelFactory):
    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    capacity = 100
    sort_order = factory.Sequence(int)

    class Meta:
        model = Room


class OrganisationFactory(ModelFactory):
    name = factory.Sequence(lambda n: f"Organisation {n}")
    sector = "ngo"

    class Meta:
        model = Organisation


class PageFactory(ModelFactory):
    """Adds the page under `parent` and, unless `publish=False`, publishes it."""

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        page = model_class(*args, **kwargs)
        with without_reference_index():
            (parent or HomePage.objects.get()).add_child(instance=page)
            revision = page.save_revision()
            if publish:
                revision.publish()
                page.refresh_from_db()
            else:
                page.unpublish()
        return page


class ConferencePageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"IWT Conference {2030 + n}")
    start_date = date(2027, 10, 11)
    end_date = date(2027, 10, 12)
    time_zone = "Europe/London"
    venue = factory.SubFactory(VenueFactory)

    class Meta:
        model = ConferencePage


class AgendaPageFactory(PageFactory):
    title = "Agenda"

    class Meta:
        model = AgendaPage


class SpeakersPageFactory(PageFactory):
    title = "Speakers"

    class Meta:
        model = SpeakersPage


class ContentPageFactory(PageFactory):
    class Meta:
        model = ContentPage


class TrackFactory(ModelFactory):
    name = factory.Sequence(lambda n: f"Track {n}")
    slug = factory.LazyAttribute(lambda track: slugify(track.name))
    colour = "#1f6f4a"

    class Meta:
        model = Track


class SpeakerFactory(ModelFactory):
    name = factory.Sequence(lambda n: f"Speaker Number{n}")
    slug = factory.LazyAttribute(lambda speaker: slugify(speaker.name))
    job_title = "Investigator"
    organisation = factory.SubFactory(OrganisationFactory)
    live = True

    class Meta:
        model = Speaker


def london(year, month, day, hour, minute=0):
    """An aware UTC datetime from a Europe/London wall-clock time."""
    return local_to_utc(datetime(year, month, day, hour, minute), "Europe/London")


class SessionPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Session {n}")
    kind = "talk"
    start = factory.LazyFunction(lambda: london(2027, 10, 11, 10))
    end = factory.LazyFunction(lambda: london(2027, 10, 11, 11))

    class Meta:
        model = SessionPage

    @classmethod
    def _create(cls, model_class, *args, speakers=(), **kwargs):
        kwargs["session_speakers"] = [
            SessionSpeaker(speaker=speaker, sort_order=index)
            for index, speaker in enumerate(speakers)
        ]
        return super()._create(model_class, *args, **kwargs)


class RegistrationPageFactory(PageFactory):
    title = "Register"
    slug = "register"
    capacity = 10
    privacy_notice = "<p>We use your details to run your registration.</p>"

    class Meta:
        model = RegistrationPage


class DirectoryPageFactory(PageFactory):
    title = "Delegate directory"
    slug = "delegates"

    class Meta:
        model = DirectoryPage


class RegistrationFactory(ModelFactory):
    """A registration in a given status, made directly (the services are tested apart)."""

    name = factory.Sequence(lambda n: f"Delegate {n}")
    email = factory.Sequence(lambda n: f"delegate{n}@example.org")
    email_key = factory.LazyAttribute(lambda registration: registration.email.casefold())
    organisation = "Wildlife Trust"
    job_title = "Analyst"
    sector = "ngo"
    country = "GB"

    class Meta:
        model = Registration
