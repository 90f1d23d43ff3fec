"""The directory's section of a delegate's manage page: the listing consent, the profile
and people to meet."""

from django.db.models import Q
from django.http import HttpResponseRedirect

from registrations.extensions import ManageSection
from registrations.forms import CONSENT_WORDING
from registrations.models import Registration, RegistrationStatus
from registrations.services import set_directory_listing

from . import meetings, services
from .directory import profile_of, with_profiles
from .forms import MeetingAnswerForm, ProfileForm
from .models import DirectoryPage, Meeting, MeetingStatus
from .suggestions import people_to_meet

MEETING_NOTICES = {
    "accept": "The meeting is agreed. You will find it in your personal calendar.",
    "decline": "You declined the request.",
    "cancel": "Cancelled.",
    "block": "You declined the request, and that delegate can ask you nothing more.",
}
NOTICES = {
    "listed": "You are listed in the delegate directory.",
    "unlisted": "You are no longer listed in the delegate directory.",
    "profile": "Your directory profile is saved.",
}


def _initial(profile):
    if profile is None:
        return {}
    return {
        "introduction": profile.introduction,
        "can_help_with": profile.can_help_with,
        "looking_for": profile.looking_for,
        "tracks": list(profile.tracks.all()),
        "topics": list(profile.topics.all()),
        "languages": [language.code for language in profile.languages.all()],
    }


def _directory(page):
    return DirectoryPage.objects.child_of(page.edition).live().first()


class DirectorySection(ManageSection):
    template_name = "network/manage_section.html"
    actions = ("directory-listing", "directory-profile")

    def fields_taken_over(self, page):
        # Listing or not is asked here, beside what the listing shows, not under "Your details".
        return ("directory_listing",) if _directory(page) else ()

    def get_context(self, request, page, registration):
        directory = _directory(page)
        if directory is None or not registration.is_active:
            return {"directory": None}
        fetched = with_profiles(Registration.objects.filter(pk=registration.pk)).get()
        profile = profile_of(fetched)
        confirmed = registration.status == RegistrationStatus.CONFIRMED
        return {
            "directory": directory,
            "confirmed": confirmed,
            "listed": registration.directory_listing,
            "consent_wording": CONSENT_WORDING["directory"],
            "profile": profile,
            "hidden": profile is not None and profile.hidden_at is not None,
            "profile_form": ProfileForm(edition=page.edition, initial=_initial(profile)),
            "suggestions": people_to_meet(registration) if confirmed else [],
            "section_notice": NOTICES.get(request.GET.get("done", "")),
        }

    def post(self, request, page, registration, action, here):
        if not registration.is_active:
            return {"section_error": "Your registration is cancelled: register again first."}
        if action == "directory-listing":
            choice = request.POST.get("listed")
            if choice not in ("yes", "no"):
                return {"section_error": "Use the button to list yourself or to stop."}
            set_directory_listing(registration, choice == "yes")
            done = "listed" if choice == "yes" else "unlisted"
            return HttpResponseRedirect(f"{here}?done={done}#directory", status=303)
        form = ProfileForm(request.POST, edition=page.edition)
        if not form.is_valid():
            return {"profile_form": form}
        services.save_profile(registration, form.cleaned_data)
        return HttpResponseRedirect(f"{here}?done=profile#directory", status=303)


def _meeting_of(registration, pk):
    """One of the delegate's own meetings, or None."""
    if not str(pk).isdigit():
        return None
    mine = Q(requester=registration) | Q(invitee=registration, silenced=False)
    return Meeting.objects.filter(mine, pk=pk).first()


class MeetingsSection(ManageSection):
    """The delegate's 1:1 meetings: requests to answer, requests waiting, meetings agreed."""

    template_name = "network/meetings_section.html"
    actions = ("meeting-accept", "meeting-decline", "meeting-cancel", "meeting-block")

    def get_context(self, request, page, registration):
        directory = _directory(page)
        if directory is None or not registration.is_active:
            return {"shown": False}
        mine = Meeting.objects.filter(
            Q(requester=registration) | Q(invitee=registration, silenced=False)
        ).select_related("requester", "invitee", "time", "point")
        if not directory.meetings_enabled and not mine.exists():
            return {"shown": False}
        to_answer = list(
            mine.filter(invitee=registration, status=MeetingStatus.REQUESTED).prefetch_related(
                "offered_times"
            )
        )
        return {
            "shown": True,
            "directory": directory,
            "me": registration,
            "to_answer": [(meeting, MeetingAnswerForm(meeting=meeting)) for meeting in to_answer],
            "waiting": mine.filter(requester=registration, status=MeetingStatus.REQUESTED),
            "agreed": [
                (meeting, meeting.other(registration))
                for meeting in mine.filter(status=MeetingStatus.ACCEPTED).order_by(
                    "time__day", "time__starts_at"
                )
            ],
            "past": [
                (meeting, meeting.other(registration))
                for meeting in mine.filter(
                    status__in=[MeetingStatus.DECLINED, MeetingStatus.CANCELLED]
                )[:10]
            ],
            "meetings_notice": MEETING_NOTICES.get(request.GET.get("done", "")),
        }

    def post(self, request, page, registration, action, here):
        meeting = _meeting_of(registration, request.POST.get("meeting", ""))
        if meeting is None:
            return {"meetings_error": "That meeting is not one of yours."}
        try:
            if action == "meeting-accept":
                form = MeetingAnswerForm(request.POST, meeting=meeting)
                if not form.is_valid():
                    return {"meetings_error": " ".join(form.errors.get("time", []))}
                meetings.accept(
                    meeting,
                    registration,
                    form.cleaned_data["time"],
                    share_email=form.cleaned_data["share_email"],
                )
            elif action == "meeting-decline":
                note = request.POST.get("note", "")
                if len(note) > 500:
                    return {"meetings_error": "Note: use at most 500 characters."}
                meetings.decline(meeting, registration, note)
            elif action == "meeting-cancel":
                meetings.cancel(meeting, registration)
            else:
                meetings.block(registration, meeting.other(registration))
                meetings.decline(meeting, registration)
        except meetings.MeetingError as error:
            return {"meetings_error": str(error)}
        done = action.removeprefix("meeting-")
        return HttpResponseRedirect(f"{here}?done={done}#meetings", status=303)
