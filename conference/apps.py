from django.apps import AppConfig


class ConferenceConfig(AppConfig):
    name = "conference"
    verbose_name = "Conference"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from wagtail.models import PageViewRestriction

        from .page_cache import view_restrictions_changed

        for signal in (post_save, post_delete):
            signal.connect(
                view_restrictions_changed,
                sender=PageViewRestriction,
                dispatch_uid=f"cache-view-restriction-{signal}",
            )
