import re

from django import forms
from django.core.exceptions import ValidationError

from conference.models import Sector
from registrations.forms import (
    FieldNamingForm,
    NotesField,
    SingleLineField,
    refuse_control_characters,
    refuse_line_breaks,
)
from sessions.forms import OpeningWindowPageForm
from sessions.queries import edition_topics, edition_tracks

from .languages import LANGUAGES

MAX_QUERY_LENGTH = 100
PROFILE_TEXTS = ("introduction", "can_help_with", "looking_for")

EMAIL_ADDRESS = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
WEB_ADDRESS = re.compile(
    r"https?://|www\.|\b(?:wa|t)\.me/|\b[\w-]+\.(?:com|org|net|io|me|info|biz)\b", re.IGNORECASE
)
# Digits with the spaces, dots, dashes, slashes and brackets numbers are written with.
NUMBER_RUN = re.compile(r"\+?\d[\d\s().\-/]*\d")
# Fewer digits are years, figures and ranges ("2026-2027", "11,772"), not phone numbers.
PHONE_DIGITS = 9


def _is_a_phone_number(run):
    digits = sum(character.isdigit() for character in run)
    return digits >= PHONE_DIGITS or (run.startswith("+") and digits >= 7)


def refuse_contact_details(value):
    """No e-mail address, phone number or web address: delegates reach each other through
    the site, and the directory never shows how to contact anyone."""
    phone = any(_is_a_phone_number(run) for run in NUMBER_RUN.findall(value))
    if phone or EMAIL_ADDRESS.search(value) or WEB_ADDRESS.search(value):
        raise ValidationError(
            "Leave out e-mail addresses, phone numbers and web addresses.", code="contact"
        )


def _followed(label):
    """Tracks or topics of the edition (the form sets the choices), as checkboxes."""
    invalid = f"{label}: choose from the list."
    return forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=label,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": invalid,
            # Hand-made requests: a value that is not a number, or not a list.
            "invalid_pk_value": invalid,
            "invalid_list": invalid,
        },
    )


class ProfileForm(FieldNamingForm):
    """What a delegate adds to their listing: every field optional, plain text only."""

    introduction = NotesField(
        label="Introduction",
        help_text="A few sentences about you and your work. Plain text, at most 500 characters.",
    )
    can_help_with = SingleLineField(
        label="I can help with",
        required=False,
        help_text="For example: tracing payments, takedown requests, species identification.",
    )
    looking_for = SingleLineField(
        label="I am looking for",
        required=False,
        help_text="For example: a police contact in Kenya, marketplaces that sell in Asia.",
    )
    tracks = _followed("Tracks you follow")
    topics = _followed("Topics you follow")
    languages = forms.MultipleChoiceField(
        choices=LANGUAGES,
        required=False,
        label="Languages you speak",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Languages you speak: choose from the list."},
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tracks"].queryset = edition_tracks(edition).order_by("name")
        self.fields["topics"].queryset = edition_topics(edition)
        for name in PROFILE_TEXTS:
            field = self.fields[name]
            field.validators.append(refuse_contact_details)
            field.error_messages["contact"] = (
                f"{field.label}: leave out e-mail addresses, phone numbers and web addresses; "
                "delegates contact each other through the site."
            )


class DirectoryFilterForm(forms.Form):
    """The directory's search and filters, sent by GET; anything not offered is refused."""

    q = forms.CharField(
        label="Search names, organisations and profiles",
        max_length=MAX_QUERY_LENGTH,
        required=False,
        validators=[refuse_control_characters, refuse_line_breaks],
        error_messages={"max_length": f"Search for at most {MAX_QUERY_LENGTH} characters."},
    )
    sector = forms.ChoiceField(
        choices=[("", "Every sector"), *Sector.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a sector from the list."},
    )
    country = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Choose a country from the list."}
    )
    interest = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Choose an interest from the list."}
    )
    language = forms.ChoiceField(
        choices=[("", "Any language"), *LANGUAGES],
        required=False,
        error_messages={"invalid_choice": "Choose a language from the list."},
    )

    def __init__(self, data, *, choices):
        super().__init__(data)
        self.fields["country"].choices = [("", "Every country"), *choices["countries"]]
        self.fields["interest"].choices = [
            ("", "Any interest"),
            ("Tracks", [(f"track-{pk}", name) for pk, name in choices["tracks"]]),
            ("Topics", [(f"topic-{pk}", name) for pk, name in choices["topics"]]),
        ]
        self.fields["q"].error_messages["control"] = "Search: remove the invisible characters."
        self.fields["q"].error_messages["line_break"] = "Search: keep it on one line."


class HideForm(FieldNamingForm):
    reason = NotesField(
        label="Reason, told to the delegate",
        required=True,
        error_messages={"required": "Give the reason: the delegate is told it."},
    )


class DirectoryPageForm(OpeningWindowPageForm):
    """Meeting requests open and close at times in the edition's zone."""

    window_fields = ("meetings_open_at", "meetings_close_at")
    window_error = "Requests must close after they open."


class MeetingRequestForm(FieldNamingForm):
    """Ask a delegate for a 1:1 meeting at one to three times free for both."""

    times = forms.ModelMultipleChoiceField(
        queryset=None,
        label="Times that suit you",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Times that suit you: choose one to three.",
            "invalid_choice": "Times that suit you: choose from the list.",
            "invalid_pk_value": "Times that suit you: choose from the list.",
        },
        help_text="One to three; only times at which you are both free are offered.",
    )
    message = NotesField(
        label="Message",
        help_text="Why you would like to meet. Plain text, at most 500 characters.",
    )
    share_email = forms.BooleanField(
        required=False,
        label="Show them my e-mail address if they accept and show theirs",
    )

    def __init__(self, *args, times, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["times"].queryset = times

    def clean_times(self):
        times = self.cleaned_data["times"]
        if len(times) > 3:
            raise ValidationError("Times that suit you: choose at most three.", code="too_many")
        return times


class MeetingAnswerForm(FieldNamingForm):
    """The invitee's answer: one of the offered times, and whether to share an address."""

    time = forms.ModelChoiceField(
        queryset=None,
        label="Time",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Time: choose one of the times offered.",
            "invalid_choice": "Time: choose one of the times offered.",
        },
    )
    share_email = forms.BooleanField(
        required=False, label="Show them my e-mail address if they show theirs"
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, prefix=f"meeting-{meeting.pk}", **kwargs)
        self.fields["time"].queryset = meeting.offered_times.order_by("day", "starts_at")
