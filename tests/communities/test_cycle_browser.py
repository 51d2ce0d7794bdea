"""One whole cycle of community security, run in Russian on a phone (390×844) by a programme
manager who is not ``is_staff``: a working group over two ayil aimaks, three members (one
seat held by a body), an assessment with two ranked problems, a plan drafted and approved
with two actions, a local-budget pledge then received, and an activity linked to an action,
submitted and published. The public project page then shows the plan's progress and the
co-financing; the same pages are checked for their Kyrgyz labels."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from communities.models import (
    Activity,
    ActivityStatus,
    Contribution,
    ContributionState,
    IdentifiedProblem,
    JointPlan,
    Membership,
    PlanStatus,
    WorkingGroup,
)
from tests import factories as f
from tests.conftest import ARTIFACTS, login_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 390, 844


@pytest.fixture
def places(project):
    first = f.CommunityFactory(name_en="Kok-Jar", name_ru="Кок-Жар", name_ky="Көк-Жар")
    second = f.CommunityFactory(name_en="Ak-Tash", name_ru="Ак-Таш", name_ky="Ак-Таш")
    for community in (first, second):
        f.ProjectCommunityFactory(project=project, community=community)
    lighting = f.ProblemCategoryFactory(name_en="Street lighting", name_ru="Уличное освещение")
    youth = f.ProblemCategoryFactory(name_en="Idle youth", name_ru="Досуг молодёжи")
    return first, second, lighting, youth


def _go(page, live_server, path: str) -> None:
    page.goto(f"{live_server.url}{path}")
    page.wait_for_load_state()


def _submit(page) -> None:
    page.click("form.staff-form button[type=submit]")
    page.wait_for_load_state()


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, page.url


def _no_errors(page) -> None:
    assert page.locator(".message-error").count() == 0, page.content()[:3000]


def test_a_manager_runs_one_whole_cycle_in_russian(
    chromium, live_server, project, org, manager, places
) -> None:
    first, second, lighting, youth = places
    assert not manager.is_staff and not manager.is_superuser
    ARTIFACTS.mkdir(exist_ok=True)
    context = chromium.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="ru-RU")
    page = context.new_page()
    page.set_default_timeout(15_000)
    js_errors: list[str] = []
    page.on("pageerror", lambda exc: js_errors.append(str(exc)))

    login_in_browser(page, live_server, "manager")
    page.wait_for_url("**/staff/")

    # 1. A working group covering two ayil aimaks, from the list in two taps.
    _go(page, live_server, "/ru/staff/working-groups/")
    page.click("a[href='/ru/staff/working-groups/new/']")
    page.wait_for_selector("input[name=name]")
    assert "Новая рабочая группа" in page.content()
    _fits(page)
    page.fill("input[name=name]", "Рабочая группа Кок-Жар и Ак-Таш")
    page.check(f"input[name=communities][value='{first.pk}']")
    page.check(f"input[name=communities][value='{second.pk}']")
    page.check(f"input[name=projects][value='{project.pk}']")
    page.fill("input[name=founding_act_number]", "45-р")
    page.fill("input[name=founding_act_date]", "2024-02-01")
    page.fill("input[name=founding_act_issued_by]", "Айыл окмоту")
    page.screenshot(path=str(ARTIFACTS / "cycle-working-group-form-ru.png"), full_page=True)
    _submit(page)
    _no_errors(page)
    group = WorkingGroup.objects.get(name="Рабочая группа Кок-Жар и Ак-Таш")
    assert set(group.communities.all()) == {first, second}
    assert page.url.endswith(f"/ru/staff/working-groups/{group.pk}/")

    # 2. Three members, one seat held by a body.
    members = [
        {"full_name": "Айгуль Асанова", "sex": "female", "sector": "activist", "role": "chair"},
        {"full_name": "Бакыт Осмонов", "sex": "male", "sector": "local_government"},
        {"body": "Районный отдел милиции", "sector": "police"},
    ]
    for member in members:
        page.click(f"a[href='/ru/staff/working-groups/{group.pk}/members/new/']")
        page.wait_for_selector("select[name=sector]")
        _fits(page)
        for name in ("full_name", "body"):
            if name in member:
                page.fill(f"input[name={name}]", member[name])
        page.select_option("select[name=sector]", member["sector"])
        if "sex" in member:
            page.select_option("select[name=sex]", member["sex"])
        if "role" in member:
            page.select_option("select[name=role]", member["role"])
        _submit(page)
        _no_errors(page)
    assert group.members.count() == 3
    assert Membership.objects.get(working_group=group, body="Районный отдел милиции").is_body_seat
    assert "Районный отдел милиции" in page.content()

    # 3. An assessment with two problems, then prioritised.
    _go(page, live_server, "/ru/staff/assessments/new/")
    page.select_option("select[name=project]", str(project.pk))
    page.wait_for_selector(f"select[name=community] option[value='{first.pk}']", state="attached")
    page.select_option("select[name=community]", str(first.pk))
    page.select_option("select[name=working_group]", str(group.pk))
    page.fill("input[name=date]", "2024-03-10")
    page.select_option("select[name=method]", "community_meeting")
    page.fill("input[name=women]", "18")
    page.fill("input[name=men]", "14")
    page.fill("input[name=youth]", "9")
    _fits(page)
    _submit(page)
    _no_errors(page)
    for category, text, votes in (
        (lighting, "Темно на улице у школы", "21"),
        (youth, "Молодёжи негде проводить время", "34"),
    ):
        page.select_option("select[name=category]", str(category.pk))
        page.fill("textarea[name=description]", text)
        page.fill("input[name=votes]", votes)
        page.click("form[action$='/problems/'] button[type=submit]")
        page.wait_for_load_state()
        _no_errors(page)
    problems = list(IdentifiedProblem.objects.filter(assessment__working_group=group))
    assert len(problems) == 2
    page.click("a[href$='/rank/']")
    page.wait_for_selector("input[name^=rank_]")
    by_votes = sorted(problems, key=lambda p: -p.votes)
    for rank, problem in enumerate(by_votes, start=1):
        page.fill(f"input[name=rank_{problem.pk}]", str(rank))
    _submit(page)
    _no_errors(page)
    ranks = dict(IdentifiedProblem.objects.values_list("description", "priority_rank"))
    assert ranks == {"Молодёжи негде проводить время": 1, "Темно на улице у школы": 2}

    # 4. The joint plan: drafted from the group's page, two actions, then approved.
    _go(page, live_server, f"/ru/staff/working-groups/{group.pk}/")
    page.click(f"a[href='/ru/staff/plans/new/?working_group={group.pk}']")
    page.wait_for_selector("select[name=community]")
    assert "Новый совместный план" in page.content()
    page.select_option("select[name=community]", str(first.pk))
    page.fill("input[name=title]", "Совместный план Кок-Жар 2024")
    page.fill("input[name=period_start]", "2024-04-01")
    page.fill("input[name=period_end]", "2025-03-31")
    _fits(page)
    _submit(page)
    _no_errors(page)
    plan = JointPlan.objects.get(working_group=group)
    assert plan.status == PlanStatus.DRAFT
    for text, problem in (
        ("Установить 12 фонарей у школы", by_votes[1]),
        ("Открыть спортивный клуб для молодёжи", by_votes[0]),
    ):
        page.click(f"a[href='/ru/staff/plans/{plan.pk}/actions/new/']")
        page.wait_for_selector("textarea[name=description]")
        _fits(page)
        page.fill("textarea[name=description]", text)
        page.select_option("select[name=responsible_organisation]", str(org.pk))
        page.fill("input[name=due_date]", "2024-12-31")
        page.check(f"input[name=problems][value='{problem.pk}']")
        page.fill("textarea[name=planned_activities]", "Встреча с айыл окмоту\nЗакупка")
        _submit(page)
        _no_errors(page)
    assert plan.actions.count() == 2
    page.click(f"a[href='/ru/staff/plans/{plan.pk}/approve/']")
    page.wait_for_selector("input[name=decision_number]")
    assert "Утверждение плана" in page.content()
    page.fill("input[name=approved_by]", "Айылный кенеш")
    # Without a decision number the approval is refused, in Russian.
    page.fill("input[name=approval_date]", "2024-04-05")
    page.evaluate(
        "document.querySelector('input[name=decision_number]').removeAttribute('required')"
    )
    _submit(page)
    assert page.locator(".field-invalid input[name=decision_number]").count() == 1
    assert "Обязательное поле." in page.content()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    page.fill("input[name=decision_number]", "12/3")
    _submit(page)
    _no_errors(page)
    plan.refresh_from_db()
    assert (plan.status, plan.decision_number) == (PlanStatus.APPROVED, "12/3")

    # 5. A local-budget pledge for the plan as a whole, then received.
    page.click(f"a[href='/ru/staff/plans/{plan.pk}/contributions/new/']")
    page.wait_for_selector("select[name=source_type]")
    _fits(page)
    page.select_option("select[name=source_type]", "local_budget")
    page.check("input[name=state][value=pledged]")
    page.fill("input[name=amount]", "150000")
    page.select_option("select[name=currency]", "KGS")
    page.fill("input[name=date]", "2024-04-10")
    page.fill("input[name=note]", "Решение айылного кенеша о софинансировании")
    _submit(page)
    _no_errors(page)
    pledge = Contribution.objects.get(plan=plan)
    assert pledge.state == ContributionState.PLEDGED
    page.click(f"a[href='/ru/staff/contributions/{pledge.pk}/receive/']")
    page.wait_for_selector("input[name=amount]")
    _fits(page)
    page.fill("input[name=amount]", "150000")
    page.fill("input[name=date]", "2024-06-01")
    _submit(page)
    _no_errors(page)
    pledge.refresh_from_db()
    assert pledge.state == ContributionState.RECEIVED
    assert pledge.pledged_amount == Decimal("150000")

    # 6. An activity linked to the action, submitted and published.
    lamps = plan.actions.get(description_ru="Установить 12 фонарей у школы")
    _go(page, live_server, "/ru/staff/activities/new/")
    page.fill("input[name=date]", "2024-10-15")
    page.select_option("select[name=kind]", "training")
    page.select_option("select[name=project]", str(project.pk))
    page.wait_for_selector(f"input[name=communities][value='{first.pk}']")
    page.check(f"input[name=communities][value='{first.pk}']")
    page.fill("input[name=women]", "10")
    page.fill("input[name=men]", "8")
    page.fill("input[name=youth]", "6")
    page.fill("input[name=title_ru]", "Фонари у школы зажглись")
    page.click("details.optional-links summary")
    page.select_option("select[name=plan_action]", str(lamps.pk))
    _fits(page)
    page.click("button[name=submit]")
    # The outbox sends it and opens the activity (a plain glob would match «new»).
    page.wait_for_url(re.compile(r"/ru/staff/activities/\d+/$"))
    activity = Activity.objects.get(title_ru="Фонари у школы зажглись")
    assert activity.status == ActivityStatus.SUBMITTED
    assert activity.plan_action == lamps
    page.click("button[name=publish]")
    page.wait_for_url(f"**/ru/staff/activities/{activity.pk}/")
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PUBLISHED

    # The action is done.
    _go(page, live_server, f"/ru/staff/plan-actions/{lamps.pk}/")
    page.select_option("select[name=status]", "done")
    page.fill("input[name=completed_on]", "2024-10-15")
    page.click("form.staff-form button[type=submit]")
    # The update goes through the outbox, which opens the plan once the server confirms it.
    page.wait_for_url(f"**/ru/staff/plans/{plan.pk}/")
    _no_errors(page)

    _go(page, live_server, f"/ru/staff/plans/{plan.pk}/")
    page.screenshot(path=str(ARTIFACTS / "cycle-plan-detail-ru.png"), full_page=True)
    body = page.content()
    assert "Фонари у школы зажглись" in body
    assert "(50%)" in body
    _fits(page)

    # 7. The public project page shows the plan's progress and the co-financing.
    # On a phone the account links are behind the menu button.
    if page.is_visible(".nav-toggle"):
        page.click(".nav-toggle")
    page.click("form[data-staff-logout] button")
    page.wait_for_load_state()
    _go(page, live_server, f"/ru/projects/{project.slug}/")
    public = page.content()
    assert "1 из 2" in public or "1 of 2" in public, public[:2000]
    assert "Местный бюджет" in public
    assert "150" in public
    page.screenshot(path=str(ARTIFACTS / "cycle-public-project-ru.png"), full_page=True)

    # The same flow's pages carry Kyrgyz labels.
    login_in_browser(page, live_server, "manager")
    page.wait_for_url("**/staff/")
    kyrgyz = {
        "/ky/staff/working-groups/new/": ["Жаңы жумушчу топ", "Түзүү актысы"],
        f"/ky/staff/working-groups/{group.pk}/members/new/": ["Же орунду ээлеген орган"],
        f"/ky/staff/plans/new/?working_group={group.pk}": ["Жаңы биргелешкен план"],
        f"/ky/staff/plans/{plan.pk}/actions/new/": ["Пландалган иш-чаралар", "Жооптуу уюм"],
        f"/ky/staff/plans/{plan.pk}/": ["Бүт планга кошумча каржылоо кошуу", "Жалпы планга"],
        f"/ky/staff/plans/{plan.pk}/close/": ["Планды жыйынтык баяндама менен жабуу"],
        f"/ky/staff/plans/{plan.pk}/contributions/new/": ["Акчалай же заттай"],
    }
    for path, labels in kyrgyz.items():
        _go(page, live_server, path)
        text = page.content()
        for label in labels:
            assert label in text, (path, label)
        _fits(page)
    assert js_errors == []
    context.close()
