"""Rich text read as plain text, for calendars, schedule files and checks of emptiness."""

from html import unescape

from django.utils.html import strip_tags


def plain_text(html):
    """Rich text as plain text: paragraphs on their own lines, no markup, entities decoded."""
    spaced = html.replace("</p>", "</p>\n").replace("<br/>", "\n").replace("<br>", "\n")
    lines = (unescape(strip_tags(line)).strip() for line in spaced.splitlines())
    return "\n".join(line for line in lines if line)


def blank_if_empty(html):
    """Rich text with no words and nothing embedded (an editor's empty paragraph) as ""."""
    return html if plain_text(html) or "<embed" in html else ""
