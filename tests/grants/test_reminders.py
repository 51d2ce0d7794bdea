"""Reminder e-mails for grantee reports coming due or overdue: who gets them, and never the
same reminder twice however often the schedule runs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from core.models import SentNotice
from grants.models import GrantStatus
from grants.reminders import send_report_reminders
from grants.tasks import send_report_reminders_task
from projects.models import StaffRole
from tests import factories as f

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 6, 30)


@pytest.fixture
def report(db):
    report = f.GrantReportFactory(due_date=DUE, grant__reference="LIP-07")
    grantee, manager = report.grant.grantee, report.grant.programme.managing_organisation
    for org, role, name in (
        (grantee, StaffRole.ORG_ADMIN, "grantee-director"),
        (grantee, StaffRole.PROGRAMME_MANAGER, "grantee-manager"),
        (grantee, StaffRole.FIELD_OFFICER, "grantee-officer"),
        (manager, StaffRole.PROGRAMME_MANAGER, "fund-manager"),
    ):
        f.StaffMembershipFactory(user=f.UserFactory(username=name), organisation=org, role=role)
    return report


def test_a_report_due_within_a_week_is_reminded_once(report) -> None:
    assert send_report_reminders(today=DUE - dt.timedelta(days=8)) == 0
    assert send_report_reminders(today=DUE - dt.timedelta(days=7)) == 1
    assert send_report_reminders(today=DUE - dt.timedelta(days=7)) == 0
    assert send_report_reminders(today=DUE - dt.timedelta(days=2)) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "LIP-07" in message.subject
    assert sorted(message.to) == ["grantee-director@example.org", "grantee-manager@example.org"]
    assert message.cc == ["fund-manager@example.org"]
    assert f"/staff/grants/{report.grant_id}/" in message.body


def test_an_overdue_report_is_reminded_once_a_week(report) -> None:
    sent = [send_report_reminders(today=DUE + dt.timedelta(days=day)) for day in range(1, 16)]
    # Days 1-6 are the first overdue week, 7-13 the second, 14-15 the third.
    assert sum(sent) == 3
    assert all(":overdue:" in notice.key for notice in SentNotice.objects.all())
    # Written in the portal's working language, Russian.
    assert all(m.subject.startswith("Просрочен отчёт по гранту") for m in mail.outbox)


def test_received_reports_and_closed_grants_are_not_reminded(report) -> None:
    report.received_on = DUE
    report.status = "received"
    report.save()
    closed = f.GrantReportFactory(due_date=DUE, grant__status=GrantStatus.TERMINATED)
    f.StaffMembershipFactory(organisation=closed.grant.grantee, role=StaffRole.ORG_ADMIN)
    assert send_report_reminders(today=DUE + dt.timedelta(days=3)) == 0
    assert mail.outbox == []


def test_people_without_an_address_or_deactivated_get_nothing(report) -> None:
    memberships = list(report.grant.grantee.staff_memberships.select_related("user"))
    for number, membership in enumerate(memberships):
        if number % 2:
            membership.user.email = ""
        else:
            membership.user.is_active = False
        membership.user.save()
    send_report_reminders(today=DUE)
    # The fund's manager still hears about it.
    assert [m.to for m in mail.outbox] == [["fund-manager@example.org"]]


def test_a_failed_send_is_not_recorded_so_the_next_run_retries(report, monkeypatch) -> None:
    def smtp_down(self, fail_silently=False):
        raise ConnectionRefusedError("SMTP server unreachable")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", smtp_down)
    with pytest.raises(ConnectionRefusedError):
        send_report_reminders(today=DUE)
    assert not SentNotice.objects.exists()
    monkeypatch.undo()
    assert send_report_reminders(today=DUE) == 1
    assert SentNotice.objects.get().recipients == 3


def test_the_scheduled_task_and_the_command_send_the_same_reminders(report) -> None:
    call_command("send_reminders", "--today", (DUE - dt.timedelta(days=1)).isoformat())
    assert len(mail.outbox) == 1
    # The beat task runs as of today: long after the (2026-06-30) due date, overdue.
    send_report_reminders_task.apply()
    assert len(mail.outbox) == 2 and "Просрочен" in mail.outbox[1].subject


def test_the_command_refuses_a_date_it_cannot_read(report) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("send_reminders", "--today", "30.06.2026")
