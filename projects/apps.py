from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects and organisations")

    def ready(self) -> None:
        # Project writes retire only the public pages that show projects (core.cache).
        from projects.cache_scopes import register

        register()
        # Staff see times in their organisation's zone (projects.time_zones).
        from django.contrib.auth.signals import user_logged_in

        from projects.time_zones import store_time_zone_on_login

        user_logged_in.connect(store_time_zone_on_login, dispatch_uid="staff-time-zone-on-login")
