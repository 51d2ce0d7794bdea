"""The committee's ranking rows, a member's empty review form and a member's scores on the
application page, written out in Python.

Through the template engine, the 25 rows of a ranking page cost more than the rest of the
page together (about 250 variable lookups, a URL reversed and a number localised per cell;
bench/grants_committee.py). The markup is the same the template wrote."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from html import escape

from django import template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import numberformat
from django.utils.formats import get_format, localize
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from core.i18n import note_marker, translated_getter
from core.templatetags.portal import money_formatter
from grants.forms import ReviewForm
from grants.models import Application, ReviewScore
from grants.ranking import RankedApplication
from projects.models import Organisation

register = template.Library()


def _count(number: int) -> str:
    """The count as HTML. Below 1,000 no language groups digits, so the number is its own
    text, which needs no escaping; localize() costs a format lookup per call (two per row)."""
    return str(number) if 0 <= number < 1000 else escape(localize(number))


# A row as the template wrote it. The texts are escaped with html.escape, which is what
# django.utils.html.escape does (tests/grants/test_committee_tags.py compares the two
# writings): format_html_join escaped every cell of every row, numbers included, through
# conditional_escape, a fifth of the page's time. Numbers and addresses are not escaped
# cell by cell: escaping replaces characters one by one, so escaping the separators a
# number is written with, or the parts of an address around its key, once per page gives
# the same text.
_ROW = (
    "<tr>\n<td>{rank}</td><td>{reference}</td><td>{applicant}{applicant_note}</td>\n"
    '<td><a href="{url}">{title}</a>{title_note}</td>\n'
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
    prefix, suffix = escape(prefix), escape(suffix)
    yes, no = escape(gettext("yes")), escape(gettext("no"))
    hidden = f'<span class="muted">{escape(gettext("hidden"))}</span>'
    # The page language's separators looked up once, not per amount and score.
    amount = money_formatter(currency)
    decimal_separator = escape(str(get_format("DECIMAL_SEPARATOR")))
    grouping = get_format("NUMBER_GROUPING")
    thousand_separator = escape(str(get_format("THOUSAND_SEPARATOR")))
    labels: dict[str, str] = {}
    # The fallback order of the page's language worked out once for the rows' two texts.
    title = translated_getter(Application, "title")
    name = translated_getter(Organisation, "name")
    # The «показано на кыргызском» marker the lang_note tag writes, for the same two texts.
    title_note, name_note = note_marker("title"), note_marker("name")
    written = []
    for row in rows:
        application = row.application
        assert application is not None  # a ranking row always has its application
        if not (secretariat or application.pk in done):
            score = hidden
        elif row.score is None:
            score = "—"
        else:
            # localize(score), as the template's {{ score }} wrote it (digits, a sign and
            # the separators, escaped above).
            score = numberformat.format(
                row.score,
                decimal_separator,
                None,
                grouping,
                thousand_separator,
                use_l10n=True,
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
                rank=_count(row.rank),
                reference=escape(application.reference or "—"),
                applicant=escape(applicant),
                applicant_note=name_note(organisation),
                url=f"{prefix}/{application.pk}/{suffix}",
                title=escape(title(application)),
                title_note=title_note(application),
                score=score,
                reviewers=_count(row.reviewers),
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
def review_scores(scores: Iterable[ReviewScore]) -> SafeString:
    """One member's scores as the application page lists them, "criterion: score" joined by
    "; " (an em dash for none), as the template's loop wrote them: the criterion's name
    escaped, the score by the ``floatformat:"-2"`` filter. Each name is read once per
    criterion (modeltranslation's descriptor works out its fallback on every read), and
    the loop's three lookups per score go."""
    written = []
    names: dict[int, str] = {}
    note = note_marker("name")
    for score in scores:
        name = names.get(score.criterion_id)
        if name is None:
            criterion = score.criterion
            name = names[score.criterion_id] = escape(str(criterion.name)) + note(criterion)
        written.append(f"{name}: {floatformat(score.score, '-2')}")
    return SafeString("; ".join(written) if written else "—")


@register.simple_tag
def review_fields(form: ReviewForm) -> SafeString:
    """The fields of a review form that has not been sent, with the markup
    ``staff/includes/field.html`` gives them (label, the criterion's range as min/max/step,
    required), without the four form templates per field that Django renders. A form sent
    back with errors goes through the templates (``committee_application.html``), which
    write the errors and their aria attributes.

    Written with ``html.escape`` on each text and value, which is what format_html's
    conditional_escape does to text that is not marked safe (none here is): through
    format_html, the three fields' forty escapes cost about half a millisecond."""
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
            text = "" if value in (None, "") else escape(str(value))
            name = escape(field.html_name)
            widget = f'<textarea name="{name}"{_attrs(attrs)}>\n{text}</textarea>'
        else:
            shown = field.field.widget.format_value(value)
            given = "" if shown is None else f' value="{escape(str(shown))}"'
            widget = (
                f'<input type="{escape(str(field.field.widget.input_type))}" '
                f'name="{escape(field.html_name)}"{given}{_attrs(attrs)}>'
            )
        parts.append(
            f'<div class="field"><label for="{escape(str(field.auto_id))}">'
            f"{escape(label)}{escape(str(suffix))}</label>\n{widget}</div>\n"
        )
    return SafeString("".join(parts))


def _attrs(attrs: Mapping[str, object]) -> str:
    """Django's widgets/attrs.html: ``True`` is a bare attribute, ``False``/``None`` none."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )
