"""The paths admins take through the grants admin: every save goes through grants/services.py,
and a refusal shows as a form or message error with nothing of the save kept."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grants.models import (
    ApplicationStatus,
    Disbursement,
    Grant,
    GrantReport,
    GrantStatus,
    ReportStatus,
    Review,
)
from grants.services import review_submit
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(admin_client: Client) -> Client:
    # The portal's default language is Russian; these admins read English unless a test
    # asks for another language.
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


def _value(value: Any) -> Any:
    if value is None or value is False:
        return ""
    if value is True:
        return "on"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [getattr(v, "pk", v) for v in value]
    return getattr(value, "pk", value)


def _change_form_data(response: Any) -> dict[str, Any]:
    """The change form as the browser would post it back unchanged, inlines included."""
    data: dict[str, Any] = {}
    form = response.context["adminform"].form
    for name in form.fields:
        data[name] = _value(form[name].value())
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for row in formset.forms:
            for name in row.fields:
                data[row.add_prefix(name)] = _value(row[name].value())
    return {name: value for name, value in data.items() if value != ""}


def _grant_form(client: Client, grant: Grant) -> tuple[str, dict[str, Any]]:
    url = reverse("admin:grants_grant_change", args=[grant.pk])
    response = client.get(url)
    assert response.status_code == 200
    return url, _change_form_data(response)


def _add_tranche(data: dict[str, Any], grant: Grant, **values: Any) -> None:
    row = int(data["disbursements-TOTAL_FORMS"])
    data["disbursements-TOTAL_FORMS"] = row + 1
    data[f"disbursements-{row}-grant"] = grant.pk
    for name, value in values.items():
        data[f"disbursements-{row}-{name}"] = _value(value)


# --- awarding ----------------------------------------------------------------------------


def test_the_award_action_creates_the_grant_and_marks_the_application_awarded(admin_client):
    community = f.CommunityFactory()
    application = f.ApplicationFactory(
        status=ApplicationStatus.SHORTLISTED, requested_amount=Decimal("4200")
    )
    application.communities.add(community)

    response = admin_client.post(
        reverse("admin:grants_application_changelist"),
        {"action": "award_grants", "_selected_action": [application.pk]},
        follow=True,
    )

    grant = Grant.objects.get(application=application)
    assert grant.grantee == application.applicant
    assert grant.amount == Decimal("4200")
    assert grant.currency == application.programme.currency
    assert grant.title_en == application.title_en
    assert list(grant.communities.all()) == [community]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWARDED
    assert f"Grant {grant.reference} awarded" in response.content.decode()


def test_the_award_action_refuses_an_application_awarded_or_rejected(admin_client):
    awarded = f.ApplicationFactory()
    f.GrantFactory(programme=awarded.programme, application=awarded)
    rejected = f.ApplicationFactory(status=ApplicationStatus.REJECTED)

    response = admin_client.post(
        reverse("admin:grants_application_changelist"),
        {"action": "award_grants", "_selected_action": [awarded.pk, rejected.pk]},
        follow=True,
    )

    page = response.content.decode()
    assert "has already been awarded a grant" in page
    assert "is rejected and cannot be awarded" in page
    assert Grant.objects.filter(application=awarded).count() == 1
    assert not Grant.objects.filter(application=rejected).exists()


# --- tranches through the grant's inline formset -----------------------------------------


def test_a_tranche_within_the_remaining_balance_is_added(admin_client):
    grant = f.GrantFactory(amount=Decimal("5000"))
    f.DisbursementFactory(
        grant=grant, tranche=1, paid_amount=Decimal("3000"), paid_date=dt.date(2022, 2, 1)
    )
    url, data = _grant_form(admin_client, grant)
    _add_tranche(data, grant, tranche=2, paid_amount=Decimal("2000"), paid_date=dt.date(2022, 5, 1))

    response = admin_client.post(url, data)

    assert response.status_code == 302
    second = grant.disbursements.get(tranche=2)
    assert (second.paid_amount, second.paid_date) == (Decimal("2000"), dt.date(2022, 5, 1))


def test_a_tranche_above_the_remaining_balance_is_refused_and_nothing_is_saved(admin_client):
    grant = f.GrantFactory(amount=Decimal("5000"), title_en="Before")
    f.DisbursementFactory(
        grant=grant, tranche=1, paid_amount=Decimal("3000"), paid_date=dt.date(2022, 2, 1)
    )
    url, data = _grant_form(admin_client, grant)
    data["title_en"] = "After"
    _add_tranche(data, grant, tranche=2, paid_amount=Decimal("2500"), paid_date=dt.date(2022, 5, 1))

    response = admin_client.post(url, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "At most 2000.00 can still be paid." in page
    # The page keeps what the user typed; the grant's own change was rolled back too.
    assert 'value="After"' in page
    grant.refresh_from_db()
    assert grant.title_en == "Before"
    assert grant.disbursements.count() == 1


def test_two_new_tranches_that_together_exceed_the_award_are_refused(admin_client):
    grant = f.GrantFactory(amount=Decimal("5000"))
    url, data = _grant_form(admin_client, grant)
    _add_tranche(data, grant, tranche=1, paid_amount=Decimal("3000"), paid_date="2022-02-01")
    _add_tranche(data, grant, tranche=2, paid_amount=Decimal("3000"), paid_date="2022-05-01")

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "more than the 5000.00 awarded" in response.content.decode()
    assert not Disbursement.objects.filter(grant=grant).exists()


def test_a_payment_on_a_terminated_grant_is_refused_in_the_users_language(admin_client):
    grant = f.GrantFactory(amount=Decimal("5000"), status=GrantStatus.TERMINATED)
    url, data = _grant_form(admin_client, grant)
    _add_tranche(data, grant, tranche=1, paid_amount=Decimal("100"), paid_date="2022-02-01")

    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="ru")

    assert response.status_code == 200
    assert "Этот грант расторгнут; выплаты больше не производятся." in response.content.decode()
    assert not grant.disbursements.exists()


def test_a_planned_tranche_on_a_terminated_grant_can_still_be_recorded(admin_client):
    grant = f.GrantFactory(amount=Decimal("5000"), status=GrantStatus.TERMINATED)
    url, data = _grant_form(admin_client, grant)
    _add_tranche(data, grant, tranche=1, planned_amount=Decimal("100"))

    assert admin_client.post(url, data).status_code == 302
    assert grant.disbursements.get().planned_amount == Decimal("100")


def test_lowering_the_award_below_what_was_paid_is_refused(admin_client):
    grant = f.GrantFactory(amount=Decimal("5000"))
    f.DisbursementFactory(
        grant=grant, tranche=1, paid_amount=Decimal("4000"), paid_date=dt.date(2022, 2, 1)
    )
    url, data = _grant_form(admin_client, grant)
    data["amount"] = "3000"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "the award cannot be less than that" in response.content.decode()
    grant.refresh_from_db()
    assert grant.amount == Decimal("5000")


def test_a_payment_entered_on_the_disbursement_page_is_checked_too(admin_client):
    grant = f.GrantFactory(amount=Decimal("5000"))
    f.DisbursementFactory(
        grant=grant, tranche=1, paid_amount=Decimal("4000"), paid_date=dt.date(2022, 2, 1)
    )
    second = f.DisbursementFactory(grant=grant, tranche=2)
    url = reverse("admin:grants_disbursement_change", args=[second.pk])
    data = _change_form_data(admin_client.get(url))
    data.update(paid_amount="1500", paid_date="2022-05-01")

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "At most 1000.00 can still be paid." in response.content.decode()
    second.refresh_from_db()
    assert second.paid_amount is None


# --- grantee reports ---------------------------------------------------------------------


def test_approving_a_grantee_report_on_its_page(admin_client):
    report = f.GrantReportFactory()
    url = reverse("admin:grants_grantreport_change", args=[report.pk])
    data = _change_form_data(admin_client.get(url))
    data.update(status=ReportStatus.ACCEPTED, received_on="2022-07-02")

    assert admin_client.post(url, data).status_code == 302
    report.refresh_from_db()
    assert (report.status, report.received_on) == (ReportStatus.ACCEPTED, dt.date(2022, 7, 2))


def test_a_report_cannot_be_received_in_the_future(admin_client):
    report = f.GrantReportFactory()
    url = reverse("admin:grants_grantreport_change", args=[report.pk])
    data = _change_form_data(admin_client.get(url))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    data.update(status=ReportStatus.RECEIVED, received_on=tomorrow.isoformat())

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "The date received cannot be in the future." in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DUE


def test_the_accept_action_approves_the_selected_reports(admin_client):
    received = f.GrantReportFactory(status=ReportStatus.RECEIVED, received_on=dt.date(2022, 7, 1))
    due = f.GrantReportFactory()

    response = admin_client.post(
        reverse("admin:grants_grantreport_changelist"),
        {"action": "accept_reports", "_selected_action": [received.pk, due.pk]},
        follow=True,
    )

    assert "2 reports accepted." in response.content.decode()
    received.refresh_from_db()
    assert (received.status, received.received_on) == (ReportStatus.ACCEPTED, dt.date(2022, 7, 1))
    # A report accepted without a date received is taken as received today.
    assert GrantReport.objects.get(pk=due.pk).received_on == timezone.localdate()


def test_a_report_scheduled_and_received_in_the_grants_inline(admin_client):
    grant = f.GrantFactory()
    url, data = _grant_form(admin_client, grant)
    data.update(
        {
            "reports-TOTAL_FORMS": 1,
            "reports-0-grant": grant.pk,
            "reports-0-kind": "financial",
            "reports-0-due_date": "2022-06-30",
            "reports-0-received_on": "2022-06-28",
            "reports-0-status": ReportStatus.ACCEPTED,
        }
    )

    assert admin_client.post(url, data).status_code == 302
    report = grant.reports.get()
    assert (report.kind, report.status) == ("financial", ReportStatus.ACCEPTED)


# --- committee reviews -------------------------------------------------------------------


def _review_data(application: Any, reviewer: Any, **scores: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "application": application.pk,
        "reviewer": reviewer.pk,
        "comment": "",
        "scores-TOTAL_FORMS": len(scores),
        "scores-INITIAL_FORMS": 0,
        "scores-MIN_NUM_FORMS": 0,
        "scores-MAX_NUM_FORMS": 1000,
    }
    for n, (criterion, score) in enumerate(scores.values()):
        data[f"scores-{n}-criterion"] = criterion.pk
        data[f"scores-{n}-score"] = score
    return data


def test_a_review_with_scores_is_saved_through_the_admin(admin_client):
    criterion = f.ScoringCriterionFactory(max_score=10)
    application = f.ApplicationFactory(programme=criterion.programme)
    reviewer = f.UserFactory()

    response = admin_client.post(
        reverse("admin:grants_review_add"),
        _review_data(application, reviewer, first=(criterion, "8")),
    )

    assert response.status_code == 302
    review = Review.objects.get(application=application, reviewer=reviewer)
    assert review.scores.get().score == Decimal("8")


def test_a_score_above_the_maximum_is_refused_and_no_review_is_kept(admin_client):
    criterion = f.ScoringCriterionFactory(max_score=10)
    application = f.ApplicationFactory(programme=criterion.programme)

    response = admin_client.post(
        reverse("admin:grants_review_add"),
        _review_data(application, f.UserFactory(), first=(criterion, "11")),
    )

    assert response.status_code == 200
    assert "the score must be between 0 and 10." in response.content.decode()
    assert not Review.objects.exists()


def test_a_reviewer_with_a_conflict_of_interest_cannot_score_in_the_admin(admin_client):
    criterion = f.ScoringCriterionFactory()
    application = f.ApplicationFactory(programme=criterion.programme)
    data = _review_data(application, f.UserFactory(), first=(criterion, "5"))
    data["conflict_of_interest"] = "on"

    response = admin_client.post(reverse("admin:grants_review_add"), data)

    assert response.status_code == 200
    assert "conflict of interest" in response.content.decode()
    assert not Review.objects.exists()


def test_deleting_a_review_in_the_admin_updates_the_applications_stored_score(admin_client):
    criterion = f.ScoringCriterionFactory(max_score=10)
    application = f.ApplicationFactory(programme=criterion.programme)
    review_submit(application=application, reviewer=f.UserFactory(), scores={criterion: 8})
    review = review_submit(application=application, reviewer=f.UserFactory(), scores={criterion: 4})
    application.refresh_from_db()
    assert application.score == Decimal("60.00")

    response = admin_client.post(
        reverse("admin:grants_review_delete", args=[review.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.score, application.reviewer_count) == (Decimal("80.00"), 1)


def test_reweighting_a_criterion_in_the_programme_admin_rescores_its_applications(admin_client):
    # Criteria named in Russian, the language the admin requires.
    relevance = f.ScoringCriterionFactory(name_ru="Актуальность", weight=Decimal("1"), max_score=10)
    programme = relevance.programme
    f.ScoringCriterionFactory(
        programme=programme, name_ru="Бюджет", weight=Decimal("1"), max_score=10
    )
    application = f.ApplicationFactory(programme=programme)
    review_submit(application=application, reviewer=f.UserFactory(), scores={relevance: 10})
    application.refresh_from_db()
    assert application.score == Decimal("50.00")

    url = reverse("admin:grants_grantprogramme_change", args=[programme.pk])
    data = _change_form_data(admin_client.get(url))
    row = next(k for k, v in data.items() if k.endswith("-id") and v == relevance.pk)
    data[row.replace("-id", "-weight")] = "3"
    response = admin_client.post(url, data)

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.score == Decimal("75.00")  # 3×10 / (3×10 + 1×10)


def test_deleting_a_score_in_the_admin_updates_the_applications_stored_score(admin_client):
    relevance = f.ScoringCriterionFactory(max_score=10)
    budget = f.ScoringCriterionFactory(programme=relevance.programme, max_score=10)
    application = f.ApplicationFactory(programme=relevance.programme)
    review = review_submit(
        application=application, reviewer=f.UserFactory(), scores={relevance: 8, budget: 6}
    )
    application.refresh_from_db()
    assert application.score == Decimal("70.00")

    score = review.scores.get(criterion=budget)
    response = admin_client.post(
        reverse("admin:grants_reviewscore_delete", args=[score.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.score, application.criteria_scored) == (Decimal("40.00"), 1)
