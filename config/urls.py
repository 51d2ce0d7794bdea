"""Root URLconf.

Public and staff pages live under a language prefix (/en/, /ru/, /ky/, /tg/). Each app owns
its public ``urls.py`` and its staff ``staff_urls.py``; the staff ones are gathered into one
``staff`` namespace under /<lang>/staff/.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language

from communities import area_staff_urls
from communities import staff_urls as community_staff_urls
from config import media, views
from config.pages import dashboard
from config.sitemaps import cached_sitemap_index, cached_sitemap_section
from core import staff_urls as account_staff_urls
from grants import staff_urls as grant_staff_urls
from projects import staff_urls as project_staff_urls
from reports import staff_urls as report_staff_urls

staff_patterns = [
    *account_staff_urls.urlpatterns,
    path("", dashboard.dashboard, name="dashboard"),
    # Before the communities URLs: "projects/new/" must not be read as a project slug.
    *project_staff_urls.urlpatterns,
    *area_staff_urls.urlpatterns,
    *community_staff_urls.urlpatterns,
    *grant_staff_urls.urlpatterns,
    *report_staff_urls.urlpatterns,
]

# Turns a database outage into a 503 page instead of a 500 (see config.views.server_error).
handler500 = "config.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", cached_sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", cached_sitemap_section, name="sitemap_section"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("staff/", include((staff_patterns, "staff"))),
    path("", include("config.pages.project_urls")),
    path("places/", include("config.pages.place_urls")),
    path("grants/", include("grants.urls")),
    path("reports/", include("reports.urls")),
    prefix_default_language=True,
)

# Every uploaded file goes through a visibility check (config.media); the proxy must not
# serve MEDIA_ROOT itself (docs/deploying.md).
urlpatterns += [
    re_path(r"^media/(?P<name>.+)$", media.media_file),
]
