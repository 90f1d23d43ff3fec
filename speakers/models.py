from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PublishingPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
)
from wagtail.search import index

from conference.models import RestrictionsFromRouting
from sessions.calendars.feeds import feed_links


class ProfileLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=60, help_text="e.g. Website, LinkedIn, Bluesky")
    url = blocks.URLBlock()

    class Meta:
        icon = "link"


class SpeakerQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)


class Speaker(
    DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, index.Indexed, models.Model
):
    """A person who speaks at one or more editions. Drafts stay off the public site."""

    name = models.CharField(
        max_length=150,
        help_text="The name as it should be shown, e.g. Tania McCrea-Steele. Lists are sorted "
        "by the last word.",
    )
    slug = models.SlugField(max_length=160, unique=True, help_text="The speaker page's address.")
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A square portrait, shown on speaker cards and the speaker's page. The "
        "image's description is its alt text and must be filled in.",
    )
    job_title = models.CharField(
        max_length=150,
        blank=True,
        help_text="Shown under the name, followed by the organisation, e.g. International "
        "Project Manager, Wildlife Crime.",
    )
    organisation = models.ForeignKey(
        "conference.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="speakers",
        help_text="Where the speaker works, shown after the job title and beside their name "
        "in the agenda.",
    )
    short_bio = models.CharField(
        max_length=300,
        blank=True,
        help_text="One or two sentences: the description search engines and link previews "
        "show, and the speaker's page text when there is no full biography. At most 300 "
        "characters.",
    )
    bio = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text="The full biography on the speaker's page, written in the third person.",
    )
    links = StreamField(
        [("link", ProfileLinkBlock())],
        blank=True,
        help_text="Website and social profiles, listed on the speaker's page in this order.",
    )

    objects = SpeakerQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("photo")], heading="Who"
        ),
        MultiFieldPanel([FieldPanel("job_title"), FieldPanel("organisation")], heading="Role"),
        FieldPanel("short_bio"),
        FieldPanel("bio"),
        FieldPanel("links"),
        PublishingPanel(),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("job_title"),
        index.SearchField("short_bio"),
        index.SearchField("bio"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.photo_id and not (self.photo.description or "").strip():
            example = f"Portrait of {self.name}" if self.name else "Portrait of the speaker"
            raise ValidationError(
                {
                    "photo": f"The image “{self.photo.title}” has no description, which is its "
                    "alt text for people who cannot see it. Edit the image, describe what it "
                    f"shows (for example “{example}”), then save the speaker again; or choose "
                    "another image."
                }
            )

    @property
    def sort_key(self):
        """Family name first, for alphabetical lists."""
        parts = self.name.split()
        return (parts[-1].casefold(), self.name.casefold()) if parts else ("", "")

    def get_preview_template(self, request, mode_name):
        return "speakers/speaker_page.html"

    def get_preview_context(self, request, mode_name):
        return {"speaker": self, "sessions": [], "page": None}


class SpeakersPage(RestrictionsFromRouting, RoutablePageMixin, Page):
    """The edition's speakers, each with a page of their own at <this page>/<speaker slug>/."""

    introduction = models.TextField(
        blank=True,
        max_length=500,
        help_text="Plain text shown under the heading of the speakers page. At most 500 "
        "characters.",
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["conference.ConferencePage"]
    subpage_types = []
    max_count_per_parent = 1
    # Each speaker's page is indexed, described by the speaker (conference/seo.py).
    indexed_routes = {"speaker": "speaker"}

    @path("")
    def index(self, request):
        from .queries import edition_speakers

        edition = self.get_parent().specific
        return self.render(
            request, context_overrides={"edition": edition, "speakers": edition_speakers(edition)}
        )

    @path("<slug:speaker_slug>/", name="speaker")
    def speaker(self, request, speaker_slug):
        from .queries import speaker_in_edition

        edition = self.get_parent().specific
        found = speaker_in_edition(edition, speaker_slug)
        if found is None:
            raise Http404("This speaker has no published session in this edition.")
        speaker, sessions = found
        calendar_feed = feed_links(
            request,
            "calendar-speaker",
            edition.pk,
            speaker.pk,
            title=f"Sessions with {speaker.name}",
        )
        return self.render(
            request,
            template="speakers/speaker_page.html",
            context_overrides={
                "edition": edition,
                "speaker": speaker,
                "sessions": sessions,
                "calendar_feed": calendar_feed,
            },
        )

    def get_sitemap_urls(self, request=None):
        from .queries import edition_speakers

        full_url = self.get_full_url(request)
        speakers = edition_speakers(self.get_parent().specific)
        return [
            *super().get_sitemap_urls(request),
            *(
                {"location": full_url + self.reverse_subpage("speaker", args=[speaker.slug])}
                for speaker in speakers
            ),
        ]

    def speaker_url(self, speaker):
        return self.url + self.reverse_subpage("speaker", kwargs={"speaker_slug": speaker.slug})
