"""The admin upload for a programme file: the same import and report as the command.

Importing publishes sessions straight away when the agenda is live, so it is open to those
who may add and publish sessions under the edition's agenda (organisers), not to those
whose changes go through the programme review.
"""

from django import forms
from django.http import HttpResponseForbidden
from django.urls import path, reverse
from django.views.generic import FormView

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from conference.models import ConferencePage
from sessions.models import AgendaPage

from .importers import FORMATS, UnknownFormat, parse_file
from .programme_import import import_programme

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def may_import_into(user, edition):
    agenda = AgendaPage.objects.child_of(edition).first()
    if agenda is None:
        return False
    permissions = agenda.permissions_for_user(user)
    return permissions.can_add_subpage() and permissions.can_publish()


def may_import(user):
    """Whether the menu item shows and the form opens: the user may publish some page."""
    return PagePermissionPolicy().user_has_permission(user, "publish")


class ImportForm(forms.Form):
    file = forms.FileField(help_text="A .csv file, or a frab schedule.xml or schedule.json.")
    edition = forms.ModelChoiceField(queryset=ConferencePage.objects.none())
    format = forms.ChoiceField(
        choices=[("", "From the file name"), *((name, name) for name in FORMATS)],
        required=False,
    )
    dry_run = forms.BooleanField(
        required=False,
        initial=True,
        label="Dry run",
        help_text="Report what would be created, updated or rejected, and write nothing.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        editions = ConferencePage.objects.order_by("-start_date")
        allowed = [edition.pk for edition in editions if may_import_into(user, edition)]
        self.fields["edition"].queryset = editions.filter(pk__in=allowed)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        if upload.size > MAX_UPLOAD_BYTES:
            self.add_error("file", "The file is larger than 5 MB.")
            return cleaned
        try:
            cleaned["parsed"] = parse_file(upload.read(), upload.name, cleaned.get("format"))
        except UnknownFormat as error:
            self.add_error("file", str(error))
        return cleaned


class ProgrammeImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "agenda/admin/programme_import.html"
    form_class = ImportForm
    page_title = "Import programme"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not may_import(request.user):
            # A plain 403, not Wagtail's redirect to the dashboard: a script posting files
            # must learn that it was refused.
            return HttpResponseForbidden("You may not import programmes.")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        report = import_programme(
            edition=form.cleaned_data["edition"],
            parsed=form.cleaned_data["parsed"],
            dry_run=form.cleaned_data["dry_run"],
        )
        return self.render_to_response(self.get_context_data(form=form, report=report))


def admin_urls():
    return [
        path("import-programme/", ProgrammeImportView.as_view(), name="programme_import"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_import(request.user)


def menu_item():
    return ImportMenuItem(
        "Import programme", reverse("programme_import"), icon_name="upload", order=206
    )
