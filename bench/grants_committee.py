"""Committee benchmark: the ranking page (the committee's list of applications), an
application's page and the applicant's own list of applications (grants:my_applications,
public, read through the session of a browser that confirmed its address) at 5,000
applications, against the no-query floor view, with the query count of each; the
committee's home page stands for the staff frame every staff page costs. Staff pages are
timed against the floor of the signed-in chair's client, the applicant's list against the
floor of the applicant's own (anonymous) browser.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_grants_bench \
        .venv/bin/python bench/grants_committee.py

Three reviewers score every application on two weighted criteria (30,000 scores). Each
page and the floor are timed alternately, ROUNDS rounds of REPEATS requests each, through
Django's test client (the whole middleware stack, no network); the figure reported is
the median over rounds of page p50 / floor p50 (bench/timing.py), and the query count is
checked at 50 and at 5,000 applications.
"""

from __future__ import annotations

import os
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
# Production keeps sessions in Redis in front of PostgreSQL (cached_db, config/settings/base.py):
# without REDIS_URL the bench read every session from the database, a query production
# does not make, on the floor and on every page alike.
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
APPLICATIONS = int(os.environ.get("BENCH_APPLICATIONS", "5000"))
ROUNDS, REPEATS = 5, 7
# Applications one applicant sent (the applicant's own list, grants:my_applications).
APPLICANT_OWN = 3


def setup() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def applicant_email(count: int) -> str:
    return f"applicant-{count}@example.org"


def build(count: int):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from grants.models import (
        Application,
        CommitteeAffiliation,
        CommitteeMember,
        GrantProgramme,
        Review,
        ReviewScore,
        ScoringCriterion,
    )
    from projects.models import Organisation, OrganisationKind

    slug = f"bench-committee-{count}"
    programme = GrantProgramme.objects.filter(slug=slug).first()
    users = get_user_model()
    if programme is not None:
        return programme, users.objects.get(username=f"{slug}-chair")
    manager, _ = Organisation.objects.get_or_create(
        slug="bench-committee-unodc",
        defaults={"name_en": "UNODC", "kind": OrganisationKind.UN_AGENCY},
    )
    programme = GrantProgramme.objects.create(
        slug=slug,
        name_en=f"Bench committee {count}",
        managing_organisation=manager,
        currency="USD",
        envelope=Decimal("600000"),
    )
    criteria = [
        ScoringCriterion.objects.create(programme=programme, name_en="Relevance", weight=2),
        ScoringCriterion.objects.create(
            programme=programme, name_en="Budget", weight=1, max_score=5
        ),
    ]
    members = []
    for n, affiliation in enumerate(CommitteeAffiliation.values):
        user = users.objects.create_user(f"{slug}-{'chair' if n == 0 else n}")
        CommitteeMember.objects.create(
            programme=programme, user=user, affiliation=affiliation, is_chair=n == 0
        )
        members.append(user)
    applicants = Organisation.objects.bulk_create(
        Organisation(
            slug=f"{slug}-org-{i}", name_en=f"Applicant {i}", kind=OrganisationKind.LOCAL_NGO
        )
        for i in range(count)
    )
    # Sent online from a confirmed address each, but for the first APPLICANT_OWN ones, which
    # one applicant sent from theirs: the applicant's own list holds as many rows at 50
    # applications as at 5,000.
    applications = Application.objects.bulk_create(
        Application(
            programme=programme,
            applicant=org,
            title_en=f"Project {i}",
            requested_amount=Decimal(1000 + i % 4000),
            received_on="2026-11-01",
            reference=f"BENCH{count}-{i:05d}",
            submitted_online=True,
            contact_email=applicant_email(count)
            if i < APPLICANT_OWN
            else f"{slug}-{i}@example.org",
            email_confirmed_at=timezone.now(),
        )
        for i, org in enumerate(applicants)
    )
    reviews = Review.objects.bulk_create(
        Review(application=a, reviewer=u) for a in applications for u in members
    )
    ReviewScore.objects.bulk_create(
        ReviewScore(review=r, criterion=c, score=Decimal((r.pk * 7 + c.pk) % c.max_score))
        for r in reviews
        for c in criteria
    )
    # Rows written in bulk bypass review_submit: store the scores the ranking sorts on.
    from grants.services import application_scores_refresh

    application_scores_refresh(programme=programme)
    return programme, members[0]


