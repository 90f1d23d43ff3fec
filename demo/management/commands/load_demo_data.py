"""Build the IWT Conference demo: one edition with its venue, tracks, speakers, agenda and
delegate directory.

    manage.py load_demo_data                      # build it, or say it is already there
    manage.py load_demo_data --reset              # delete the demo content and rebuild it
    manage.py load_demo_data --admin-password pw  # also create or update the "admin" user

The texts and facts live in demo/content.py. Objects are created the way the
admin creates them (pages added then published through a revision, speakers published
through a revision), every session is checked against the scheduling rules first and
every directory profile against the form delegates fill in. Running the command again
changes nothing but what is missing; it always ends with a manage link that signs you in
as a demo delegate.
"""

from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from io import BytesIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Collection, Site

from conference.models import (
    ConferencePage,
    ConferencePartner,
    ContentPage,
    HomePage,
    NavigationSettings,
    Organisation,
    Room,
    Venue,
)
from conference.timezones import local_to_utc, utc_to_local
from demo import content as demo
from demo import drawings
from demo.quiet_logs import quiet_logs
from network.directory import listed
from network.forms import ProfileForm
from network.meetings import MeetingError, accept, decline, request_meeting
from network.models import (
    DelegateProfile,
    DirectoryPage,
    MeetingPoint,
    MeetingTime,
    SpokenLanguage,
)
from registrations.forms import CONSENT_WORDING, wording_version
from registrations.links import manage_url
from registrations.models import (
    Consent,
    ConsentKind,
    OutgoingEmail,
    Registration,
    RegistrationPage,
    RegistrationStatus,
)
from sessions.models import (
    AgendaPage,
    SessionAccess,
    SessionKind,
    SessionPage,
    SessionSpeaker,
    SessionSpeakerRole,
    SessionStatus,
    Track,
)
from sessions.queries import edition_topics
from sessions.roles import open_agenda_to_programme_team
from sessions.scheduling import schedule_errors
from speakers.models import Speaker, SpeakersPage


def edition_dates(today: date) -> tuple[date, date]:
    """The next 11-12 October that has not ended yet."""
    year = today.year
    if today > date(year, demo.EDITION_MONTH, demo.EDITION_LAST_DAY):
        year += 1
    return (
        date(year, demo.EDITION_MONTH, demo.EDITION_FIRST_DAY),
        date(year, demo.EDITION_MONTH, demo.EDITION_LAST_DAY),
    )


class Command(BaseCommand):
    help = "Load the IWT Conference demo content (idempotent); --reset rebuilds it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo content (edition, tracks, speakers, organisations, venue, "
            "rooms, generated images) and build it again.",
        )
        parser.add_argument(
            "--site-address",
            metavar="HOST:PORT",
            help="Also set the site's host name and port, which calendar feeds and their "
            "links use, e.g. 127.0.0.1:8000.",
        )
        parser.add_argument(
            "--admin-password",
            metavar="PASSWORD",
            help='Also create or update the superuser "admin" with this password.',
        )

    def handle(self, *args, reset=False, admin_password=None, site_address=None, **options):
        builder = DemoBuilder(self.stdout, self.style)
        try:
            with quiet_logs(options["verbosity"] < 2), transaction.atomic():
                if reset:
                    builder.delete_demo()
                builder.build()
                if site_address:
                    builder.set_site_address(site_address)
                if admin_password:
                    builder.ensure_admin(admin_password)
        except Exception:
            builder.discard_new_files()
            raise
        builder.report(admin_password)


