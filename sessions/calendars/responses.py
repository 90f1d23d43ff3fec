from django.http import HttpResponse


class CalendarResponse(HttpResponse):
    """An iCalendar body, shown inline for subscriptions or saved as a file for downloads."""

    def __init__(self, body, *, filename, download=False, **kwargs):
        super().__init__(body, content_type="text/calendar; charset=utf-8", **kwargs)
        disposition = "attachment" if download else "inline"
        self["Content-Disposition"] = f'{disposition}; filename="{filename}"'
