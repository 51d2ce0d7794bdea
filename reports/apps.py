from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and indicators")

    def ready(self) -> None:
        # Writes to results and reported figures retire their project's public pages
        # (core.cache); the app is listed in settings.PUBLIC_CONTENT_APPS.
        from reports.cache_scopes import register

        register()
