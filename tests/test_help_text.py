"""Every field editors see in the admin says what it is for (issue 6).

The fields are read from each model's admin edit form, built from its panels as the admin
builds it, inline panels included: a field added to a panel without help text fails here.
"""

import pytest

from wagtail.admin.panels import get_edit_handler
from wagtail.models import Page

from conference.models import (
    ConferencePage,
    ContentPage,
    HomePage,
    NavigationSettings,
    Organisation,
    Room,
    Venue,
)
from registrations.models import RegistrationPage
from sessions.models import AgendaPage, SessionPage, Track
from speakers.models import Speaker, SpeakersPage

MODELS = [
    SessionPage,
    Track,
    AgendaPage,
    Speaker,
    SpeakersPage,
    ConferencePage,
    Venue,
    Room,
    Organisation,
    HomePage,
    ContentPage,
    NavigationSettings,
    RegistrationPage,
]

# Obvious, or Wagtail's own and explained by its publishing and comments panels. Keep short.
WITHOUT_HELP_TEXT = {
    "go_live_at",  # Wagtail's scheduled publishing dialog
    "expire_at",
    "comment_notifications",  # Wagtail's comments side panel
}
WAGTAIL_FORMSETS = {"comments"}


def edit_form_class(model):
    edit_handler = model.get_edit_handler() if issubclass(model, Page) else None
    return (edit_handler or get_edit_handler(model)).get_form_class()


def editor_fields(model):
    """(name, form field) for each field of the model's edit form and its inline forms."""
    form_class = edit_form_class(model)
    fields = list(form_class.base_fields.items())
    for relation, formset in getattr(form_class, "formsets", {}).items():
        if relation in WAGTAIL_FORMSETS:
            continue
        fields += [
            (f"{relation}.{name}", field) for name, field in formset.form.base_fields.items()
        ]
    return fields


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_field_editors_see_has_help_text(model):
    missing = [
        name
        for name, field in editor_fields(model)
        if name.rpartition(".")[2] not in WITHOUT_HELP_TEXT and not str(field.help_text).strip()
    ]
    assert missing == [], f"{model.__name__}: add help_text to {', '.join(missing)}"


@pytest.mark.parametrize(
    "model, names",
    [
        (SessionPage, {"kind", "track", "room", "abstract", "session_speakers.role"}),
        (Track, {"edition", "name", "strapline", "description", "key_facts", "sort_order"}),
        (Speaker, {"name", "job_title", "organisation", "bio", "short_bio", "links", "photo"}),
        (ConferencePage, {"strapline", "start_date", "venue", "hero_image", "partners.tier"}),
        (Venue, {"name", "address", "latitude", "longitude", "website"}),
        (Room, {"venue", "name", "sort_order"}),
        (Organisation, {"sector", "country", "logo", "website"}),
        (RegistrationPage, {"intro", "mode", "terms", "privacy_notice", "capacity"}),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else "",
)
def test_the_walk_reaches_the_fields_editors_see(model, names):
    """The check above is not vacuous: the edit forms hold the fields the panels show."""
    assert names <= {name for name, _ in editor_fields(model)}


def test_a_speaker_photo_says_its_description_is_the_alt_text():
    help_text = str(Speaker._meta.get_field("photo").help_text)
    assert "description is its alt text" in help_text
