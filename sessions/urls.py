from django.urls import path

from . import changes_feed, feeds, frab_views

urlpatterns = [
    path("<int:edition_id>/agenda.ics", feeds.agenda_calendar, name="calendar-agenda"),
    path(
        "<int:edition_id>/tracks/<int:track_id>.ics", feeds.track_calendar, name="calendar-track"
    ),
    path("<int:edition_id>/days/<str:day_text>.ics", feeds.day_calendar, name="calendar-day"),
    path(
        "<int:edition_id>/speakers/<int:speaker_id>.ics",
        feeds.speaker_calendar,
        name="calendar-speaker",
    ),
    path(
        "<int:edition_id>/sessions/<int:session_id>.ics",
        feeds.session_calendar,
        name="calendar-session",
    ),
    path(
        "<int:edition_id>/selection/<str:selection>.ics",
        feeds.selection_calendar,
        name="calendar-selection",
    ),
    path("<int:edition_id>/schedule.xml", frab_views.schedule_xml, name="schedule-xml"),
    path("<int:edition_id>/schedule.json", frab_views.schedule_json, name="schedule-json"),
    path(
        "<int:edition_id>/changes.atom",
        changes_feed.ScheduleChangesFeed(),
        name="schedule-changes-feed",
    ),
]
