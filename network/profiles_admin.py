"""Directory profiles in the admin: a read-only listing and the one export that holds the
profiles' texts, for organisers who ask for them (the registration desk's exports never do)."""

from wagtail.admin.ui.tables import BooleanColumn, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from registrations.desk import RegistrationPermissionPolicy

from .models import DelegateProfile


class ReadOnlyPolicy(RegistrationPermissionPolicy):
    """Delegates write their profiles; organisers hide them from the directory's pages."""

    refused = {"add", "change", "delete"}


register_permission_policy(DelegateProfile, ReadOnlyPolicy(DelegateProfile))


class DirectoryProfileViewSet(ModelViewSet):
    model = DelegateProfile
    icon = "user"
    menu_label = "Directory profiles"
    menu_order = 215
    add_to_admin_menu = True
    form_fields = []  # never edited here (ReadOnlyPolicy)
    inspect_view_enabled = True
    list_display = [
        "registration",
        "edition",
        BooleanColumn("is_hidden", label="Hidden by organisers"),
        DateColumn("updated_at", label="Updated"),
    ]
    list_filter = ["registration__edition"]
    search_fields = ["registration__name", "registration__organisation", "introduction"]
    search_backend_name = None
    list_export = [
        "registration.reference",
        "edition",
        "registration.name",
        "registration.organisation",
        "introduction",
        "can_help_with",
        "looking_for",
        "interests",
        "languages_text",
        "registration.directory_listing",
        "is_hidden",
        "hidden_reason",
        "updated_at",
    ]
    export_headings = {
        "registration.reference": "Reference",
        "registration.name": "Name",
        "registration.organisation": "Organisation",
        "registration.directory_listing": "Listed (the delegate's consent)",
        "languages_text": "Languages",
        "is_hidden": "Hidden by organisers",
        "updated_at": "Updated (UTC)",
    }
    export_filename = "directory-profiles"

    def get_queryset(self, request):
        return DelegateProfile.objects.select_related(
            "registration", "registration__edition"
        ).prefetch_related("tracks", "topics", "languages")
