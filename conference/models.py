from datetime import UTC, date, datetime, time, timedelta

from django_countries.fields import CountryField

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.functional import cached_property

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction, RevisionMixin, Site
from wagtail.search import index

from . import page_cache
from .blocks import BodyBlock, LinkBlock
from .forms import ConferencePageForm
from .timezones import local_day_bounds, time_zone_choices, utc_to_local


def public(pages):
    """`pages.public()` (Wagtail's), in the same query: a page is private when a view
    restriction sits on it or on one of its ancestors (a page whose path starts its path).
    Wagtail's reads every restriction first, in a query of its own."""
    page_path = models.ExpressionWrapper(OuterRef("path"), output_field=models.CharField())
    restricted = PageViewRestriction.objects.alias(page_path=page_path).filter(
        page_path__startswith=models.F("page__path")
    )
    return pages.filter(~Exists(restricted))


class RestrictionsFromRouting:
    """For a page model: its view restrictions read without reading its ancestors again."""

    def get_view_restrictions(self):
        """Page.get_view_restrictions without reading the ancestors again when routing has
        read them: Page.route keeps each page's parent on it (treebeard's get_parent cache),
        so a page served by its address knows its ancestors down from the home page. The
        restrictions on them and on the tree's root, from the site's kept ones. Where an
        ancestor is not known, or is an alias (whose source's restrictions hold), as Wagtail
        does."""
        pages = [self]
        while pages[-1].depth > 2:
            parent = pages[-1].__dict__.get("_cached_parent_obj")
            if parent is None or parent.path != pages[-1].path[: -self.steplen]:
                return super().get_view_restrictions()
            pages.append(parent)
        if any(page.alias_of_id for page in pages):
            return super().get_view_restrictions()
        applying = [
            restriction
            for restriction in view_restrictions()
            if self.path.startswith(restriction.page_path)  # on the page, an ancestor, the root
        ]
        restrictions = PageViewRestriction.objects.filter(pk__in=[r.pk for r in applying])
        # Read already, as a prefetch leaves a queryset: iterating it or asking .exists() reads
        # nothing more; a new filter or order reads the database.
        restrictions._result_cache, restrictions._prefetch_done = applying, True
        return restrictions


def view_restrictions():
    """Every view restriction of the site, each with its page's path (`page_path`): few, and
    kept in the shared cache until one is made, changed or removed, or a page moves (each
    renews the site's tag: page_cache.view_restrictions_changed, sessions/signals.py)."""
    return page_cache.cached_by_tags(
        "view-restrictions",
        [page_cache.SITE],
        lambda: list(
            PageViewRestriction.objects.annotate(page_path=models.F("page__path")).order_by("pk")
        ),
    )


class Sector(models.TextChoices):
    GOVERNMENT = "government", "Government"
    LAW_ENFORCEMENT = "law_enforcement", "Law enforcement"
    INTERGOVERNMENTAL = "intergovernmental", "Intergovernmental"
    NGO = "ngo", "NGO"
    ONLINE_PLATFORM = "online_platform", "Online platform or tech company"
    FINANCIAL = "financial", "Financial sector"
    ACADEMIA = "academia", "Academia"
    MEDIA = "media", "Media"
    OTHER = "other", "Other"