class DemoBuilder:
    def __init__(self, stdout, style):
        self.stdout = stdout
        self.style = style
        self.created = Counter()
        self.deleted = Counter()
        self.new_files = []
        self.edition = None
        self.edition_existed = False
        self.admin_status = None
        self.home = self._home_page()
        today = utc_to_local(timezone.now(), demo.TIME_ZONE).date()
        self.start_date, self.end_date = edition_dates(today)
        self.year = self.start_date.year

    # Entry points

    def build(self):
        self.collection = self._collection()
        self.organisations = self._organisations()
        self.venue, self.rooms = self._venue_and_rooms()
        self.speakers = self._speakers()

        slug = demo.EDITION_SLUG.format(year=self.year)
        self.edition = ConferencePage.objects.child_of(self.home).filter(slug=slug).first()
        if self.edition is not None:
            self.edition_existed = True
            # A demo built before the edition had a directory and meetings gets them.
            self._directory(self.edition)
            self._meetings(self.edition)
            return
        self._edition()

    def report(self, admin_password):
        edition = self.edition
        if self.deleted:
            self.stdout.write("Deleted the previous demo content: " + _counts(self.deleted))
        if not self.created and not self.deleted:
            self.stdout.write(
                f"The demo content is already there ({edition.title} at {edition.url}); "
                "nothing changed. Use --reset to rebuild it."
            )
        elif self.edition_existed:
            self.stdout.write(
                f"The demo edition is already there ({edition.title} at {edition.url}); "
                "added what was missing: " + _counts(self.created)
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Built the demo content: {edition.title} at {edition.url}")
            )
            self.stdout.write("Created: " + _counts(self.created))
        self._report_sign_in()
        if admin_password:
            base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
            self.stdout.write(f"Admin user {self.admin_status}.")
            self.stdout.write(
                f"Admin login: admin / {admin_password} at {base_url.rstrip('/')}/admin/"
            )

    def _report_sign_in(self):
        """The manage link of a listed demo delegate: opening it signs the browser in."""
        edition = self.edition
        directory = DirectoryPage.objects.child_of(edition).live().first()
        registration_page = RegistrationPage.objects.child_of(edition).live().first()
        delegate = (
            listed(edition)
            .filter(sector=demo.DEMO_SIGN_IN_SECTOR, email__regex=demo.DEMO_DELEGATE_EMAIL_PATTERN)
            .order_by("pk")
            .first()
        )
        if directory is None or registration_page is None or delegate is None:
            self.stdout.write(
                "This demo has no listed delegate to sign in as, or no live directory or "
                "registration page: rebuild it with --reset to try the delegate directory."
            )
            return
        self.stdout.write(
            f"Opening {manage_url(registration_page, delegate)} signs you in as the demo "
            f"delegate {delegate.name} ({delegate.job_title}, {delegate.organisation}); the "
            f"delegate directory is at {directory.get_full_url()}"
        )

    def set_site_address(self, address):
        host, _, port = address.rpartition(":")
        if not host or not port.isdigit():
            raise CommandError("Give the site address as HOST:PORT, e.g. 127.0.0.1:8000.")
        site = self._site()
        if (site.hostname, site.port) != (host, int(port)):
            site.hostname, site.port = host, int(port)
            site.save()

    def ensure_admin(self, password):
        User = get_user_model()
        user = User.objects.filter(username="admin").first()
        if user is None:
            User.objects.create_superuser("admin", "admin@example.com", password)
            self.admin_status = "created"
            return
        changed = False
        for field, value in {
            "email": "admin@example.com",
            "is_staff": True,
            "is_superuser": True,
            "is_active": True,
        }.items():
            if getattr(user, field) != value:
                setattr(user, field, value)
                changed = True
        if not user.check_password(password):
            user.set_password(password)
            changed = True
        if changed:
            user.save()
            self.admin_status = "updated"
        else:
            self.admin_status = "unchanged"

    def delete_demo(self):
        """Delete what the demo created, leaving anything an organiser added elsewhere."""
        editions = ConferencePage.objects.child_of(self.home).filter(
            slug__regex=demo.EDITION_SLUG_PATTERN
        )
        for edition in editions:
            # Registrations protect their edition from deletion.
            self.deleted["registrations"] += (
                edition.registrations.all().delete()[1].get(Registration._meta.label, 0)
            )
            # Sessions first: they protect their tracks and rooms from deletion.
            for session in SessionPage.objects.descendant_of(edition):
                session.delete()
                self.deleted["sessions"] += 1
            self.deleted["tracks"] += (
                Track.objects.filter(edition=edition).delete()[1].get(Track._meta.label, 0)
            )
            self.deleted["edition pages"] += edition.get_descendants(inclusive=True).count()
            edition.delete()

        speakers = Speaker.objects.filter(slug__in=[s["slug"] for s in demo.SPEAKERS])
        self.deleted["speakers"] += speakers.count()
        speakers.delete()

        venue = Venue.objects.filter(name=demo.VENUE["name"]).first()
        if venue is not None:
            try:
                self.deleted["rooms"] += venue.rooms.count()
                venue.rooms.all().delete()
                venue.delete()
                self.deleted["venues"] += 1
            except ProtectedError as error:
                raise CommandError(
                    f"The demo venue {venue.name} or its rooms are used by content outside the "
                    f"demo ({', '.join(str(o) for o in error.protected_objects)}); "
                    "move that content to another venue first."
                ) from error

        organisations = Organisation.objects.filter(
            name__in=[o["name"] for o in demo.ORGANISATIONS]
        )
        self.deleted["organisations"] += organisations.count()
        organisations.delete()

        collection = self._collection(create=False)
        if collection is not None:
            images = get_image_model().objects.filter(
                collection=collection, title__in=self._image_titles()
            )
            self.deleted["images"] += images.count()
            for image in images:
                image.delete()

        # The menu pointed at the deleted pages; the rebuild writes it again.
        site = self._site()
        nav = NavigationSettings.objects.filter(site=site).first()
        if nav is not None:
            nav.header_links = []
            nav.footer_links = []
            nav.save()

    def discard_new_files(self):
        """After a rollback, remove the image files written during the failed build."""
        for file in self.new_files:
            file.storage.delete(file.name)

    # Snippets and images

    def _home_page(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        root = site.root_page.specific if site else None
        if not isinstance(root, HomePage):
            root = HomePage.objects.filter(depth=2).first()
        if root is None:
            raise CommandError("No conference home page: run `manage.py migrate` first.")
        return root

    def _site(self):
        return (
            Site.objects.filter(root_page=self.home).first()
            or Site.objects.filter(is_default_site=True).first()
        )

    def _collection(self, create=True):
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=demo.COLLECTION_NAME).first()
        if collection is None and create:
            collection = root.add_child(instance=Collection(name=demo.COLLECTION_NAME))
            self.created["collections"] += 1
        return collection

    def _image_titles(self):
        return [
            demo.HERO_IMAGE["title"],
            demo.VENUE_IMAGE["title"],
            *(demo.PORTRAIT["title"].format(name=s["name"]) for s in demo.SPEAKERS),
            *(demo.PARTNER_LOGO["title"].format(name=name) for name, _tier in demo.PARTNERS),
        ]

    def _image(self, *, title, description, filename, draw):
        """The demo image with this title, generated with Pillow if it is missing."""
        Image = get_image_model()
        image = Image.objects.filter(collection=self.collection, title=title).first()
        if image is not None:
            return image
        image = Image(
            title=title,
            description=description,
            collection=self.collection,
            file=ImageFile(BytesIO(draw()), name=filename),
        )
        image._set_image_file_metadata()
        image.save()
        self.new_files.append(image.file)
        self.created["images"] += 1
        return image

    def _save_snippet(self, obj, counter):
        """Validate and save a new snippet, with a first revision as the admin would."""
        obj.full_clean()
        obj.save()
        obj.save_revision()
        self.created[counter] += 1
        return obj

    def _organisations(self):
        organisations = {}
        for spec in demo.ORGANISATIONS:
            organisation = Organisation.objects.filter(name=spec["name"]).first()
            if organisation is None:
                organisation = self._save_snippet(
                    Organisation(**spec, logo=self._partner_logo(spec["name"])), "organisations"
                )
            organisations[spec["name"]] = organisation
        return organisations

    def _partner_logo(self, name):
        """A drawn wordmark for a demo partner; other organisations show their name."""
        if name not in dict(demo.PARTNERS):
            return None
        spec = demo.PARTNER_LOGO
        return self._image(
            title=spec["title"].format(name=name),
            description=spec["description"].format(name=name),
            filename=spec["filename"].format(slug=slugify(name)),
            draw=lambda: drawings.wordmark_png(name, demo.WORDMARKS.get(name)),
        )

    def _portrait(self, spec):
        """An illustrated portrait, or for a real person a monogram rather than a likeness."""
        real = spec["slug"] in demo.REAL_SPEAKERS
        texts = demo.MONOGRAM if real else demo.PORTRAIT
        draw = drawings.monogram_webp if real else drawings.portrait_webp
        return self._image(
            title=texts["title"].format(name=spec["name"]),
            description=texts["description"].format(name=spec["name"]),
            filename=texts["filename"].format(slug=spec["slug"]),
            draw=lambda: draw(spec["name"], spec["colour"]),
        )

    def _venue_and_rooms(self):
        spec = dict(demo.VENUE)
        venue = Venue.objects.filter(name=spec["name"]).first()
        if venue is None:
            spec["latitude"] = Decimal(spec["latitude"])
            spec["longitude"] = Decimal(spec["longitude"])
            venue = self._save_snippet(Venue(**spec), "venues")
        rooms = {}
        for room_spec in demo.ROOMS:
            room = Room.objects.filter(venue=venue, name=room_spec["name"]).first()
            if room is None:
                room = self._save_snippet(Room(venue=venue, **room_spec), "rooms")
            rooms[room_spec["name"]] = room
        return venue, rooms

    def _speakers(self):
        speakers = {}
        for spec in demo.SPEAKERS:
            speaker = Speaker.objects.filter(slug=spec["slug"]).first()
            if speaker is None:
                photo = self._portrait(spec)
                speaker = Speaker(
                    name=spec["name"],
                    slug=spec["slug"],
                    photo=photo,
                    job_title=spec["job_title"],
                    organisation=self.organisations[spec["organisation"]],
                    short_bio=spec["short_bio"],
                    bio=spec["bio"],
                    links=[("link", link) for link in spec["links"]],
                    live=False,
                )
                speaker.full_clean()
                speaker.save()
                # Published through a revision, as the admin's "Publish" button does.
                speaker.save_revision().publish()
                self.created["speakers"] += 1
            speakers[spec["slug"]] = speaker
        return speakers

    # Pages

    def _edition(self):
        hero = self._image(**demo.HERO_IMAGE, draw=drawings.hero_png)
        self.images = {
            "venue": self._image(**demo.VENUE_IMAGE, draw=drawings.venue_webp),
        }
        edition = ConferencePage(
            title=demo.EDITION["title"].format(year=self.year),
            slug=demo.EDITION_SLUG.format(year=self.year),
            strapline=demo.EDITION["strapline"],
            search_description=demo.EDITION["search_description"].format(year=self.year),
            start_date=self.start_date,
            end_date=self.end_date,
            time_zone=demo.TIME_ZONE,
            venue=self.venue,
            hero_image=hero,
            live=False,
        )
        edition.partners = [
            ConferencePartner(organisation=self.organisations[name], tier=tier, sort_order=order)
            for order, (name, tier) in enumerate(demo.PARTNERS)
        ]
        # A draft until its sections exist, then published once with its links to them.
        self.home.add_child(instance=edition)
        self.created["pages"] += 1
        self.created["partners"] += len(demo.PARTNERS)
        self.edition = edition

        self.tracks = self._tracks(edition)
        self.pages = self._sections(edition)
        self._sessions(self.pages["agenda"])
        self._delegates(edition)
        self._demo_meetings(edition)

        edition.register_page = self.pages["registration"]
        edition.body = self._stream(demo.EDITION_BODY)
        edition.save_revision().publish()

        self._home()
        self._navigation()

    def _tracks(self, edition):
        tracks = {}
        for spec in demo.TRACKS:
            spec = dict(spec)
            key_facts = spec.pop("key_facts")
            track = Track(edition=edition, **spec)
            track.key_facts = [("key_facts", key_facts)] if key_facts else []
            tracks[track.slug] = self._save_snippet(track, "tracks")
        return tracks

    def _sections(self, edition):
        """The edition's agenda, speakers and content pages, in menu order."""
        pages = {}
        agenda = AgendaPage(**demo.AGENDA_PAGE)
        pages["agenda"] = self._add_page(edition, agenda)
        # As the admin does for a new agenda page: the programme team's permissions and
        # the "Programme review" workflow.
        open_agenda_to_programme_team(agenda=agenda)
        speakers_page = SpeakersPage(**demo.SPEAKERS_PAGE)
        pages["speakers"] = self._add_page(edition, speakers_page)
        pages["registration"] = self._add_page(edition, RegistrationPage(**demo.REGISTRATION_PAGE))
        pages["delegates"] = self._directory(edition)
        self._meetings(edition)
        # Content pages link to one another, so all exist before any body is written.
        content_pages = []
        for spec in demo.CONTENT_PAGES:
            page = ContentPage(
                title=spec["title"], slug=spec["slug"], introduction=spec["introduction"]
            )
            page.live = False
            edition.add_child(instance=page)
            self.created["pages"] += 1
            pages[spec["slug"]] = page
            content_pages.append((page, spec["body"]))
        self.pages = pages
        for page, body in content_pages:
            page.body = self._stream(body, pages)
            page.save_revision().publish()
        return pages

    def _directory(self, edition):
        """The edition's delegate directory, added if it has none."""
        page = DirectoryPage.objects.child_of(edition).first()
        return page or self._add_page(edition, DirectoryPage(**demo.DIRECTORY_PAGE))

    def _meetings(self, edition):
        """The edition's meeting times and meeting points, checked as the admin checks them,
        added if it has none."""
        if edition.meeting_times.exists() or edition.meeting_points.exists():
            return
        for day, starts_at, ends_at in demo.MEETING_TIMES:
            meeting_time = MeetingTime(
                edition=edition,
                day=edition.start_date + timedelta(days=day - 1),
                starts_at=time.fromisoformat(starts_at),
                ends_at=time.fromisoformat(ends_at),
            )
            meeting_time.full_clean()
            meeting_time.save()
            self.created["meeting times"] += 1
        for name, capacity, directions in demo.MEETING_POINTS:
            MeetingPoint.objects.create(
                edition=edition, name=name, capacity=capacity, directions=directions
            )
            self.created["meeting points"] += 1

    def _delegates(self, edition):
        """Fictional confirmed registrations, made directly: no one is e-mailed. The first of
        each group are listed in the directory, with a profile."""
        first_names, family_names = demo.DEMO_DELEGATE_FIRST_NAMES, demo.DEMO_DELEGATE_FAMILY_NAMES
        now = timezone.now()
        delegates, profiles = [], []
        for group in demo.DEMO_DELEGATES:
            if len(group["profiles"]) > group["count"]:
                raise CommandError(
                    f"The {group['sector']} delegates from {group['country']} have more "
                    "profiles than delegates."
                )
            organisations, job_titles = group["organisations"], group["job_titles"]
            for index in range(group["count"]):
                n = len(delegates)
                name = f"{first_names[n % len(first_names)]} {family_names[n % len(family_names)]}"
                email = demo.DEMO_DELEGATE_EMAIL.format(number=n + 1)
                registration = Registration(
                    edition=edition,
                    status=RegistrationStatus.CONFIRMED,
                    email=email,
                    email_key=email,
                    name=name,
                    organisation=organisations[index % len(organisations)],
                    job_title=job_titles[index % len(job_titles)],
                    sector=group["sector"],
                    country=group["country"],
                    directory_listing=index < len(group["profiles"]),
                    address_confirmed_at=now,
                )
                delegates.append(registration)
                if registration.directory_listing:
                    profiles.append((registration, group["profiles"][index]))
        Registration.objects.bulk_create(delegates)
        self.created["registrations"] += len(delegates)
        self._profiles(edition, profiles, now)

    def _demo_meetings(self, edition):
        """The demo delegates' 1:1 meetings, asked and answered through the meeting services
        as delegates do. Their e-mails are queued to be sent once the build commits: they
        are deleted first, so no fictional delegate is e-mailed."""
        groups = {}
        demo_delegates = listed(edition).filter(email__regex=demo.DEMO_DELEGATE_EMAIL_PATTERN)
        for registration in demo_delegates.order_by("pk"):
            groups.setdefault((registration.sector, str(registration.country)), []).append(
                registration
            )
        times = {(slot.day, slot.starts_at): slot for slot in edition.meeting_times.all()}

        def delegate(sector, country, index):
            group = groups.get((sector, country), [])
            if index >= len(group):
                raise CommandError(
                    f"The demo meetings name listed {sector} delegate {index} from "
                    f"{country or 'no country'}, whom the demo does not have."
                )
            return group[index]

        def meeting_time(day, starts_at):
            key = (edition.start_date + timedelta(days=day - 1), time.fromisoformat(starts_at))
            if key not in times:
                raise CommandError(
                    f"The demo meetings name a meeting time, day {day} at "
                    f"{starts_at}, that the edition does not have."
                )
            return times[key]

        now = timezone.now()
        meetings = []
        for spec in demo.DEMO_MEETINGS:
            requester, invitee = delegate(*spec["requester"]), delegate(*spec["invitee"])
            try:
                meeting = request_meeting(
                    requester,
                    invitee,
                    [meeting_time(*when) for when in spec["times"]],
                    spec["message"],
                    now=now,
                )
                if "accept" in spec:
                    accept(meeting, invitee, meeting_time(*spec["accept"]), now=now)
                elif "decline" in spec:
                    decline(meeting, invitee, spec["decline"], now=now)
            except MeetingError as error:
                raise CommandError(
                    f"The demo meeting of {requester.name} with {invitee.name} cannot be "
                    f"made: {error}"
                ) from error
            meetings.append(meeting.pk)
        OutgoingEmail.objects.filter(kind__startswith="meeting_", about__in=meetings).delete()
        self.created["meetings"] += len(meetings)

    def _profiles(self, edition, profiles, now):
        """The listed delegates' directory consents, as registration records them, and
        their profiles, checked with the form delegates fill in and written in bulk."""
        topics = {topic.name: topic for topic in edition_topics(edition)}
        kind = ConsentKind.DIRECTORY
        wording, version = CONSENT_WORDING[kind], wording_version(kind)
        TrackLink, TopicLink = DelegateProfile.tracks.through, DelegateProfile.topics.through
        consents, rows, track_links, topic_links, languages = [], [], [], [], []
        for registration, spec in profiles:
            cleaned = self._checked_profile(edition, registration, spec, topics)
            consents.append(
                Consent(
                    registration=registration,
                    kind=kind,
                    given=True,
                    recorded_at=now,
                    wording=wording,
                    wording_version=version,
                )
            )
            profile = DelegateProfile(
                registration=registration,
                introduction=cleaned["introduction"],
                can_help_with=cleaned["can_help_with"],
                looking_for=cleaned["looking_for"],
            )
            rows.append(profile)
            track_links += [TrackLink(delegateprofile=profile, track=t) for t in cleaned["tracks"]]
            topic_links += [TopicLink(delegateprofile=profile, tag=t) for t in cleaned["topics"]]
            languages += [SpokenLanguage(profile=profile, code=c) for c in cleaned["languages"]]
        Consent.objects.bulk_create(consents)
        DelegateProfile.objects.bulk_create(rows)
        TrackLink.objects.bulk_create(track_links)
        TopicLink.objects.bulk_create(topic_links)
        SpokenLanguage.objects.bulk_create(languages)
        self.created["directory profiles"] += len(rows)

    def _checked_profile(self, edition, registration, spec, topics):
        """A profile spec as the profile form cleans it, with its tracks and topics, or a
        CommandError saying why not. The interests are looked up here, once for all, and the
        rest goes through the form."""
        unknown = [name for name in spec["topics"] if name not in topics]
        unknown += [slug for slug in spec["tracks"] if slug not in self.tracks]
        if unknown:
            raise CommandError(
                f"The demo profile of {registration.name} names tracks or topics that the "
                f"edition does not have: {', '.join(unknown)}."
            )
        texts = ("introduction", "can_help_with", "looking_for", "languages")
        form = ProfileForm({field: spec[field] for field in texts}, edition=edition)
        if not form.is_valid():
            problems = "; ".join(
                message for messages in form.errors.values() for message in messages
            )
            raise CommandError(f"The demo profile of {registration.name} is not valid: {problems}")
        return {
            **form.cleaned_data,
            "tracks": [self.tracks[slug] for slug in spec["tracks"]],
            "topics": [topics[name] for name in spec["topics"]],
        }

    def _add_page(self, parent, page):
        """Add and publish a page the way the admin's "Publish" button does."""
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created["pages"] += 1
        return page

    def _sessions(self, agenda):
        used_slugs = set()
        for spec in demo.SESSIONS:
            slug = spec.get("slug") or slugify(spec["title"])
            if slug in used_slugs:
                slug = f"{slug}-day-{spec['day']}"
            used_slugs.add(slug)
            placement = self._placement(spec)
            track = self.tracks[spec["track"]] if spec.get("track") else None
            links = [
                SessionSpeaker(speaker=self.speakers[speaker_slug], role=role, sort_order=order)
                for order, (speaker_slug, role) in enumerate(spec.get("speakers", []))
            ]
            self._check_session(spec, links)
            errors = schedule_errors(
                edition=self.edition,
                session_id=None,
                track=track,
                speakers=[link.speaker for link in links],
                **placement,
            )
            if errors:
                problems = "; ".join(
                    message for messages in errors.values() for message in messages
                )
                raise CommandError(f"Session “{spec['title']}” breaks the schedule: {problems}")

            # A session that has changed since the programme was first published starts
            # where it `was`, so that the edition's Changes page has something to show.
            session = SessionPage(
                title=spec["title"],
                slug=slug,
                kind=spec["kind"],
                track=track,
                access=spec.get("access", SessionAccess.OPEN),
                access_note=spec.get("access_note", ""),
                abstract=spec.get("abstract", ""),
                **self._placement({**spec, **spec.get("was", {})}),
            )
            session.session_speakers = links
            session.topics.add(*spec.get("topics", []))
            self._add_page(agenda, session)
            if "was" in spec:
                for name, value in placement.items():
                    setattr(session, name, value)
                session.save_revision().publish()
            self.created["sessions"] += 1
            self.created["session speakers"] += len(links)

    def _placement(self, spec):
        """A session spec's time, room and status as SessionPage field values."""
        zone = self.edition.time_zone
        day = self.start_date + timedelta(days=spec["day"] - 1)
        return {
            "start": local_to_utc(datetime.combine(day, time.fromisoformat(spec["start"])), zone),
            "end": local_to_utc(datetime.combine(day, time.fromisoformat(spec["end"])), zone),
            "room": self.rooms[spec["room"]] if spec.get("room") else None,
            "status": spec.get("status", SessionStatus.SCHEDULED),
        }

    @staticmethod
    def _check_session(spec, links):
        """Demo data rules beyond the schedule: known kinds and roles, panels moderated."""
        if spec["kind"] not in SessionKind.values:
            raise CommandError(f"Session “{spec['title']}” has an unknown kind {spec['kind']}.")
        roles = [link.role for link in links]
        if any(role not in SessionSpeakerRole.values for role in roles):
            raise CommandError(f"Session “{spec['title']}” has an unknown speaker role.")
        if spec["kind"] == SessionKind.PANEL and (
            roles.count(SessionSpeakerRole.MODERATOR) != 1
            or SessionSpeakerRole.PANELLIST not in roles
        ):
            raise CommandError(f"Panel “{spec['title']}” needs one moderator and panellists.")

    def _home(self):
        home = self.home
        home.title = demo.HOME["title"]
        home.intro = demo.HOME["intro"]
        # Chosen, not left to the date: an edition published later (a test import, say) does
        # not take the demo's place on the home page.
        home.featured_edition = self.edition
        home.save_revision().publish()

    def _navigation(self):
        nav = NavigationSettings.for_site(self._site())
        nav.header_links = [("link", self._nav_link(link)) for link in demo.HEADER_LINKS]
        nav.footer_links = [("link", self._nav_link(link)) for link in demo.FOOTER_LINKS]
        nav.footer_text = demo.FOOTER_TEXT
        nav.save()

    def _nav_link(self, link):
        if "track" in link:
            # A track's landing page is a route of the agenda page, not a page of its own.
            url = self.pages["agenda"].track_url(self.tracks[link["track"]])
            return {"label": link["label"], "page": None, "url": url}
        return {"label": link["label"], "page": self.pages[link["page"]], "url": ""}

    def _stream(self, blocks, pages=None):
        """A StreamField value from demo data, with page and image keys resolved."""
        pages = pages or self.pages
        return [(block_type, self._resolve(value, pages)) for block_type, value in blocks]

    def _resolve(self, value, pages):
        if isinstance(value, list):
            return [self._resolve(item, pages) for item in value]
        if not isinstance(value, dict):
            return value
        value = {key: self._resolve(item, pages) for key, item in value.items()}
        if "label" in value and isinstance(value.get("page"), str):
            value["page"] = pages[value["page"]]
        if isinstance(value.get("image"), str) and "decorative" in value:
            image = self.images[value["image"]]
            value["image"] = image
            value["alt_text"] = value.get("alt_text") or image.description
        return value


def _counts(counter):
    return ", ".join(f"{count} {name}" for name, count in counter.items() if count)
