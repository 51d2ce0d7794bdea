"""Staff run a joint plan through the cycle: drafted then approved, revised with the earlier
version kept, closed with or without open actions, its actions with partners and problems, and
co-financing pledged to an action, the plan or a project, then received with a document."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from communities import plan_services
from communities.models import (
    ActionStatus,
    Contribution,
    ContributionState,
    JointPlan,
    PlanRevision,
    PlanStatus,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_plan_is_drafted_then_approved(client, world, people) -> None:
    client.force_login(people.field_officer)
    response = client.post(
        reverse("staff:plan_create"),
        {
            "working_group": world.working_group.pk,
            "community": world.community.pk,
            "title": "Safer streets 2025",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
        },
    )
    assert response.status_code == 302
    plan = JointPlan.objects.get(title_en="Safer streets 2025")
    assert plan.status == PlanStatus.DRAFT
    approve = reverse("staff:plan_approve", args=[plan.pk])
    # An approval without a decision number is refused, and nothing changes.
    response = client.post(
        approve,
        {"approved_by": "Ayil kenesh", "decision_number": "", "approval_date": "2025-01-10"},
    )
    assert response.status_code == 400
    assert "decision_number" in response.context["form"].errors
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.approved_by == ""
    response = client.post(
        approve,
        {"approved_by": "Ayil kenesh", "decision_number": "7-2", "approval_date": "2025-01-10"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.decision_number) == (PlanStatus.APPROVED, "7-2")
    # No second approval, and no editing an approved plan outside a revision.
    assert client.get(approve).status_code == 302
    assert client.get(reverse("staff:plan_update", args=[plan.pk]))["Location"].endswith(
        reverse("staff:plan_revise", args=[plan.pk])
    )


def test_the_service_refuses_an_approval_without_a_decision_number(world, people) -> None:
    plan = f.JointPlanFactory(
        working_group=world.working_group, status="draft", approved_by="", approval_date=None
    )
    with pytest.raises(ValidationError) as caught:
        plan_services.plan_approve(
            user=people.manager,
            plan=plan,
            approved_by="Council",
            decision_number="  ",
            approval_date=dt.date(2024, 1, 1),
        )
    assert "decision_number" in caught.value.message_dict


def test_a_plan_with_an_inverted_period_is_refused(client, world, people) -> None:
    client.force_login(people.field_officer)
    before = JointPlan.objects.count()
    response = client.post(
        reverse("staff:plan_create"),
        {
            "working_group": world.working_group.pk,
            "community": world.community.pk,
            "title": "Backwards",
            "period_start": "2025-12-31",
            "period_end": "2025-01-01",
        },
    )
    assert response.status_code == 400
    assert "period_end" in response.context["form"].errors
    assert JointPlan.objects.count() == before


def test_a_revision_keeps_the_earlier_version(client, world, people) -> None:
    client.force_login(people.manager)
    url = reverse("staff:plan_revise", args=[world.plan.pk])
    old_title = world.plan.title_en
    data = {
        "reason": "The council added a youth centre",
        "title": "Revised plan",
        "period_start": "2022-01-01",
        "period_end": "2023-06-30",
        "approved_by": "Local council",
        "decision_number": "",
        "approval_date": "2022-07-01",
    }
    assert client.post(url, data).status_code == 400
    assert not PlanRevision.objects.filter(plan=world.plan).exists()
    data["decision_number"] = "15"
    assert client.post(url, data).status_code == 302
    world.plan.refresh_from_db()
    assert world.plan.version == 2 and world.plan.title_en == "Revised plan"
    revision = PlanRevision.objects.get(plan=world.plan)
    assert revision.version == 1 and revision.snapshot["title"] == old_title
    assert len(revision.snapshot["actions"]) == 1
    page = client.get(reverse("staff:plan_detail", args=[world.plan.pk])).content.decode()
    assert "Earlier versions" in page and "The council added a youth centre" in page


def test_a_plan_cannot_close_with_open_actions_unless_a_reason_is_given(
    client, world, people
) -> None:
    client.force_login(people.manager)
    url = reverse("staff:plan_close", args=[world.plan.pk])
    data = {"closed_on": "2023-01-15", "achieved": "Street lights on two streets"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "open_actions_reason" in response.context["form"].errors
    world.plan.refresh_from_db()
    assert world.plan.status == PlanStatus.APPROVED
    data["open_actions_reason"] = "The budget year ended; the rest moves to the next plan"
    data["lessons"] = "Agree co-financing before the budget session"
    assert client.post(url, data).status_code == 302
    world.plan.refresh_from_db()
    assert world.plan.status == PlanStatus.COMPLETED
    assert world.plan.closed_on == dt.date(2023, 1, 15)
    assert world.plan.review_lessons.startswith("Agree")
    page = client.get(reverse("staff:plan_detail", args=[world.plan.pk])).content.decode()
    assert "Street lights on two streets" in page


def test_a_plan_closes_without_a_reason_once_every_action_is_done(world, people) -> None:
    world.action.status = ActionStatus.DONE
    world.action.completed_on = dt.date(2022, 5, 1)
    world.action.save()
    plan = plan_services.plan_close(
        user=people.manager, plan=world.plan, closed_on=dt.date(2023, 1, 1), achieved="All done"
    )
    assert plan.status == PlanStatus.COMPLETED and plan.open_actions_reason == ""


def test_an_action_with_partners_problems_and_planned_activities(client, world, people) -> None:
    client.force_login(people.field_officer)
    response = client.post(
        reverse("staff:plan_action_create", args=[world.plan.pk]),
        {
            "description": "Light the road to school",
            "responsible_organisation": people.org.pk,
            "partners": [people.org.pk],
            "start_date": "2022-03-01",
            "due_date": "2022-09-01",
            "problems": [world.problem.pk],
            "planned_activities": "Survey the street\nInstall 12 lamps",
        },
    )
    assert response.status_code == 302
    action = world.plan.actions.get(description_en="Light the road to school")
    assert list(action.problems.all()) == [world.problem]
    assert action.planned_activity_lines == ["Survey the street", "Install 12 lamps"]
    world.problem.refresh_from_db()
    assert world.problem.status == "in_plan"
    page = client.get(reverse("staff:plan_detail", args=[world.plan.pk])).content.decode()
    assert "Install 12 lamps" in page


def test_saving_an_action_as_shown_keeps_a_kyrgyz_text_out_of_the_russian_column(
    world, people
) -> None:
    # A Russian manager's edit form shows the Kyrgyz description (the fallback); saving it
    # unchanged must not store it as the Russian text, which would drop the marker.
    world.action.description_en = ""
    world.action.description_ky = "Көчө жарыгын орнотуу"
    world.action.save()
    with translation.override("ru"):
        plan_services.plan_action_save(
            user=people.manager,
            plan=world.plan,
            action=world.action,
            description="Көчө жарыгын орнотуу",
            due_date=dt.date(2022, 9, 1),
        )
    world.action.refresh_from_db()
    assert not world.action.description_ru
    assert world.action.description_ky == "Көчө жарыгын орнотуу"
    assert world.action.due_date == dt.date(2022, 9, 1)
    # A changed text is the Russian manager's own: it goes to the Russian column.
    with translation.override("ru"):
        plan_services.plan_action_save(
            user=people.manager,
            plan=world.plan,
            action=world.action,
            description="Установить уличное освещение",
        )
    world.action.refresh_from_db()
    assert world.action.description_ru == "Установить уличное освещение"
    assert world.action.description_ky == "Көчө жарыгын орнотуу"


def test_an_action_naming_another_organisations_problem_is_refused(client, world, people) -> None:
    other_problem = f.IdentifiedProblemFactory(assessment=world.other_assessment)
    client.force_login(people.field_officer)
    before = world.plan.actions.count()
    response = client.post(
        reverse("staff:plan_action_create", args=[world.plan.pk]),
        {"description": "Sneaky", "problems": [other_problem.pk]},
    )
    assert response.status_code == 400
    assert world.plan.actions.count() == before


# --- Contributions ---------------------------------------------------------------------------


def test_a_plan_wide_pledge_is_received_with_a_document(
    client, world, people, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people.manager)
    response = client.post(
        reverse("staff:plan_contribution_create", args=[world.plan.pk]),
        {
            "source_type": "local_budget",
            "kind": "cash",
            "state": "pledged",
            "amount": "14000000",
            "currency": "KGS",
            "date": "2024-01-15",
            "note": "More than 14 million soms from local budgets",
        },
    )
    assert response.status_code == 302
    pledge = Contribution.objects.get(plan=world.plan)
    assert pledge.action_id is None and pledge.project_id is None
    url = reverse("staff:contribution_receive", args=[pledge.pk])
    response = client.post(
        url,
        {
            "amount": "14000000",
            "date": "2024-04-01",
            "document": SimpleUploadedFile("decision.pdf", b"%PDF-1.4 test", "application/pdf"),
        },
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.state == ContributionState.RECEIVED
    assert (pledge.pledged_amount, pledge.pledged_on) == (Decimal("14000000"), dt.date(2024, 1, 15))
    assert pledge.date == dt.date(2024, 4, 1)
    download = client.get(reverse("staff:contribution_document", args=[pledge.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # Never reachable under its media name, and not by an outsider.
    assert client.get(f"/media/{pledge.document.name}").status_code == 404
    client.force_login(people.outsider)
    assert client.get(reverse("staff:contribution_document", args=[pledge.pk])).status_code == 404


def test_receiving_more_than_pledged_is_flagged_until_confirmed(client, extra, people) -> None:
    pledge = extra["pledge"]
    client.force_login(people.field_officer)
    url = reverse("staff:contribution_receive", args=[pledge.pk])
    response = client.post(url, {"amount": "1500", "date": "2024-04-01"})
    assert response.status_code == 400
    assert "more than the 1000" in response.content.decode()
    assert 'name="confirm_above_pledge"' in response.content.decode()
    pledge.refresh_from_db()
    assert pledge.state == ContributionState.PLEDGED and pledge.amount == Decimal("1000")
    response = client.post(
        url, {"amount": "1500", "date": "2024-04-01", "confirm_above_pledge": "on"}
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.above_pledge and pledge.amount == Decimal("1500")


def test_receiving_before_the_pledge_date_is_refused(client, extra, people) -> None:
    client.force_login(people.field_officer)
    url = reverse("staff:contribution_receive", args=[extra["pledge"].pk])
    response = client.post(url, {"amount": "1000", "date": "2020-01-01"})
    assert response.status_code == 400
    extra["pledge"].refresh_from_db()
    assert extra["pledge"].state == ContributionState.PLEDGED


def test_a_document_of_the_wrong_type_is_refused(client, world, people) -> None:
    client.force_login(people.field_officer)
    before = Contribution.objects.count()
    response = client.post(
        reverse("staff:contribution_create", args=[world.action.pk]),
        {
            "source_type": "business",
            "kind": "in_kind",
            "state": "pledged",
            "amount": "500",
            "currency": "KGS",
            "date": "2024-01-15",
            "document": SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream"),
        },
    )
    assert response.status_code == 400
    assert Contribution.objects.count() == before


def test_a_project_wide_contribution(client, world, people) -> None:
    client.force_login(people.manager)
    response = client.post(
        reverse("staff:project_contribution_create", args=[world.project.slug]),
        {
            "source_type": "donor",
            "kind": "cash",
            "state": "received",
            "amount": "25000",
            "currency": "USD",
            "date": "2024-01-15",
        },
    )
    assert response.status_code == 302
    assert Contribution.objects.get(project=world.project).amount == Decimal("25000")


def test_a_contribution_has_exactly_one_target() -> None:
    action = f.PlanActionFactory()
    base = {"source_type": "local_budget", "amount": 1, "currency": "KGS", "date": "2024-01-01"}
    for targets in ({}, {"action": action, "plan": action.plan}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Contribution.objects.create(**base, **targets)


def test_plan_wide_and_project_wide_money_reach_the_public_summary_and_the_indicator() -> None:
    from communities.selectors import public_plans
    from communities.summary_selectors import plan_summary
    from reports.indicators.cofinancing import cofinancing_by_currency
    from reports.indicators.scope import IndicatorFilter

    project = f.ProjectFactory()  # public
    group = f.WorkingGroupFactory()
    group.projects.add(project)
    plan = f.JointPlanFactory(working_group=group)
    f.ContributionFactory(action=f.PlanActionFactory(plan=plan), amount=Decimal(100))
    f.ContributionFactory(action=None, plan=plan, amount=Decimal(14_000_000))
    f.ContributionFactory(action=None, project=project, amount=Decimal(5))
    summary = plan_summary(public_plans().filter(pk=plan.pk))
    received = [row[1] for _, rows in summary.cofinancing for row in rows]
    # The public plan summary counts plan money, not the project's own.
    assert sum(received) == Decimal(14_000_100)
    everything = cofinancing_by_currency(IndicatorFilter(project=project))
    assert sum(r["received"] for r in everything) == Decimal(14_000_105)
    # A place filter leaves out project-wide money, which has no place.
    here = cofinancing_by_currency(IndicatorFilter(project=project, community=plan.community))
    assert sum(r["received"] for r in here) == Decimal(14_000_100)


def _refusal(client, language: str, name: str, pk: int, data: dict[str, str]) -> list[str]:
    """Post a refused form in ``language`` and return its error messages."""
    with translation.override(language):
        url = reverse(f"staff:{name}", args=[pk])
    response = client.post(url, data)
    assert response.status_code == 400
    return [
        str(message)
        for messages in response.context["form"].errors.values()
        for message in messages
    ]


def test_the_cycles_refusals_are_in_the_users_language(client, world, extra, people) -> None:
    client.force_login(people.manager)
    refusals = {
        "no decision number": (
            "plan_approve",
            extra["draft"].pk,
            {"approved_by": "Ayil kenesh", "decision_number": "", "approval_date": "2025-01-10"},
        ),
        "open actions, no reason": (
            "plan_close",
            world.plan.pk,
            {"closed_on": "2023-01-15", "achieved": "Street lights"},
        ),
        "more than pledged": (
            "contribution_receive",
            extra["pledge"].pk,
            {"amount": "1500", "date": "2024-04-01"},
        ),
        "a seat with neither person nor body": (
            "member_create",
            world.working_group.pk,
            {"sector": "police", "role": "member"},
        ),
    }
    for case, (name, pk, data) in refusals.items():
        english = _refusal(client, "en", name, pk, data)
        assert english, case
        for language in ("ru", "ky", "tg"):
            translated = _refusal(client, language, name, pk, data)
            # Every message is the translation, none is left in English.
            assert translated and set(translated).isdisjoint(english), (case, language, translated)
    # ...and nothing was saved by any of them.
    extra["draft"].refresh_from_db()
    world.plan.refresh_from_db()
    extra["pledge"].refresh_from_db()
    assert extra["draft"].status == PlanStatus.DRAFT
    assert world.plan.status == PlanStatus.APPROVED
    assert extra["pledge"].state == ContributionState.PLEDGED
