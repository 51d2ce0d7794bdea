"""The report filter form: what a report is about and for which period."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from html import escape
from typing import Any

from django import forms
from django.db.models import Expression, F, OrderBy, QuerySet, Window
from django.db.models.functions import DenseRank
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from communities.models import Community, District, Region
from core.cache import cached_fragment
from core.choices import Country
from core.forms import DateInput, RecordChoiceField, choice_field, record_field
from core.i18n import label_marker, text_in_sql, translated
from core.together import read_together
from projects.cache_scopes import PROJECTS
from projects.models import Organisation, PartnerRole, Partnership, Project
from reports.access import report_organisation_ids, reportable_donors, reportable_projects
from reports.indicators.scope import IndicatorFilter


def _option(value: Any, label: Any, selected: bool = False) -> str:
    mark = " selected" if selected else ""
    return f'<option value="{escape(str(value))}"{mark}>{escape(str(label))}</option>'


class CachedOptions(BaseChoiceIterator):
    """Options read from the cache, with their HTML written once: Django normalises a plain
    list item by item on every form (thousands of options), an iterator it leaves alone."""

    def __init__(self, options: list[tuple[Any, Any]], html: str) -> None:
        self.options = options
        self.html = html

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        return iter(self.options)


class ListSelect(forms.Select):
    """A select written straight from its (value, label) list. The filter offers every
    community, district and reportable project (over a thousand options at scale): through
    Django's per-option templates that cost about half a second per page."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = set(self.format_value(value))
        if isinstance(self.choices, CachedOptions):
            options = self.choices.html
            for chosen in selected:
                plain = _option(chosen, "")[: -len("></option>")] + ">"
                options = options.replace(plain, plain[:-1] + " selected>", 1)
        else:
            options = "".join(
                _option(option, label, str(option) in selected) for option, label in self.choices
            )
        return mark_safe(f"<select{flatatt(final_attrs)}>{options}</select>")  # noqa: S308 - escaped


# What the options (and the form rendered with them) depend on, besides ``ALL``: the
# reportable projects' titles, written through Project (which bumps PROJECTS). Their
# partnerships, the donors and the places register no scopes, so their writes bump ``ALL``,
# which every cached entry follows. A published news item, a grant or a contribution leaves
# the options alone: rebuilding them was a third of a report's first view after any save.
FILTER_OPTION_SCOPES = (PROJECTS,)

# Choice fields whose options come from the database, cached as plain (pk, label) lists.
MODEL_CHOICE_FIELDS = ("project", "donor", "region", "district", "community")

# The translated field each option's label (the record's ``__str__``) is built from, and the
# columns it reads: every language's column of that field, which its translation descriptor
# picks from.
LABEL_FIELDS: dict[str, str] = {
    "project": "title",
    "donor": "name",
    "region": "name",
    "district": "name",
    "community": "name",
}
LABEL_COLUMNS: dict[str, list[str]] = {
    "project": translated("title"),
    "donor": [*translated("name"), "acronym"],
    "region": translated("name"),
    "district": translated("name"),
    "community": translated("name"),
}


def labelled_options(
    queryset: QuerySet, columns: list[str], field: str = "name"
) -> list[tuple[Any, str]]:
    """``(pk, label)`` for every record of ``queryset``, in its order, the label written by
    the model's own ``__str__`` and translation descriptors from the columns it reads, with
    the fallback marker when ``field`` is shown in another language (``marked_label``),
    without building model instances: over a thousand options per uncached report page
    spent more time in ``Model.__init__`` and its pre_init/post_init signals than in the
    database."""
    rows = list(_labelled_query(queryset, columns))
    return _labelled(queryset.model, columns, rows, field)


def _labelled_query(queryset: QuerySet, columns: list[str]) -> QuerySet:
    # rewrite(False): the per-language columns as stored, for the descriptors to choose from.
    stored = queryset.rewrite(False)  # type: ignore[attr-defined]  # modeltranslation's QuerySet
    return stored.values("pk", *columns)


def _labelled(
    model: type[Any], columns: list[str], rows: list[dict[str, Any]], field: str
) -> list[Any]:
    mark = label_marker(field)
    options = []
    for values in rows:
        record = object.__new__(model)
        record.__dict__.update((column, values[column]) for column in columns)
        options.append((values["pk"], mark(record, str(record))))
    return options


def _rank_in(queryset: QuerySet, prefix: str) -> Window:
    """The position of a row's ``prefix``-ed record in ``queryset``'s own order (its sort
    columns, then its id so that records sorting alike keep one order), as a DENSE_RANK in
    the joined read: the list keeps the database's collation and the column modeltranslation
    chose for the order when the queryset was built."""
    return Window(DenseRank(), order_by=_order_in(queryset, prefix))


