from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = "Delegate network"

    def ready(self):
        from . import signals

        signals.connect()
