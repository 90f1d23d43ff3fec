"""The registration desk: listing, export, actions and dashboard panel (built in desk.py)."""

from django.contrib import messages
from django.shortcuts import redirect

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import DateColumn
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from conference.models import ConferencePage

from . import desk
from .models import Registration, RegistrationPage

# Before the viewset asks for a policy: Wagtail would otherwise make a default one.
register_permission_policy(Registration, desk.RegistrationPermissionPolicy(Registration))


class RegistrationViewSet(SnippetViewSet):
    model = Registration
    icon = "group"
    menu_label = "Registrations"
    menu_order = 210
    add_to_admin_menu = True
    index_view_class = desk.RegistrationIndexView
    chooser_viewset_class = desk.RegistrationChooserViewSet
    index_results_template_name = "registrations/admin/index_results.html"
    list_display = [
        "name",
        "email",
        "organisation",
        "sector",
        "country",
        "status",
        DateColumn("created_at", label="Registered", sort_key="created_at"),
        "reference",
    ]
    filterset_class = desk.RegistrationFilterSet
    list_per_page = 50
    # The database's own matching (icontains), alike on SQLite and PostgreSQL, with no
    # search index to keep in step with personal data that may be erased.
    search_fields = desk.SEARCH_FIELDS
    search_backend_name = None
    list_export = [
        "reference",
        "edition",
        "get_status_display",
        "name",
        "email",
        "organisation",
        "job_title",
        "get_sector_display",
        "country.name",
        "dietary_needs",
        "accessibility_needs",
        "directory_listing",
        "photography",
        "created_at",
    ]
    export_headings = {
        "get_status_display": "Status",
        "get_sector_display": "Sector",
        "country.name": "Country",
        "created_at": "Registered (UTC)",
    }
    export_filename = "registrations"
    inspect_view_enabled = True
    inspect_view_fields = [
        "reference",
        "edition",
        "status",
        "email",
        "name",
        "organisation",
        "job_title",
        "sector",
        "country",
        "dietary_needs",
        "accessibility_needs",
        "directory_listing",
        "photography",
        "created_at",
        "address_confirmed_at",
        "status_changed_at",
    ]
    # What organisers may correct. Status and links change only through the actions
    # (services.py); the address and consents only through the attendee's own link.
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("job_title")]),
        FieldRowPanel([FieldPanel("sector"), FieldPanel("country")]),
        FieldPanel("dietary_needs"),
        FieldPanel("accessibility_needs"),
    ]

    def get_queryset(self, request):
        return Registration.objects.select_related("edition")


register_snippet(RegistrationViewSet)

for action in desk.ROW_ACTIONS:
    hooks.register("register_bulk_action", action)
# After Wagtail's own bulk delete, which it replaces for registrations.
hooks.register("register_bulk_action", desk.DeleteRefusal, order=1)


@hooks.register("before_edit_snippet")
def refuse_to_edit_erased_registrations(request, instance):
    """Erased personal data stay erased: nobody types them back in."""
    if isinstance(instance, Registration) and instance.anonymised_at:
        messages.error(request, f"{instance}: the personal data were erased; nothing to edit.")
        return redirect(desk.LIST_URL_NAME)
    return None


@hooks.register("register_log_actions")
def register_desk_log_actions(actions):
    for action in desk.ROW_ACTIONS:
        actions.register_action(
            f"registrations.{action.action_type}", action.display_name, action.done.capitalize()
        )


@hooks.register("construct_homepage_panels")
def add_registration_desk_panel(request, panels):
    policy = policy_registry.get_by_type(Registration)
    if not policy.user_has_any_permission(request.user, ["view", "change"]):
        return
    if summaries := desk.edition_summaries():
        panels.append(desk.RegistrationDeskPanel(summaries))


@hooks.register("before_delete_page")
def refuse_to_delete_pages_registrations_need(request, page):
    """An edition's registrations need their edition (for the counts) and their registration
    page (for attendees' links, e-mails and the retention period)."""
    editions = ConferencePage.objects.descendant_of(page, inclusive=True)
    if isinstance(page.specific, RegistrationPage):
        editions = ConferencePage.objects.ancestor_of(page)
    count = Registration.objects.filter(edition__in=editions).count()
    if not count:
        return None
    messages.error(
        request,
        f"“{page.title}” cannot be deleted: {count} registrations depend on it, and "
        "attendees' links, e-mails and the retention period need it. To stop taking "
        "registrations, set the closing time on the registration page.",
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)
