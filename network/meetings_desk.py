"""The organisers' meetings desk and network report in the Wagtail admin.

The desk: per meeting time of an edition, which meeting point holds which accepted meeting,
a sheet per meeting point for the venue staff, the requests' counts and a CSV export of all
the edition's meetings. The report: which sectors met which, the share of meetings across
the public-private divide (suggestions.py draws it), the most-followed interests and the
requests per delegate.

Only users who may view directory profiles (the Organisers group) get in, as the
registration desk checks its users (registrations/desk.py). Every read is aggregated in the
database or made in a fixed number of queries, however many meetings there are.
wagtail_hooks.py adds the URLs and the menu items.
"""

import csv
from dataclasses import dataclass
from statistics import median

from django import forms
from django.db.models import Count, Q
from django.http import HttpResponse
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permissions import policy_registry

from conference.models import ConferencePage, Sector
from registrations.desk import safe_for_spreadsheets

from .directory import listed
from .models import DelegateProfile, Meeting, MeetingPoint, MeetingStatus, MeetingTime
from .suggestions import side_of_the_divide

TOP_INTERESTS = 10
CSV_HEADINGS = [
    "Time",
    "Meeting point",
    "Requester",
    "Requester organisation",
    "Requester sector",
    "Invitee",
    "Invitee organisation",
    "Invitee sector",
    "Status",
    "Hidden from the invitee (blocked)",
    "Asked at (UTC)",
    "Answered at (UTC)",
]


def may_see_network(user):
    return user.has_perm("network.view_delegateprofile")


class EditionForm(forms.Form):
    edition = forms.ModelChoiceField(
        queryset=ConferencePage.objects.order_by("-start_date"), empty_label="Choose an edition"
    )


# The desk


@dataclass
class Slot:
    point: MeetingPoint
    meetings: list  # the accepted meetings the point holds at the row's time


@dataclass
class Row:
    time: MeetingTime
    slots: list  # a Slot per meeting point, in column order


@dataclass
class Sheet:
    """A meeting point's page for the venue staff: its meetings, time by time."""

    point: MeetingPoint
    rows: list  # [(time, meetings)]


def accepted_meetings(edition):
    return Meeting.objects.filter(edition=edition, status=MeetingStatus.ACCEPTED).select_related(
        "requester", "invitee"
    )


def meeting_grid(edition):
    """(points, [Row]): each meeting time, each meeting point's meetings then. Three queries."""
    times = list(MeetingTime.objects.filter(edition=edition).order_by("day", "starts_at"))
    points = list(MeetingPoint.objects.filter(edition=edition).order_by("name"))
    held = {}
    for meeting in accepted_meetings(edition).order_by("created_at", "pk"):
        held.setdefault((meeting.time_id, meeting.point_id), []).append(meeting)
    rows = [
        Row(time, [Slot(point, held.get((time.pk, point.pk), [])) for point in points])
        for time in times
    ]
    return points, rows


def point_sheets(points, rows):
    return [
        Sheet(point, [(row.time, row.slots[column].meetings) for row in rows])
        for column, point in enumerate(points)
    ]


def meeting_counts(edition):
    """{open, accepted, declined, cancelled}: requests waiting for an answer count only if
    the invitee sees them (not silenced by a block). One query."""
    return Meeting.objects.filter(edition=edition).aggregate(
        open=Count("pk", filter=Q(status=MeetingStatus.REQUESTED, silenced=False)),
        accepted=Count("pk", filter=Q(status=MeetingStatus.ACCEPTED)),
        declined=Count("pk", filter=Q(status=MeetingStatus.DECLINED)),
        cancelled=Count("pk", filter=Q(status=MeetingStatus.CANCELLED)),
    )


def _when(moment):
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def csv_rows(edition):
    """The edition's meetings as the export's rows, texts made safe for spreadsheets."""
    sectors = dict(Sector.choices)
    meetings = (
        Meeting.objects.filter(edition=edition)
        .select_related("requester", "invitee", "time", "point")
        .order_by("time__day", "time__starts_at", "point__name", "created_at", "pk")
    )
    for meeting in meetings:
        requester, invitee = meeting.requester, meeting.invitee
        yield [
            safe_for_spreadsheets(value)
            for value in (
                str(meeting.time) if meeting.time else "",
                meeting.point.name if meeting.point else "",
                requester.name,
                requester.organisation,
                sectors.get(requester.sector, requester.sector),
                invitee.name,
                invitee.organisation,
                sectors.get(invitee.sector, invitee.sector),
                meeting.get_status_display(),
                "yes" if meeting.silenced else "no",
                _when(meeting.created_at),
                _when(meeting.answered_at),
            )
        ]


def csv_response(edition):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meetings-{edition.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADINGS)
    writer.writerows(csv_rows(edition))
    return response


# The report


@dataclass
class SectorTable:
    sectors: list  # [(value, label)] that took part in an accepted meeting
    rows: list  # [(label, [count per sector])], symmetric
    total: int
    across: int  # meetings between the public and the private side

    @property
    def across_percent(self):
        return round(100 * self.across / self.total) if self.total else 0


