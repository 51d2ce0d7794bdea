from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Small grants")

    def ready(self) -> None:
        # Inside ready(), not at the top: selectors import models, which the app registry
        # loads only after every AppConfig is created.
        from communities.selectors import register_public_community_source
        from grants.cache_scopes import GRANTS
        from grants.selectors import public_grant_community_ids

        # Grant writes bump GRANTS; a programme made private retires every entry.
        register_public_community_source(public_grant_community_ids, scopes=[GRANTS])

        from grants.search_index import register as register_search

        # Organisations and grants become search documents (core.search_index).
        register_search()
        # Grant writes retire only the pages that show grants (core.cache).
        from grants.cache_scopes import register as register_cache_scopes

        register_cache_scopes()
        # Every write to an application keeps the committee's stored ranking in step.
        from grants.receivers import register as register_ranking

        register_ranking()
