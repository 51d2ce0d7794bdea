from __future__ import annotations

from django.utils import translation

from projects.models import Organisation


def test_an_organisation_reads_with_its_acronym() -> None:
    organisation = Organisation(name_en="International Alert", acronym="IA")
    with translation.override("en"):
        assert str(organisation) == "International Alert (IA)"


def test_an_acronym_that_is_the_name_is_not_repeated() -> None:
    with translation.override("en"):
        assert str(Organisation(name_en="ACTED", acronym="ACTED")) == "ACTED"
