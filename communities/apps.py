from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = _("Communities and the cycle of security")

    def ready(self) -> None:
        # Keeps Community/District/Region.lookup_names current on every save.
        from communities import signals  # noqa: F401
        from communities.search_index import register as register_search

        # Places, projects and news become search documents (core.search_index).
        register_search()
        from communities.cache_scopes import register as register_cache_scopes

        # Activity writes retire only the pages that show them (core.cache).
        register_cache_scopes()
        # Contributions carry their amount in US dollars, kept current on every write.
        from communities.contribution_services import connect

        connect()
        # Plan summaries follow every write of an action or a contribution.
        from communities.summary_services import connect as connect_summaries

        connect_summaries()