def _order_in(queryset: QuerySet, prefix: str) -> list[OrderBy]:
    """``queryset``'s sort columns or expressions, then its id, on the records ``prefix``
    joins to."""
    order: list[OrderBy] = []
    for name in [*queryset.query.order_by, "pk"]:
        if not isinstance(name, str):
            expression = _rerooted(name, prefix)
            order.append(expression if isinstance(expression, OrderBy) else expression.asc())
            continue
        column = F(prefix + name.lstrip("-"))
        order.append(column.desc() if name.startswith("-") else column.asc())
    return order


def _rerooted(expression: Any, prefix: str) -> Any:
    """``expression`` with each column it names read through ``prefix`` (a sort by the name
    shown in the page's language, ``core.i18n.text_in_sql``, on the joined records)."""
    if isinstance(expression, F):
        return F(prefix + expression.name)  # type: ignore[attr-defined]  # F.name, not in the stubs
    if not isinstance(expression, Expression):
        return expression
    rerooted = expression.copy()
    rerooted.set_source_expressions(
        [_rerooted(source, prefix) for source in expression.get_source_expressions()]
    )
    return rerooted


def _in_rank_order(ranked: dict[Any, tuple[int, str]]) -> list[tuple[Any, str]]:
    return [(pk, label) for pk, (_rank, label) in sorted(ranked.items(), key=lambda i: i[1][0])]


def subject_options(
    projects: QuerySet[Project], donors: QuerySet[Organisation]
) -> tuple[list[tuple[Any, str]], list[tuple[Any, str]]]:
    """The project and donor options (``projects`` and ``donors`` in their own order) from
    one read of the partnerships of those projects: each reportable project has one (its
    partnership with the user's organisation), and the reportable donors are exactly the
    funding partners among them."""
    return _subject_options(list(_subject_query(projects, donors)))


def _subject_query(projects: QuerySet[Project], donors: QuerySet[Organisation]) -> QuerySet:
    project_columns, donor_columns = LABEL_COLUMNS["project"], LABEL_COLUMNS["donor"]
    return (
        Partnership.objects.filter(project__in=projects.values("pk"))
        .values(
            "project_id",
            "organisation_id",
            "role",
            *(f"project__{column}" for column in project_columns),
            *(f"organisation__{column}" for column in donor_columns),
        )
        .annotate(
            project_rank=_rank_in(projects, "project__"),
            donor_rank=_rank_in(donors, "organisation__"),
        )
        .order_by()
    )


def _subject_options(
    rows: list[dict[str, Any]],
) -> tuple[list[tuple[Any, str]], list[tuple[Any, str]]]:
    project_columns, donor_columns = LABEL_COLUMNS["project"], LABEL_COLUMNS["donor"]
    project_options: dict[Any, tuple[int, str]] = {}
    donor_options: dict[Any, tuple[int, str]] = {}
    project_mark, donor_mark = label_marker("title"), label_marker("name")
    for row in rows:
        if row["project_id"] not in project_options:
            label = _label_of(
                Project,
                project_mark,
                project_columns,
                [row[f"project__{c}"] for c in project_columns],
            )
            project_options[row["project_id"]] = (row["project_rank"], label)
        if row["role"] == PartnerRole.FUNDING and row["organisation_id"] not in donor_options:
            label = _label_of(
                Organisation,
                donor_mark,
                donor_columns,
                [row[f"organisation__{c}"] for c in donor_columns],
            )
            donor_options[row["organisation_id"]] = (row["donor_rank"], label)
    return _in_rank_order(project_options), _in_rank_order(donor_options)


def region_and_community_options(
    regions: QuerySet[Region], communities: QuerySet[Community]
) -> tuple[list[tuple[Any, str]], list[tuple[Any, str]]]:
    """The region and community options (each queryset in its own order) from one read of
    the regions with their communities: every community lies in a region, and a region
    with none comes once with no community. The rows (one per community, about a thousand)
    come as tuples in the communities' order, so the longer list needs no sort here; the
    regions' order comes with a rank."""
    return _place_options(list(_place_query(regions, communities)))


def _place_query(regions: QuerySet[Region], communities: QuerySet[Community]) -> QuerySet:
    region_columns, community_columns = LABEL_COLUMNS["region"], LABEL_COLUMNS["community"]
    return (
        # rewrite(False): the per-language columns as stored, as labelled_options reads them.
        regions.rewrite(False)  # type: ignore[attr-defined]  # modeltranslation's QuerySet
        .annotate(region_rank=_rank_in(regions, ""))
        .values(
            "pk",
            "region_rank",
            "communities__pk",
            *region_columns,
            *(f"communities__{column}" for column in community_columns),
        )
        .order_by(*_order_in(communities, "communities__"))
    )


def _place_options(
    rows: list[dict[str, Any]],
) -> tuple[list[tuple[Any, str]], list[tuple[Any, str]]]:
    region_columns, community_columns = LABEL_COLUMNS["region"], LABEL_COLUMNS["community"]
    region_options: dict[Any, tuple[int, str]] = {}
    community_options: list[tuple[Any, str]] = []
    mark = label_marker("name")
    for row in rows:
        if row["pk"] not in region_options:
            names = [row[column] for column in region_columns]
            label = _label_of(Region, mark, region_columns, names)
            region_options[row["pk"]] = (row["region_rank"], label)
        if row["communities__pk"] is not None:
            names = [row[f"communities__{column}"] for column in community_columns]
            community_options.append(
                (row["communities__pk"], _label_of(Community, mark, community_columns, names))
            )
    return _in_rank_order(region_options), community_options


