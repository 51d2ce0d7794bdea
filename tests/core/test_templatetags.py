"""The portal template tags."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from tests import factories as f


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru", "ky"])
def test_the_lang_note_tag_renders_what_the_lang_note_include_does(language: str) -> None:
    # The tag replaced the include in lists: the same bytes, whichever language the text is in.
    both = f.RegionFactory(name_en="Osh region", name_ru="Ошская область")
    russian_only = f.RegionFactory(name_en="", name_ru="Ошская область")
    include = Template('{% include "includes/lang_note.html" with obj=region field="name" %}')
    tag = Template('{% load portal %}{% lang_note region "name" %}')

    with translation.override(language):
        for region in (both, russian_only):
            context = {"region": region}
            assert tag.render(Context(context)) == include.render(Context(context))
        noted = tag.render(Context({"region": russian_only}))
    assert ("lang-note" in noted) == (language != "ru")
