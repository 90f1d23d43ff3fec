"""The organisers' registration desk in the Wagtail admin: who may do what, the listing's
filters and counts, the actions (each a call to services.py) and the dashboard panel.

wagtail_hooks.py wires these into the admin.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django_countries import countries

from django import forms
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property, classproperty

from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
    SnippetCreateView,
)
from wagtail.snippets.views.snippets import IndexView

from conference.models import ConferencePage, Sector

from . import services
from .models import EmailStatus, OutgoingEmail, Registration, RegistrationPage, RegistrationStatus

LIST_URL_NAME = "wagtailsnippets_registrations_registration:list"
SEARCH_FIELDS = ["name", "email", "organisation", "reference"]
# Registrations that count in the sector chart: holding a seat or waiting for one.
IN_THE_RUNNING = [
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.PENDING,
]


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Nobody adds or deletes registrations in the admin, superusers included: attendees
    make them (with their consent on record), and they end by being declined, cancelled or
    erased, which free the seat for the waitlist. A deleted row would free it silently."""

    refused = {"add", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in self.refused]
        if not allowed:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(allowed)


def list_url(**filters):
    return reverse(LIST_URL_NAME) + (f"?{urlencode(filters)}" if filters else "")


def search(queryset, query):
    """The listing's search, for the bulk actions' "select all in listing"."""
    matches = Q()
    for field in SEARCH_FIELDS:
        matches |= Q(**{f"{field}__icontains": query})
    return queryset.filter(matches)


# The listing


class RegistrationFilterSet(WagtailFilterSet):
    edition = django_filters.ModelChoiceFilter(
        queryset=ConferencePage.objects.order_by("-start_date"), empty_label="All editions"
    )
    status = django_filters.ChoiceFilter(
        choices=RegistrationStatus.choices, widget=forms.RadioSelect, empty_label="All"
    )
    sector = django_filters.ChoiceFilter(
        choices=Sector.choices, widget=forms.RadioSelect, empty_label="All"
    )
    # A drop-down: some 250 radio buttons would bury the other filters.
    country = django_filters.ChoiceFilter(choices=countries, empty_label="All countries")
    created_at = django_filters.DateFromToRangeFilter(
        label="Registered between", widget=DateRangePickerWidget
    )

    class Meta:
        model = Registration
        fields = ["edition", "status", "sector", "country", "created_at"]


def safe_for_spreadsheets(value):
    """Attendees type these values: a leading = + - @ would make a spreadsheet run them
    as a formula (CSV injection), so such a value is exported as text."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class RegistrationIndexView(IndexView):
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        str: {IndexView.FORMAT_CSV: safe_for_spreadsheets},
    }

    @cached_property
    def filtered_edition(self):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("edition")
        return None

    def status_counts(self):
        """[(label, count, link), ...] for the edition filtered on, or all editions."""
        registrations = self.get_base_queryset()
        filters = {}
        if self.filtered_edition:
            registrations = registrations.filter(edition=self.filtered_edition)
            filters["edition"] = self.filtered_edition.pk
        counts = dict(registrations.order_by().values_list("status").annotate(Count("pk")))
        return [
            (label, counts.get(status, 0), list_url(**filters, status=status))
            for status, label in RegistrationStatus.choices
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export:
            context["counted_edition"] = self.filtered_edition
            context["status_counts"] = self.status_counts()
        return context

    def get_list_more_buttons(self, instance):
        """Each action the registration's status allows, one click from its row."""
        buttons = super().get_list_more_buttons(instance)
        if not self.user_has_permission("change"):
            return buttons
        query = urlencode({"id": instance.pk, "next": self.index_url})
        for action in ROW_ACTIONS:
            if instance.status in action.offered_for and not instance.anonymised_at:
                url = reverse(
                    "wagtail_bulk_action",
                    args=["registrations", "registration", action.action_type],
                )
                buttons.append(
                    Button(
                        action.display_name,
                        url=f"{url}?{query}",
                        icon_name=action.icon,
                        priority=action.action_priority,
                    )
                )
        return buttons


# Actions: each asks the service, which may refuse


