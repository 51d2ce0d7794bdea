from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Plumbing every domain app builds on: cache, spreadsheets, middleware, history,
    i18n and db helpers. It imports no domain app (import-linter checks it)."""

    name = "core"
    verbose_name = _("Portal core")

    def ready(self) -> None:
        # Project-wide setup. ready() runs after every app's models are loaded, so the
        # domain models named in settings can be looked up here by label.
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate, pre_save

        import core.checks  # noqa: F401 - registers the deploy checks
        from core import choice_labels
        from core.cache import connect_signals, retire_after_migrate
        from core.middleware import stamp_session
        from core.uploads import images_clean_on_save

        # Public fragments are cached per content version; every write to a public app
        # bumps it.
        connect_signals()
        # A deploy runs migrate: pages and reports cached by the previous release may be
        # pickled in a shape the new code no longer reads, so none of them is served again.
        post_migrate.connect(retire_after_migrate, sender=self, dispatch_uid="retire-cache")
        # Logging in saves the session, so it counts as the idle-timeout touch
        # (core.middleware.SessionIdleTouchMiddleware): no second write on the next page.
        user_logged_in.connect(stamp_session, dispatch_uid="stamp-session-on-login")
        # Every image saved by any path (admin, imports, the shell) is checked and stripped
        # of its metadata before it reaches the storage (core.uploads).
        pre_save.connect(images_clean_on_save, dispatch_uid="clean-images-before-save")
        # Every model's get_FOO_display() translates only the label it shows (core.choice_labels).
        choice_labels.install()
