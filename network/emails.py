"""The e-mails that tell of 1:1 meetings. They go through the registrations' outbox, with
its retries (OutgoingEmail rows of the meeting kinds, `about` the meeting); this fills them
in (the "registration_email" hook)."""

from registrations.links import manage_url
from registrations.models import EmailKind
from registrations.services import registration_page
from sessions.calendars.ical import build_calendar

from .calendar import meeting_event
from .models import Meeting

SUBJECTS = {
    EmailKind.MEETING_REQUESTED: "{other} asks you for a 1:1 meeting at {edition}",
    EmailKind.MEETING_ACCEPTED: "Your 1:1 meeting with {other} at {edition} is agreed",
    EmailKind.MEETING_DECLINED: "{other} declined your request for a meeting",
    EmailKind.MEETING_CANCELLED: "Your 1:1 meeting with {other} is cancelled",
}
WITHDRAWN = "{other} withdrew their request for a 1:1 meeting"


def meeting_email(outgoing):
    if outgoing.kind not in SUBJECTS:
        return None
    me = outgoing.registration
    meeting = (
        Meeting.objects.select_related(
            "requester", "invitee", "time__edition", "point", "edition__venue"
        )
        .prefetch_related("offered_times")
        .get(pk=outgoing.about)
    )
    other = meeting.other(me)
    # Rendered when sent: someone who has since erased their data has no name left.
    other_name = other.name or "A delegate who has left"
    page = registration_page(me.edition)
    subject = SUBJECTS[outgoing.kind]
    if outgoing.kind == EmailKind.MEETING_CANCELLED and meeting.time is None:
        subject = WITHDRAWN
    content = {
        "subject": subject.format(other=other_name, edition=me.edition.title),
        "template": f"network/email/{outgoing.kind}",
        "context": {
            "meeting": meeting,
            "other": other,
            "other_name": other_name,
            "meetings_url": manage_url(page, me) + "#meetings",
            "addresses_shown": meeting.requester_shares_email and meeting.invitee_shares_email,
        },
    }
    if outgoing.kind == EmailKind.MEETING_ACCEPTED:
        content["attachments"] = [meeting_attachment(meeting, me)]
    return content


def meeting_attachment(meeting, me):
    """(filename, .ics bytes, MIME type): the meeting as one event, METHOD:PUBLISH, with the
    UID and SEQUENCE of the personal feed, so a calendar that has both keeps one."""
    other = meeting.other(me)
    body = build_calendar(
        feed_id=f"meeting-{meeting.pk}",
        sessions=[],
        name=f"1:1 meeting with {other.name}",
        description=f"A 1:1 meeting at {meeting.edition.title}.",
        url=meeting.edition.get_full_url(),
        session_url=None,
        more_events=[meeting_event(meeting, me)],
    )
    return (f"meeting-{meeting.pk}.ics", body, "text/calendar; method=PUBLISH; charset=utf-8")
