from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Speaker


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "job_title", "organisation", LiveStatusTagColumn()]
    list_filter = ["live", "organisation__sector"]
    list_export = ["name", "job_title", "organisation", "short_bio", "live"]


register_snippet(SpeakerViewSet)
