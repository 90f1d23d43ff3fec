"""The organisers' agenda grid: every session of an edition by day, time and room.

Drafts included (this is the organisers' view, not the public query), clashes shown with
their reason in words (clashes.py), sessions that cannot be placed listed apart.
wagtail_hooks.py adds the URLs and the menu item.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import CharField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Revision
from wagtail.permission_policies.pages import PagePermissionPolicy

from conference.models import ConferencePage, Room
from conference.timezones import local_day_bounds, utc_to_local

from .clashes import distinct_clash_count, find_clashes
from .models import AgendaPage, SessionKind, SessionPage, SessionSpeaker, SessionStatus


def can_edit_agenda(user, edition):
    """Whether `user` may edit the edition's agenda (the edition itself if it has none)."""
    pages = list(AgendaPage.objects.child_of(edition)) or [edition]
    return any(page.permissions_for_user(user).can_edit() for page in pages)


def may_use_agenda_grid(user):
    """Whether the menu item shows: the user may change some page."""
    return PagePermissionPolicy().user_has_any_permission(user, ["change", "publish"])


def edition_sessions(edition):
    """All the edition's sessions, drafts too, with what the grid shows of them."""
    scheduled_go_live = Revision.page_revisions.filter(
        object_id=Cast(OuterRef("pk"), CharField()), approved_go_live_at__isnull=False
    ).values("approved_go_live_at")[:1]
    speaker_links = SessionSpeaker.objects.select_related("speaker").order_by("sort_order")
    return (
        SessionPage.objects.descendant_of(edition)
        .select_related("track", "room")
        .prefetch_related(Prefetch("session_speakers", queryset=speaker_links))
        .annotate(scheduled_go_live=Subquery(scheduled_go_live))
        .order_by("start", "room__sort_order", "title")
    )


def edition_rooms(edition, sessions):
    """The rooms of the edition's venue and any other room its sessions use, in order."""
    venue_rooms = Room.objects.filter(venue_id=edition.venue_id) if edition.venue_id else []
    rooms = {room.pk: room for room in venue_rooms}
    rooms.update({session.room.pk: session.room for session in sessions if session.room_id})
    return sorted(rooms.values(), key=lambda room: (room.sort_order, room.name))


def publishing_status(session):
    """The session's publishing state in words."""
    if session.scheduled_go_live:
        when = utc_to_local(session.scheduled_go_live, session.grid_zone)
        return f"Scheduled to go live on {when.day} {when:%B %Y at %H:%M}"
    if not session.live:
        return "Draft"
    if session.has_unpublished_changes:
        return "Live, with unpublished changes"
    return "Live"


@dataclass
class Row:
    time: datetime  # UTC; templates show it with the in_zone filter
    cells: list  # a Cell per room, in column order
    # The breaks of a row with nothing else on in any room: one cell across every room.
    spanning: list = field(default_factory=list)


@dataclass
class Day:
    date: date
    rows: list[Row]


@dataclass
class Cell:
    starting: list  # the sessions starting at the row's time
    continuing: list  # those that started earlier and are still running


def build_days(edition, sessions, rooms):
    """[Day, ...] for each of the edition's days: a row per starting time, a cell per room."""
    zone = edition.time_zone
    days = []
    for day in edition.days:
        day_start, day_end = local_day_bounds(day, zone)
        placed = [
            session
            for session in sessions
            if session.room_id and day_start <= session.start < day_end
        ]
        times = sorted({session.start for session in placed})
        rows = []
        for moment in times:
            cells = []
            for room in rooms:
                in_room = [session for session in placed if session.room_id == room.pk]
                cells.append(
                    Cell(
                        starting=[session for session in in_room if session.start == moment],
                        continuing=[
                            session for session in in_room if session.start < moment < session.end
                        ],
                    )
                )
            rows.append(Row(time=moment, cells=cells, spanning=_breaks_for_everyone(cells)))
        days.append(Day(date=day, rows=rows))
    return days


def _breaks_for_everyone(cells):
    """The sessions of a row if they are all breaks and nothing else is on, else []."""
    starting = [session for cell in cells for session in cell.starting]
    if any(cell.continuing for cell in cells):
        return []
    if starting and all(session.kind == SessionKind.BREAK for session in starting):
        return starting
    return []


class EditionIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "agenda/admin/grid_index.html"
    page_title = "Agenda grid"
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        editions = ConferencePage.objects.order_by("-start_date")
        return {
            **super().get_context_data(**kwargs),
            "editions": [
                edition for edition in editions if can_edit_agenda(self.request.user, edition)
            ],
        }


class AgendaGridView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "agenda/admin/grid.html"
    page_title = "Agenda grid"
    header_icon = "table"

    @cached_property
    def edition(self):
        return get_object_or_404(
            ConferencePage.objects.select_related("venue"), pk=self.kwargs["edition_id"]
        )

    @cached_property
    def allowed(self):
        return can_edit_agenda(self.request.user, self.edition)

    def get(self, request, *args, **kwargs):
        # A 403 in the admin's own frame rather than Wagtail's redirect to the dashboard:
        # the organiser learns which edition and why.
        response = super().get(request, *args, **kwargs)
        if not self.allowed:
            response.status_code = 403
        return response

    def get_template_names(self):
        return [self.template_name if self.allowed else "agenda/admin/grid_forbidden.html"]

    def get_page_subtitle(self):
        return self.edition.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("agenda_grid:index"), "label": self.page_title},
            {"url": "", "label": self.edition.title},
        ]

    def get_context_data(self, **kwargs):
        edition = self.edition
        if not self.allowed:
            return {**super().get_context_data(**kwargs), "edition": edition}
        sessions = list(edition_sessions(edition))
        clashes = find_clashes(sessions, edition=edition)
        first_start, _ = local_day_bounds(edition.start_date, edition.time_zone)
        _, last_end = local_day_bounds(edition.end_date, edition.time_zone)
        for session in sessions:
            session.grid_zone = edition.time_zone
            session.clashes = clashes.get(session.pk, [])
            session.status_text = publishing_status(session)
            session.is_cancelled_session = session.status == SessionStatus.CANCELLED
            session.in_grid = bool(session.room_id) and first_start <= session.start < last_end
            # The clash summary links here: the grid's entry, else the one listed apart.
            session.anchor = f"session-{session.pk}"
            session.apart_id = f"apart-{session.pk}" if session.in_grid else session.anchor
        unscheduled = [
            session
            for session in sessions
            if not session.in_grid or session.start < first_start or session.end > last_end
        ]
        rooms = edition_rooms(edition, sessions)
        return {
            **super().get_context_data(**kwargs),
            "edition": edition,
            "rooms": rooms,
            "days": build_days(edition, sessions, rooms),
            "clashed_sessions": [session for session in sessions if session.clashes],
            "clash_count": distinct_clash_count(clashes),
            "unscheduled": unscheduled,
            "drafts": [session for session in sessions if not session.live],
        }


urlpatterns = [
    path("", EditionIndexView.as_view(), name="index"),
    path("<int:edition_id>/", AgendaGridView.as_view(), name="edition"),
]


def admin_urls():
    return [path("agenda-grid/", include((urlpatterns, "agenda_grid"), namespace="agenda_grid"))]
