"""Staff pages in the four languages, as a programme manager reads them: a record written in
one language only shows in the others with the «показано на кыргызском» marker next to it,
as public pages do (issue #21; tests/public/test_language_crawl.py is the public crawl). The
records below exist in one language each: a Kyrgyz project, plan, plan action, news item,
grant programme, scoring criterion, application, grant, result and indicator, a Kyrgyz
grantee, and a Tajik community. The applicant's own list (grants:my_applications) is read
by an applicant, not staff, but shows the same committee records."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from grants.call_views import SESSION_EMAILS
from projects.models import PartnerRole
from tests import factories as f
from tests.public.test_language_crawl import _text, _unmarked, _visible_text

LANGUAGES = ["ru", "ky", "tg", "en"]

# One-language texts: what each says, in which language.
ONE_LANGUAGE = {
    "Тынчтык жолу": "ky",  # project
    "Коопсуздук планы": "ky",  # joint plan
    "Көчө жарыгын орнотуу": "ky",  # plan action
    "Жаштар менен жолугушуу": "ky",  # news item (activity)
    "Жамааттык демилгелер": "ky",  # grant programme
    "Долбоордун маанилүүлүгү": "ky",  # scoring criterion
    "Мектеп жанындагы жарык": "ky",  # application
    "Суу түтүгүн оңдоо": "ky",  # grant
    "Тынчтык үчүн аялдар бирикмеси": "ky",  # grantee and applicant
    "Жамааттар чыр-чатактын алдын алат": "ky",  # result
    "Даярдалган медиаторлор": "ky",  # result indicator
    "Ҷамоати Ваҳдат": "tg",  # community
}


def _columns(field: str, language: str, text: str) -> dict[str, str]:
    """A translated field's four columns with only ``language`` filled."""
    return {f"{field}_{code}": text if code == language else "" for code in LANGUAGES}


@pytest.fixture
def one_language_records(org: Any, manager: Any) -> dict[str, Any]:
    today = timezone.localdate()
    project = f.ProjectFactory(slug="tynchtyk-jolu", **_columns("title", "ky", "Тынчтык жолу"))
    f.PartnershipFactory(project=project, organisation=org, role=PartnerRole.IMPLEMENTING)
    community = f.CommunityFactory(**_columns("name", "tg", "Ҷамоати Ваҳдат"))
    f.ProjectCommunityFactory(project=project, community=community)
    group = f.WorkingGroupFactory(organisation=org, community=community, name="Vahdat WG")
    group.projects.add(project)
    plan = f.JointPlanFactory(working_group=group, **_columns("title", "ky", "Коопсуздук планы"))
    action = f.PlanActionFactory(
        plan=plan,
        due_date=today + dt.timedelta(days=10),
        **_columns("description", "ky", "Көчө жарыгын орнотуу"),
    )
    assessment = f.AssessmentFactory(project=project, community=community)
    f.IdentifiedProblemFactory(assessment=assessment)
    activity = f.ActivityFactory(
        project=project,
        author=manager,
        status="submitted",
        **_columns("title", "ky", "Жаштар менен жолугушуу"),
    )
    activity.communities.add(community)
    grantee = f.OrganisationFactory(
        slug="tynchtyk-ayaldar", **_columns("name", "ky", "Тынчтык үчүн аялдар бирикмеси")
    )
    programme = f.GrantProgrammeFactory(
        managing_organisation=org,
        project=project,
        **_columns("name", "ky", "Жамааттык демилгелер"),
    )
    f.ScoringCriterionFactory(
        programme=programme, **_columns("name", "ky", "Долбоордун маанилүүлүгү")
    )
    # A seat on the committee: the application page then shows the criteria to score.
    f.CommitteeMemberFactory(programme=programme, user=manager)
    application = f.ApplicationFactory(
        programme=programme,
        applicant=grantee,
        contact_email="applicant@example.org",
        email_confirmed_at=timezone.now(),
        **_columns("title", "ky", "Мектеп жанындагы жарык"),
    )
    grant = f.GrantFactory(
        programme=programme, grantee=grantee, **_columns("title", "ky", "Суу түтүгүн оңдоо")
    )
    f.GrantReportFactory(grant=grant, due_date=today - dt.timedelta(days=5))
    result = f.ResultFactory(
        project=project, **_columns("title", "ky", "Жамааттар чыр-чатактын алдын алат")
    )
    indicator = f.ResultIndicatorFactory(
        result=result, **_columns("title", "ky", "Даярдалган медиаторлор")
    )
    return {
        "project": project,
        "group": group,
        "plan": plan,
        "action": action,
        "assessment": assessment,
        "activity": activity,
        "programme": programme,
        "application": application,
        "grant": grant,
        "indicator": indicator,
    }


