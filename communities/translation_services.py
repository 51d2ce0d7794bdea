"""Reviewers add translations of an activity's title and description while reviewing it, so a
news item written in one language reads properly in the others (the marker
«показано на кыргызском» then disappears from those pages)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from communities.models import Activity
from core.i18n import content_languages
from projects.access import can_review_project

TRANSLATED_FIELDS = ("title", "description")


@transaction.atomic
def activity_translations_update(
    *, activity: Activity, reviewer: Any, texts: Mapping[str, str]
) -> Activity:
    """Set ``title_<lang>`` / ``description_<lang>`` from ``texts`` (keys such as
    ``"title_ky"``); other fields are untouched. The title may not end up empty in every
    language."""
    activity = Activity.objects.select_for_update().select_related("project").get(pk=activity.pk)
    if not can_review_project(reviewer, activity.project):
        raise PermissionDenied
    allowed = {f"{name}_{code}" for name in TRANSLATED_FIELDS for code in content_languages()}
    unknown = set(texts) - allowed
    if unknown:
        raise ValidationError(_("Unknown field: %(field)s") % {"field": ", ".join(sorted(unknown))})
    for column, value in texts.items():
        setattr(activity, column, (value or "").strip())
    if not any(getattr(activity, f"title_{code}") for code in content_languages()):
        raise ValidationError({"title_ru": _("Give the title in at least one language.")})
    # The plain `title` reads the active language with fallbacks; the columns were checked.
    activity.full_clean(exclude=["title"])
    activity.save()
    return activity
