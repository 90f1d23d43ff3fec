"""The directory's section of a delegate's manage page: the listing consent, the profile
and people to meet."""

from django.http import HttpResponseRedirect

from registrations.extensions import ManageSection
from registrations.forms import CONSENT_WORDING
from registrations.models import Registration, RegistrationStatus
from registrations.services import set_directory_listing

from . import services
from .directory import profile_of, with_profiles
from .forms import ProfileForm
from .models import DirectoryPage
from .suggestions import people_to_meet

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
