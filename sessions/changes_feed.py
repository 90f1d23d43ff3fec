"""The Atom feed of an edition's schedule changes, at /calendar/<edition id>/changes.atom.

Public: it shows what the edition's changes page shows, the latest FEED_LENGTH changes,
newest first. One Feed instance serves every request, so nothing is kept on it.
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed

from conference.models import ConferencePage

from .queries import schedule_changes, with_public_sessions

FEED_LENGTH = 50


@dataclass(frozen=True)
class ChangesOf:
    edition: ConferencePage
    page_url: str  # the changes page, absolute


class ScheduleChangesFeed(Feed):
    feed_type = Atom1Feed
    description_template = "agenda/includes/schedule_change_summary.html"

    def get_object(self, request, edition_id):
        edition = ConferencePage.objects.live().public().filter(pk=edition_id).first()
        agenda_page = edition.section("agenda.AgendaPage") if edition else None
        if agenda_page is None:
            raise Http404("No such edition, or it has no agenda.")
        page_url = agenda_page.get_full_url(request) + agenda_page.reverse_subpage("changes")
        return ChangesOf(edition=edition, page_url=page_url)

    def title(self, subject):
        return f"{subject.edition.title}: Changes to the programme"

    def subtitle(self, subject):
        return (
            f"Sessions moved, cancelled, added or removed, in {subject.edition.time_zone} time, "
            "the newest first."
        )

    def link(self, subject):
        return subject.page_url

    def author_name(self, subject):
        return subject.edition.title

    def items(self, subject):
        changes = with_public_sessions(
            subject.edition, schedule_changes(subject.edition)[:FEED_LENGTH]
        )
        for change in changes:
            change.feed_id = f"{subject.page_url}#change-{change.pk}"
        return changes

    def item_title(self, change):
        return f"{change.get_kind_display()}: {change.session_title}"

    def item_link(self, change):
        """The session while it is on the agenda, else the change on the changes page."""
        return change.public_session.url if change.public_session else change.feed_id

    def item_guid(self, change):
        return change.feed_id

    def item_pubdate(self, change):
        return change.happened_at

    def item_updateddate(self, change):
        return change.happened_at

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["zone"] = kwargs["obj"].edition.time_zone
        context["edition"] = kwargs["obj"].edition
        return context
