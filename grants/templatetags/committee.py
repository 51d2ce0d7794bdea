"""The committee's ranking rows and a member's empty review form, written out in Python.

Through the template engine, the 25 rows of a ranking page cost more than the rest of the
page together (about 250 variable lookups, a URL reversed and a number localised per cell;
bench/grants_committee.py). The markup is the same the template wrote."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from html import escape

from django import template
from django.urls import reverse
from django.utils import numberformat
from django.utils.formats import get_format, localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from core.i18n import translated_getter
from core.templatetags.portal import money_formatter
from grants.forms import ReviewForm
from grants.models import Application
from grants.ranking import RankedApplication
from projects.models import Organisation

register = template.Library()


def _count(number: int) -> str:
    # Below 1,000 no language groups digits, so the number is its own text; localize()
    # costs a format lookup per call (two per row).
    return str(number) if 0 <= number < 1000 else localize(number)


# A row as the template wrote it. The texts are escaped with html.escape, which is what
# django.utils.html.escape does (tests/grants/test_committee_tags.py compares the two
# writings): format_html_join escaped every cell of every row, numbers included, through
# conditional_escape, a fifth of the page's time.
_ROW = (
    "<tr>\n<td>{rank}</td><td>{reference}</td><td>{applicant}</td>\n"
    '<td><a href="{url}">{title}</a></td>\n'
    "<td>{score}</td>\n<td>{reviewers}</td><td>{requested}</td><td>{within}</td>"
    "<td>{status}</td>\n</tr>"
)


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
    yes, no = escape(gettext("yes")), escape(gettext("no"))
    hidden = f'<span class="muted">{escape(gettext("hidden"))}</span>'
    # The page language's separators looked up once, not per amount and score.
    amount = money_formatter(currency)
    decimal_separator = get_format("DECIMAL_SEPARATOR")
    grouping = get_format("NUMBER_GROUPING")
    thousand_separator = get_format("THOUSAND_SEPARATOR")
    labels: dict[str, str] = {}
    # The fallback order of the page's language worked out once for the rows' two texts.
    title = translated_getter(Application, "title")
    name = translated_getter(Organisation, "name")
    written = []
    for row in rows:
        application = row.application
        assert application is not None  # a ranking row always has its application
        if not (secretariat or application.pk in done):
            score = hidden
        elif row.score is None:
            score = "—"
        else:
            # localize(score), as the template's {{ score }} wrote it.
            score = escape(
                numberformat.format(
                    row.score,
                    decimal_separator,
                    None,
                    grouping,
                    thousand_separator,
                    use_l10n=True,
                )
            )
        # str(application.applicant) (Organisation.__str__), its name read by the getter.
        organisation = application.applicant
        applicant = name(organisation)
        if organisation.acronym:
            applicant = f"{applicant} ({organisation.acronym})"
        status = labels.get(row.status_label)
        if status is None:
            status = labels[row.status_label] = escape(row.status_label)
        written.append(
            _ROW.format(
                rank=escape(_count(row.rank)),
                reference=escape(application.reference or "—"),
                applicant=escape(applicant),
                url=escape(f"{prefix}/{application.pk}/{suffix}"),
                title=escape(title(application)),
                score=score,
                reviewers=escape(_count(row.reviewers)),
                requested=escape(amount(row.requested)),
                within=yes if row.within_envelope else no,
                status=status,
            )
        )
    if not written:
        return format_html(
            '<tr><td colspan="9" class="muted">{}</td></tr>', gettext("No applications yet.")
        )
    return SafeString("".join(written))


@register.simple_tag
def review_fields(form: ReviewForm) -> SafeString:
    """The fields of a review form that has not been sent, with the markup
    ``staff/includes/field.html`` gives them (label, the criterion's range as min/max/step,
    required), without the four form templates per field that Django renders. A form sent
    back with errors goes through the templates (``committee_application.html``), which
    write the errors and their aria attributes."""
    assert not form.is_bound, "a bound form is rendered by staff/includes/field.html"
    parts = []
    for field in form:
        attrs = field.build_widget_attrs(dict(field.field.widget.attrs))
        attrs["id"] = field.auto_id
        label = str(field.label)
        suffix = form.label_suffix or ""
        if label and label[-1] in ":?.!":
            suffix = ""
        value = field.value()
        if field.widget_type == "textarea":
            widget = format_html(
                '<textarea name="{}"{}>\n{}</textarea>',
                field.html_name,
                _attrs(attrs),
                "" if value in (None, "") else value,
            )
        else:
            shown = field.field.widget.format_value(value)
            widget = format_html(
                '<input type="{}" name="{}"{}{}>',
                field.field.widget.input_type,
                field.html_name,
                format_html(' value="{}"', shown) if shown is not None else "",
                _attrs(attrs),
            )
        parts.append(
            format_html(
                '<div class="field"><label for="{}">{}{}</label>\n{}</div>\n',
                field.auto_id,
                label,
                suffix,
                widget,
            )
        )
    return format_html_join("", "{}", ((part,) for part in parts))


def _attrs(attrs: Mapping[str, object]) -> SafeString:
    """Django's widgets/attrs.html: ``True`` is a bare attribute, ``False``/``None`` none."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False and value is not None
        ),
    )
