"""Track colours as a stylesheet in the page's <head>, rather than style="" attributes, which
the Content Security Policy refuses. An element shows a track's colour with
data-track-colour="{{ track.colour }}"; the rule for that colour gives it --track-colour."""

import re

from django import template
from django.utils.html import format_html, format_html_join

from conference.page_cache import cached_by_tags
from sessions.models import Track

register = template.Library()

COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def stored_colours():
    return [
        colour
        for colour in Track.objects.order_by("colour").values_list("colour", flat=True).distinct()
        if COLOUR.fullmatch(colour)  # nothing else may reach the stylesheet
    ]


@register.simple_tag(takes_context=True)
def track_colour_styles(context):
    """The colours of every edition's tracks, from the shared cache until a track is saved
    or deleted (sessions/signals.py renews Track.cache_tag), not after every publish."""
    colours = cached_by_tags("track-colours", [Track.cache_tag], stored_colours)
    if not colours:
        return ""
    return nonced_style(
        context,
        format_html_join(
            "", '[data-track-colour="{}"]{{--track-colour:{}}}', ((c, c) for c in colours)
        ),
    )


def nonced_style(context, rules):
    """A <style> element with the page's CSP nonce (the page cache puts a fresh one in)."""
    nonce = context.get("csp_nonce")
    return format_html(
        "<style{}>{}</style>",
        format_html(' nonce="{}"', nonce) if nonce is not None else "",
        rules,
    )
