"""The committee's ranking rows, written out in Python.

Through the template engine, the 25 rows of a ranking page cost more than the rest of the
page together (about 250 variable lookups, a URL reversed and a number localised per cell;
bench/grants_committee.py). The markup is the same the template wrote."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from core.templatetags.portal import money
from grants.ranking import RankedApplication

register = template.Library()


def _count(number: int) -> str:
    # Below 1,000 no language groups digits, so the number is its own text; localize()
    # costs a format lookup per call (two per row).
    return str(number) if 0 <= number < 1000 else localize(number)


@register.simple_tag
def ranking_rows(
    rows: Iterable[RankedApplication],
    *,
    done: Collection[int],
    secretariat: bool,
    currency: str,
) -> SafeString:
    """One ``<tr>`` per row. Members see the consolidated score only of the applications
    they have scored (``done``); the secretariat sees every score."""
    # Reversed once; each row's address differs only in its key.
    prefix, _, suffix = reverse("staff:application_detail", args=[0]).rpartition("/0/")
    yes, no = gettext("yes"), gettext("no")
    hidden = format_html('<span class="muted">{}</span>', gettext("hidden"))
    cells = []
    for row in rows:
        application = row.application
        assert application is not None  # a ranking row always has its application
        shown = secretariat or application.pk in done
        cells.append(
            (
                _count(row.rank),
                application.reference or "—",
                str(application.applicant),
                f"{prefix}/{application.pk}/{suffix}",
                application.title,
                ("—" if row.score is None else localize(row.score)) if shown else hidden,
                _count(row.reviewers),
                money(row.requested, currency),
                yes if row.within_envelope else no,
                row.status_label,
            )
        )
    if not cells:
        return format_html(
            '<tr><td colspan="9" class="muted">{}</td></tr>', gettext("No applications yet.")
        )
    return format_html_join(
        "",
        '<tr>\n<td>{}</td><td>{}</td><td>{}</td>\n<td><a href="{}">{}</a></td>\n'
        "<td>{}</td>\n<td>{}</td><td>{}</td><td>{}</td><td>{}</td>\n</tr>",
        cells,
    )
