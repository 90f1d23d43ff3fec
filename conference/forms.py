from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.formats import date_format

from wagtail.admin.forms import WagtailAdminPageForm

from .timezones import utc_to_local


def _sessions(count):
    return f"{count} session{'' if count == 1 else 's'}"


class ConferencePageForm(WagtailAdminPageForm):
    """Dates and a time zone that would strand the edition's scheduled sessions are refused."""

    def clean(self):
        cleaned_data = super().clean()
        start_date, end_date = cleaned_data.get("start_date"), cleaned_data.get("end_date")
        zone_name = cleaned_data.get("time_zone")
        if not self.instance.pk or not (start_date and end_date and zone_name):
            return cleaned_data
        # Named by label: the agenda app builds on this one, not the other way round.
        sessions = apps.get_model("agenda", "SessionPage").objects.descendant_of(self.instance)
        if zone_name != self.instance.time_zone and sessions.exists():
            self.add_error(
                "time_zone",
                ValidationError(
                    f"This edition has {_sessions(sessions.count())} whose local times would "
                    f"all move. Keep {self.instance.time_zone}, or move the sessions first.",
                    code="sessions_would_move",
                ),
            )
        outside = [
            session
            for session in sessions.order_by("start")
            if utc_to_local(session.start, self.instance.time_zone).date() < start_date
            or utc_to_local(session.end, self.instance.time_zone).date() > end_date
        ]
        if outside:
            titles = ", ".join(f"“{session.title}”" for session in outside[:3])
            more = f" and {len(outside) - 3} more" if len(outside) > 3 else ""
            self.add_error(
                None,
                ValidationError(
                    f"{_sessions(len(outside))} would fall outside "
                    f"{date_format(start_date, 'j F Y')} to {date_format(end_date, 'j F Y')}: "
                    f"{titles}{more}. Move them first.",
                    code="sessions_outside_dates",
                ),
            )
        return cleaned_data
