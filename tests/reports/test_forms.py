"""The report filter form's options: labelled as each record's own ``__str__`` labels it."""

from __future__ import annotations

import pytest
from django.utils import translation

from communities.models import Community
from projects.models import Organisation, Project
from reports.forms import LABEL_COLUMNS, labelled_options
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
            loaded = [(record.pk, str(record)) for record in queryset]
            assert labelled_options(queryset, LABEL_COLUMNS[field]) == loaded


def test_options_are_read_in_one_query_per_list(django_assert_num_queries):
    for _ in range(5):
        f.CommunityFactory()
    with django_assert_num_queries(1):
        options = labelled_options(Community.objects.order_by("name"), LABEL_COLUMNS["community"])
    assert len(options) == Community.objects.count()
