from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Track


class TrackViewSet(SnippetViewSet):
    model = Track
    icon = "tag"
    menu_order = 205
    add_to_admin_menu = True
    list_display = ["name", "edition", "colour", "is_featured"]
    list_filter = ["edition", "is_featured"]
    search_fields = ["name"]
    list_export = ["name", "edition", "slug", "colour", "is_featured"]


register_snippet(TrackViewSet)
