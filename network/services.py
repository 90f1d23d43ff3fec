"""Every change to a directory profile goes through here."""

from django.db import transaction
from django.utils import timezone

from .meetings import end_meetings_of
from .models import DelegateProfile, SpokenLanguage


def save_profile(registration, cleaned_data):
    """Write what the delegate adds to their listing, all at once or not at all."""
    with transaction.atomic():
        profile, _ = DelegateProfile.objects.select_for_update().get_or_create(
            registration=registration
        )
        profile.introduction = cleaned_data["introduction"]
        profile.can_help_with = cleaned_data["can_help_with"]
        profile.looking_for = cleaned_data["looking_for"]
        profile.save()
        profile.tracks.set(cleaned_data["tracks"])
        profile.topics.set(cleaned_data["topics"])
        profile.languages.all().delete()
        SpokenLanguage.objects.bulk_create(
            SpokenLanguage(profile=profile, code=code) for code in cleaned_data["languages"]
        )
    return profile


def hide(registration, *, reason, user, now=None):
    """Take the delegate out of the directory; they are told the reason on their page."""
    with transaction.atomic():
        profile, _ = DelegateProfile.objects.select_for_update().get_or_create(
            registration=registration
        )
        profile.hidden_at = now or timezone.now()
        profile.hidden_reason = reason
        profile.hidden_by = user
        profile.save(update_fields=["hidden_at", "hidden_reason", "hidden_by", "updated_at"])
        end_meetings_of(registration, now)
    return profile


def suspend_from_meetings(registration, suspended=True):
    """Organisers take a delegate out of 1:1 meetings (their requests and meetings end), or
    let them back."""
    with transaction.atomic():
        profile, _ = DelegateProfile.objects.select_for_update().get_or_create(
            registration=registration
        )
        profile.meetings_suspended = suspended
        profile.save(update_fields=["meetings_suspended", "updated_at"])
        end_meetings_of(registration)
    return profile


def show_again(registration):
    DelegateProfile.objects.filter(registration=registration).update(
        hidden_at=None, hidden_reason="", hidden_by=None, updated_at=timezone.now()
    )


def erase_profile(sender, registration, **kwargs):
    """The registration is being erased: so is everything the delegate added."""
    DelegateProfile.objects.filter(registration=registration).delete()
