"""Tell the page cache what each change affects (conference/page_cache.py), and record the
schedule changes that publishing sessions makes (changes.py). Changes to speakers are told by
speakers/signals.py."""

from django.db.models.signals import post_save, pre_delete, pre_save

from wagtail.images import get_image_model
from wagtail.models import Page, Site, get_page_models
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from conference.models import (
    ConferencePartner,
    NavigationSettings,
    Organisation,
    Room,
    Venue,
)
from conference.page_cache import ANY_PAGE, SITE, edition_tag, invalidate, page_tags

from . import changes
from .fragments import context_changed, site_context_changed
from .models import SessionPage, Track


def _is_session(page):
    return issubclass(page.specific_class or type(page), SessionPage)


def page_published_or_deleted(sender, instance, **kwargs):
    """The page itself, the page above it (which may list it), its edition and the lists
    of all pages (the sitemap). A session's new version has new pieces of its own; any
    other page of an edition (its zone, its agenda's address) may show in all of them."""
    tags = page_tags(instance) | {ANY_PAGE}
    if instance.depth > 1:
        tags.add(f"page:{instance.get_parent().pk}")
    if _is_session(instance):
        invalidate(*tags)
    else:
        context_changed(*tags)


def page_address_changed(instance, **kwargs):
    """Unpublished, moved or renamed: links to it anywhere (menus, rich text) change; a
    session's own address is part of its pieces' keys, any other's may be in all of them."""
    if _is_session(instance):
        invalidate(SITE)
    else:
        site_context_changed(SITE)


def track_changed(sender, instance, **kwargs):
    context_changed(edition_tag(instance.edition_id), Track.cache_tag)


def venue_changed(sender, instance, **kwargs):
    context_changed(*(edition_tag(pk) for pk in instance.editions.values_list("pk", flat=True)))


def room_changed(sender, instance, **kwargs):
    venue_changed(sender, instance.venue)


def organisation_changed(sender, instance, **kwargs):
    """Shown among an edition's partners (and beside its speakers' names: speakers/signals.py)."""
    partnered = ConferencePartner.objects.filter(organisation=instance).values_list(
        "edition_id", flat=True
    )
    context_changed(*(edition_tag(pk) for pk in partnered))


def site_wide_change(created=False, **kwargs):
    """Site settings made on first use with their defaults, or a new image, show nothing new."""
    if not created:
        site_context_changed(SITE)


def site_changed(**kwargs):
    """A site made, changed or deleted: the sites kept for choosing one (conference/sites.py)
    and every address on them."""
    site_context_changed(SITE)


def live_page_created(sender, instance, created=False, raw=False, **kwargs):
    """A page made live without being published (an alias, which Wagtail saves live and
    sends no page_published for): the lists of pages kept for its parent."""
    if created and instance.live and not raw and instance.depth > 1:
        invalidate(f"page:{instance.get_parent().pk}", ANY_PAGE)


def connect():
    page_published.connect(page_published_or_deleted, dispatch_uid="cache-page-published")
    pre_delete.connect(page_published_or_deleted, sender=Page, dispatch_uid="cache-page-deleted")
    for signal in (page_unpublished, post_page_move, page_slug_changed):
        signal.connect(page_address_changed, dispatch_uid=f"cache-page-address-{signal}")
    for model, handler in [
        (Track, track_changed),
        (Venue, venue_changed),
        (Room, room_changed),
        (Organisation, organisation_changed),
        (Site, site_changed),
        (NavigationSettings, site_wide_change),
        (get_image_model(), site_wide_change),
    ]:
        post_save.connect(handler, sender=model, dispatch_uid=f"cache-{model.__name__}-saved")
        pre_delete.connect(handler, sender=model, dispatch_uid=f"cache-{model.__name__}-deleted")
    for model in get_page_models():
        post_save.connect(
            live_page_created, sender=model, dispatch_uid=f"cache-{model.__name__}-created"
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
