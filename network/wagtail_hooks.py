"""The network's parts of the attendee's pages and of the admin."""

from django.db.models import Count, Q

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from conference.models import ConferencePage, Sector

from . import meetings_desk
from .calendar import meeting_events
from .directory import listed
from .emails import meeting_email
from .manage_section import DirectorySection, MeetingsSection
from .models import DelegateProfile, DirectoryPage, Meeting, MeetingPoint, MeetingTime
from .profiles_admin import DirectoryProfileViewSet


@hooks.register("register_admin_viewset")
def register_directory_profiles():
    return DirectoryProfileViewSet("directory_profiles")


@hooks.register("registration_manage_sections")
def directory_section():
    return DirectorySection()


@hooks.register("registration_manage_sections")
def meetings_section():
    return MeetingsSection()


@hooks.register("registration_email")
def meeting_emails(outgoing):
    return meeting_email(outgoing)


@hooks.register("personal_calendar_events")
def meetings_in_the_personal_calendar(registration):
    return meeting_events(registration)


@hooks.register("registration_data")
def directory_profile_data(registration):
    """The profile in the delegate's data download."""
    profile = (
        DelegateProfile.objects.filter(registration=registration)
        .prefetch_related("tracks", "topics", "languages")
        .first()
    )
    meetings = {"meetings": meetings_data(registration)}
    if profile is None:
        return {"directory_profile": None, **meetings}
    return {
        **meetings,
        "directory_profile": {
            "introduction": profile.introduction,
            "can_help_with": profile.can_help_with,
            "looking_for": profile.looking_for,
            "tracks": sorted(track.name for track in profile.tracks.all()),
            "topics": sorted(topic.name for topic in profile.topics.all()),
            "languages": profile.languages_spoken,
            "hidden_by_organisers": profile.hidden_at is not None,
            "hidden_reason": profile.hidden_reason,
            "updated_at": profile.updated_at.isoformat(),
        },
    }


def meetings_data(registration):
    """The delegate's 1:1 meetings and requests, for their data download."""
    mine = Meeting.objects.filter(
        Q(requester=registration) | Q(invitee=registration, silenced=False)
    ).select_related("requester", "invitee", "time", "point")
    return [
        {
            "with": meeting.other(registration).name,
            "asked_by_me": meeting.requester_id == registration.pk,
            "status": meeting.get_status_display(),
            "time": str(meeting.time) if meeting.time else None,
            "meeting_point": meeting.point.name if meeting.point else None,
            "message": meeting.message if meeting.requester_id == registration.pk else "",
            "asked_at": meeting.created_at.isoformat(),
        }
        for meeting in mine
    ]


class DirectoryPanel(Component):
    """The dashboard's count of each directory's listed delegates, by sector."""

    name = "delegate_directory"
    template_name = "network/admin/directory_panel.html"
    order = 60

    def __init__(self, directories):
        self.directories = directories

    def get_context_data(self, parent_context=None):
        return {"directories": self.directories}


def directory_summaries():
    """[{edition, page, listed, hidden, sectors}] for each live directory of an edition that
    has not ended, in two queries plus one per directory."""
    pages = list(DirectoryPage.objects.live().order_by("path"))
    editions = {
        edition.path: edition
        for edition in ConferencePage.objects.filter(
            path__in=[page.path[: -DirectoryPage.steplen] for page in pages]
        )
    }
    summaries = []
    for page in pages:
        edition = editions.get(page.path[: -DirectoryPage.steplen])
        if edition is None or edition.is_past:
            continue
        counts = (
            listed(edition, with_hidden=True)
            .order_by()
            .values("sector")
            .annotate(
                shown=Count("pk", filter=Q(directory_profile__hidden_at=None)),
                hidden=Count("pk", filter=Q(directory_profile__hidden_at__isnull=False)),
            )
        )
        by_sector = {row["sector"]: row for row in counts}
        sectors = [
            (label, by_sector[value]["shown"])
            for value, label in Sector.choices
            if value in by_sector and by_sector[value]["shown"]
        ]
        summaries.append(
            {
                "edition": edition,
                "page": page,
                "listed": sum(row["shown"] for row in counts),
                "hidden": sum(row["hidden"] for row in counts),
                "sectors": sorted(sectors, key=lambda sector: -sector[1]),
            }
        )
    return summaries


@hooks.register("construct_homepage_panels")
def add_directory_panel(request, panels):
    if not request.user.has_perm("network.view_delegateprofile"):
        return
    if summaries := directory_summaries():
        panels.append(DirectoryPanel(summaries))


class MeetingTimeViewSet(SnippetViewSet):
    model = MeetingTime
    icon = "time"
    menu_label = "Meeting times"
    list_display = ["__str__", "edition"]
    list_filter = ["edition"]
    list_export = ["edition", "day", "starts_at", "ends_at"]
    panels = [FieldPanel("edition"), FieldPanel("day"), FieldRowPanel(["starts_at", "ends_at"])]


class MeetingPointViewSet(SnippetViewSet):
    model = MeetingPoint
    icon = "site"
    menu_label = "Meeting points"
    list_display = ["name", "edition", "capacity"]
    list_filter = ["edition"]
    list_export = ["edition", "name", "capacity", "directions"]


class MeetingsViewSetGroup(SnippetViewSetGroup):
    items = (MeetingTimeViewSet, MeetingPointViewSet)
    menu_icon = "date"
    menu_label = "Meetings"
    menu_name = "meetings"
    menu_order = 216
    # The meetings desk and the network report join the group (meetings_desk.py).
    submenu_hook = "register_meetings_menu_item"


register_snippet(MeetingsViewSetGroup)


@hooks.register("register_admin_urls")
def register_meetings_desk_urls():
    return meetings_desk.admin_urls()


@hooks.register("register_meetings_menu_item")
def register_meetings_desk_menu_item():
    return meetings_desk.desk_menu_item()


@hooks.register("register_meetings_menu_item")
def register_network_report_menu_item():
    return meetings_desk.report_menu_item()