def sector_table(edition):
    """Accepted meetings by the two delegates' sectors, in one query."""
    pairs = (
        Meeting.objects.filter(edition=edition, status=MeetingStatus.ACCEPTED)
        .order_by()
        .values_list("requester__sector", "invitee__sector")
        .annotate(count=Count("pk"))
    )
    between = {}
    total = across = 0
    for first, second, count in pairs:
        total += count
        # One delegate on each side of the divide (suggestions.PUBLIC_SIDE, PRIVATE_SIDE).
        if {side_of_the_divide(first), side_of_the_divide(second)} == {"public", "private"}:
            across += count
        between[(first, second)] = between.get((first, second), 0) + count
        if first != second:
            between[(second, first)] = between.get((second, first), 0) + count
    present = {sector for pair in between for sector in pair}
    sectors = [(value, label) for value, label in Sector.choices if value in present]
    rows = [
        (label, [between.get((value, other), 0) for other, _ in sectors])
        for value, label in sectors
    ]
    return SectorTable(sectors=sectors, rows=rows, total=total, across=across)


@dataclass
class Interest:
    kind: str
    name: str
    followers: int


def top_interests(edition, limit=TOP_INTERESTS):
    """The tracks and topics most followed by the edition's listed delegates. Two queries."""
    delegates = listed(edition).values("pk")
    found = []
    for kind, relation, name in [
        ("Track", "tracks", "track__name"),
        ("Topic", "topics", "tag__name"),
    ]:
        through = getattr(DelegateProfile, relation).through
        counts = (
            through.objects.filter(delegateprofile__registration__in=delegates)
            .order_by()
            .values_list(name)
            .annotate(followers=Count("pk"))
        )
        found += [Interest(kind, label, followers) for label, followers in counts]
    found.sort(key=lambda interest: (-interest.followers, interest.name.lower(), interest.kind))
    return found[:limit]


@dataclass
class RequestFigures:
    delegates: int  # listed in the directory, hidden ones included
    asked: int  # of them, how many asked for a meeting at least once
    median: float
    most: int


def request_figures(edition):
    """How many requests each listed delegate made, whatever became of them. One query."""
    counts = list(
        listed(edition, with_hidden=True)
        .order_by()
        .annotate(asked=Count("meetings_asked"))
        .values_list("asked", flat=True)
    )
    return RequestFigures(
        delegates=len(counts),
        asked=sum(1 for count in counts if count),
        median=median(counts) if counts else 0,
        most=max(counts, default=0),
    )


# The views


class NetworkAccess(PermissionCheckedMixin):
    """As the registration desk: organisers who may view the directory's profiles."""

    permission_required = "view"

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(DelegateProfile)


class EditionChosenView(NetworkAccess, WagtailAdminTemplateMixin, TemplateView):
    """A view of one edition, chosen with a select (GET)."""

    @cached_property
    def form(self):
        return EditionForm(self.request.GET or None)

    @cached_property
    def edition(self):
        return self.form.cleaned_data["edition"] if self.form.is_valid() else None

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_page_subtitle(self):
        return self.edition.title if self.edition else ""

    def get_context_data(self, **kwargs):
        context = {**super().get_context_data(**kwargs), "form": self.form}
        if self.edition:
            context.update(self.edition_context(self.edition))
        return context

    def edition_context(self, edition):
        raise NotImplementedError


class MeetingsDeskView(EditionChosenView):
    template_name = "network/admin/meetings_desk.html"
    page_title = "Meetings desk"
    header_icon = "date"

    def get(self, request, *args, **kwargs):
        if self.edition and request.GET.get("format") == "csv":
            return csv_response(self.edition)
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        if self.edition and self.request.GET.get("print") == "points":
            return ["network/admin/meeting_point_sheets.html"]
        return [self.template_name]

    def edition_context(self, edition):
        points, rows = meeting_grid(edition)
        return {
            "edition": edition,
            "points": points,
            "rows": rows,
            "sheets": point_sheets(points, rows),
            "counts": meeting_counts(edition),
        }


class NetworkReportView(EditionChosenView):
    template_name = "network/admin/network_report.html"
    page_title = "Network report"
    header_icon = "table"

    def edition_context(self, edition):
        return {
            "edition": edition,
            "sectors": sector_table(edition),
            "interests": top_interests(edition),
            "requests": request_figures(edition),
        }


urlpatterns = [
    path("", MeetingsDeskView.as_view(), name="desk"),
    path("report/", NetworkReportView.as_view(), name="report"),
]


def admin_urls():
    return [
        path("meetings-desk/", include((urlpatterns, "meetings_desk"), namespace="meetings_desk"))
    ]


class NetworkMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_network(request.user)


def desk_menu_item():
    return NetworkMenuItem(
        "Meetings desk", reverse("meetings_desk:desk"), icon_name="date", order=300
    )


def report_menu_item():
    return NetworkMenuItem(
        "Network report", reverse("meetings_desk:report"), icon_name="table", order=310
    )
