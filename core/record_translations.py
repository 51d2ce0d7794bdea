"""Reviewers add translations of a record's title and summary while reviewing it (issue #21:
"staff can add a translation of any title and summary while reviewing"), so a record written
in one language reads properly in the others and the «показано на кыргызском» marker goes.

The form and the write are shared: each app keeps its own access check and view (news in
communities.translation_services, joint plans there too; grants, applications and grant
programmes in grants.services; organisations in projects.services) and passes the
translated fields of its model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from core.i18n import content_languages


@dataclass(frozen=True)
class TranslatedField:
    """One translated model field as the form shows it."""

    name: str
    # A lazy string with %(language)s: «Title (%(language)s)».
    label: Any
    long: bool = False
    max_length: int | None = None


TITLE = TranslatedField("title", gettext_lazy("Title (%(language)s)"), max_length=300)
SUMMARY = TranslatedField("summary", gettext_lazy("Summary (%(language)s)"), long=True)
DESCRIPTION = TranslatedField("description", gettext_lazy("Description (%(language)s)"), long=True)
NAME = TranslatedField("name", gettext_lazy("Name (%(language)s)"), max_length=300)
ELIGIBILITY = TranslatedField("eligibility", gettext_lazy("Eligibility (%(language)s)"), long=True)


class RecordTranslationForm(forms.Form):
    """Every translated field in every content language, filled from ``record``."""

    def __init__(
        self,
        *args: Any,
        fields: Sequence[TranslatedField],
        record: models.Model | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for translated in fields:
            for code in content_languages():
                column = f"{translated.name}_{code}"
                language = get_language_info(code)["name_translated"]
                self.fields[column] = forms.CharField(
                    label=translated.label % {"language": language},
                    max_length=translated.max_length,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}) if translated.long else None,
                    initial=(getattr(record, column, "") or "") if record is not None else "",
                )


@transaction.atomic
def record_translations_update(
    *,
    record: models.Model,
    fields: Sequence[TranslatedField],
    texts: Mapping[str, str],
    required: str | None = "title",
) -> models.Model:
    """Set ``<field>_<lang>`` columns from ``texts`` (keys such as ``"title_ky"``); other
    columns are untouched. ``required`` may not end up empty in every language. The caller
    has checked that the user may review ``record``."""
    record = type(record)._default_manager.select_for_update().get(pk=record.pk)
    allowed = {f"{field.name}_{code}" for field in fields for code in content_languages()}
    unknown = set(texts) - allowed
    if unknown:
        raise ValidationError(_("Unknown field: %(field)s") % {"field": ", ".join(sorted(unknown))})
    for column, value in texts.items():
        setattr(record, column, (value or "").strip())
    if required and not any(getattr(record, f"{required}_{code}") for code in content_languages()):
        raise ValidationError(
            {
                f"{required}_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}": _(
                    "Give the title in at least one language."
                )
            }
        )
    # The plain field reads the active language with fallbacks; its columns were checked.
    record.full_clean(exclude=[field.name for field in fields])
    record.save()
    return record


def posted_texts(form: forms.Form) -> dict[str, str]:
    """The cleaned texts of the columns the request actually sent: a client that posts only
    ``title_ru`` leaves the other languages as they were (an unsent field cleans to "")."""
    return {column: value for column, value in form.cleaned_data.items() if column in form.data}
