from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo conference and the benchmark: the one app that composes all the others."""

    name = "demo"
    verbose_name = "Demo content"
