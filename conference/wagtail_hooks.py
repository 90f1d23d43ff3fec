from django.http import HttpResponseNotAllowed

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import page_cache
from .models import Organisation, Room, Venue


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    list_display = ["name", "website"]
    list_export = ["name", "address", "latitude", "longitude", "website"]


class RoomViewSet(SnippetViewSet):
    model = Room
    icon = "home"
    list_display = ["name", "venue", "capacity"]
    list_filter = ["venue"]
    list_export = ["name", "venue", "capacity", "accessibility_notes"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "sector", "country", "website"]
    list_filter = ["sector"]
    list_export = ["name", "sector", "country", "website"]


class ConferenceViewSetGroup(SnippetViewSetGroup):
    menu_label = "Venues & organisations"
    menu_icon = "site"
    menu_order = 210
    items = (VenueViewSet, RoomViewSet, OrganisationViewSet)


register_snippet(ConferenceViewSetGroup)


@hooks.register("before_serve_page")
def refuse_methods_a_page_does_not_serve(page, request, serve_args, serve_kwargs):
    """Pages are read (GET, HEAD); a page with a form names the methods it takes as well."""
    allowed = getattr(page, "http_methods", ("GET", "HEAD"))
    if request.method not in allowed:
        return HttpResponseNotAllowed(allowed)
    return None


@hooks.register("before_serve_page")
def tag_page_for_the_page_cache(page, request, serve_args, serve_kwargs):
    page_cache.depends_on(request, *page_cache.page_tags(page))
