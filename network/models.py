"""The delegate directory: a page per edition and what delegates add to their listing.

Who is listed is decided from the registration (confirmed, directory consent on, not
erased) and the profile (not hidden by organisers): see directory.py.
"""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property

from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from conference.models import ConferencePage

from .languages import LANGUAGES


class DirectoryPage(RoutablePageMixin, Page):
    """An edition's delegate directory. Only its confirmed delegates and organisers see the
    listing; everyone else is told who can and how to get in."""

    introduction = models.TextField(
        blank=True,
        max_length=500,
        help_text="Plain text shown above the directory to signed-in delegates. At most 500 "
        "characters.",
    )

    content_panels = [*Page.content_panels, "introduction"]
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
