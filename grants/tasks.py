"""Celery tasks of the grants app."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from grants.reminders import send_report_reminders


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError, OSError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=6,
)
def send_report_reminders_task(self: Any) -> int:
    """Scheduled daily by celery beat (CELERY_BEAT_SCHEDULE). Safe to repeat: each reminder
    is recorded once (grants/reminders.py). OSError covers an unreachable SMTP server."""
    return send_report_reminders(today=timezone.localdate())
