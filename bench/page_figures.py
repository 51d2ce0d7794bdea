"""The visible text of the public place pages, project pages and the home page, as lines,
to show that a change to how they are read leaves every figure they show alone.

Home, the places index, every country, the busiest region, district and community and the
benchmark's project page (those ``make bench`` times) and a few more of each, in English
and Russian, computed with the cache off on generated data. Run it from two checkouts
against the same database and compare the outputs:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
        .venv/bin/python bench/page_figures.py > after.txt
    (cd /tmp/before && .venv/bin/python /path/to/bench/page_figures.py > before.txt)
    cmp before.txt after.txt

The script imports the code of the directory it is run from; that checkout must have run
``collectstatic`` (the pages link hashed static files) and ``make compilemessages``.
"""

from __future__ import annotations

import os
import re
import sys
from html import unescape

# The checkout run from, not this file's: the same script reads two versions of the code.
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
os.environ["BENCH_CACHE_OFF"] = "1"

# Per kind of place, how many pages besides the busiest one.
MORE_PLACES = 4


def _text_lines(html: str) -> list[str]:
    """The page's main content as text: tags, scripts and blank lines dropped."""
    main = re.search(r"<main\b.*?</main>", html, flags=re.S)
    body = main.group(0) if main else html
    body = re.sub(r"<(script|style)\b.*?</\1>", "", body, flags=re.S)
    body = re.sub(r"<[^>]+>", "\n", body)
    return [line for line in (unescape(raw).strip() for raw in body.splitlines()) if line]


def _paths() -> list[str]:
    from django.db.models import Count
    from django.urls import reverse

    from communities.models import Community, District, Region
    from core.choices import Country
    from projects.models import Project

    paths = [reverse("projects:home"), reverse("communities:place_index")]
    paths += [
        reverse("communities:country_detail", kwargs={"country": code.lower()})
        for code, _label in Country.choices
    ]
    busiest = Count("communities__project_links")
    for region in Region.objects.annotate(n=busiest).order_by("-n", "pk")[: MORE_PLACES + 1]:
        paths.append(reverse("communities:region_detail", kwargs={"code": region.code.lower()}))
    for district in District.objects.annotate(n=busiest).order_by("-n", "pk")[: MORE_PLACES + 1]:
        paths.append(reverse("communities:district_detail", kwargs={"pk": district.pk}))
    communities = Community.objects.annotate(n=Count("project_links")).order_by("-n", "pk")
    for community in communities[: MORE_PLACES + 1]:
        paths.append(reverse("communities:community_detail", kwargs={"pk": community.pk}))
    # Project pages: the one ``make bench`` times, then the busiest by target communities,
    # by news and by grants (their lists, totals, plans and co-financing).
    projects = Project.objects.public()
    chosen = list(projects.filter(slug__startswith="bench-").order_by("pk")[:1])
    for related in ("target_communities", "activities", "grant_programmes__grants"):
        busiest_projects = projects.annotate(n=Count(related)).order_by("-n", "pk")
        chosen += busiest_projects[:MORE_PLACES]
    for project in dict.fromkeys(chosen):
        paths.append(reverse("projects:project_detail", kwargs={"slug": project.slug}))
    return paths


def main(languages: list[str]) -> None:
    import django

    django.setup()
    from django.test import Client
    from django.utils import translation

    client = Client()
    for language in languages:
        with translation.override(language):
            paths = _paths()
        for path in paths:
            response = client.get(path, HTTP_HOST="localhost")
            print(f"== {path} {response.status_code}")
            for line in _text_lines(response.content.decode()):
                print(line)


if __name__ == "__main__":
    main(sys.argv[1:] or ["en", "ru"])
