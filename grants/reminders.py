"""Reminder e-mails about grantee reports coming due or overdue.

Run daily by celery beat (grants.tasks.send_report_reminders_task) and by hand with
``manage.py send_reminders``. Each reminder is recorded as a ``core.SentNotice`` under a key
naming the report, the kind of reminder and its period, in the same transaction as the
sending: running twice on a day, or a retried task, sends nothing new. A send that fails
records nothing, so the next run tries again.

Who gets it: the grantee organisation's administrators and programme managers (they write
the report), with the managing organisation's administrators and programme managers in copy
(they chase it). Users without an e-mail address or deactivated are skipped.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.models import SentNotice
from grants.models import GrantReport, GrantStatus
from projects.models import REVIEW_ROLES, StaffMembership

logger = logging.getLogger("portal.reminders")


@dataclass(frozen=True)
class Reminder:
    report: GrantReport
    kind: str  # "due" or "overdue"
    key: str


def due_reminders(*, today: dt.date) -> list[Reminder]:
    """The reminders that should exist today, sent or not."""
    soon = today + dt.timedelta(days=settings.REMINDER_DAYS_BEFORE_DUE)
    every = max(1, settings.REMINDER_OVERDUE_EVERY_DAYS)
    reports = (
        GrantReport.objects.filter(received_on__isnull=True, due_date__lte=soon)
        .exclude(grant__status__in=(GrantStatus.TERMINATED, GrantStatus.COMPLETED))
        .select_related("grant__grantee", "grant__programme__managing_organisation")
        .order_by("due_date", "pk")
    )
    found = []
    for report in reports:
        if report.due_date >= today:
            key = f"grant-report:{report.pk}:due:{report.due_date:%Y-%m-%d}"
            found.append(Reminder(report, "due", key))
        else:
            period = (today - report.due_date).days // every
            key = f"grant-report:{report.pk}:overdue:{report.due_date:%Y-%m-%d}:{period}"
            found.append(Reminder(report, "overdue", key))
    return found


def _addresses(organisation_id: int | None) -> list[str]:
    if organisation_id is None:
        return []
    emails = (
        StaffMembership.objects.filter(
            organisation_id=organisation_id, role__in=REVIEW_ROLES, user__is_active=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted(set(emails))


def _message(reminder: Reminder, to: list[str], cc: list[str]) -> EmailMessage:
    report = reminder.report
    context = {
        "report": report,
        "grant": report.grant,
        "kind": reminder.kind,
        "site_url": settings.SITE_URL.rstrip("/"),
        "path": reverse("staff:grant_detail", kwargs={"pk": report.grant_id}),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("grants/email/report_reminder_subject.txt", context)
        body = render_to_string("grants/email/report_reminder.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()), body=body, to=to, cc=[a for a in cc if a not in to]
    )


def send_report_reminders(*, today: dt.date) -> int:
    """Send each reminder due today that was not sent before; returns how many went out."""
    sent = 0
    for reminder in due_reminders(today=today):
        grant = reminder.report.grant
        to = _addresses(grant.grantee_id)
        cc = _addresses(grant.programme.managing_organisation_id)
        if not to and not cc:
            continue
        with transaction.atomic():
            notice, created = SentNotice.objects.get_or_create(key=reminder.key)
            if not created:
                continue
            # Inside the transaction: if sending fails, the notice is not recorded.
            _message(reminder, to or cc, cc if to else []).send()
            notice.recipients = len(set(to) | set(cc))
            notice.full_clean()
            notice.save(update_fields=["recipients"])
        sent += 1
    logger.info("Grant report reminders sent: %s", sent)
    return sent
