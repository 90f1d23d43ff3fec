from django import template

register = template.Library()


@register.filter
def speaker_url(speaker, speakers_page):
    """{{ speaker|speaker_url:speakers_page }}: the speaker's page in that edition."""
    return speakers_page.speaker_url(speaker) if speakers_page else ""
