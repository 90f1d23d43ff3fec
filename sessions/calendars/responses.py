from django.http import HttpResponse
from django.utils.http import content_disposition_header


class CalendarResponse(HttpResponse):
    """An iCalendar body, shown inline for subscriptions or saved as a file for downloads."""

    def __init__(self, body, *, filename, download=False, **kwargs):
        super().__init__(body, content_type="text/calendar; charset=utf-8", **kwargs)
        self["Content-Disposition"] = content_disposition_header(download, filename)
