from django import template

register = template.Library()


@register.filter
def speaker_url(speaker, speakers_page):
    """{{ speaker|speaker_url:speakers_page }}: the speaker's page in that edition."""
    return speakers_page.speaker_url(speaker) if speakers_page else ""


def _address(url):
    return (url or "").strip().lower().removesuffix("/").split("://", 1)[-1].removeprefix("www.")


@register.filter
def links_besides_organisation(speaker):
    """The speaker's links, less one to their organisation's website: it is linked already
    from the organisation's name beside the job title, and would show the name twice."""
    organisation = speaker.organisation
    website = _address(organisation.website) if organisation else ""
    return [
        link for link in speaker.links if not website or _address(link.value["url"]) != website
    ]
