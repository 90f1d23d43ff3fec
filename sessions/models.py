from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PreviewableMixin, RevisionMixin
from wagtail.search import index

from conference.blocks import KeyFactsBlock
from conference.models import ConferencePage, RestrictionsFromRouting, Venue
from conference.rich_text import blank_if_empty

from .forms import SessionPageForm
from .palette import next_track_colour


class Track(PreviewableMixin, RevisionMixin, index.Indexed, models.Model):
    """A strand of an edition's programme, with a landing page of its own."""

    # The page cache tag renewed when any track is saved or deleted: the colours of every
    # edition's tracks, in every page's head (templatetags/track_colours.py).
    cache_tag = "tracks"

    edition = models.ForeignKey(
        ConferencePage,
        on_delete=models.CASCADE,
        related_name="tracks",
        help_text="The edition whose programme this track is part of. Only its own sessions "
        "can use it.",
    )
    name = models.CharField(
        max_length=120,
        help_text="Shown beside each of its sessions, in the agenda's filters and as the "
        "heading of the track's page.",
    )
    slug = models.SlugField(max_length=80, help_text="The track's address: /agenda/tracks/<slug>/")
    colour = models.CharField(
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Give a colour as #rrggbb.")],
        help_text="A hex colour such as #198e53. Leave empty for the next colour of a palette "
        "that differs from the edition's other tracks and reads in light and dark themes. The "
        "track's name is always shown beside it.",
    )
    strapline = models.CharField(
        max_length=250,
        blank=True,
        help_text="One sentence under the track's name on its page and in the featured "
        "tracks. At most 250 characters.",
    )
    description = RichTextField(
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ul"],
        help_text="What the track covers and who it is for, on the track's page above its "
        "sessions.",
    )
    key_facts = StreamField(
        [("key_facts", KeyFactsBlock())],
        blank=True,
        max_num=1,
        help_text="Optional: a few headline figures, shown on the track's page and, for a "
        "featured track, on the home page and the edition's page.",
    )
    is_featured = models.BooleanField(
        default=False, help_text="Highlight this track on the home page and the edition's page."
    )
    sort_order = models.PositiveIntegerField(
        default=0,
        help_text="Tracks are listed in this order (lowest first); tracks with the same "
        "number are listed by name.",
    )

    panels = [
        FieldPanel("edition"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("colour"),
        FieldPanel("strapline"),
        FieldPanel("description"),
        FieldPanel("key_facts"),
        FieldRowPanel([FieldPanel("is_featured"), FieldPanel("sort_order")]),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("edition"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "slug"], name="unique_track_slug_per_edition"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.colour and self.edition_id:
            taken = Track.objects.filter(edition_id=self.edition_id).exclude(pk=self.pk)
            self.colour = next_track_colour(taken.values_list("colour", flat=True))
        super().save(*args, **kwargs)

    def get_preview_template(self, request, mode_name):
        return "agenda/track_page.html"

    def get_preview_context(self, request, mode_name):
        from .queries import agenda_context

        if self.pk is None or self.edition_id is None:  # a track not yet saved
            return {"track": self, "days": []}
        return {"track": self, **agenda_context(self.edition, track=self)}


class AgendaPage(RestrictionsFromRouting, RoutablePageMixin, Page):
    introduction = models.TextField(
        blank=True,
        max_length=500,
        help_text="Plain text shown under the agenda's heading. At most 500 characters.",
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["conference.ConferencePage"]
    subpage_types = ["agenda.SessionPage"]
    max_count_per_parent = 1
    # Routes search engines may index besides the agenda itself, each with the context
    # variable holding what it shows (conference/seo.py); "My calendar" is personal.
    indexed_routes = {"track": "track", "changes": "changes_listing"}

    def route(self, request, path_components):
        """RoutablePageMixin.route, reading a session below in one query instead of two (the
        page, then the session), as HomePage.route does for editions: sessions are the
        agenda's only children. The agenda's own views (a track, changes) come first."""
        if self.live and path_components:
            try:
                self.resolve_subpage("/" + "/".join(path_components) + "/")
            except Http404:
                slug, remaining = path_components[0], path_components[1:]
                session = SessionPage.objects.child_of(self).filter(slug=slug).first()
                if session is not None:
                    session._cached_parent_obj = self  # as Page.route does
                    return session.route(request, remaining)
        return super().route(request, path_components)

    @path("")
    def agenda(self, request):
        from . import views  # the views read the models defined here

        return views.agenda(self, request)

    @path("tracks/<slug:track_slug>/", name="track")
    def track(self, request, track_slug):
        from . import views

        return views.track(self, request, track_slug)

    @path("my-calendar/", name="my_calendar")
    def my_calendar(self, request):
        from . import views

        return views.my_calendar(self, request)

    @path("changes/", name="changes")
    def changes(self, request):
        from . import views

        return views.changes(self, request)

    def my_calendar_url(self):
        return self.url + self.reverse_subpage("my_calendar")

    def track_url(self, track):
        return self.url + self.reverse_subpage("track", kwargs={"track_slug": track.slug})

    def changes_url(self):
        return self.url + self.reverse_subpage("changes")

    def get_sitemap_urls(self, request=None):
        full_url = self.get_full_url(request)
        tracks = Track.objects.filter(edition_id=self.get_parent().pk)
        return [
            *super().get_sitemap_urls(request),
            *(
                {"location": full_url + self.reverse_subpage("track", args=[track.slug])}
                for track in tracks
            ),
        ]


class SessionKind(models.TextChoices):
    KEYNOTE = "keynote", "Keynote"
    PLENARY = "plenary", "Plenary"
    PANEL = "panel", "Panel"
    TALK = "talk", "Talk"
    WORKSHOP = "workshop", "Workshop"
    BREAK = "break", "Break"
    NETWORKING = "networking", "Networking"


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class SessionAccess(models.TextChoices):
    OPEN = "open", "Open"
    CHATHAM_HOUSE = "chatham_house", "Chatham House Rule"
    CLOSED = "closed", "Closed"


CHATHAM_HOUSE_MEANING = "You may use what is said, but not say who said it."
CLOSED_PREFIX = "By invitation only: "


class SessionTopic(TaggedItemBase):
    content_object = ParentalKey(
        "agenda.SessionPage", on_delete=models.CASCADE, related_name="tagged_topics"
    )


class SessionPage(RestrictionsFromRouting, Page):
    kind = models.CharField(
        max_length=16,
        choices=SessionKind.choices,
        default=SessionKind.TALK,
        help_text="The format, shown on the session in the agenda and on its page.",
    )
    status = models.CharField(
        max_length=16,
        choices=SessionStatus.choices,
        default=SessionStatus.SCHEDULED,
        help_text="A cancelled session stays on the agenda, marked as cancelled.",
    )
    access = models.CharField(
        max_length=16,
        choices=SessionAccess.choices,
        default=SessionAccess.OPEN,
        help_text="Open to every attendee; under the Chatham House Rule (what is said may be "
        "used, but not who said it); or closed, by invitation only. Shown in words on the "
        "agenda, the session's page, calendar entries and programme exports.",
    )
    access_note = models.CharField(
        max_length=120,
        blank=True,
        help_text="For a closed session only, and then required: who may attend, such as "
        "“Law enforcement only”. Shown after “Closed:”. At most 120 characters.",
    )
    # SET_NULL so that deleting an edition can delete its tracks along with its sessions;
    # deleting a single track in use is refused in wagtail_hooks.
    track = models.ForeignKey(
        Track,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        help_text="One of this edition's tracks. Leave empty for sessions such as breaks that "
        "belong to no track.",
    )
    room = models.ForeignKey(
        "conference.Room",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        help_text="Shown on the agenda, the session's page and calendar entries. Leave empty "
        "if it is not yet known.",
    )
    start = models.DateTimeField(help_text="In the edition's time zone.")
    end = models.DateTimeField(help_text="In the edition's time zone; after the start.")
    abstract = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="What the session is about, on its page and in calendar entries. A short "
        "paragraph or two.",
    )
    topics = ClusterTaggableManager(
        through=SessionTopic, blank=True, help_text="Keywords visitors can filter the agenda by."
    )
    # The iCalendar SEQUENCE: raised on each publish that moves, relocates or cancels the
    # session, so that subscribed calendars replace their copy.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("room"), FieldPanel("track")]),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("access"), FieldPanel("access_note")]),
            ],
            heading="When and where",
        ),
        FieldPanel("abstract"),
        InlinePanel("session_speakers", heading="Speakers", label="Speaker"),
        FieldPanel("topics"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("abstract"),
        index.SearchField("access_note"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields(
            "session_speakers", [index.RelatedFields("speaker", [index.SearchField("name")])]
        ),
        index.FilterField("kind"),
    ]
    base_form_class = SessionPageForm
    parent_page_types = ["agenda.AgendaPage"]
    subpage_types = []

    class Meta:
        indexes = [models.Index(fields=["start"])]

    def clean(self):
        super().clean()
        # An abstract the editor left empty is no abstract (not an empty paragraph that
        # calendars and pages would show as blank lines).
        self.abstract = blank_if_empty(self.abstract)
        self.access_note = self.access_note.strip()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = "The session must end after it starts."
        if self.access == SessionAccess.CLOSED and not self.access_note:
            errors["access_note"] = (
                "Say who may attend a closed session, such as “Law enforcement only”."
            )
        elif self.access != SessionAccess.CLOSED and self.access_note:
            errors["access_note"] = (
                "Only a closed session has a note on who may attend: clear it, or mark the "
                "session as closed."
            )
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        """The page as a revision would publish it, its SEQUENCE raised if the schedule moved.

        The stored row is compared, not `self`, which may hold the editor's unsaved changes;
        for a published session the stored row is what subscribers last saw.
        """
        revised = super().with_content_json(content)
        schedule_fields = ("start", "end", "room_id", "status")
        stored = (
            SessionPage.objects.filter(pk=self.pk).values(*schedule_fields, "sequence").first()
        )
        if stored is not None:
            moved = any(stored[field] != getattr(revised, field) for field in schedule_fields)
            revised.sequence = stored["sequence"] + 1 if moved else stored["sequence"]
        return revised

    @property
    def is_cancelled(self):
        return self.status == SessionStatus.CANCELLED

    @property
    def access_statement(self):
        """Who may attend, as one line of plain text for calendars and exports; empty for an
        open session."""
        if self.access == SessionAccess.CHATHAM_HOUSE:
            return f"Chatham House Rule: {CHATHAM_HOUSE_MEANING}"
        if self.access == SessionAccess.CLOSED:
            return f"Closed. {CLOSED_PREFIX}{self.access_note}"
        return ""

    @cached_property
    def edition(self):
        return ConferencePage.for_page(self)

    def get_context(self, request, *args, **kwargs):
        from .views import session_page_context  # the views read the models defined here

        if "edition" not in self.__dict__:  # the edition routing read, not read again
            self.edition = ConferencePage.for_page_served(self, request)
        context = super().get_context(request, *args, **kwargs)
        context.update(session_page_context(self, request))
        return context


class SessionSpeakerRole(models.TextChoices):
    SPEAKER = "speaker", "Speaker"
    MODERATOR = "moderator", "Moderator"
    PANELLIST = "panellist", "Panellist"


class SessionSpeaker(Orderable):
    session = ParentalKey(SessionPage, on_delete=models.CASCADE, related_name="session_speakers")
    # PROTECT: a speaker with sessions is unpublished, not deleted, so sessions never lose one.
    speaker = models.ForeignKey(
        "speakers.Speaker",
        on_delete=models.PROTECT,
        related_name="session_links",
        help_text="Only published speakers are shown on the site. Add new people under "
        "Speakers in the menu.",
    )
    role = models.CharField(
        max_length=16,
        choices=SessionSpeakerRole.choices,
        default=SessionSpeakerRole.SPEAKER,
        help_text="Moderators and panellists are marked as such beside their name.",
    )

    panels = [FieldPanel("speaker"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["session", "speaker"], name="unique_speaker_per_session"
            )
        ]


class ScheduleChangeKind(models.TextChoices):
    ADDED = "added", "Added"
    MOVED = "moved", "Moved"
    CANCELLED = "cancelled", "Cancelled"
    REINSTATED = "reinstated", "Reinstated"
    REMOVED = "removed", "Removed"


@dataclass(frozen=True)
class Slot:
    """Where and when a session was or is: times in UTC, the room by the name it had."""

    start: datetime
    end: datetime
    room: str


class ScheduleChange(models.Model):
    """A publish that moved, cancelled, reinstated, added or removed a session, as the
    public saw it (sessions/changes.py records them; nothing else writes here)."""

    edition = models.ForeignKey(
        ConferencePage, on_delete=models.CASCADE, related_name="schedule_changes"
    )
    # Kept, without the link, when the session is deleted: its title is kept as text.
    session = models.ForeignKey(
        SessionPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="schedule_changes",
    )
    session_title = models.CharField(max_length=255)
    kind = models.CharField(max_length=12, choices=ScheduleChangeKind.choices)
    # {"start": ISO 8601 UTC, "end": ..., "room": room name, "status": ...}; empty before an
    # addition and after a removal.
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    is_major = models.BooleanField(
        default=False,
        help_text="Cancelled, removed or moved to another day: every attendee is told.",
    )
    happened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-happened_at", "-pk"]
        indexes = [models.Index(fields=["edition", "-happened_at"], name="schedule_change_recent")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.session_title}"

    @staticmethod
    def _slot(values):
        if not values.get("start"):
            return None
        return Slot(
            start=datetime.fromisoformat(values["start"]),
            end=datetime.fromisoformat(values["end"]),
            room=values.get("room", ""),
        )

    @property
    def from_slot(self):
        """The slot the session left: shown for moves, cancellations and removals, and for a
        reinstatement at another time."""
        if self.kind == ScheduleChangeKind.ADDED:
            return None
        if self.kind == ScheduleChangeKind.REINSTATED and self._slot(self.before) == self._slot(
            self.after
        ):
            return None
        return self._slot(self.before)

    @property
    def to_slot(self):
        """The slot the session takes now; none for a cancellation or a removal."""
        if self.kind in (ScheduleChangeKind.CANCELLED, ScheduleChangeKind.REMOVED):
            return None
        return self._slot(self.after)


class ExternalKey(models.Model):
    """A key an imported programme file gave a session or a speaker, within the source that
    file came from: the tool and the conference it describes ("pretalx wts2027"), or "csv"
    for the organisers' own spreadsheets. A key is "scheme:value" ("guid:…", "id:68",
    "code:ABCDE") or, for a speaker, "name:" and the name as the file spelled it, casefolded:
    the one key that pretalx's XML and JSON of one programme share. Keys of different
    sources never meet (programme_import.py reads and writes these; nothing else does)."""

    source = models.CharField(max_length=200)
    key = models.CharField(max_length=300)
    session = models.ForeignKey(
        SessionPage, null=True, on_delete=models.CASCADE, related_name="external_keys"
    )
    speaker = models.ForeignKey(
        "speakers.Speaker", null=True, on_delete=models.CASCADE, related_name="external_keys"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(session__isnull=True) ^ models.Q(speaker__isnull=True),
                name="external_key_of_a_session_or_a_speaker",
            ),
            models.UniqueConstraint(
                fields=["source", "key", "session"],
                condition=models.Q(session__isnull=False),
                name="unique_external_key_per_session",
            ),
            models.UniqueConstraint(
                fields=["source", "key", "speaker"],
                condition=models.Q(speaker__isnull=False),
                name="unique_external_key_per_speaker",
            ),
        ]
        indexes = [models.Index(fields=["source", "key"], name="external_key_lookup")]

    def __str__(self):
        return f"{self.source} {self.key}"


class ProgrammeImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Finished"
    FAILED = "failed", "Stopped with an error"


class ProgrammeImport(models.Model):
    """One upload of a programme file in the admin, imported (or dry-run) by a background
    task (sessions/exchange/import_task.py) that keeps its report here."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The edition chosen, or the one the import made; kept when either is deleted.
    edition = models.ForeignKey(
        ConferencePage, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    as_new_edition = models.BooleanField(default=False)
    # Where a new edition's rooms go; without one, a venue named after the conference is made.
    venue = models.ForeignKey(Venue, null=True, on_delete=models.SET_NULL, related_name="+")
    dry_run = models.BooleanField(default=True)
    filename = models.CharField(max_length=255)
    file_format = models.CharField(max_length=20, blank=True)
    # The upload until the task has read it; emptied when the import ends.
    content = models.BinaryField(default=b"")
    status = models.CharField(
        max_length=8, choices=ProgrammeImportStatus.choices, default=ProgrammeImportStatus.QUEUED
    )
    # True while queued or running, else NULL: the unique constraint lets one import run at a
    # time, across every server, so a second submit is refused instead of waiting on locks.
    active = models.BooleanField(null=True, default=True, editable=False)
    report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["active"], name="one_programme_import_at_a_time")
        ]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def finished(self):
        return self.status in (ProgrammeImportStatus.DONE, ProgrammeImportStatus.FAILED)
