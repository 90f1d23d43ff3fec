"""Template helpers for the Content Security Policy nonce, where the context has no csp_nonce
(templates rendered without the request's context processors, such as Wagtail's userbar)."""

from django import template
from django.middleware.csp import get_nonce
from django.utils.html import mark_safe

register = template.Library()


@register.simple_tag
def csp_nonce_of(request):
    """This request's nonce: {% csp_nonce_of request as csp_nonce %}."""
    return get_nonce(request) if request is not None else None


@register.simple_tag
def media_js_with_nonce(media, nonce):
    """The <script> elements of a form or widget Media, each with this nonce."""
    attrs = {"nonce": nonce} if nonce is not None else None
    return mark_safe("\n".join(media.render_js(attrs=attrs)))
