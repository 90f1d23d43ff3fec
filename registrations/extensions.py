"""What other apps add to an attendee's own pages, without this app knowing them.

Apps that build on registrations (the delegate network) register Wagtail hooks:

- "registration_manage_sections": a function returning a `ManageSection`, a section of the
  attendee's manage page with its own form actions;
- "registration_data": a function of a registration returning {key: value} for the
  attendee's data download;
- "personal_calendar_events": a function of a registration returning iCalendar VEVENTs for
  the attendee's personal calendar feed, beside their chosen sessions;
- "registration_email": a function of an OutgoingEmail returning None, or, for the kinds
  it renders, {"subject", "template" (without .txt/.html), "context", "attachments"}.
"""

from wagtail import hooks

from .forms import AttendeeDetailsForm

MANAGE_SECTIONS_HOOK = "registration_manage_sections"
DATA_HOOK = "registration_data"
CALENDAR_HOOK = "personal_calendar_events"
EMAIL_HOOK = "registration_email"


class ManageSection:
    """A section of the manage page. `actions` are the values of the "action" field its
    forms post; `post` answers them with a response, or with context to show the page
    again with (a form's errors), which the manage view sends with status 400."""

    template_name = ""
    actions = ()

    def fields_taken_over(self, page):
        """Fields of the "Your details" form this section asks for itself instead."""
        return ()

    def get_context(self, request, page, registration):
        return {}

    def post(self, request, page, registration, action, here):
        raise NotImplementedError


def manage_sections():
    return [make_section() for make_section in hooks.get_hooks(MANAGE_SECTIONS_HOOK)]


def details_form(page, *args, **kwargs):
    """The manage page's "Your details" form, without the fields a section asks for."""
    form = AttendeeDetailsForm(*args, **kwargs)
    for section in manage_sections():
        for name in section.fields_taken_over(page):
            form.fields.pop(name, None)
    return form


def more_registration_data(registration):
    data = {}
    for describe in hooks.get_hooks(DATA_HOOK):
        data.update(describe(registration))
    return data


def more_calendar_events(registration):
    return [event for events in hooks.get_hooks(CALENDAR_HOOK) for event in events(registration)]


def email_content(outgoing):
    """What another app says an e-mail of its kind holds, or {}."""
    for render in hooks.get_hooks(EMAIL_HOOK):
        if (content := render(outgoing)) is not None:
            return content
    return {}