class Venue(RevisionMixin, index.Indexed, models.Model):
    name = models.CharField(
        max_length=200,
        help_text="Shown before the address on the edition's page, in calendar entries and in "
        "attendees' e-mails.",
    )
    address = models.TextField(help_text="Postal address, one line per line of the address.")
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="In decimal degrees, e.g. 51.479100 (north is positive). With the "
        "longitude, it puts the venue on the map in calendar apps and search results.",
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="In decimal degrees, e.g. -0.156600 (west of Greenwich is negative).",
    )
    website = models.URLField(
        blank=True,
        help_text="The venue's own site, a full address starting https://. Given to search "
        "engines with the event.",
    )
    travel_notes = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="How to get there: stations, buses, parking, step-free access.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading="Coordinates"),
        FieldPanel("website"),
        FieldPanel("travel_notes"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("address"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def one_line_address(self):
        return ", ".join([self.name, *self.address_lines])


class Room(RevisionMixin, index.Indexed, models.Model):
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        related_name="rooms",
        help_text="The building the room is in. A venue with rooms cannot be deleted.",
    )
    name = models.CharField(
        max_length=120,
        help_text="As signposted at the venue, e.g. Main Hall. Shown on the agenda, session "
        "pages and calendar entries; unique within the venue.",
    )
    capacity = models.PositiveIntegerField(null=True, blank=True, help_text="Seated capacity.")
    accessibility_notes = models.TextField(
        blank=True, help_text="Step-free access, hearing loop, quiet space and the like."
    )
    sort_order = models.PositiveIntegerField(
        default=0, help_text="Rooms are shown in this order in the agenda (lowest first)."
    )

    panels = [
        FieldPanel("venue"),
        FieldPanel("name"),
        FieldPanel("capacity"),
        FieldPanel("accessibility_notes"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("venue"),
    ]

    class Meta:
        ordering = ["venue__name", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "name"], name="unique_room_name_per_venue")
        ]

    def __str__(self):
        return f"{self.name} ({self.venue.name})"