class RegistrationAction(PermissionCheckedMixin, SnippetBulkAction):
    template_name = "registrations/admin/confirm_action.html"
    permission_required = "change"
    # Only to choose which links a row offers; the service decides and explains refusals.
    offered_for = set()
    icon = "arrow-right"
    button_class = ""

    @classproperty
    def models(cls):
        return [Registration]

    @staticmethod
    def change(registration):
        raise NotImplementedError

    @classmethod
    def get_queryset(cls, model, object_ids):
        return list(model.objects.filter(pk__in=object_ids).select_related("edition"))

    def get_all_objects_in_listing_query(self, parent_id):
        """Select all: the listing's filters and search, not every registration."""
        filters = RegistrationFilterSet(self.request.GET, request=self.request)
        # As the listing does: invalid filters are ignored altogether.
        registrations = filters.qs if filters.is_valid() else Registration.objects.all()
        if query := self.request.GET.get("q"):
            registrations = search(registrations, query)
        return registrations.values_list("pk", flat=True)

    def check_perm(self, registration):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", registration
        )

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        action = kwargs["self"]
        action.refusals = []
        for registration in objects:
            try:
                cls.change(registration)
            except services.RegistrationError as refusal:
                action.refusals.append((registration, refusal))
            else:
                log(registration, f"registrations.{cls.action_type}", user=user)
        return len(objects) - len(action.refusals), 0

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        for registration, refusal in self.refusals:
            messages.error(self.request, f"{registration}: {refusal}")
        if num_parent_objects:
            noun = "registration" if num_parent_objects == 1 else "registrations"
            return f"{num_parent_objects} {noun} {self.done}."
        return None


class ApproveAction(RegistrationAction):
    display_name = "Approve"
    action_type = "approve"
    aria_label = "Approve the selected requests"
    action_priority = 10
    icon = "check"
    offered_for = {RegistrationStatus.PENDING}
    done = "approved"
    explanation = (
        "Each request gets a seat if one is free, otherwise a place on the waitlist, and "
        "an e-mail saying which."
    )
    change = staticmethod(services.approve)


class DeclineAction(RegistrationAction):
    display_name = "Decline"
    action_type = "decline"
    aria_label = "Decline the selected requests"
    action_priority = 12
    icon = "cross"
    button_class = "serious"
    offered_for = {
        RegistrationStatus.UNCONFIRMED,
        RegistrationStatus.PENDING,
        RegistrationStatus.WAITLISTED,
    }
    done = "declined"
    explanation = (
        "Each person is told by e-mail that their request was declined. Registrations "
        "holding a seat cannot be declined: cancel them instead."
    )
    change = staticmethod(services.decline)


class CancelAction(RegistrationAction):
    display_name = "Cancel"
    action_type = "cancel"
    aria_label = "Cancel the selected registrations"
    action_priority = 14
    icon = "bin"
    button_class = "serious"
    offered_for = {*IN_THE_RUNNING, RegistrationStatus.UNCONFIRMED}
    done = "cancelled"
    explanation = (
        "Each person is told by e-mail. Seats that are freed go to the waitlist, first "
        "come first served."
    )
    change = staticmethod(services.cancel)


class PromoteAction(RegistrationAction):
    display_name = "Promote from waitlist"
    action_type = "promote"
    aria_label = "Give the selected waitlisted people a seat"
    action_priority = 16
    icon = "arrow-up"
    offered_for = {RegistrationStatus.WAITLISTED}
    done = "given a seat"
    explanation = (
        "Each person gets a free seat ahead of their turn on the waitlist, and an e-mail. "
        "When no seat is free, nobody is promoted."
    )
    change = staticmethod(services.promote)


class ResendEmailAction(RegistrationAction):
    display_name = "Resend e-mail"
    action_type = "resend"
    aria_label = "Send the selected people their latest e-mail again"
    action_priority = 18
    icon = "mail"
    offered_for = set(RegistrationStatus.values)
    done = "e-mailed again"
    explanation = (
        "Each person is sent again the e-mail that tells their registration's current "
        "state, with their private link."
    )
    change = staticmethod(services.resend_email)


ROW_ACTIONS = [ApproveAction, DeclineAction, PromoteAction, CancelAction, ResendEmailAction]


class DeleteRefusal(RegistrationAction):
    """Takes the place of the bulk delete Wagtail gives every snippet, whose confirmation page
    names the chosen items to anyone who can reach the admin. Registrations are never deleted
    here (RegistrationPermissionPolicy): the desk is told what to do instead, and nobody else
    gets past the permission check."""

    display_name = "Delete"
    action_type = "delete"
    aria_label = "Delete the selected registrations"
    permission_required = "view"
    action_priority = 100

    def get(self, request, *args, **kwargs):
        messages.error(
            request,
            "Registrations are not deleted: decline or cancel them. Personal data are erased "
            "by the attendee's own link, or after the edition's retention period.",
        )
        return redirect(get_valid_next_url_from_request(request) or reverse(LIST_URL_NAME))

    post = get


class RegistrationChooserAccess(PermissionCheckedMixin):
    """Wagtail opens snippet choosers to every admin user; registrations' only to the desk."""

    any_permission_required = ["view", "change"]

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Registration)


class RegistrationChooseView(RegistrationChooserAccess, ChooseView):
    pass


class RegistrationChooseResultsView(RegistrationChooserAccess, ChooseResultsView):
    pass


