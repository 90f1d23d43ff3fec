"""Everything iCalendar: building calendars (ical.py) and serving them as feeds (feeds.py)."""
