from django.http import HttpResponseNotAllowed
from django.urls import reverse

from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import page_cache
from .models import ConferencePage, HomePage, Organisation, Room, Venue


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
    page_cache.depends_on(request, *page_cache.page_tags(page, request))


# The request attribute that holds (home page id, the edition it presented) while an
# edition is published through the admin.
HOME_EDITION_BEFORE_PUBLISHING = "conference_home_edition_before_publishing"


def _publishing(request):
    return request.method == "POST" and "action-publish" in request.POST


def _note_home_edition(request, parent):
    home = HomePage.objects.filter(pk=parent.pk).first()
    if home is not None:
        setattr(request, HOME_EDITION_BEFORE_PUBLISHING, (home.pk, home.current_edition()))


@hooks.register("before_create_page")
def note_home_edition_before_creating_an_edition(request, parent_page, page_class):
    """Before anything is saved: the admin adds a new page to the tree before publishing it."""
    if page_class is ConferencePage and _publishing(request):
        _note_home_edition(request, parent_page)


@hooks.register("before_edit_page")
def note_home_edition_before_editing_an_edition(request, page):
    if isinstance(page, ConferencePage) and _publishing(request):
        _note_home_edition(request, page.get_parent())


@hooks.register("after_publish_page")
def say_when_the_home_page_changes_edition(request, page):
    """Publishing an edition can make it the home page's edition when none is featured (the
    next edition still to end is chosen): say so, and how to keep the one it replaces."""
    noted = getattr(request, HOME_EDITION_BEFORE_PUBLISHING, None)
    if noted is None:
        return
    home_pk, before = noted
    home = HomePage.objects.get(pk=home_pk)
    now = home.current_edition()
    if before is None or now is None or now.pk == before.pk:
        return
    buttons = []
    if home.permissions_for_user(request.user).can_edit():
        edit_home = reverse("wagtailadmin_pages:edit", args=[home.pk])
        buttons.append(messages.button(edit_home, "Edit the home page"))
    messages.warning(
        request,
        f"{now.title} is now the edition on the home page, in place of {before.title}. "
        f"To keep {before.title} there, choose it as the home page's featured edition.",
        buttons=buttons,
    )
