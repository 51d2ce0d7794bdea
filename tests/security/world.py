"""One organisation's complete set of records, for sweeps over every URL and view.

Every text field carries a marker (``ZEBRA-A``) so a test can search a page for any trace of
another organisation's records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core import signing
from django.urls import URLPattern, URLResolver, get_resolver

from communities import models as cm
from grants import models as gm
from grants.call_views import CONFIRM_SALT, SUBMITTED_SALT
from projects import models as pm
from tests import factories as f


@dataclass
class World:
    marker: str
    org: pm.Organisation
    project: pm.Project
    private_project: pm.Project
    community: cm.Community
    working_group: cm.WorkingGroup
    member: cm.Membership
    meeting: cm.Meeting
    assessment: cm.Assessment
    problem: cm.IdentifiedProblem
    plan: cm.JointPlan
    action: cm.PlanAction
    contribution: cm.Contribution
    activity: cm.Activity
    published_activity: cm.Activity
    programme: gm.GrantProgramme
    grant: gm.Grant
    grant_report: gm.GrantReport
    application: gm.Application
    users: dict[str, Any]
    # The project's results framework (reports): an indicator with one draft period.
    indicator: Any = None
    period: Any = None
    # Project setup (partners, budget, areas) on the private project.
    partnership: Any = None
    budget_line: Any = None
    project_area: Any = None
    # A finished background job (a report file) of the organisation's administrator.
    job: Any = None


def build_world(letter: str) -> World:
    marker = f"ZEBRA-{letter}"
    low = letter.lower()
    # A registered identifier, so each world's public project also gets its IATI file.
    org = f.OrganisationFactory(
        slug=f"org-{low}", name_en=f"{marker} Foundation", iati_identifier=f"GB-CHC-{low}1234"
    )
    users = {}
    for role in pm.StaffRole:
        user = f.UserFactory(username=f"{low}-{role.value}")
        f.StaffMembershipFactory(user=user, organisation=org, role=role)
        users[role.value] = user
    project = f.ProjectFactory(
        slug=f"project-{low}", title_en=f"{marker} public project", is_public=True
    )
    private_project = f.ProjectFactory(
        slug=f"private-{low}", title_en=f"{marker} private project", is_public=False
    )
    for p in (project, private_project):
        f.PartnershipFactory(project=p, organisation=org, role=pm.PartnerRole.IMPLEMENTING)
    region = f.RegionFactory(code=f"KG-Z{letter}", name_en=f"{marker} region")
    community = f.CommunityFactory(
        district=f.DistrictFactory(region=region, name_en=f"{marker} district"),
        name_en=f"{marker} community",
    )
    f.ProjectCommunityFactory(project=project, community=community)
    f.ProjectCommunityFactory(project=private_project, community=community)
    group = f.WorkingGroupFactory(
        community=community, organisation=org, name=f"{marker} working group"
    )
    group.projects.add(private_project)
    member = f.MembershipFactory(
        working_group=group, full_name=f"{marker} Member Person", phone="+996 555 000 111"
    )
    meeting = f.MeetingFactory(working_group=group, agenda=f"{marker} agenda")
    assessment = f.AssessmentFactory(
        community=community, project=private_project, working_group=group
    )
    problem = f.IdentifiedProblemFactory(
        assessment=assessment, description=f"{marker} domestic violence report"
    )
    plan = f.JointPlanFactory(
        working_group=group, community=community, title_en=f"{marker} joint plan"
    )
    action = f.PlanActionFactory(plan=plan, description_en=f"{marker} plan action")
    contribution = f.ContributionFactory(action=action, amount=Decimal("12345"))
    author = users[pm.StaffRole.FIELD_OFFICER.value]
    activity = f.ActivityFactory(
        project=private_project, title_en=f"{marker} draft activity", author=author
    )
    published = f.ActivityFactory(
        project=project, title_en=f"{marker} published news", author=author, published=True
    )
    programme = f.GrantProgrammeFactory(
        slug=f"programme-{low}",
        name_en=f"{marker} programme",
        managing_organisation=org,
        project=project,
        # An open call, so the application form answers.
        call_opens=dt.date(2020, 1, 1),
        call_closes=dt.date(2099, 12, 31),
    )
    grant = f.GrantFactory(
        programme=programme, grantee=org, title_en=f"{marker} grant", reference=f"G-{letter}-1"
    )
    grant_report = f.GrantReportFactory(grant=grant, due_date=dt.date(2022, 6, 30))
    application = f.ApplicationFactory(programme=programme, applicant=org)
    indicator = f.ResultIndicatorFactory(
        result__project=private_project,
        result__title_en=f"{marker} result",
        title_en=f"{marker} indicator",
    )
    period = f.IndicatorPeriodFactory(indicator=indicator, evidence_note=f"{marker} evidence")
    partnership = pm.Partnership.objects.get(project=private_project, organisation=org)
    budget_line = pm.ProjectBudgetLine.objects.create(
        project=private_project,
        year=2022,
        source_kind="donor",
        amount=Decimal("500"),
        currency="USD",
    )
    project_area = cm.ProjectArea.objects.create(
        project=private_project, level="district", district=community.district
    )
    job = _finished_job(users["org_admin"], marker)
    return World(
        marker=marker,
        org=org,
        project=project,
        private_project=private_project,
        community=community,
        working_group=group,
        member=member,
        meeting=meeting,
        assessment=assessment,
        problem=problem,
        plan=plan,
        action=action,
        contribution=contribution,
        activity=activity,
        published_activity=published,
        programme=programme,
        grant=grant,
        grant_report=grant_report,
        application=application,
        users=users,
        indicator=indicator,
        period=period,
        partnership=partnership,
        budget_line=budget_line,
        project_area=project_area,
        job=job,
    )


def _finished_job(user: Any, marker: str) -> Any:
    from django.core.files.base import ContentFile

    from core.models import BackgroundJob, JobState

    job = BackgroundJob.objects.create(
        kind="donor_report_xlsx",
        created_by=user,
        state=JobState.DONE,
        message=f"{marker} report file is ready",
        result_name="report.xlsx",
    )
    job.result_file.save("report.xlsx", ContentFile(f"{marker} report".encode()), save=True)
    return job


def write_job_file(w: World) -> None:
    """The finished job's file written again under the current MEDIA_ROOT, with the name its
    row holds: a world built once per module keeps its rows, while each test has a media
    directory of its own (tests/conftest.py)."""
    from django.core.files.base import ContentFile

    field = w.job.result_file
    if not field.storage.exists(field.name):
        saved = field.storage.save(field.name, ContentFile(f"{w.marker} report".encode()))
        assert saved == field.name, (saved, field.name)


# Real example arguments for every named URL with parameters. A new URL pattern fails
# test_every_url_pattern_is_classified until it is added here and to one of the lists below.
def example_kwargs(name: str, w: World) -> dict[str, Any]:
    table = {
        "staff:password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "staff:project_detail": {"slug": w.private_project.slug},
        "staff:activity_detail": {"pk": w.activity.pk},
        "staff:activity_update": {"pk": w.activity.pk},
        "staff:activity_submit": {"pk": w.activity.pk},
        "staff:activity_publish": {"pk": w.activity.pk},
        "staff:activity_return": {"pk": w.activity.pk},
        "staff:activity_translate": {"pk": w.activity.pk},
        "staff:working_group_detail": {"pk": w.working_group.pk},
        "staff:member_create": {"pk": w.working_group.pk},
        "staff:meeting_create": {"pk": w.working_group.pk},
        "staff:meeting_sync": {"pk": w.working_group.pk},
        "staff:member_update": {"pk": w.member.pk},
        "staff:meeting_detail": {"pk": w.meeting.pk},
        "staff:meeting_update": {"pk": w.meeting.pk},
        "staff:assessment_detail": {"pk": w.assessment.pk},
        "staff:problem_create": {"pk": w.assessment.pk},
        "staff:assessment_rank": {"pk": w.assessment.pk},
        "staff:plan_detail": {"pk": w.plan.pk},
        "staff:plan_action_update": {"pk": w.action.pk},
        "staff:plan_action_sync": {"pk": w.action.pk},
        "staff:contribution_create": {"pk": w.action.pk},
        "staff:working_group_update": {"pk": w.working_group.pk},
        "staff:member_leave": {"pk": w.member.pk},
        "staff:plan_update": {"pk": w.plan.pk},
        "staff:plan_translate": {"pk": w.plan.pk},
        "staff:plan_approve": {"pk": w.plan.pk},
        "staff:plan_revise": {"pk": w.plan.pk},
        "staff:plan_close": {"pk": w.plan.pk},
        "staff:plan_action_create": {"pk": w.plan.pk},
        "staff:plan_action_edit": {"pk": w.action.pk},
        "staff:plan_contribution_create": {"pk": w.plan.pk},
        "staff:project_contribution_create": {"slug": w.private_project.slug},
        "staff:contribution_receive": {"pk": w.contribution.pk},
        "staff:contribution_document": {"pk": w.contribution.pk},
        "staff:grant_detail": {"pk": w.grant.pk},
        "staff:grant_translate": {"pk": w.grant.pk},
        "staff:organisation_translate": {"pk": w.org.pk},
        "staff:programme_translate": {"pk": w.programme.pk},
        "staff:application_translate": {"pk": w.application.pk},
        "staff:donor_report_csv": {"table": "activities"},
        "staff:result_indicator_detail": {"pk": w.indicator.pk},
        "staff:indicator_period_update": {"pk": w.period.pk},
        "staff:indicator_period_approve": {"pk": w.period.pk},
        "staff:indicator_period_reopen": {"pk": w.period.pk},
        "reports:datapackage": {"slug": "projects"},
        "staff:project_update": {"slug": w.private_project.slug},
        "staff:partner_create": {"slug": w.private_project.slug},
        "staff:partner_update": {"pk": w.partnership.pk},
        "staff:partner_delete": {"pk": w.partnership.pk},
        "staff:budget_line_create": {"slug": w.private_project.slug},
        "staff:budget_line_update": {"pk": w.budget_line.pk},
        "staff:budget_line_delete": {"pk": w.budget_line.pk},
        "staff:area_create": {"slug": w.private_project.slug},
        "staff:area_place_fields": {"slug": w.private_project.slug},
        "staff:area_delete": {"pk": w.project_area.pk},
        "staff:job_detail": {"pk": w.job.pk},
        "staff:job_download": {"pk": w.job.pk},
        "projects:project_detail": {"slug": w.project.slug},
        "projects:project_feed": {"slug": w.project.slug},
        "projects:organisation_detail": {"slug": w.org.slug},
        "projects:news_detail": {"pk": w.published_activity.pk},
        "communities:region_detail": {"code": w.community.region.code},
        "communities:district_detail": {"pk": w.community.district_id},
        "communities:community_detail": {"pk": w.community.pk},
        "communities:country_detail": {"country": "kg"},
        "grants:grant_detail": {"pk": w.grant.pk},
        "grants:programme_detail": {"slug": w.programme.slug},
        "grants:call_detail": {"slug": w.programme.slug},
        "grants:apply": {"slug": w.programme.slug},
        "grants:application_submitted": {"token": _submitted_token(w)},
        "grants:application_confirm": {"token": _confirm_token(w)},
        "staff:committee_programme": {"pk": w.programme.pk},
        "staff:decision_minutes": {"pk": w.programme.pk},
        "staff:application_detail": {"pk": w.application.pk},
        "staff:application_review": {"pk": w.application.pk},
        "staff:application_conflict": {"pk": w.application.pk},
        "staff:application_decide": {"pk": w.application.pk},
        "staff:decision_letter": {"pk": w.application.pk},
        "staff:grant_report_upload": {"pk": w.grant_report.pk},
        "staff:grant_report_review": {"pk": w.grant_report.pk},
        "staff:tranche_pay": {"pk": w.grant.pk, "tranche": w.grant.pk},
        "reports:dataset_download": {"slug": "projects", "fmt": "csv"},
        "reports:iati_activity": {"slug": w.project.slug},
        "sitemap_section": {"section": "news"},
    }
    return table.get(name, {})


def _submitted_token(w: World) -> str:
    # int()/str(): the cross-organisation test passes a stand-in World to list the keys.
    return signing.dumps(int(w.application.pk or 0), salt=SUBMITTED_SALT)


def _confirm_token(w: World) -> str:
    return signing.dumps(
        {"pk": int(w.application.pk or 0), "email": str(w.application.contact_email)},
        salt=CONFIRM_SALT,
    )


# Anonymous visitors get 200 on these and only these.
PUBLIC_NAMES = {
    "healthz",
    "robots_txt",
    "sitemap",
    "sitemap_section",
    "staff:login",
    "staff:password_reset",
    "staff:password_reset_done",
    "staff:password_reset_complete",
    "staff:password_reset_confirm",
    "projects:home",
    "projects:project_list",
    "projects:project_detail",
    "projects:project_feed",
    "projects:organisation_list",
    "projects:organisation_detail",
    "projects:news_list",
    "projects:news_feed",
    "projects:news_detail",
    "projects:search",
    "communities:place_index",
    "communities:region_detail",
    "communities:district_detail",
    "communities:community_detail",
    "communities:country_detail",
    "grants:grant_list",
    "grants:grant_detail",
    "grants:programme_detail",
    "grants:call_detail",
    "grants:apply",
    "grants:application_submitted",
    "grants:my_applications",
    "reports:open_data",
    "reports:dataset_download",
    "reports:iati_activity",
    "reports:datapackage",
    "reports:sources",
}
# Not pages: they act on POST and answer GET with a redirect or 405.
ACTION_NAMES = {"set_language", "staff:logout", "grants:application_confirm"}
# The staff web app's own files: no record in them, fetched before any login (core.pwa).
PUBLIC_NAMES |= {"staff:service_worker", "staff:web_manifest", "staff:offline"}
# Answered to the outbox's fetch, not a person: a signed-out user gets 401 (or 405 for the
# wrong method), never a login page that a script would take for an answer.
SIGNED_OUT_JSON_NAMES = {
    "staff:activity_sync",
    "staff:meeting_sync",
    "staff:plan_action_sync",
    "staff:offline_manifest",
}


def named_patterns() -> list[tuple[str, Any]]:
    """Every named URL pattern outside the admin, as (namespaced name, pattern)."""
    found: list[tuple[str, Any]] = []

    def walk(resolver: URLResolver, namespace: str) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                if entry.app_name == "admin":
                    continue
                ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry, ns)
            elif isinstance(entry, URLPattern):
                found.append((f"{namespace}{entry.name}" if entry.name else "", entry))

    walk(get_resolver(), "")
    return found


def _jpeg_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(buffer, "JPEG")
    return buffer.getvalue()


@dataclass
class WorldFiles:
    """Stored files of the world: which ones the public may fetch and which it may not."""

    public: list[Any]
    private: list[Any]


def add_files(w: World) -> WorldFiles:
    """A photo (with thumbnail) and an attachment on the draft activity of the private project
    and on the published activity, and a cover image on each project."""
    from django.core.files.base import ContentFile

    files: dict[bool, list[Any]] = {True: [], False: []}
    for activity, public in ((w.activity, False), (w.published_activity, True)):
        photo = cm.ActivityPhoto(activity=activity, caption=f"{w.marker} photo")
        photo.image.save("photo.jpg", ContentFile(_jpeg_bytes()), save=False)
        photo.thumbnail.save("thumb.jpg", ContentFile(_jpeg_bytes()), save=False)
        photo.save()
        attachment = cm.ActivityAttachment(
            activity=activity, original_name="minutes.pdf", content_type="application/pdf"
        )
        attachment.file.save("minutes.pdf", ContentFile(b"%PDF-1.4 minutes"), save=False)
        attachment.save()
        files[public] += [photo.image, photo.thumbnail, attachment.file]
    for project, public in ((w.project, True), (w.private_project, False)):
        project.cover_image.save("cover.jpg", ContentFile(_jpeg_bytes()), save=True)
        files[public].append(project.cover_image)
    return WorldFiles(public=files[True], private=files[False])
