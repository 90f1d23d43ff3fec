from django import template

from conference.seo import page_meta as describe_page

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context):
    """{% page_meta as page_meta %}: title, description, canonical URL and image of the page
    being rendered (see conference/seo.py); components/meta.html shows them."""
    return describe_page(context)
