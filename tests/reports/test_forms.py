"""The report filter form's options: labelled as each record's own ``__str__`` labels it, with
the fallback marker when the name or title is shown in another language (issue #21)."""

from __future__ import annotations

import pytest
from django.utils import translation

from communities.models import Community
from core.i18n import marked_label, shown_in_label
from projects.models import Organisation, PartnerRole, Project
from reports.forms import (
    LABEL_COLUMNS,
    LABEL_FIELDS,
    ReportFilterForm,
    labelled_options,
    region_and_community_options,
    subject_options,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "ru", "ky", "tg"])
def test_options_are_labelled_as_the_loaded_records_would_be_in_every_language(language):
    # Names missing in some languages, so the labels come from the fallbacks.
    f.CommunityFactory(name_en="", name_ky="Кара-Суу")
    f.CommunityFactory(name_ru="", name_tg="Исфара")
    f.OrganisationFactory(acronym="PF")
    f.OrganisationFactory(name_en="", acronym="")
    f.ProjectFactory(title_en="", title_ky="Коопсуз айылдар")
    f.ProjectFactory()
    cases = (
        (Community.objects.order_by("name", "pk"), "community"),
        (Organisation.objects.order_by("name", "pk"), "donor"),
        (Project.objects.order_by("title", "pk"), "project"),
    )
    with translation.override(language):
        for queryset, field in cases:
            label_field = LABEL_FIELDS[field]
            loaded = [(record.pk, marked_label(record, label_field)) for record in queryset]
            assert labelled_options(queryset, LABEL_COLUMNS[field], label_field) == loaded


def test_options_are_read_in_one_query_per_list(django_assert_num_queries):
    for _ in range(5):
        f.CommunityFactory()
    with django_assert_num_queries(1):
        options = labelled_options(Community.objects.order_by("name"), LABEL_COLUMNS["community"])
    assert len(options) == Community.objects.count()


def _separately(queryset, field: str) -> list:
    # The list as its own read gives it, with the record's id after the form's order: records
    # that sort alike (two villages of one name) come in id order in the joined read.
    order = [*queryset.query.order_by, "pk"]
    return labelled_options(queryset.order_by(*order), LABEL_COLUMNS[field], LABEL_FIELDS[field])


@pytest.mark.parametrize("language", ["en", "ru", "ky"])
def test_it_reads_the_projects_with_their_donors_and_the_regions_with_their_communities_once(
    language, django_assert_num_queries
):
    staff = f.StaffMembershipFactory()
    mine = [f.ProjectFactory(title_en=title) for title in ("Zeta", "Alpha", "Alpha", "")]
    for project in mine:
        f.PartnershipFactory(project=project, organisation=staff.organisation)
    donor, other_donor = f.OrganisationFactory(acronym="UN"), f.OrganisationFactory(name_en="")
    for project in mine[:2]:
        f.PartnershipFactory(project=project, organisation=donor, role=PartnerRole.FUNDING)
    f.PartnershipFactory(project=mine[3], organisation=other_donor, role=PartnerRole.FUNDING)
    # Not reportable: a project of another organisation, and its funder.
    f.PartnershipFactory(organisation=f.OrganisationFactory(), role=PartnerRole.FUNDING)
    f.CommunityFactory(name_en="Tash", name_ru="Таш")
    f.CommunityFactory(name_en="Tash", name_ru="Таш")
    f.CommunityFactory(name_en="", name_ky="Кара-Суу")
    f.RegionFactory(name_en="Region without communities")
    with translation.override(language):
        form = ReportFilterForm(None, user=staff.user)
        fields = form.fields
        projects, donors = fields["project"].queryset, fields["donor"].queryset
        regions, communities = fields["region"].queryset, fields["community"].queryset
        with django_assert_num_queries(1):
            project_options, donor_options = subject_options(projects, donors)
        with django_assert_num_queries(1):
            region_options, community_options = region_and_community_options(regions, communities)
        assert project_options == _separately(projects, "project")
        assert donor_options == _separately(donors, "donor")
        assert region_options == _separately(regions, "region")
        assert community_options == _separately(communities, "community")
    # The funders of the user's projects, and no other organisation.
    assert {pk for pk, _label in donor_options} == {donor.pk, other_donor.pk}
    assert len(project_options) == 4 and len(community_options) == Community.objects.count()


# Names chosen so that the English, Russian and Kyrgyz orders all differ, and the Kyrgyz one
# holds only because the place without a Kyrgyz name sorts by the Russian form it shows.
PLACES = [
    {"name_en": "Ak-Suu", "name_ru": "Ширин", "name_ky": "Арал"},
    {"name_en": "Bel", "name_ru": "Ямал", "name_ky": ""},
    {"name_en": "Chong", "name_ru": "Кок", "name_ky": "Бурана"},
]


# A name shown in Russian on a page in another language is written "name*" below.
@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["Ak-Suu", "Bel", "Chong"]),
        ("ru", ["Кок", "Ширин", "Ямал"]),
        ("ky", ["Арал", "Бурана", "Ямал*"]),
        # Tajik falls back to Russian first.
        ("tg", ["Кок*", "Ширин*", "Ямал*"]),
    ],
)
def test_it_sorts_every_option_list_by_the_names_shown_in_the_request_language(language, labels):
    staff = f.StaffMembershipFactory()
    region = f.RegionFactory()
    for names in PLACES:
        f.CommunityFactory(district=f.DistrictFactory(region=region, **names), **names)
        project = f.ProjectFactory(**{key.replace("name", "title"): v for key, v in names.items()})
        f.PartnershipFactory(project=project, organisation=staff.organisation)
        donor = f.OrganisationFactory(**names)
        f.PartnershipFactory(project=project, organisation=donor, role=PartnerRole.FUNDING)
    with translation.override(language):
        in_russian = f" ({shown_in_label('ru')})"
        labels = [label.replace("*", in_russian) for label in labels]
        form = ReportFilterForm(None, user=staff.user)
        form.load_choices()
        for name in ("district", "community", "project", "donor"):
            # The first option is "All districts", "All communities" and so on.
            options = list(form.fields[name].choices)[1:]
            assert [label for _pk, label in options] == labels, name


@pytest.mark.parametrize("language", ["ru", "ky", "tg", "en"])
def test_every_option_list_marks_a_name_shown_in_another_language(language):
    # One record of each list written only in Kyrgyz (Tajik on a Kyrgyz page): its option
    # says so in the page's language, as the public filters' options do.
    written = "tg" if language == "ky" else "ky"
    staff = f.StaffMembershipFactory()
    languages = ("en", "ru", "ky", "tg")
    only = {f"name_{code}": "Тынчтык" if code == written else "" for code in languages}
    region = f.RegionFactory(**only)
    district = f.DistrictFactory(region=region, **only)
    f.CommunityFactory(district=district, **only)
    project = f.ProjectFactory(**{key.replace("name", "title"): v for key, v in only.items()})
    f.PartnershipFactory(project=project, organisation=staff.organisation)
    donor = f.OrganisationFactory(acronym="ТБ", **only)
    f.PartnershipFactory(project=project, organisation=donor, role=PartnerRole.FUNDING)
    with translation.override(language):
        marker = f"({shown_in_label(written)})"
        form = ReportFilterForm(None, user=staff.user)
        form.load_choices()
        html = form.as_p()
        for name in ("region", "district", "community", "project"):
            assert (f"Тынчтык {marker}") in [label for _pk, label in form.fields[name].choices]
        assert f"Тынчтык (ТБ) {marker}" in [label for _pk, label in form.fields["donor"].choices]
    assert f"Тынчтык {marker}</option>" in html
