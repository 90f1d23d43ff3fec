from django.apps import AppConfig


class SessionsConfig(AppConfig):
    name = "sessions"
    # "sessions" is django.contrib.sessions' label.
    label = "agenda"
    verbose_name = "Agenda"

    def ready(self):
        from . import signals

        signals.connect()
