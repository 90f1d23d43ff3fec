"""Tell the page cache which editions show a speaker who changed: those of their sessions,
whose cached pieces name them (sessions/fragments.py)."""

from django.db.models.signals import post_save, pre_delete

from conference.models import Organisation
from conference.page_cache import edition_tags_of
from sessions.fragments import context_changed
from sessions.models import SessionPage

from .models import Speaker


def _editions_showing(speakers) -> set[str]:
    return edition_tags_of(SessionPage.objects.filter(session_speakers__speaker__in=speakers))


def speaker_changed(sender, instance, **kwargs):
    context_changed(*_editions_showing([instance]))


def organisation_changed(sender, instance, **kwargs):
    """An organisation's name is shown beside its speakers' names."""
    context_changed(*_editions_showing(Speaker.objects.filter(organisation=instance)))


def connect():
    for model, handler in [(Speaker, speaker_changed), (Organisation, organisation_changed)]:
        uid = f"cache-speakers-{model.__name__}"
        post_save.connect(handler, sender=model, dispatch_uid=f"{uid}-saved")
        pre_delete.connect(handler, sender=model, dispatch_uid=f"{uid}-deleted")