class RegistrationChosenView(RegistrationChooserAccess, SnippetChosenView):
    pass


class RegistrationChosenMultipleView(RegistrationChooserAccess, SnippetChosenMultipleView):
    pass


class RegistrationChooserCreateView(RegistrationChooserAccess, SnippetCreateView):
    pass


class RegistrationChooserViewSet(SnippetChooserViewSet):
    choose_view_class = RegistrationChooseView
    choose_results_view_class = RegistrationChooseResultsView
    chosen_view_class = RegistrationChosenView
    chosen_multiple_view_class = RegistrationChosenMultipleView
    create_view_class = RegistrationChooserCreateView


# The dashboard


@dataclass
class SectorCount:
    label: str
    count: int
    percent: int


@dataclass
class EditionSummary:
    edition: ConferencePage
    page: RegistrationPage
    state: str
    seats_taken: int
    waitlist: int
    pending: int
    unconfirmed: int
    undelivered_emails: int
    active: int
    sectors: list

    def link(self, **filters):
        return list_url(edition=self.edition.pk, **filters)

    @property
    def list_url(self):
        return self.link()

    @property
    def seats_url(self):
        return self.link(status=RegistrationStatus.CONFIRMED)

    @property
    def pending_url(self):
        return self.link(status=RegistrationStatus.PENDING)

    @property
    def waitlist_url(self):
        return self.link(status=RegistrationStatus.WAITLISTED)

    @property
    def unconfirmed_url(self):
        return self.link(status=RegistrationStatus.UNCONFIRMED)


def _editions_taking_registrations(now):
    """[(edition, registration page)] whose registration is open or yet to open."""
    pages = list(RegistrationPage.objects.live().order_by("path"))
    parents = [page.path[: -Page.steplen] for page in pages]
    editions = {
        edition.path: edition for edition in ConferencePage.objects.filter(path__in=parents)
    }
    found = []
    for page in pages:
        edition = editions.get(page.path[: -Page.steplen])
        if edition is None or edition.is_past:
            continue
        page.edition = edition  # spares window_state() a query for the edition
        if page.window_state(now) != "closed":
            found.append((edition, page))
    return sorted(found, key=lambda pair: pair[0].start_date)


def edition_summaries(now=None):
    """The figures the dashboard shows, in four queries whatever the number of editions."""
    now = now or timezone.now()
    taking = _editions_taking_registrations(now)
    # Tried at least once and not sent: retrying, or given up.
    undelivered = dict(
        OutgoingEmail.objects.filter(
            registration__edition__in=[edition for edition, _ in taking],
            attempts__gt=0,
            status__in=[EmailStatus.QUEUED, EmailStatus.SENDING, EmailStatus.FAILED],
        )
        .order_by()
        .values_list("registration__edition")
        .annotate(Count("pk"))
    )
    rows = (
        Registration.objects.filter(edition__in=[edition for edition, _ in taking])
        .order_by()
        .values("edition", "sector")
        .annotate(
            **{
                status: Count("pk", filter=Q(status=status))
                for status in [*IN_THE_RUNNING, RegistrationStatus.UNCONFIRMED]
            }
        )
    )
    by_edition = {}
    for row in rows:
        by_edition.setdefault(row["edition"], []).append(row)

    summaries = []
    for edition, page in taking:
        rows = by_edition.get(edition.pk, [])
        by_sector = {row["sector"]: sum(row[status] for status in IN_THE_RUNNING) for row in rows}
        active = sum(by_sector.values())
        counts = [(label, by_sector.get(sector, 0)) for sector, label in Sector.choices]
        sectors = [SectorCount(label, count, _percent(count, active)) for label, count in counts]
        sectors.sort(key=lambda sector: -sector.count)  # stable: ties keep Sector's order
        summaries.append(
            EditionSummary(
                edition=edition,
                page=page,
                state=page.window_state(now),
                seats_taken=sum(row[RegistrationStatus.CONFIRMED] for row in rows),
                waitlist=sum(row[RegistrationStatus.WAITLISTED] for row in rows),
                pending=sum(row[RegistrationStatus.PENDING] for row in rows),
                unconfirmed=sum(row[RegistrationStatus.UNCONFIRMED] for row in rows),
                undelivered_emails=undelivered.get(edition.pk, 0),
                active=active,
                sectors=sectors,
            )
        )
    return summaries


def _percent(part, whole):
    return round(100 * part / whole) if whole else 0


class RegistrationDeskPanel(Component):
    name = "registration_desk"
    template_name = "registrations/admin/desk_panel.html"
    order = 50  # above Wagtail's own panels: this is what organisers come for

    def __init__(self, summaries):
        self.summaries = summaries

    def get_context_data(self, parent_context=None):
        return {"summaries": self.summaries, "list_url": list_url()}