class Organisation(RevisionMixin, index.Indexed, models.Model):
    name = models.CharField(
        max_length=200,
        unique=True,
        help_text="The organisation's usual name, shown after speakers' job titles and for "
        "partners without a logo.",
    )
    sector = models.CharField(
        max_length=32,
        choices=Sector.choices,
        help_text="Used to filter organisations and speakers in the admin; not shown on the site.",
    )
    country = CountryField(
        blank=True, help_text="Where the organisation is based; for the admin lists only."
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown for partners on the edition's page, at most 240 by 120 pixels; a "
        "wide logo on a transparent or white background works best. Its alt text is the "
        "organisation's name.",
    )
    website = models.URLField(
        blank=True,
        help_text="A full address starting https://. Partner logos and the organisation's "
        "name on speaker pages link to it.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("sector"),
        FieldPanel("country"),
        FieldPanel("logo"),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("sector"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class HomePage(RestrictionsFromRouting, Page):
    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A short paragraph under the edition's heading on the home page.",
    )
    featured_edition = models.ForeignKey(
        "conference.ConferencePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The edition the home page presents. When empty, or when this edition is "
        "unpublished, the home page shows the next edition still to end (the latest once all "
        "have ended): publishing an edition that comes sooner then puts it on the home page.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("featured_edition")]
    subpage_types = ["conference.ConferencePage", "conference.ContentPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def editions(self):
        return ConferencePage.objects.child_of(self).live().public().order_by("-start_date")

    @cached_property
    def live_editions(self):
        """The live, public editions below the home page, kept in the shared cache until one
        is published or deleted (the home page's tag) or one is unpublished, moved, renamed or
        restricted (the site's)."""
        return page_cache.cached_by_tags(
            f"editions:{self.pk}",
            [page_cache.SITE, f"page:{self.pk}"],
            lambda: list(public(ConferencePage.objects.child_of(self).live())),
        )

    def route(self, request, path_components):
        """Page.route, taking an edition below the home page from the kept live_editions, or
        reading it in one query instead of two (the page, then its edition): most addresses
        lead into an edition."""
        if path_components:
            slug = path_components[0]
            edition = next(
                (edition for edition in self.live_editions if edition.slug == slug), None
            ) or (ConferencePage.objects.child_of(self).filter(slug=slug).first())
            if edition is not None:
                edition._cached_parent_obj = self  # as Page.route does: get_parent() is free
                return edition.route(request, path_components[1:])
        return super().route(request, path_components)

    def current_edition(self):
        """The featured edition, else the next one still to end, else the most recent."""
        if self.featured_edition_id and self.featured_edition.live:
            return self.featured_edition
        editions = self.editions().select_related("venue")
        today = timezone.now().date()
        upcoming = editions.filter(end_date__gte=today).order_by("start_date").first()
        return upcoming or editions.first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page_cache.depends_on(
            request,
            *(page_cache.edition_tag(pk) for pk in self.editions().values_list("pk", flat=True)),
        )
        edition = self.current_edition()
        if edition is not None:
            context.update(edition.overview_context())
            # The next edition is chosen by the server's date, and shown as past by its own.
            end_date = datetime.combine(edition.end_date + timedelta(days=1), time.min, UTC)
            page_cache.changes_at(request, end_date)
            page_cache.changes_at(request, edition.becomes_past_at())
        context["other_editions"] = self.editions().exclude(pk=getattr(edition, "pk", None))
        return context


# The request attribute that holds the edition a request was routed through.
ROUTED_EDITION = "conference_routed_edition"


class PartnerTier(models.TextChoices):
    HEADLINE = "headline", "Headline partners"
    PARTNER = "partner", "Partners"
    SUPPORTER = "supporter", "Supporters"
    MEDIA = "media", "Media partners"


class ConferencePage(RestrictionsFromRouting, Page):
    """One edition of the conference; its agenda, speakers and content pages sit below it."""

    strapline = models.CharField(
        max_length=250,
        blank=True,
        help_text="One sentence under the edition's name at the top of its page and the home "
        "page; also its description for search engines. At most 250 characters.",
    )
    start_date = models.DateField(
        help_text="The first day, shown with the last on the edition's page and in "
        "attendees' e-mails."
    )
    end_date = models.DateField(
        help_text="The last day; the same as the first for a one-day edition. Dates that "
        "would leave sessions outside the edition are refused."
    )
    time_zone = models.CharField(
        max_length=64,
        choices=time_zone_choices,
        default="Europe/London",
        help_text="Every time of this edition is entered and shown in this zone.",
    )
    venue = models.ForeignKey(
        Venue,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="editions",
        help_text="Its name and address are shown under the dates and in attendees' e-mails.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A wide photo at the top of the edition's page and the home page, also used "
        "in link previews. It is cropped to fit (keep the subject central) and is decorative, "
        "so screen readers skip it.",
    )
    register_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where the 'Register' buttons of this edition lead.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text="The edition's page (and the home page when it presents this edition), "
        "below the featured tracks and above the partners.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("strapline"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("time_zone"),
                FieldPanel("venue"),
            ],
            heading="When and where",
        ),
        FieldPanel("hero_image"),
        FieldPanel("register_page"),
        FieldPanel("body"),
        InlinePanel("partners", heading="Partners", label="Partner"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("strapline")]
    base_form_class = ConferencePageForm
    parent_page_types = ["conference.HomePage"]
    subpage_types = [
        "agenda.AgendaPage",
        "speakers.SpeakersPage",
        "registrations.RegistrationPage",
        "network.DirectoryPage",
        "conference.ContentPage",
    ]

    class Meta:
        verbose_name = "conference edition"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": "The edition cannot end before it starts: choose a later end date."}
            )

    @classmethod
    def for_page(cls, page):
        """The edition a page belongs to (the page itself for an edition), or None."""
        return cls.objects.ancestor_of(page, inclusive=True).select_related("venue").first()

    @classmethod
    def for_page_served(cls, page, request):
        """for_page for the page a request serves: the edition the request was routed
        through, read while routing, when the page is inside it (no query); else for_page."""
        edition = getattr(request, ROUTED_EDITION, None)
        if edition is not None and page.path.startswith(edition.path):
            return edition
        return cls.for_page(page)

    def route(self, request, path_components):
        """Page.route, taking a live, public child from the kept live_children (no query);
        any other child (restricted, or not live, for Wagtail's answer) as Wagtail does."""
        setattr(request, ROUTED_EDITION, self)
        if path_components:
            slug, remaining = path_components[0], path_components[1:]
            child = next((page for page in self.live_children if page.slug == slug), None)
            if child is not None:
                child._cached_parent_obj = self
                return child.route(request, remaining)
        return super().route(request, path_components)

    @cached_property
    def live_children(self):
        """The edition's live, public child pages (agenda, speakers, content), in menu order.

        Kept in the shared cache until a child is published or deleted (which renews the
        edition's own page tag) or one is unpublished, moved, renamed or restricted (the
        site's): a session published, the change that comes most often, leaves them be."""
        if self.pk is None:
            return []
        return page_cache.cached_by_tags(
            f"edition-sections:{self.pk}",
            [page_cache.SITE, f"page:{self.pk}"],
            lambda: list(public(self.get_children().live()).specific()),
        )

    def section(self, model_label):
        """The edition's first live page of a type such as "agenda.AgendaPage", or None."""
        label = model_label.lower()
        return next(
            (child for child in self.live_children if child._meta.label_lower == label), None
        )

    @property
    def days(self) -> list[date]:
        count = (self.end_date - self.start_date).days + 1
        return [date.fromordinal(self.start_date.toordinal() + offset) for offset in range(count)]

    @property
    def is_past(self):
        today = utc_to_local(timezone.now(), self.time_zone).date()
        return self.end_date < today

    def becomes_past_at(self) -> datetime:
        return local_day_bounds(self.end_date, self.time_zone)[1]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.overview_context())
        page_cache.changes_at(request, self.becomes_past_at())
        return context

    def overview_context(self):
        """What the edition's front page (and the home page presenting it) shows."""
        return {
            "edition": self,
            "agenda_page": self.section("agenda.AgendaPage"),
            "speakers_page": self.section("speakers.SpeakersPage"),
            "partner_tiers": self.partners_by_tier(),
            "edition_pages": [
                child for child in self.live_children if isinstance(child, ContentPage)
            ],
        }

    def partners_by_tier(self):
        """[(tier label, [organisation, ...]), ...] in tier order, each in the editor's order."""
        partners = self.partners.select_related("organisation", "organisation__logo")
        by_tier = {tier: [] for tier in PartnerTier.values}
        for partner in partners:
            by_tier[partner.tier].append(partner.organisation)
        return [(PartnerTier(tier).label, orgs) for tier, orgs in by_tier.items() if orgs]


