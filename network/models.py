"""The delegate directory: a page per edition and what delegates add to their listing; and
the edition's 1:1 meeting times and meeting points.

Who is listed is decided from the registration (confirmed, directory consent on, not
erased) and the profile (not hidden by organisers): see directory.py.
"""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Greatest, Least
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from conference.models import ConferencePage, RestrictionsFromRouting
from conference.timezones import NonexistentLocalTime, local_day_bounds, local_to_utc

from .forms import DirectoryPageForm
from .languages import LANGUAGES


class DirectoryPage(RestrictionsFromRouting, RoutablePageMixin, Page):
    """An edition's delegate directory. Only its confirmed delegates and organisers see the
    listing; everyone else is told who can and how to get in."""

    introduction = models.TextField(
        blank=True,
        max_length=500,
        help_text="Plain text shown above the directory to signed-in delegates. At most 500 "
        "characters.",
    )

    meetings_enabled = models.BooleanField(
        "1:1 meetings",
        default=False,
        help_text="Let the edition's confirmed delegates ask each other for 1:1 meetings in "
        "its meeting times, at its meeting points (both under Meetings in the menu).",
    )
    meetings_open_at = models.DateTimeField(
        "requests open",
        null=True,
        blank=True,
        help_text="Leave empty to take requests as soon as meetings are switched on.",
    )
    meetings_close_at = models.DateTimeField(
        "requests close",
        null=True,
        blank=True,
        help_text="Leave empty to take requests until the edition's last day ends.",
    )
    max_open_requests = models.PositiveSmallIntegerField(
        "open requests per delegate",
        default=20,
        validators=[MinValueValidator(1)],
        help_text="How many of a delegate's requests may wait for an answer at once: a "
        "limit against unwanted mass requests.",
    )

    content_panels = [*Page.content_panels, "introduction"]
    meetings_panels = [
        FieldPanel("meetings_enabled"),
        FieldRowPanel([FieldPanel("meetings_open_at"), FieldPanel("meetings_close_at")]),
        FieldPanel("max_open_requests"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(meetings_panels, heading="Meetings"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    base_form_class = DirectoryPageForm
    parent_page_types = ["conference.ConferencePage"]
    subpage_types = []
    max_count_per_parent = 1
    # For delegates alone: never indexed (conference/seo.py) nor in the sitemap.
    indexable = False
    # Organisers hide profiles from the profile pages (views.py).
    http_methods = ("GET", "HEAD", "POST")

    class Meta:
        verbose_name = "delegate directory"

    @cached_property
    def edition(self):
        return ConferencePage.for_page(self)

    def get_sitemap_urls(self, request=None):
        return []

    def meetings_state(self, now=None):
        """ "off", "not_open", "open" or "closed" at `now`: whether requests are taken."""
        now = now or timezone.now()
        if not self.meetings_enabled:
            return "off"
        if self.meetings_open_at and now < self.meetings_open_at:
            return "not_open"
        closing = (
            self.meetings_close_at
            or local_day_bounds(self.edition.end_date, self.edition.time_zone)[1]
        )
        return "closed" if now >= closing else "open"

    @path("")
    def directory_view(self, request):
        from .views import directory

        return directory(request, self)

    @path("people/<int:registration_id>/", name="profile")
    def profile_view(self, request, registration_id):
        from .views import profile

        return profile(request, self, registration_id)

    def profile_url(self, registration_id):
        return self.url + self.reverse_subpage("profile", args=[registration_id])


class DelegateProfile(models.Model):
    """What a delegate adds to their directory listing, and whether organisers hid it."""

    registration = models.OneToOneField(
        "registrations.Registration",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="directory_profile",
    )
    introduction = models.TextField(max_length=500, blank=True)
    can_help_with = models.CharField("I can help with", max_length=200, blank=True)
    looking_for = models.CharField("I am looking for", max_length=200, blank=True)
    tracks = models.ManyToManyField("agenda.Track", blank=True, related_name="+")
    topics = models.ManyToManyField("taggit.Tag", blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    meetings_suspended = models.BooleanField(
        default=False, help_text="Suspended by organisers: asks for no meetings and gets none."
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.TextField(max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "directory profile"
        permissions = [("hide_delegateprofile", "Can hide delegates from the directory")]

    def __str__(self):
        return f"Directory profile of {self.registration}"

    @property
    def languages_spoken(self):
        return sorted(language.get_code_display() for language in self.languages.all())

    # For the organisers' listing and export (profiles_admin.py).

    @property
    def edition(self):
        return self.registration.edition

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    @property
    def interests(self):
        names = [track.name for track in self.tracks.all()]
        return ", ".join(names + [topic.name for topic in self.topics.all()])

    @property
    def languages_text(self):
        return ", ".join(self.languages_spoken)


class SpokenLanguage(models.Model):
    profile = models.ForeignKey(
        DelegateProfile, on_delete=models.CASCADE, related_name="languages"
    )
    code = models.CharField(max_length=8, choices=LANGUAGES)

    class Meta:
        constraints = [
            models.UniqueConstraint("profile", "code", name="one_row_per_language_and_profile")
        ]

    def __str__(self):
        return self.get_code_display()


class MeetingTime(models.Model):
    """A time when delegates of an edition can meet 1:1, in the edition's own zone."""

    edition = models.ForeignKey(
        ConferencePage,
        on_delete=models.CASCADE,
        related_name="meeting_times",
        help_text="The edition whose delegates meet at this time.",
    )
    day = models.DateField(help_text="One of the edition's days.")
    starts_at = models.TimeField(help_text="In the edition's time zone, e.g. 10:30.")
    ends_at = models.TimeField(help_text="In the edition's time zone, after the start.")

    class Meta:
        ordering = ["edition", "day", "starts_at"]
        constraints = [
            models.UniqueConstraint(
                "edition",
                "day",
                "starts_at",
                name="one_meeting_time_per_start",
                violation_error_message="This edition already has a meeting time that starts "
                "then.",
            )
        ]

    def __str__(self):
        return f"{self.day:%a %d %b} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    @property
    def start(self):
        """The start in UTC, as sessions are stored."""
        return local_to_utc(datetime.combine(self.day, self.starts_at), self.edition.time_zone)

    @property
    def end(self):
        return local_to_utc(datetime.combine(self.day, self.ends_at), self.edition.time_zone)

    def clean(self):
        super().clean()
        if self.edition_id is None or self.day is None:
            return
        edition = self.edition
        if not edition.start_date <= self.day <= edition.end_date:
            raise ValidationError(
                {
                    "day": f"Choose one of the edition's days: {edition.start_date:%-d %B} to "
                    f"{edition.end_date:%-d %B %Y}."
                }
            )
        if self.starts_at is None or self.ends_at is None:
            return
        if self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "A meeting time must end after it starts."})
        for name in ("starts_at", "ends_at"):
            try:
                local_to_utc(datetime.combine(self.day, getattr(self, name)), edition.time_zone)
            except NonexistentLocalTime as error:  # the clocks skip that time
                raise ValidationError({name: str(error)}) from None
        overlapping = (
            MeetingTime.objects.filter(
                edition=edition,
                day=self.day,
                starts_at__lt=self.ends_at,
                ends_at__gt=self.starts_at,
            )
            .exclude(pk=self.pk)
            .first()
        )
        if overlapping:
            raise ValidationError(
                f"This overlaps the meeting time {overlapping}: a delegate could be booked "
                "twice at once. Change one of them."
            )


class MeetingPoint(models.Model):
    """A table or room at the venue where 1:1 meetings take place."""

    edition = models.ForeignKey(
        ConferencePage,
        on_delete=models.CASCADE,
        related_name="meeting_points",
        help_text="The edition whose meetings take place here.",
    )
    name = models.CharField(max_length=100, help_text="As delegates will see it, e.g. Table 4.")
    capacity = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1)],
        help_text="How many meetings it holds at once.",
    )
    directions = models.CharField(
        max_length=200,
        blank=True,
        help_text="Where it is, for delegates who have never been to the venue.",
    )

    class Meta:
        ordering = ["edition", "name"]
        constraints = [
            models.UniqueConstraint(
                "edition",
                "name",
                name="one_meeting_point_per_name",
                violation_error_message="This edition already has a meeting point of that name.",
            )
        ]

    def __str__(self):
        return self.name


class MeetingStatus(models.TextChoices):
    REQUESTED = "requested", "Waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"


class Meeting(models.Model):
    """A delegate's request for a 1:1 meeting with another and, once accepted, the meeting:
    one of the offered times, at a meeting point. Changed only through meetings.py."""

    edition = models.ForeignKey(ConferencePage, on_delete=models.CASCADE, related_name="+")
    requester = models.ForeignKey(
        "registrations.Registration", on_delete=models.CASCADE, related_name="meetings_asked"
    )
    invitee = models.ForeignKey(
        "registrations.Registration", on_delete=models.CASCADE, related_name="meetings_offered"
    )
    message = models.TextField(max_length=500, blank=True)
    offered_times = models.ManyToManyField(MeetingTime, related_name="+")
    status = models.CharField(
        max_length=10, choices=MeetingStatus, default=MeetingStatus.REQUESTED
    )
    time = models.ForeignKey(
        MeetingTime, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    point = models.ForeignKey(
        MeetingPoint, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    decline_note = models.TextField(max_length=500, blank=True)
    # Asked by someone the invitee blocked: the invitee never sees it, the requester is not
    # told (meetings.block).
    silenced = models.BooleanField(default=False)
    requester_shares_email = models.BooleanField(default=False)
    invitee_shares_email = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        "registrations.Registration",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Rises with every change a calendar must pick up (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("invitee")), name="no_meeting_with_oneself"
            ),
            # One request waiting for an answer per pair of delegates, whoever asked.
            models.UniqueConstraint(
                Least("requester", "invitee"),
                Greatest("requester", "invitee"),
                condition=models.Q(status="requested"),
                name="one_open_request_per_pair",
            ),
        ]

    def __str__(self):
        return f"{self.requester} and {self.invitee} ({self.get_status_display().lower()})"

    def other(self, registration):
        return self.invitee if registration.pk == self.requester_id else self.requester


class MeetingSeat(models.Model):
    """A delegate's place in an accepted meeting at its time: the database itself refuses a
    second meeting for anyone at one time."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    registration = models.ForeignKey(
        "registrations.Registration", on_delete=models.CASCADE, related_name="+"
    )
    time = models.ForeignKey(MeetingTime, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "registration", "time", name="one_meeting_per_delegate_and_time"
            )
        ]

    def __str__(self):
        return f"{self.registration} at {self.time}"


class MeetingBlock(models.Model):
    """A delegate who takes no more requests from another. The other is never told."""

    blocker = models.ForeignKey(
        "registrations.Registration", on_delete=models.CASCADE, related_name="+"
    )
    blocked = models.ForeignKey(
        "registrations.Registration", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint("blocker", "blocked", name="one_block_per_pair")]

    def __str__(self):
        return f"{self.blocker} blocks {self.blocked}"
