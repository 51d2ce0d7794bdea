from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects and organisations")

    def ready(self) -> None:
        # Project writes retire only the public pages that show projects (core.cache).
        from projects.cache_scopes import register

        register()
