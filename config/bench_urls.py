"""URLconf for bench settings only: the whole site plus a floor view.

The floor view renders a template that extends base.html and runs no queries, through the
same middleware stack as every page, so the harness can say how far each page is from the
cost of the framework, the layout and the network alone.
"""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def floor(request: HttpRequest) -> HttpResponse:
    return render(request, "bench/floor.html")


urlpatterns = [
    *site_urlpatterns,
    *i18n_patterns(path("bench/floor/", floor, name="bench_floor"), prefix_default_language=True),
]

# A database outage must look the same under bench settings as in production: a 503 page.
handler500 = "config.views.server_error"
