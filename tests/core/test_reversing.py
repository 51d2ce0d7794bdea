"""``reverse_one`` gives what ``reverse()`` gives, in every language and URL configuration."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from core.reversing import reverse_one


@pytest.mark.parametrize("language", ["en", "ru", "ky", "tg"])
@pytest.mark.parametrize(
    ("viewname", "name", "value"),
    [
        ("communities:community_detail", "pk", 7),
        ("communities:community_detail", "pk", 987654321),
        ("communities:district_detail", "pk", 0),
        ("projects:news_detail", "pk", 123456),
        ("projects:project_detail", "slug", "safe-roads_2024"),
        ("projects:organisation_detail", "slug", "9"),
    ],
)
def test_it_gives_the_address_reverse_gives(language, viewname, name, value) -> None:
    with translation.override(language):
        assert reverse_one(viewname, name, value) == reverse(viewname, kwargs={name: value})
        # Twice: the second comes from the kept address.
        assert reverse_one(viewname, name, value) == reverse(viewname, kwargs={name: value})


def test_it_leaves_other_values_to_reverse_errors_included() -> None:
    with pytest.raises(NoReverseMatch):
        reverse_one("communities:community_detail", "pk", None)
    with pytest.raises(NoReverseMatch):
        reverse_one("projects:project_detail", "slug", "a b")
    with pytest.raises(NoReverseMatch):
        reverse_one("communities:community_detail", "pk", -1)


def test_it_follows_a_changed_url_configuration() -> None:
    with translation.override("en"):
        usual = reverse_one("communities:community_detail", "pk", 5)
        with override_settings(ROOT_URLCONF="config.bench_urls"):
            assert reverse_one("communities:community_detail", "pk", 5) == reverse(
                "communities:community_detail", kwargs={"pk": 5}
            )
    assert usual == "/en/places/communities/5/"
