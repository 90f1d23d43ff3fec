from django import template

from conference.models import ConferencePage, HomePage
from sessions.models import SessionPage
from sessions.structured_data import edition_event, json_ld_script, session_event

register = template.Library()


@register.simple_tag(takes_context=True)
def agenda_json_ld(context):
    """schema.org data of an edition's front page (or the home page presenting it) and of a
    session page; nothing on other pages."""
    page, request, edition = context.get("page"), context.get("request"), context.get("edition")
    if page is None or page.pk is None or request is None or edition is None:
        return ""
    if isinstance(page, SessionPage):
        data = session_event(
            page,
            request=request,
            edition=edition,
            speakers_page=context.get("speakers_page"),
            speaker_links=context.get("speaker_links", []),
        )
    elif isinstance(page, ConferencePage | HomePage) and edition.pk is not None:
        data = edition_event(edition, request=request)
    else:
        return ""
    return json_ld_script(data, nonce=context.get("csp_nonce"))
