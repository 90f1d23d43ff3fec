"""Start a new generation of calendar feeds whenever what they show may have changed, and
record the schedule changes that publishing sessions makes (changes.py)."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import changes
from .feed_cache import start_new_generation
from .models import SessionPage

MODELS_SHOWN_IN_FEEDS = [
    "wagtailcore.Site",
    "agenda.Track",
    "conference.Room",
    "conference.Venue",
    "conference.Organisation",
    "speakers.Speaker",
]


def connect():
    page_published.connect(start_new_generation, dispatch_uid="feeds-page-published")
    page_unpublished.connect(start_new_generation, dispatch_uid="feeds-page-unpublished")
    post_page_move.connect(start_new_generation, dispatch_uid="feeds-page-moved")
    post_delete.connect(start_new_generation, sender=Page, dispatch_uid="feeds-page-deleted")
    for label in MODELS_SHOWN_IN_FEEDS:
        model = apps.get_model(label)
        post_save.connect(start_new_generation, sender=model, dispatch_uid=f"feeds-{label}-saved")
        post_delete.connect(
            start_new_generation, sender=model, dispatch_uid=f"feeds-{label}-deleted"
        )
    pre_save.connect(
        changes.remember_live_schedule, sender=SessionPage, dispatch_uid="changes-session-saving"
    )
    page_published.connect(
        changes.record_publish, sender=SessionPage, dispatch_uid="changes-session-published"
    )
    page_unpublished.connect(
        changes.record_unpublish, sender=SessionPage, dispatch_uid="changes-session-unpublished"
    )
    pre_delete.connect(
        changes.record_deletion, sender=SessionPage, dispatch_uid="changes-session-deleting"
    )