def _staff_pages(records: dict[str, Any]) -> list[str]:
    """One address of every staff page that shows these records, in the active language."""
    pk = {name: record.pk for name, record in records.items()}
    return [
        reverse("staff:dashboard"),
        reverse("staff:project_list"),
        reverse("staff:project_detail", kwargs={"slug": records["project"].slug}),
        reverse("staff:activity_list"),
        reverse("staff:activity_detail", args=[pk["activity"]]),
        reverse("staff:working_group_list"),
        reverse("staff:working_group_detail", args=[pk["group"]]),
        reverse("staff:assessment_list"),
        reverse("staff:assessment_detail", args=[pk["assessment"]]),
        reverse("staff:plan_list"),
        reverse("staff:plan_detail", args=[pk["plan"]]),
        reverse("staff:plan_action_update", args=[pk["action"]]),
        reverse("staff:plan_action_edit", args=[pk["action"]]),
        reverse("staff:plan_revise", args=[pk["plan"]]),
        reverse("staff:activity_create"),
        reverse("staff:assessment_create"),
        reverse("staff:working_group_update", args=[pk["group"]]),
        reverse("staff:area_create", kwargs={"slug": records["project"].slug}),
        reverse("staff:grant_report_list"),
        reverse("staff:grant_detail", args=[pk["grant"]]),
        reverse("staff:committee_home"),
        reverse("staff:committee_programme", args=[pk["programme"]]),
        reverse("staff:decision_minutes", args=[pk["programme"]]),
        reverse("staff:application_detail", args=[pk["application"]]),
        reverse("staff:result_list"),
        reverse("staff:result_indicator_detail", args=[pk["indicator"]]),
    ]


def _failures(html: str, path: str, language: str) -> list[str]:
    body = html[html.index("<main") : html.index("</main>")]
    # A text box's content is the value being edited, not a record shown: left out here.
    text = _visible_text(re.sub(r"<textarea\b.*?</textarea>", " ", body, flags=re.S))
    failures = [f"{path}: {miss}" for miss in _unmarked(text, language, ONE_LANGUAGE)]
    # The <title>, each option and each label on its own: in the page's text the marker of
    # the next record could pass for theirs.
    own = [("<title>", _text(html, "title"))] + [
        (tag, html_lib.unescape(re.sub(r"<[^>]+>", "", found)))
        for tag in ("option", "label")
        for found in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", body, re.S)
    ]
    failures += [
        f"{path} <{tag}>: {miss}"
        for tag, found in own
        for miss in _unmarked(found, language, ONE_LANGUAGE)
    ]
    return failures


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_staff_page_shows_a_record_in_another_language_unmarked(
    client: Client, manager: Any, one_language_records: dict[str, Any], language: str
) -> None:
    client.force_login(manager)
    with translation.override(language):
        paths = _staff_pages(one_language_records)
    failures = []
    shown = set()
    for path in paths:
        assert path.startswith(f"/{language}/"), path
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        shown |= {text for text in ONE_LANGUAGE if text in html}
        failures += _failures(html, path, language)
    assert failures == [], "\n".join(failures)
    # The crawl reaches every record it checks.
    assert shown == set(ONE_LANGUAGE)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_an_applicants_list_marks_a_title_in_another_language(
    client: Client, one_language_records: dict[str, Any], language: str
) -> None:
    session = client.session
    session[SESSION_EMAILS] = ["applicant@example.org"]
    session.save()
    with translation.override(language):
        path = reverse("grants:my_applications")
    html = client.get(path).content.decode()
    assert "Мектеп жанындагы жарык" in html
    assert _failures(html, path, language) == []


def test_the_staff_check_catches_a_title_shown_without_its_marker() -> None:
    assert _unmarked("Коопсуздук планы · Совместный план", "ru", ONE_LANGUAGE)
    assert not _unmarked("Коопсуздук планы (показано на кыргызском)", "ru", ONE_LANGUAGE)
