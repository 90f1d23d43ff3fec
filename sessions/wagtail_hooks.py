from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from conference.models import ConferencePage

from . import admin_grid
from .exchange import import_views
from .models import AgendaPage, SessionPage, Track
from .roles import open_agenda_to_programme_team


class TrackViewSet(SnippetViewSet):
    model = Track
    icon = "tag"
    menu_order = 205
    add_to_admin_menu = True
    list_display = ["name", "edition", "colour", "is_featured"]
    list_filter = ["edition", "is_featured"]
    list_export = ["name", "edition", "slug", "colour", "is_featured"]


register_snippet(TrackViewSet)


@hooks.register("before_delete_snippet")
def refuse_to_delete_tracks_in_use(request, instances):
    """A track's sessions would silently lose their track: ask for them to be moved first."""
    tracks = [instance for instance in instances if isinstance(instance, Track)]
    if not tracks:
        return None
    in_use = SessionPage.objects.filter(track__in=tracks).select_related("track").order_by("title")
    if not in_use:
        return None
    titles = ", ".join(f"“{session.title}”" for session in in_use[:10])
    more = f" and {len(in_use) - 10} more" if len(in_use) > 10 else ""
    messages.error(
        request,
        f"Not deleted: sessions still belong to this track ({titles}{more}). "
        "Move them to another track or delete them first.",
    )
    return redirect("wagtailsnippets_agenda_track:list")


@hooks.register("before_copy_page")
def refuse_to_copy_an_edition_with_tracks(request, page):
    """Tracks are snippets of one edition: a copied edition's sessions would point back."""
    if not Track.objects.filter(edition_id=page.pk).exists():
        return None
    messages.error(
        request,
        f"“{page.title}” cannot be copied: its tracks belong to it alone, so the copy's "
        "sessions would point at this edition's tracks. Create the new edition, its tracks "
        "and its agenda instead.",
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("register_admin_urls")
def register_agenda_grid_urls():
    return admin_grid.admin_urls()


class AgendaGridMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_grid.may_use_agenda_grid(request.user)


@hooks.register("register_admin_menu_item")
def register_agenda_grid_menu_item():
    return AgendaGridMenuItem(
        "Agenda grid", reverse("agenda_grid:index"), icon_name="table", order=204
    )


@hooks.register("register_page_header_buttons")
@hooks.register("register_page_listing_more_buttons")
def agenda_grid_button(page, user, view_name=None, next_url=None):
    """An "Agenda grid" button on each edition and its agenda page."""
    page_class = page.specific_class
    if page_class is ConferencePage:
        edition_id = page.pk
    elif page_class is AgendaPage:
        edition_id = page.get_parent().pk
    else:
        return
    if page.permissions_for_user(user).can_edit():
        url = reverse("agenda_grid:edition", args=[edition_id])
        yield Button("Agenda grid", url, icon_name="table", priority=25)


@hooks.register("after_create_page")
def open_a_new_agenda_to_the_programme_team(request, page):
    if isinstance(page, AgendaPage):
        open_agenda_to_programme_team(agenda=page)


@hooks.register("after_copy_page")
def open_copied_agendas_to_the_programme_team(request, page, new_page):
    """Copying does not copy page permissions or workflows, so a copied edition's agenda
    is opened to the programme team as a new one is."""
    for agenda in AgendaPage.objects.descendant_of(new_page, inclusive=True):
        open_agenda_to_programme_team(agenda=agenda)


@hooks.register("register_admin_urls")
def register_programme_import_urls():
    return import_views.admin_urls()


@hooks.register("register_admin_menu_item")
def register_programme_import_menu_item():
    return import_views.menu_item()
