from django import template

from conference.timezones import utc_to_local

register = template.Library()


@register.filter
def in_zone(moment, zone_name):
    """The wall-clock time of an aware datetime in a zone, for display.

    {{ session.start|in_zone:edition.time_zone|time:"H:i" }}. The result is naive so that
    Django's date filters do not convert it again to the active time zone.
    """
    if not moment:
        return moment
    return utc_to_local(moment, zone_name).replace(tzinfo=None)


@register.filter
def zone_abbreviation(moment, zone_name):
    """The zone's short name at that moment, such as BST or GMT.

    {{ session.end|zone_abbreviation:edition.time_zone }}
    """
    if not moment:
        return ""
    return utc_to_local(moment, zone_name).tzname()


@register.simple_tag(takes_context=True)
def link_url(context, link):
    """The address of a LinkBlock value: its page if one is chosen, else its URL."""
    page = link.get("page")
    if page is not None:
        return page.get_url(request=context.get("request"))
    return link.get("url") or ""
