"""The admin upload for a programme file: the same import and report as the command, run as
a background task (import_task.py) whose progress and report have a page of their own.

Importing publishes sessions straight away when the agenda is live, so it is open to those
who may add and publish sessions under the edition's agenda (organisers), not to those
whose changes go through the programme review. Importing as a new edition needs the right to
add an edition under the home page; what it makes stays unpublished.
"""

from pathlib import Path

from django import forms
from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from conference.models import ConferencePage, HomePage, Venue
from sessions.models import AgendaPage, ProgrammeImport

from .import_task import ImportRunning, progress_of, start_import
from .importers import FORMATS, UnknownFormat, guess_format
from .programme_import import ImportReport

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
SAMPLES = {
    "programme.csv": "text/csv",
    "schedule.xml": "application/xml",
    "schedule.json": "application/json",
}
SAMPLES_FOLDER = Path(settings.BASE_DIR) / "docs" / "samples"
CSV_COLUMNS = [
    ("id", "yes", "the session's id in your spreadsheet; unique in the file"),
    ("title", "yes", "the session's title"),
    ("date", "yes", "YYYY-MM-DD"),
    ("start, end", "yes", "HH:MM, local time in the edition's time zone"),
    ("kind", "no", "keynote, plenary, panel, talk (the default), workshop, break, networking"),
    ("status", "no", "scheduled (the default) or cancelled"),
    ("room, track", "no", "names; created when missing"),
    ("speakers", "no", "names separated by ;"),
    ("speaker_ids", "with speakers", "one id per speaker, in the same order, separated by ;"),
    ("topics", "no", "keywords separated by ;"),
    ("abstract", "no", "plain text; a blank line starts a new paragraph"),
]


def why_not_importable(user, edition) -> str:
    """Why sessions cannot be imported into the edition by this user, or "" if they can."""
    agenda = AgendaPage.objects.child_of(edition).first()
    if agenda is None:
        return "it has no agenda page yet: add one under it, or import as a new edition"
    permissions = agenda.permissions_for_user(user)
    if not (permissions.can_add_subpage() and permissions.can_publish()):
        return "you may not add and publish sessions in its agenda"
    return ""


def may_import(user):
    """Whether the menu item shows and the form opens: the user may publish some page."""
    return PagePermissionPolicy().user_has_permission(user, "publish")


def may_add_edition(user):
    home = HomePage.objects.first()
    return home is not None and home.permissions_for_user(user).can_add_subpage()


