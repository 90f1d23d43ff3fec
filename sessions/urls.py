from django.urls import path
from django.views.decorators.http import require_safe

from conference.page_cache import shows_edition

from . import changes_feed
from .calendars import feeds
from .exchange import frab_views

urlpatterns = [
    path(
        "<int:edition_id>/agenda.ics", shows_edition(feeds.agenda_calendar), name="calendar-agenda"
    ),
    path(
        "<int:edition_id>/tracks/<int:track_id>.ics",
        shows_edition(feeds.track_calendar),
        name="calendar-track",
    ),
    path(
        "<int:edition_id>/days/<str:day_text>.ics",
        shows_edition(feeds.day_calendar),
        name="calendar-day",
    ),
    path(
        "<int:edition_id>/speakers/<int:speaker_id>.ics",
        shows_edition(feeds.speaker_calendar),
        name="calendar-speaker",
    ),
    path(
        "<int:edition_id>/sessions/<int:session_id>.ics",
        shows_edition(feeds.session_calendar),
        name="calendar-session",
    ),
    path(
        "<int:edition_id>/selection/<str:selection>.ics",
        shows_edition(feeds.selection_calendar),
        name="calendar-selection",
    ),
    path(
        "<int:edition_id>/schedule.xml",
        shows_edition(frab_views.schedule_xml),
        name="schedule-xml",
    ),
    path(
        "<int:edition_id>/schedule.json",
        shows_edition(frab_views.schedule_json),
        name="schedule-json",
    ),
    path(
        "<int:edition_id>/changes.atom",
        shows_edition(require_safe(changes_feed.ScheduleChangesFeed())),
        name="schedule-changes-feed",
    ),
]
