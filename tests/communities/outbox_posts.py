"""The activity a phone's outbox posts to the sync endpoint, as the tests send it."""

from __future__ import annotations

import uuid
from typing import Any


def outbox_activity(project: Any, community: Any, **extra: Any) -> dict[str, Any]:
    """A training in one community, kept as a draft; ``extra`` adds or overrides fields
    (``submit="1"`` to send it for review, ``client_key`` to repeat an upload)."""
    return {
        "client_key": str(uuid.uuid4()),
        "date": "2024-05-14",
        "kind": "training",
        "project": project.pk,
        "communities": [community.pk],
        "title_ru": "Тренинг по медиации",
        "women": "4",
        "men": "3",
        "youth": "1",
        **extra,
    }
