from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects and organisations")

    def ready(self) -> None:
        # Public fragments are cached per content version; every write here bumps it.
        from projects.public_cache import connect_signals

        connect_signals()

        # Logging in saves the session, so it counts as the idle-timeout touch
        # (config.middleware.SessionIdleTouchMiddleware): no second write on the next page.
        from django.contrib.auth.signals import user_logged_in

        from config.middleware import stamp_session

        user_logged_in.connect(stamp_session, dispatch_uid="stamp-session-on-login")
