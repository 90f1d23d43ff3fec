"""Registration settings (the edition's registration page) and the registrations themselves.

Status changes go through services.py, which holds the lock that keeps seats from being
given twice; nothing here changes a status.
"""

import secrets
from datetime import timedelta

from django_countries.fields import CountryField

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from conference import page_cache
from conference.models import ConferencePage, RestrictionsFromRouting, Sector
from conference.timezones import local_day_bounds, utc_to_local

from .forms import RegistrationPageForm

# Unambiguous letters and digits for references read out over the phone at the desk.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference():
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(10))


def new_token():
    """A secret for a link: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def availability_tag(edition_id) -> str:
    """The page cache's tag of whether seats are left in an edition (services.py)."""
    return f"seats:{edition_id}"


class RegistrationMode(models.TextChoices):
    OPEN = "open", "Open: seats are given in the order addresses are confirmed"
    APPROVAL = "approval", "Approval: organisers approve each request"


class RegistrationPage(RestrictionsFromRouting, RoutablePageMixin, Page):
    """An edition's registration form and its settings: window, capacity, waitlist, mode."""

    intro = RichTextField(blank=True, help_text="Shown above the form.")
    opens_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to open as soon as the page is published."
    )
    closes_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to close when the edition's last day ends."
    )
    capacity = models.PositiveIntegerField(
        default=300, help_text="Confirmed seats. Raising it moves the waitlist up in order."
    )
    waitlist_enabled = models.BooleanField(
        "waitlist",
        default=True,
        help_text="When all seats are taken, put people on a waitlist instead of turning "
        "them away.",
    )
    mode = models.CharField(
        max_length=10,
        choices=RegistrationMode,
        default=RegistrationMode.OPEN,
        help_text="Open gives seats as soon as people confirm their address; with approval, "
        "an organiser accepts each request at the registration desk.",
    )
    terms = RichTextField(blank=True, help_text="Terms of attendance, shown beside the form.")
    privacy_notice = RichTextField(
        help_text="What is done with attendees' data. People consent to this text; changing "
        "it gives new consents a new wording version."
    )
    retention_days = models.PositiveIntegerField(
        default=90,
        help_text="Personal data are anonymised this many days after the edition's last day; "
        "counts by sector and country are kept.",
    )

    settings_panels_registration = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])],
            heading="Opening and closing (in the edition's time zone)",
        ),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("waitlist_enabled")]),
        FieldPanel("mode"),
        FieldPanel("retention_days"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("terms"),
        FieldPanel("privacy_notice"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(settings_panels_registration, heading="Registration"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    base_form_class = RegistrationPageForm
    # Its form and the attendee's pages take POST (conference/wagtail_hooks.py).
    http_methods = ("GET", "HEAD", "POST")
    # The routes that serve an attendee's own registration (route(), below).
    ATTENDEE_ROUTES = {"manage_view", "export_view"}
    parent_page_types = ["conference.ConferencePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "registration page"

    @cached_property
    def edition(self):
        return ConferencePage.for_page(self)

    def closing_time(self):
        if self.closes_at:
            return self.closes_at
        return local_day_bounds(self.edition.end_date, self.edition.time_zone)[1]

    def window_state(self, now=None):
        """ "not_open", "open" or "closed" at `now`."""
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return "not_open"
        if now >= self.closing_time():
            return "closed"
        return "open"

    def structured_data_offer(self, request):
        """The schema.org Offer of the edition's event data (sessions/structured_data.py
        asks the edition's pages for it, so the public side needs no import of this app)."""
        from .services import seats_taken

        page_cache.depends_on(request, availability_tag(self.edition.pk))
        page_cache.changes_at(request, self.opens_at)
        page_cache.changes_at(request, self.closing_time())
        state = self.window_state()
        if state == "not_open":
            availability = "PreOrder"
        elif state == "closed":
            availability = "SoldOut"
        elif seats_taken(self.edition) < self.capacity:
            availability = "InStock"
        else:  # full: a waitlist place is all that is left, if that
            availability = "LimitedAvailability" if self.waitlist_enabled else "SoldOut"
        offer = {
            "@type": "Offer",
            "url": self.get_full_url(request),
            "price": 0,
            "availability": f"https://schema.org/{availability}",
        }
        if self.opens_at:
            offer["validFrom"] = utc_to_local(self.opens_at, self.edition.time_zone).isoformat()
        return offer

    def anonymise_after(self):
        """The moment from which this edition's personal data are anonymised."""
        last_day_end = local_day_bounds(self.edition.end_date, self.edition.time_zone)[1]
        return last_day_end + timedelta(days=self.retention_days)

    def route(self, request, path_components):
        """An attendee's own pages (manage, data download, erasure) answer whether or not the
        page is published: taking the page down must not take anyone's data from them.
        Everything else of the page answers only while it is live, as any page does."""
        if "edition" not in self.__dict__:
            # The edition the request was routed through: no query to find it again.
            self.edition = ConferencePage.for_page_served(self, request)
        if not self.live and path_components:
            try:
                view, args, kwargs = self.resolve_subpage("/" + "/".join(path_components) + "/")
            except Http404:
                pass
            else:
                if view.__name__ in self.ATTENDEE_ROUTES:
                    return RouteResult(self, args=(view, args, kwargs))
        return super().route(request, path_components)

    # The views live in views.py; the page only routes to them.
    @path("")
    def form_view(self, request):
        from .views import registration_form

        return registration_form(request, self)

    @path("check-your-inbox/")
    def check_inbox_view(self, request):
        from .views import check_inbox

        return check_inbox(request, self)

    @path("lost-link/")
    def lost_link_view(self, request):
        from .views import lost_link

        return lost_link(request, self)

    @path("confirm/<str:signed>/")
    def confirm_view(self, request, signed):
        from .views import confirm_address

        return confirm_address(request, self, signed)

    @path("manage/<str:reference>/<str:token>/")
    def manage_view(self, request, reference, token):
        from .views import manage

        return manage(request, self, reference, token)

    @path("manage/<str:reference>/<str:token>/data/")
    def export_view(self, request, reference, token):
        from .views import export_data

        return export_data(request, self, reference, token)


class RegistrationStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", "Address not confirmed"
    PENDING = "pending", "Awaiting approval"
    CONFIRMED = "confirmed", "Confirmed"
    WAITLISTED = "waitlisted", "Waitlisted"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"


class Registration(models.Model):
    """One person's registration for one edition."""

    # Not in Wagtail's reference index: its only reference is to the edition, and indexing
    # it queued a task on every save, inside the transaction (and the lock) that gives a
    # seat; the edition's "usage" in the admin would also list attendees by name to every
    # page editor, who may not see registrations.
    wagtail_reference_index_ignore = True

    edition = models.ForeignKey(
        ConferencePage, on_delete=models.PROTECT, related_name="registrations"
    )
    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    manage_token = models.CharField(max_length=64, default=new_token, editable=False)
    feed_token = models.CharField(max_length=64, default=new_token, editable=False)
    status = models.CharField(
        max_length=12,
        choices=RegistrationStatus,
        default=RegistrationStatus.UNCONFIRMED,
        editable=False,
    )

    email = models.EmailField("e-mail", max_length=254)
    # The address as compared: case-folded, so one person registers once per edition.
    email_key = models.CharField(max_length=254, editable=False)
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200)
    sector = models.CharField(max_length=20, choices=Sector)
    country = CountryField()
    dietary_needs = models.TextField(max_length=500, blank=True)
    accessibility_needs = models.TextField(max_length=500, blank=True)
    directory_listing = models.BooleanField("listed in the delegate directory", default=False)
    photography = models.BooleanField("agrees to be photographed", default=False)
    sessions = models.ManyToManyField(
        "agenda.SessionPage", blank=True, related_name="+", help_text="Starred sessions."
    )

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    address_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the registration joined the waitlist: the waitlist moves up in this order.
    queued_at = models.DateTimeField(null=True, blank=True, editable=False)
    status_changed_at = models.DateTimeField(default=timezone.now, editable=False)
    link_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "edition", "email_key", name="one_registration_per_address_and_edition"
            ),
        ]
        indexes = [
            models.Index(fields=["edition", "status", "queued_at"], name="registration_queue"),
        ]

    def __str__(self):
        return f"{self.name} ({self.reference})" if not self.anonymised_at else self.reference

    @property
    def holds_a_seat(self):
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_active(self):
        """Still taking part: not declined, cancelled or erased."""
        return self.status not in (RegistrationStatus.DECLINED, RegistrationStatus.CANCELLED)


class ConsentKind(models.TextChoices):
    PRIVACY = "privacy", "Privacy notice"
    DIRECTORY = "directory", "Delegate directory"
    PHOTOGRAPHY = "photography", "Photography"


class Consent(models.Model):
    """A consent given or withdrawn, with the wording shown at the time. Never changed."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="consents"
    )
    kind = models.CharField(max_length=12, choices=ConsentKind)
    given = models.BooleanField()
    recorded_at = models.DateTimeField(default=timezone.now)
    wording = models.TextField()
    # A short hash of the wording (and, for the privacy consent, the notice it points to).
    wording_version = models.CharField(max_length=16)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {'given' if self.given else 'withdrawn'}"


class EmailKind(models.TextChoices):
    CONFIRM_ADDRESS = "confirm_address", "Confirm your address"
    MANAGE_LINK = "manage_link", "Your registration link"
    CONFIRMED = "confirmed", "Confirmed"
    WAITLISTED = "waitlisted", "Waitlisted"
    PENDING = "pending", "Awaiting approval"
    PROMOTED = "promoted", "A seat became free"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"
    SCHEDULE_CHANGED = "schedule_changed", "Changes to the programme"
    MEETING_REQUESTED = "meeting_requested", "A 1:1 meeting request"
    MEETING_ACCEPTED = "meeting_accepted", "A 1:1 meeting agreed"
    MEETING_DECLINED = "meeting_declined", "A 1:1 meeting request declined"
    MEETING_CANCELLED = "meeting_cancelled", "A 1:1 meeting cancelled"


class EmailStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SUPERSEDED = "superseded", "Not sent: the status changed before it could go"


class OutgoingEmail(models.Model):
    """An e-mail owed to an attendee, written in the same transaction as the change it tells
    of, so that a mail server that is down delays it and never loses it."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=20, choices=EmailKind)
    # What the e-mail tells of when that is not the registration itself: a 1:1 meeting's id
    # (the network renders those e-mails, registrations/extensions.py).
    about = models.PositiveBigIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=EmailStatus, default=EmailStatus.QUEUED)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="email_due")]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.registration}"


class DigestedChange(models.Model):
    """A schedule change the digest job has dealt with (told to those concerned, if anyone):
    each change is dealt with once."""

    change = models.OneToOneField(
        "agenda.ScheduleChange", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    digested_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Digested: {self.change_id}"


class ChangeNotice(models.Model):
    """A schedule change told to one attendee in a digest e-mail: at most once each."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="change_notices"
    )
    change = models.ForeignKey("agenda.ScheduleChange", on_delete=models.CASCADE, related_name="+")
    email = models.ForeignKey(
        OutgoingEmail, on_delete=models.CASCADE, related_name="change_notices"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "registration", "change", name="one_notice_per_change_and_registration"
            )
        ]

    def __str__(self):
        return f"Change {self.change_id} told to {self.registration}"
