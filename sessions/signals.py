"""Start a new generation of calendar feeds whenever what they show may have changed."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .feed_cache import start_new_generation

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
