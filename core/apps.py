from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Plumbing shared by every app; imports no domain app."""

    name = "core"