def _label_of(
    model: type[Any], mark: Callable[[object, str], str], columns: list[str], values: Sequence[Any]
) -> str:
    """A record's option label from its label columns read in a joined row, as
    ``labelled_options`` writes it (``mark``: ``label_marker`` of its name or title)."""
    record = object.__new__(model)
    record.__dict__.update(zip(columns, values, strict=True))
    return mark(record, str(record))


class ReportFilterForm(forms.Form):
    project = RecordChoiceField(
        label=_("Project"),
        queryset=None,
        required=False,
        empty_label=_("All projects"),
        widget=ListSelect,
    )
    donor = RecordChoiceField(
        label=_("Donor"),
        queryset=None,
        required=False,
        empty_label=_("All donors"),
        widget=ListSelect,
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=[("", _("All countries")), *Country.choices],
        required=False,
        widget=ListSelect,
    )
    region = RecordChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("country", "code"),
        required=False,
        empty_label=_("All regions"),
        widget=ListSelect,
    )
    district = RecordChoiceField(
        label=_("District"),
        queryset=None,
        required=False,
        empty_label=_("All districts"),
        widget=ListSelect,
    )
    community = RecordChoiceField(
        label=_("Community"),
        queryset=None,
        required=False,
        empty_label=_("All communities"),
        widget=ListSelect,
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput)

    def __init__(self, *args: Any, user: Any, require_subject: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user
        self.require_subject = require_subject
        # Every list by the name each option shows in the request's language (its own, else
        # the first fallback's), as the public filters sort their labels. ``order_by("name")``
        # sorts by the request language's column alone, which put every record without a
        # Kyrgyz name first on a Kyrgyz page; on the class it was also rewritten to name_ru
        # once, at import.
        record_field(self, "project").queryset = reportable_projects(user).order_by(
            text_in_sql("title")
        )
        record_field(self, "donor").queryset = reportable_donors(user).order_by(text_in_sql("name"))
        record_field(self, "district").queryset = District.objects.select_related(None).order_by(
            text_in_sql("name")
        )
        record_field(self, "community").queryset = Community.objects.order_by(text_in_sql("name"))

    def load_choices(self) -> None:
        """Show the options from the cache. Called only when the form is rendered (the
        views keep the rendered form too); validation still goes through each field's
        queryset."""
        for name, (options, html) in self._cached_choices().items():
            choice_field(self, name).choices = CachedOptions(options, html)

    def _cached_choices(self) -> dict[str, tuple[list[tuple[Any, str]], str]]:
        """Options and their HTML per version of ``FILTER_OPTION_SCOPES``, language and the
        user's organisations (projects and donors depend on them; a scope's list is never
        shown to another)."""
        scope = ",".join(str(pk) for pk in report_organisation_ids(self.user))

        def build() -> dict[str, tuple[list[tuple[Any, str]], str]]:
            querysets: dict[str, Any] = {
                name: record_field(self, name).queryset for name in MODEL_CHOICE_FIELDS
            }
            # Three reads for five lists, in one statement: the projects with their donors,
            # the regions with their communities (each through a join the lists share), and
            # the districts.
            rows = read_together(
                {
                    "subjects": _subject_query(querysets["project"], querysets["donor"]),
                    "places": _place_query(querysets["region"], querysets["community"]),
                    "districts": _labelled_query(querysets["district"], LABEL_COLUMNS["district"]),
                }
            )
            read: dict[str, list[tuple[Any, str]]] = {}
            read["project"], read["donor"] = _subject_options(rows["subjects"])
            read["region"], read["community"] = _place_options(rows["places"])
            read["district"] = _labelled(
                District, LABEL_COLUMNS["district"], rows["districts"], LABEL_FIELDS["district"]
            )
            choices = {}
            for name in MODEL_CHOICE_FIELDS:
                options = [("", str(record_field(self, name).empty_label)), *read[name]]
                choices[name] = (options, "".join(_option(v, label) for v, label in options))
            return choices

        # v5: the labels carry the fallback marker.
        return cached_fragment(
            f"report-filter-choices-v5:{scope}", build, scopes=FILTER_OPTION_SCOPES
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period must not be before its start."))
        if self.require_subject and not (data.get("project") or data.get("donor")):
            raise forms.ValidationError(_("Choose a project or a donor for the report."))
        return data

    def indicator_filter(self) -> IndicatorFilter:
        data = self.cleaned_data
        return IndicatorFilter(
            project=data.get("project"),
            donor=data.get("donor"),
            country=data.get("country") or "",
            region=data.get("region"),
            district=data.get("district"),
            community=data.get("community"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            organisation_ids=report_organisation_ids(self.user),
        )
