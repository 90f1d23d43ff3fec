from django.apps import AppConfig


class SpeakersConfig(AppConfig):
    name = "speakers"
    verbose_name = "Speakers"

    def ready(self):
        from . import signals

        signals.connect()
