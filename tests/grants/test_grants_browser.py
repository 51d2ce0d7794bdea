"""The grant programme end to end in a real Chromium: an organisation applies in Kyrgyz on
a 390 px phone, confirms its address, two committee members score, the chair awards, a
tranche is paid, the grantee is reminded by e-mail that its report is coming due, and the
grantee's own user sends its report."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from grants.models import (
    Application,
    CommitteeAffiliation,
    Grant,
    GrantReport,
    ReportStatus,
)
from grants.services import disbursement_plan, grant_report_schedule
from projects.models import StaffRole
from tests import factories as f
from tests.conftest import ARTIFACTS, login_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _no_sideways_scroll(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _new_page(chromium: Any) -> Any:
    context = chromium.new_context(viewport=PHONE, locale="ky-KG")
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def test_apply_score_award_pay_and_report(
    browser_page: Any, chromium: Any, live_server: Any, org: Any, manager: Any, tmp_path: Path
) -> None:
    programme = f.GrantProgrammeFactory(
        slug="prevention-in-action",
        name_en="Prevention in Action",
        name_ky="Аракеттеги алдын алуу",
        managing_organisation=org,
        currency="USD",
        envelope=Decimal("60000"),
        budget_ceiling=Decimal("5000"),
        call_opens=timezone.localdate() - dt.timedelta(days=5),
        call_closes=timezone.localdate() + dt.timedelta(days=5),
    )
    f.ScoringCriterionFactory(programme=programme, name_en="Relevance", weight=2, max_score=10)
    f.ScoringCriterionFactory(programme=programme, name_en="Budget", weight=1, max_score=5)
    chair = f.CommitteeMemberFactory(
        programme=programme,
        user=f.UserFactory(username="chair"),
        affiliation=CommitteeAffiliation.GOVERNMENT,
        is_chair=True,
    ).user
    expert = f.CommitteeMemberFactory(
        programme=programme,
        user=f.UserFactory(username="expert"),
        affiliation=CommitteeAffiliation.INDEPENDENT_EXPERT,
    ).user

    # 1. The applicant, in Kyrgyz, on a 390 px phone.
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/ky/grants/programmes/{programme.slug}/call/")
    page.click(f"a[href='/ky/grants/programmes/{programme.slug}/apply/']")
    # The click only starts the navigation: measured before the form's page has loaded, the
    # document can be between pages (documentElement null; failed once in CI).
    page.wait_for_url(f"**/ky/grants/programmes/{programme.slug}/apply/")
    page.wait_for_selector("form.application-form")
    _no_sideways_scroll(page)
    page.check("input[name=applicant_type][value=civil_society]")
    page.fill("input[name=organisation_name]", "«Ыйман» коомдук фонду")
    page.select_option("select[name=legal_form]", "public_foundation")
    page.fill("input[name=contact_name]", "Айгүл Асанова")
    page.fill("input[name=contact_email]", "aigul@example.org")
    page.fill("input[name=title]", "Жаштар жана аксакалдар тынчтык үчүн")
    page.fill("textarea[name=summary]", "Эки айылда диалог жана спорт.")
    page.fill("input[name=requested_amount]", "4500")
    proposal = tmp_path / "proposal.pdf"
    proposal.write_bytes(b"%PDF-1.4\nproposal\n")
    page.set_input_files("input[name=attachments]", str(proposal))
    page.click("form.application-form button[type=submit]")
    page.wait_for_selector("[data-reference]")
    reference = page.text_content("[data-reference]")
    assert reference and re.fullmatch(r"PIA-\d{4}-0001", reference.strip())
    assert page.evaluate("document.documentElement.lang") == "ky"
    _no_sideways_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "grant-application-ky-390.png"), full_page=True)
    assert mail.outbox and reference.strip() in mail.outbox[0].body
    link = re.search(r"https?://\S+/applications/confirm/\S+", mail.outbox[0].body).group(0)
    page.goto(link)
    page.wait_for_url("**/my-applications/")
    assert reference.strip() in page.content()
    application = Application.objects.get()

    # 2. Two committee members score, each in their own browser.
    for user, relevance, budget in ((expert, "8", "4"), (chair, "9", "5")):
        member_page = _new_page(chromium)
        login_in_browser(member_page, live_server, user.username)
        member_page.wait_for_url("**/en/staff/")
        member_page.goto(f"{live_server.url}/en/staff/applications/{application.pk}/")
        assert "proposal.pdf" in member_page.content()
        inputs = member_page.locator("form.review-form input[type=number]")
        inputs.nth(0).fill(relevance)
        inputs.nth(1).fill(budget)
        member_page.click("form.review-form button[type=submit]")
        member_page.wait_for_selector("text=Your scores are saved.")
        if user == chair:
            # 3. The ranking, then the award.
            member_page.goto(f"{live_server.url}/en/staff/committee/{programme.pk}/")
            assert "86.00" in member_page.text_content("table.ranking")
            member_page.goto(f"{live_server.url}/en/staff/applications/{application.pk}/")
            member_page.check("input[name=outcome][value=award]")
            member_page.fill("textarea[name=reason]", "Ranked first, within the envelope.")
            member_page.click("form.decision-form button[type=submit]")
            member_page.wait_for_selector("text=The decision is recorded in the minutes.")
        member_page.context.close()
    grant = Grant.objects.get(application=application)

    # 4. The programme plans tranches and a report; the first tranche is paid.
    disbursement_plan(grant=grant, tranche=1, planned_amount=Decimal("2000"))
    report = grant_report_schedule(
        grant=grant, kind="narrative", due_date=timezone.localdate() + dt.timedelta(days=20)
    )
    manager_page = _new_page(chromium)
    login_in_browser(manager_page, live_server, manager.username)
    manager_page.wait_for_url("**/en/staff/")
    manager_page.goto(f"{live_server.url}/en/staff/grants/{grant.pk}/")
    manager_page.click("form.tranche-pay button[type=submit]")
    manager_page.wait_for_selector("text=The payment is recorded.")
    assert grant.disbursements.get().paid_amount == Decimal("2000")

    # 5. A week before the report is due, the daily schedule's run reminds the grantee's
    # director by e-mail (the test settings capture it), the programme's manager in copy,
    # and only once however often it runs; its link opens the grant in the workspace.
    director = f.UserFactory(username="grantee-director", email="director@example.org")
    f.StaffMembershipFactory(user=director, organisation=grant.grantee, role=StaffRole.ORG_ADMIN)
    mail.outbox.clear()
    remind_on = (report.due_date - dt.timedelta(days=7)).isoformat()
    call_command("send_reminders", today=remind_on, stdout=io.StringIO())
    call_command("send_reminders", today=remind_on, stdout=io.StringIO())
    (reminder,) = mail.outbox
    assert reminder.to == ["director@example.org"]
    assert manager.email and reminder.cc == [manager.email]
    assert grant.reference in reminder.subject and grant.reference in reminder.body
    path = re.search(r"https?://[^/\s]+(/\S*staff/grants/\d+/)", reminder.body).group(1)
    manager_page.goto(f"{live_server.url}{path}")
    assert grant.reference in manager_page.content()
    manager_page.context.close()

    # 6. The grantee's own user sends the narrative report.
    grantee_user = f.UserFactory(username="grantee")
    f.StaffMembershipFactory(
        user=grantee_user, organisation=grant.grantee, role=StaffRole.FIELD_OFFICER
    )
    grantee_page = _new_page(chromium)
    login_in_browser(grantee_page, live_server, "grantee")
    grantee_page.wait_for_url("**/en/staff/")
    assert grant.reference in grantee_page.content()  # the dashboard lists what is due
    grantee_page.goto(f"{live_server.url}/en/staff/grant-reports/{report.pk}/upload/")
    narrative = tmp_path / "narrative.pdf"
    narrative.write_bytes(b"%PDF-1.4\nnarrative\n")
    grantee_page.set_input_files("input[name=file]", str(narrative))
    grantee_page.click("form.staff-form button[type=submit]")
    grantee_page.wait_for_selector("text=The report is sent to the programme.")
    assert GrantReport.objects.get().status == ReportStatus.RECEIVED
    grantee_page.context.close()