def main() -> None:
    setup()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from bench.timing import Round, median_ratio, p50

    # Pages link static files by their manifest name; this in-process run has no
    # collectstatic, so plain names stand in (the cost of the lookup is the same).
    plain = override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    )
    plain.enable()
    small, small_chair = build(50)
    big, chair = build(APPLICATIONS)
    # Fresh bulk-written tables have no planner statistics until autovacuum analyses them
    # (it is off on the shared bench server): without them PostgreSQL takes the 5,000-row
    # tables for empty and picks nested loops that cost seconds. Production's autovacuum
    # has analysed them long before a committee meets.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client(HTTP_HOST="localhost")
    client.force_login(chair)
    # An applicant is not signed in: their browser's session holds the addresses they
    # confirmed (grants.call_views), read from Redis like a staff member's session.
    from grants.call_views import SESSION_EMAILS

    applicant = Client(HTTP_HOST="localhost")

    def confirmed(count: int) -> Client:
        session = applicant.session
        session[SESSION_EMAILS] = [applicant_email(count)]
        session.save()
        applicant.cookies["sessionid"] = session.session_key
        return applicant

    confirmed(APPLICATIONS)

    def timed(url: str, browser: Client) -> float:
        started = time.perf_counter()
        response = browser.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return (time.perf_counter() - started) * 1000

    def queries(url: str, user, applications: int) -> int:
        browser = client
        if user is None:
            browser = confirmed(applications)
        else:
            client.force_login(user)
        with override_settings(DEBUG=True):
            reset_queries()
            response = browser.get(url)
            rows = response.content.decode().count("BENCH")
            count = len(connection.queries)
        client.force_login(chair)
        confirmed(APPLICATIONS)
        if user is None:
            # The list shows the applicant's own applications, and only those.
            assert rows == APPLICANT_OWN, rows
        return count

    floor = "/en/bench/floor/"
    pages = {
        # The staff frame with one small query: what every staff page costs at least
        # (session, user, roles, the staff menu and base template), for reference.
        "committee home (staff frame)": lambda p: reverse("staff:committee_home"),
        "committee ranking": lambda p: reverse("staff:committee_programme", args=[p.pk]),
        # A deep page: an OFFSET would number every application before it on each request.
        "committee ranking, last page": lambda p: (
            reverse("staff:committee_programme", args=[p.pk])
            + f"?page={(p.applications.count() + 24) // 25}"
        ),
        "application page": lambda p: reverse(
            "staff:application_detail", args=[p.applications.order_by("pk").first().pk]
        ),
        # The applicant's own list of applications (public, not signed in).
        "applicant's applications": lambda p: reverse("grants:my_applications"),
    }
    # Pages an applicant sees, timed with the applicant's browser and its own floor.
    public = {"applicant's applications"}
    n = APPLICATIONS
    print(f"| page | p50 at {n} (ms) | × floor | queries at 50 | queries at {n} |")
    print("|---|---|---|---|---|")
    for name, url_for in pages.items():
        url = url_for(big)
        browser = applicant if name in public else client
        rounds = []
        for _ in range(ROUNDS):
            floor_ms = tuple(timed(floor, browser) for _ in range(REPEATS))
            page_ms = tuple(timed(url, browser) for _ in range(REPEATS))
            rounds.append(Round(static_ms=floor_ms, view_ms=floor_ms, page_ms=page_ms))
        ratio = median_ratio(rounds, against="view")
        few = queries(url_for(small), None if name in public else small_chair, 50)
        many = queries(url, None if name in public else chair, APPLICATIONS)
        page_p50 = p50([m for r in rounds for m in r.page_ms])
        print(f"| {name} | {page_p50:.1f} | {ratio:.1f} | {few} | {many} |")


if __name__ == "__main__":
    main()
