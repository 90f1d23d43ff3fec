from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.fields import BaseTemporalField
from django.utils.dateparse import parse_datetime

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateTimeInput

from conference.models import ConferencePage
from conference.timezones import NonexistentLocalTime, local_to_utc, utc_to_local


class EditionDateTimeField(forms.DateTimeField):
    """A date and time read and shown in the edition's zone, whatever the active zone is."""

    widget = AdminDateTimeInput

    def __init__(self, *args, zone_name="UTC", **kwargs):
        self.zone_name = zone_name
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, datetime) and value.tzinfo is not None:
            return utc_to_local(value, self.zone_name).replace(tzinfo=None)
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            local = value
        else:
            try:
                local = parse_datetime(value.strip())
            except ValueError:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
            # Skip DateTimeField's own reading, which would apply the active time zone.
            local = local or BaseTemporalField.to_python(self, value)
        if local.tzinfo is not None:
            return local
        try:
            return local_to_utc(local, self.zone_name)
        except NonexistentLocalTime as error:
            raise ValidationError(str(error), code="nonexistent") from None


class OpeningWindowPageForm(WagtailAdminPageForm):
    """A page of an edition that opens and closes something (registration, meeting requests)
    at times read and shown in the edition's zone, whatever the admin's own zone is; it must
    close after it opens."""

    window_fields = ("opens_at", "closes_at")
    window_error = "It must close after it opens."

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        anchor = self.instance if self.instance.pk else parent_page
        self.edition = ConferencePage.for_page(anchor) if anchor is not None else None
        zone_name = self.edition.time_zone if self.edition else "UTC"
        for name in self.window_fields:
            model_field = self._meta.model._meta.get_field(name)
            self.fields[name] = EditionDateTimeField(
                zone_name=zone_name,
                label=f"{model_field.verbose_name.capitalize()} ({zone_name})",
                help_text=model_field.help_text,
                required=False,
            )

    def clean(self):
        cleaned_data = super().clean()
        opens_at, closes_at = (cleaned_data.get(name) for name in self.window_fields)
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error(self.window_fields[1], self.window_error)
        return cleaned_data


class SessionPageForm(WagtailAdminPageForm):
    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        anchor = self.instance if self.instance.pk else parent_page
        self.edition = ConferencePage.for_page(anchor) if anchor is not None else None
        zone_name = self.edition.time_zone if self.edition else "UTC"
        for name in ("start", "end"):
            model_field = self._meta.model._meta.get_field(name)
            self.fields[name] = EditionDateTimeField(
                zone_name=zone_name,
                label=f"{model_field.verbose_name.capitalize()} ({zone_name})",
                help_text=f"Local time in {zone_name}, the edition's time zone.",
                required=True,
            )
        if self.edition and "track" in self.fields:
            self.fields["track"].queryset = self.edition.tracks.all()

    def clean(self):
        # Imported here: the scheduling rules query the models that name this form.
        from .scheduling import schedule_errors

        cleaned_data = super().clean()
        if self.edition is None:
            return cleaned_data
        errors = schedule_errors(
            edition=self.edition,
            session_id=self.instance.pk,
            start=cleaned_data.get("start"),
            end=cleaned_data.get("end"),
            status=cleaned_data.get("status"),
            room=cleaned_data.get("room"),
            track=cleaned_data.get("track"),
            speakers=self._chosen_speakers(),
        )
        for field, messages in errors.items():
            for message in messages:
                self.add_error(None if field == "__all__" else field, message)
        return cleaned_data

    def _chosen_speakers(self):
        formset = self.formsets.get("session_speakers")
        if formset is None or not formset.is_valid():
            return []
        return [
            form.cleaned_data["speaker"]
            for form in formset.forms
            if form.cleaned_data.get("speaker") and not form.cleaned_data.get("DELETE")
        ]
