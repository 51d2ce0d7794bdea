"""Keep the gazetteer's ``lookup_names`` in step with the names, however a unit is saved."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_save
from django.dispatch import receiver

from communities.gazetteer import refresh_lookup_names
from communities.models import Community, District, Region


@receiver(pre_save, sender=Region)
@receiver(pre_save, sender=District)
@receiver(pre_save, sender=Community)
def refresh_unit_lookup_names(sender: type, instance: Any, **kwargs: Any) -> None:
    refresh_lookup_names(instance)
