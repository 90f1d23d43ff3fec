from django import template

from sessions.structured_data import json_ld_script, speaker_person
from speakers.models import SpeakersPage

register = template.Library()


@register.simple_tag(takes_context=True)
def speaker_json_ld(context):
    """schema.org data of a speaker's page: the speaker as a Person."""
    page, request, speaker = context.get("page"), context.get("request"), context.get("speaker")
    if not isinstance(page, SpeakersPage) or request is None or speaker is None:
        return ""
    return json_ld_script(
        speaker_person(speaker, request=request, speakers_page=page),
        nonce=context.get("csp_nonce"),
    )
