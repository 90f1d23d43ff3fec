import hashlib
import unicodedata

from django_countries import countries

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import pretty_name
from django.utils.html import strip_tags

from conference.models import Sector
from sessions.forms import OpeningWindowPageForm

from .addresses import MAX_LENGTH, normalise_email

CONSENT_WORDING = {
    "privacy": "I have read the privacy notice and agree that my details are used to run "
    "my registration.",
    "directory": "List me in the delegate directory, which only the edition's confirmed "
    "delegates and its organisers see: my name, job title, organisation, sector and country, "
    "and the profile I add. Never my contact details.",
    "photography": "I agree to appear in photographs and video taken at the conference.",
}


def wording_version(kind, privacy_notice=""):
    """A short fingerprint of what the person agreed to: the label and, for privacy, the
    notice itself, so that a changed notice is a new version."""
    text = CONSENT_WORDING[kind]
    if kind == "privacy":
        text += "\n" + strip_tags(privacy_notice)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def refuse_control_characters(value):
    """Letters, marks, numbers, punctuation, symbols and spaces only: no control or
    formatting characters that would corrupt exports and e-mail headers."""
    for character in value:
        if character in "\n\r\t":
            continue
        if unicodedata.category(character)[0] == "C":
            raise ValidationError(
                "Remove the invisible or control characters from this field.", code="control"
            )


def refuse_line_breaks(value):
    if "\n" in value or "\r" in value:
        raise ValidationError("Keep this field on one line.", code="line_break")


class FixedChoiceField(forms.ChoiceField):
    """A choice field whose choices are fixed in code (the countries): every form made
    shares them instead of deep-copying the list (a form's fields are copied each time one
    is made: for 250 countries, most of the cost of making the registration form)."""

    def __deepcopy__(self, memo):
        result = forms.Field.__deepcopy__(self, memo)
        result._choices = self._choices
        return result


class SingleLineField(forms.CharField):
    default_validators = [refuse_control_characters, refuse_line_breaks]

    def __init__(self, *args, max_length=200, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)


class NotesField(forms.CharField):
    default_validators = [refuse_control_characters]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(*args, **kwargs)


class FieldNamingForm(forms.Form):
    """A form whose every message names its field, since the error summary above the form
    lists the messages alone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            label = field.label or pretty_name(name)
            if getattr(field, "max_length", None):
                field.error_messages["max_length"] = (
                    f"{label}: use at most {field.max_length} characters."
                )
            field.error_messages["control"] = (
                f"{label}: remove the invisible or control characters."
            )
            field.error_messages["line_break"] = f"{label}: keep it on one line."


class AttendeeDetailsForm(FieldNamingForm):
    """What an attendee tells about themselves, at registration and when changing it later."""

    name = SingleLineField(
        label="Full name",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Enter your full name."},
    )
    organisation = SingleLineField(
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"required": "Enter your organisation."},
    )
    job_title = SingleLineField(
        label="Job title",
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
        error_messages={"required": "Enter your job title."},
    )
    sector = forms.ChoiceField(
        choices=[("", "Choose a sector"), *Sector.choices],
        error_messages={
            "required": "Choose your sector.",
            "invalid_choice": "Choose your sector from the list.",
        },
    )
    country = FixedChoiceField(
        choices=[("", "Choose a country"), *countries],
        widget=forms.Select(attrs={"autocomplete": "country"}),
        error_messages={
            "required": "Choose your country.",
            "invalid_choice": "Choose your country from the list.",
        },
    )
    dietary_needs = NotesField(
        label="Dietary needs (optional)", help_text="For example vegetarian, halal or allergies."
    )
    accessibility_needs = NotesField(
        label="Accessibility needs (optional)",
        help_text="Anything that would help you take part: step-free access, a hearing loop, "
        "seating, captions.",
    )
    directory_listing = forms.BooleanField(required=False, label=CONSENT_WORDING["directory"])
    photography = forms.BooleanField(required=False, label=CONSENT_WORDING["photography"])


class RegistrationForm(AttendeeDetailsForm):
    field_order = ["name", "email"]

    email = forms.EmailField(
        label="E-mail address",
        max_length=MAX_LENGTH,
        error_messages={
            "required": "Enter your e-mail address.",
            "invalid": "Enter your e-mail address in the form name@example.org.",
        },
        help_text="We send a link to this address to confirm it.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    privacy_consent = forms.BooleanField(
        label=CONSENT_WORDING["privacy"],
        error_messages={
            "required": "Tick the box to agree to the privacy notice: we cannot "
            "register you without it."
        },
    )
    # Left empty by people, whose browsers never see it; filled in by form-filling robots.
    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_email(self):
        try:
            email, email_key = normalise_email(self.cleaned_data["email"])
        except ValueError:
            raise ValidationError(
                "Enter your e-mail address in the form name@example.org.", code="invalid"
            ) from None
        if max(len(email), len(email_key)) > MAX_LENGTH:
            raise ValidationError(
                f"This e-mail address is too long: at most {MAX_LENGTH} characters.",
                code="max_length",
            )
        return self.cleaned_data["email"]

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(
                "This form looks automatically filled in: leave the last field empty.",
                code="honeypot",
            )
        return ""


class LostLinkForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address you registered with",
        max_length=MAX_LENGTH,
        error_messages={
            "required": "Enter the e-mail address you registered with.",
            "invalid": "Enter the e-mail address in the form name@example.org.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SessionChoiceForm(forms.Form):
    """The attendee's starred sessions, from the edition's public agenda."""

    sessions = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessions"].queryset = sessions


class RegistrationPageForm(OpeningWindowPageForm):
    """Opening and closing times in the edition's zone; capacity never below seats given."""

    window_error = "Registration must close after it opens."

    def clean(self):
        cleaned_data = super().clean()
        capacity = cleaned_data.get("capacity")
        if self.edition is not None and capacity is not None:
            # Imported here: services needs the models, which name this form.
            from .services import seats_taken

            taken = seats_taken(self.edition)
            if capacity < taken:
                self.add_error(
                    "capacity",
                    f"{taken} seats are already confirmed: the capacity cannot be lower. "
                    "Cancel registrations at the desk first.",
                )
        return cleaned_data
