"""Keeps the committee's stored ranking (Application.ranking_position / ranking_cumulative)
in step with every write to an application, whoever makes it: the online call, the
committee's decision, the award, the admin's change form or a shell. Scores move the
ranking through grants.services.application_scores_refresh; these receivers cover the
application's own fields (status, amount, date of receipt, confirmation, programme)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from grants.models import Application
from grants.services import application_ranking_refresh

# The fields a place in the ranking depends on, besides the stored score.
RANKING_FIELDS = frozenset(
    {
        "programme",
        "programme_id",
        "status",
        "requested_amount",
        "received_on",
        "submitted_online",
        "email_confirmed_at",
        "score",
    }
)


def _moves_ranking(update_fields: Any) -> bool:
    return update_fields is None or not RANKING_FIELDS.isdisjoint(update_fields)


def _saved(sender: Any, instance: Application, **kwargs: Any) -> None:
    if kwargs.get("raw") or not _moves_ranking(kwargs.get("update_fields")):
        return
    application_ranking_refresh(programme_id=instance.programme_id)
    # Read with another programme (Application.from_db): the old ranking closes its gap.
    previous = instance.loaded_programme_id
    if previous is not None and previous != instance.programme_id:
        application_ranking_refresh(programme_id=previous)
    instance.loaded_programme_id = instance.programme_id


def _deleted(sender: Any, instance: Application, **kwargs: Any) -> None:
    application_ranking_refresh(programme_id=instance.programme_id)


def register() -> None:
    post_save.connect(_saved, sender=Application, dispatch_uid="ranking_saved")
    post_delete.connect(_deleted, sender=Application, dispatch_uid="ranking_deleted")
