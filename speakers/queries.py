from sessions.queries import public_sessions

from .models import Speaker


def edition_speakers(edition):
    """Live speakers with a published session in the edition, by family name."""
    speakers = (
        Speaker.objects.live()
        .filter(session_links__session__in=public_sessions(edition).values("pk"))
        .distinct()
        .select_related("organisation", "photo")
        .prefetch_related("photo__renditions")
    )
    return sorted(speakers, key=lambda speaker: speaker.sort_key)


def speaker_in_edition(edition, slug):
    """(speaker, their public sessions in the edition), or None if they have none there."""
    speaker = (
        Speaker.objects.live()
        .filter(slug=slug)
        .select_related("organisation", "photo")
        .prefetch_related("photo__renditions")
        .first()
    )
    if speaker is None:
        return None
    sessions = list(public_sessions(edition).filter(session_speakers__speaker=speaker))
    if not sessions:
        return None
    return speaker, sessions