class ConferencePartner(Orderable):
    edition = ParentalKey(ConferencePage, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Its logo (or name) and website are shown on the edition's page.",
    )
    tier = models.CharField(
        max_length=16,
        choices=PartnerTier.choices,
        default=PartnerTier.PARTNER,
        help_text="Partners are grouped by tier, headline partners first, each tier in the "
        "order given here.",
    )

    panels = [FieldPanel("organisation"), FieldPanel("tier")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "organisation"], name="unique_partner_per_edition"
            )
        ]


class ContentPage(RestrictionsFromRouting, Page):
    """About, venue and travel, code of conduct and any other free page."""

    introduction = models.TextField(
        blank=True,
        max_length=500,
        help_text="Plain text shown in larger type under the page's heading, and its "
        "description for search engines if none is given. At most 500 characters.",
    )
    body = StreamField(
        BodyBlock(), blank=True, help_text="The page's content, below the introduction."
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    parent_page_types = [
        "conference.HomePage",
        "conference.ConferencePage",
        "conference.ContentPage",
    ]
    subpage_types = ["conference.ContentPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["edition"] = ConferencePage.for_page(self)
        return context


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    header_links = StreamField(
        [("link", LinkBlock())], blank=True, help_text="Main menu, in order."
    )
    footer_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text="Links at the foot of every page, in order, such as the code of conduct and "
        "privacy.",
    )
    footer_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A short text at the foot of every page, such as the organiser's name and "
        "contact address.",
    )

    panels = [FieldPanel("header_links"), FieldPanel("footer_links"), FieldPanel("footer_text")]

    class Meta:
        verbose_name = "navigation and footer"

    @classmethod
    def for_request(cls, request):
        """The site's navigation for the pages (as Wagtail's, kept on the request), from the
        shared cache while the `site` tag (which saving it renews) stays the same. The admin
        reads and edits it through for_site, from the database."""
        attribute = cls.get_cache_attr_name()
        if hasattr(request, attribute):
            return getattr(request, attribute)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        values = page_cache.cached_by_tags(
            f"navigation:{site.pk}", [page_cache.SITE], lambda: cls._stored_values(site)
        )
        # Fields added since it was kept are read when used (deferred); gone ones left out.
        names = [field.attname for field in cls._meta.concrete_fields if field.attname in values]
        navigation = cls.from_db("default", names, [values[name] for name in names])
        navigation._request = request
        setattr(request, attribute, navigation)
        return navigation

    @classmethod
    def _stored_values(cls, site):
        """The site's navigation as stored (made with its defaults on first use, as for_site
        does): {column name: value}, which the cache can keep and from_db rebuilds."""
        navigation = cls.for_site(site)
        return {
            field.attname: field.get_prep_value(field.value_from_object(navigation))
            for field in cls._meta.concrete_fields
        }