class ImportForm(forms.Form):
    file = forms.FileField(
        help_text="A .csv file, a frab schedule.xml or schedule.json (as pretalx and frab "
        "export them), or a pentabarf XML file (as wafer exports it). At most 5 MB."
    )
    edition = forms.ModelChoiceField(
        queryset=ConferencePage.objects.none(),
        required=False,
        empty_label="A new edition, made from the file",
    )
    venue = forms.ModelChoiceField(
        queryset=Venue.objects.order_by("name"),
        required=False,
        label="Venue of a new edition",
        help_text="Where a new edition's rooms go. Leave empty to add a venue named after the "
        "conference, to complete before publishing.",
    )
    format = forms.ChoiceField(
        choices=[("", "From the file name"), *((name, name) for name in FORMATS)],
        required=False,
    )
    dry_run = forms.BooleanField(
        required=False,
        initial=True,
        label="Dry run",
        help_text="Report what would be created, updated or refused, and write nothing.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        editions = ConferencePage.objects.order_by("-start_date")
        reasons = {edition: why_not_importable(user, edition) for edition in editions}
        self.fields["edition"].queryset = editions.filter(
            pk__in=[edition.pk for edition, reason in reasons.items() if not reason]
        )
        self.can_add_edition = may_add_edition(user)
        if not self.can_add_edition:
            self.fields["edition"].required = True
            self.fields["edition"].empty_label = None
            del self.fields["venue"]
        missing = [f"{edition.title} ({reason})" for edition, reason in reasons.items() if reason]
        self.fields["edition"].help_text = (
            "The edition whose agenda receives the sessions"
            + (", or a new one, left unpublished for review" if self.can_add_edition else "")
            + "."
            + (f" Not listed: {'; '.join(missing)}." if missing else "")
        )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        if upload.size > MAX_UPLOAD_BYTES:
            self.add_error("file", "The file is larger than 5 MB.")
            return cleaned
        try:
            cleaned["format"] = cleaned.get("format") or guess_format(upload.name)
        except UnknownFormat as error:
            self.add_error("file", str(error))
            return cleaned
        cleaned["content"] = upload.read()
        return cleaned


def refused():
    # A plain 403, not Wagtail's redirect to the dashboard: a script posting files must
    # learn that it was refused.
    return HttpResponseForbidden("You may not import programmes.")


class ImportersOnly:
    def dispatch(self, request, *args, **kwargs):
        if not may_import(request.user):
            return refused()
        return super().dispatch(request, *args, **kwargs)


class ProgrammeImportView(ImportersOnly, WagtailAdminTemplateMixin, FormView):
    template_name = "agenda/admin/programme_import.html"
    form_class = ImportForm
    page_title = "Import programme"
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            csv_columns=CSV_COLUMNS,
            samples=list(SAMPLES),
            recent=ProgrammeImport.objects.select_related("edition", "user")[:5],
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            programme_import = start_import(
                user=self.request.user,
                edition=data["edition"],
                as_new_edition=data["edition"] is None,
                venue=data.get("venue"),
                dry_run=data["dry_run"],
                filename=data["file"].name[:255],
                file_format=data["format"],
                content=data["content"],
            )
        except ImportRunning as running:
            form.add_error(None, running_message(running.running))
            return self.form_invalid(form)
        return redirect("programme_import_status", programme_import.pk)


def running_message(running):
    if running is None:
        return "Another import is running. Wait for it to finish, then submit again."
    who = running.user.get_username() if running.user else "someone"
    return (
        f"Another import is running: {running.filename}, started by {who} at "
        f"{date_format(running.created_at, 'H:i')}. Wait for it to finish (its page shows "
        "its progress), then submit again."
    )


class ProgrammeImportStatusView(ImportersOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "agenda/admin/programme_import_status.html"
    page_title = "Programme import"
    header_icon = "upload"

    @cached_property
    def programme_import(self):
        return get_object_or_404(
            ProgrammeImport.objects.select_related("edition", "user"), pk=self.kwargs["pk"]
        )

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("programme_import"), "label": "Import programme"},
            {"url": "", "label": self.programme_import.filename},
        ]

    def get_context_data(self, **kwargs):
        programme_import = self.programme_import
        report = error = None
        if programme_import.finished:
            error = programme_import.report.get("error")
            if not error:
                report = ImportReport.from_data(programme_import.report)
        return super().get_context_data(
            **kwargs,
            programme_import=programme_import,
            progress=None if programme_import.finished else progress_of(programme_import),
            report=report,
            error=error,
            may_import_now=report is not None
            and report.dry_run
            and not report.rejected
            and bool(programme_import.content),
        )

    def post(self, request, *args, **kwargs):
        """Import for real the file a dry run reported on."""
        dry_run = self.programme_import
        if not (dry_run.finished and dry_run.dry_run and dry_run.content):
            messages.error(request, "That file is no longer kept: choose it again.")
            return redirect("programme_import")
        allowed = (
            may_add_edition(request.user)
            if dry_run.as_new_edition
            else dry_run.edition is not None
            and not why_not_importable(request.user, dry_run.edition)
        )
        if not allowed:
            return HttpResponseForbidden("You may not import into that edition.")
        try:
            programme_import = start_import(
                user=request.user,
                edition=dry_run.edition,
                as_new_edition=dry_run.as_new_edition,
                venue=dry_run.venue,
                dry_run=False,
                filename=dry_run.filename,
                file_format=dry_run.file_format,
                content=bytes(dry_run.content),
            )
        except ImportRunning as running:
            messages.error(request, running_message(running.running))
            return redirect("programme_import_status", dry_run.pk)
        ProgrammeImport.objects.filter(pk=dry_run.pk).update(content=b"")
        return redirect("programme_import_status", programme_import.pk)


def sample(request, name):
    if not may_import(request.user):
        return refused()
    if name not in SAMPLES:
        raise Http404
    return FileResponse(
        (SAMPLES_FOLDER / name).open("rb"),
        as_attachment=True,
        filename=name,
        content_type=SAMPLES[name],
    )


def admin_urls():
    return [
        path("import-programme/", ProgrammeImportView.as_view(), name="programme_import"),
        path(
            "import-programme/<int:pk>/",
            ProgrammeImportStatusView.as_view(),
            name="programme_import_status",
        ),
        path(
            "import-programme/samples/<str:name>",
            sample,
            name="programme_import_sample",
        ),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_import(request.user)


def menu_item():
    return ImportMenuItem(
        "Import programme", reverse("programme_import"), icon_name="upload", order=206
    )
