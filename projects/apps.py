from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects and organisations")

    def ready(self) -> None:
        # Public fragments are cached per content version; every write here bumps it.
        from projects.public_cache import connect_signals

        connect_signals()
