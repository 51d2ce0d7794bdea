"""The committee workspace: who sees which programme, conflicts of interest, independent
scoring on weighted criteria, the consolidated ranking, decisions and letters; then the
grantee's reports and the tranches they release."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from grants import services
from grants.committee_views import RANKING_PER_PAGE
from grants.models import (
    ApplicationStatus,
    CommitteeAffiliation,
    CommitteeDecision,
    CommitteeMember,
    Grant,
    ReportStatus,
    Review,
    ReviewScore,
)
from projects.models import StaffRole
from tests import factories as f

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\nreport\n"


def _url(name: str, *args: object) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def programme(org):
    programme = f.GrantProgrammeFactory(
        slug="prevention-in-action", name_en="Prevention in Action", managing_organisation=org
    )
    f.ScoringCriterionFactory(programme=programme, name_en="Relevance", weight=2, max_score=10)
    f.ScoringCriterionFactory(programme=programme, name_en="Budget", weight=1, max_score=5)
    return programme


@pytest.fixture
def members(programme):
    government = f.CommitteeMemberFactory(
        programme=programme, affiliation=CommitteeAffiliation.GOVERNMENT, is_chair=True
    )
    ngo = f.CommitteeMemberFactory(programme=programme, affiliation=CommitteeAffiliation.NGO)
    return government.user, ngo.user


@pytest.fixture
def application(programme):
    return f.ApplicationFactory(programme=programme, reference="PIA-2026-0001")


def _scores(programme, relevance, budget):
    criteria = list(programme.criteria.order_by("position", "pk"))
    return {
        f"criterion_{criteria[0].pk}": relevance,
        f"criterion_{criteria[1].pk}": budget,
        "comment": "",
    }


# --- who sees what ------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_login(client, application) -> None:
    response = client.get(_url("staff:application_detail", application.pk))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_member_sees_only_the_programmes_they_sit_on(client, members, application) -> None:
    elsewhere = f.ApplicationFactory(programme=f.GrantProgrammeFactory())
    client.force_login(members[1])
    home = client.get(_url("staff:committee_home")).content.decode()
    assert "Prevention in Action" in home and elsewhere.programme.name not in home
    assert client.get(_url("staff:application_detail", application.pk)).status_code == 200
    assert client.get(_url("staff:application_detail", elsewhere.pk)).status_code == 404
    assert client.get(_url("staff:committee_programme", elsewhere.programme_id)).status_code == 404


def test_an_outsider_gets_404(client, outsider, application) -> None:
    client.force_login(outsider)
    assert (
        client.get(_url("staff:committee_programme", application.programme_id)).status_code == 404
    )
    assert client.get(_url("staff:application_detail", application.pk)).status_code == 404


def test_a_read_only_member_of_the_managing_organisation_reads_but_may_not_decide(
    client, viewer, application
) -> None:
    client.force_login(viewer)
    assert client.get(_url("staff:application_detail", application.pk)).status_code == 200
    response = client.post(
        _url("staff:application_decide", application.pk), {"outcome": "award", "reason": "x"}
    )
    assert response.status_code == 403
    response = client.post(
        _url("staff:application_review", application.pk), _scores(application.programme, 5, 5)
    )
    assert response.status_code == 403
    assert not CommitteeDecision.objects.exists() and not Review.objects.exists()


@pytest.mark.parametrize("seated", [True, False], ids=["with a committee", "no members yet"])
def test_the_secretariat_sees_its_programmes_ranking_with_or_without_a_committee(
    client, viewer, programme, application, seated
) -> None:
    # The ranking reads the programme through its committee's rows when it has members,
    # and on its own when it has none: staff of the managing organisation see it both ways.
    if seated:
        f.CommitteeMemberFactory(programme=programme, is_chair=True)
    client.force_login(viewer)
    page = client.get(_url("staff:committee_programme", programme.pk))
    assert page.status_code == 200
    assert "PIA-2026-0001" in page.content.decode()


def test_a_member_of_one_committee_does_not_see_another_with_members(
    client, members, programme
) -> None:
    other = f.GrantProgrammeFactory()
    f.CommitteeMemberFactory(programme=other)
    client.force_login(members[0])
    assert client.get(_url("staff:committee_programme", other.pk)).status_code == 404
    assert client.get(_url("staff:committee_programme", 10**9)).status_code == 404


def test_unconfirmed_online_applications_do_not_reach_the_committee(
    client, members, programme
) -> None:
    pending = f.ApplicationFactory(programme=programme, submitted_online=True)
    client.force_login(members[0])
    assert client.get(_url("staff:application_detail", pending.pk)).status_code == 404


# --- scoring ------------------------------------------------------------------------------


def test_a_declared_conflict_of_interest_blocks_scoring(client, members, application) -> None:
    client.force_login(members[1])
    client.post(
        _url("staff:application_conflict", application.pk),
        {"conflict_note": "My brother chairs the applicant."},
    )
    response = client.post(
        _url("staff:application_review", application.pk), _scores(application.programme, 8, 4)
    )
    assert response.status_code == 400
    assert "conflict of interest" in response.content.decode()
    assert not ReviewScore.objects.exists()
    with pytest.raises(ValidationError):
        services.review_submit(application=application, reviewer=members[1], scores={1: 5})


def test_a_score_outside_the_criterions_range_is_refused(client, members, application) -> None:
    client.force_login(members[0])
    response = client.post(
        _url("staff:application_review", application.pk), _scores(application.programme, 11, 4)
    )
    assert response.status_code == 400
    assert "less than or equal to 10" in response.content.decode()
    criterion = application.programme.criteria.get(name_en="Budget")
    with pytest.raises(ValidationError, match="between 0 and 5"):
        services.review_submit(application=application, reviewer=members[0], scores={criterion: 6})
    assert not ReviewScore.objects.exists()


def test_someone_outside_the_committee_cannot_score(application, members) -> None:
    with pytest.raises(ValidationError, match="Only members"):
        services.review_submit(application=application, reviewer=f.UserFactory(), scores={})


def test_members_see_each_others_scores_only_after_submitting_their_own(
    client, members, application
) -> None:
    chair, ngo = members
    client.force_login(chair)
    client.post(
        _url("staff:application_review", application.pk),
        {**_scores(application.programme, 9, 4), "comment": "Strong local ownership"},
    )
    client.force_login(ngo)
    before = client.get(_url("staff:application_detail", application.pk)).content.decode()
    assert "Strong local ownership" not in before
    assert "Submit your own scores to see" in before
    ranking = client.get(_url("staff:committee_programme", application.programme_id))
    assert "hidden" in ranking.content.decode()
    client.post(
        _url("staff:application_review", application.pk), _scores(application.programme, 7, 3)
    )
    after = client.get(_url("staff:application_detail", application.pk)).content.decode()
    assert "Strong local ownership" in after
    assert Review.objects.filter(submitted_at__isnull=False).count() == 2


def test_the_ranking_consolidates_weighted_scores(client, members, programme) -> None:
    strong = f.ApplicationFactory(programme=programme, title_en="Strong")
    weak = f.ApplicationFactory(programme=programme, title_en="Weak")
    for user in members:
        services.review_submit(application=strong, reviewer=user, scores=_crit(programme, 10, 5))
        services.review_submit(application=weak, reviewer=user, scores=_crit(programme, 2, 1))
    client.force_login(members[0])
    page = client.get(_url("staff:committee_programme", programme.pk)).content.decode()
    assert page.index("Strong") < page.index("Weak")
    assert "100.00" in page


def _crit(programme, relevance, budget):
    criteria = list(programme.criteria.order_by("position", "pk"))
    return {criteria[0]: relevance, criteria[1]: budget}


def test_the_ranking_page_costs_the_same_queries_for_3_or_30_applications(
    client, members, programme
) -> None:
    def count() -> int:
        client.force_login(members[0])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url("staff:committee_programme", programme.pk)).status_code == 200
        return len(captured)

    for _ in range(3):
        f.ApplicationFactory(programme=programme)
    few = count()
    for _ in range(27):
        f.ApplicationFactory(programme=programme)
    assert count() == few


def test_the_ranking_is_paged_and_a_page_past_the_end_shows_the_last(
    client, members, programme
) -> None:
    for n in range(RANKING_PER_PAGE + 2):
        f.ApplicationFactory(programme=programme, title_en=f"Project {n:03d}")
    client.force_login(members[0])
    url = _url("staff:committee_programme", programme.pk)

    first = client.get(url).content.decode()
    last = client.get(url, {"page": 2}).content.decode()
    past = client.get(url, {"page": 99}).content.decode()
    garbled = client.get(url, {"page": "x"}).content.decode()

    # Unscored applications keep the order of arrival: pk order here.
    assert "Project 000" in first and f"Project {RANKING_PER_PAGE:03d}" not in first
    assert f"Project {RANKING_PER_PAGE + 1:03d}" in last and "Project 000" not in last
    assert "Page 2 of 2" in last
    assert f"Project {RANKING_PER_PAGE + 1:03d}" in past and "Page 2 of 2" in past
    assert "Page 1 of 2" in garbled


def test_a_member_sees_the_score_of_an_application_once_they_have_scored_it(
    client, members, programme
) -> None:
    chair, ngo = members
    scored, unscored = (f.ApplicationFactory(programme=programme) for _ in range(2))
    for application in (scored, unscored):
        services.review_submit(
            application=application, reviewer=chair, scores=_crit(programme, 10, 5)
        )
    services.review_submit(application=scored, reviewer=ngo, scores=_crit(programme, 10, 5))
    client.force_login(ngo)

    page = client.get(_url("staff:committee_programme", programme.pk)).content.decode()

    assert page.count("100.00") == 1
    assert page.count('<span class="muted">hidden</span>') == 1


def test_the_application_page_costs_the_same_queries_for_one_or_four_reviews(
    client, members, programme, application
) -> None:
    chair, ngo = members

    def count() -> int:
        client.force_login(chair)
        with CaptureQueriesContext(connection) as captured:
            page = client.get(_url("staff:application_detail", application.pk))
        assert page.status_code == 200
        return len(captured)

    services.review_submit(application=application, reviewer=chair, scores=_crit(programme, 9, 4))
    one = count()
    services.review_submit(application=application, reviewer=ngo, scores=_crit(programme, 5, 2))
    for _ in range(2):
        extra = f.CommitteeMemberFactory(programme=programme).user
        services.review_submit(
            application=application, reviewer=extra, scores=_crit(programme, 3, 1)
        )
    assert count() == one


# --- decisions and letters ----------------------------------------------------------------


def test_the_chair_awards_and_the_letter_is_produced(client, members, application) -> None:
    client.force_login(members[0])
    response = client.post(
        _url("staff:application_decide", application.pk),
        {"outcome": "award", "reason": "Ranked first; within the envelope."},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWARDED
    grant = Grant.objects.get(application=application)
    letter = client.get(_url("staff:decision_letter", application.pk)).content.decode()
    assert "decided to award a grant" in letter and grant.reference in letter
    minutes = client.get(_url("staff:decision_minutes", application.programme_id)).content
    assert b"Ranked first; within the envelope." in minutes


@pytest.mark.parametrize(
    ("outcome", "status", "phrase"),
    [
        ("reserve", ApplicationStatus.SHORTLISTED, "reserve list"),
        ("reject", ApplicationStatus.REJECTED, "decided not to fund"),
    ],
)
def test_reserve_and_reject_are_recorded_with_reasons(
    client, members, application, outcome, status, phrase
) -> None:
    client.force_login(members[0])
    empty = client.post(_url("staff:application_decide", application.pk), {"outcome": outcome})
    assert empty.status_code == 400 and not CommitteeDecision.objects.exists()
    client.post(
        _url("staff:application_decide", application.pk),
        {"outcome": outcome, "reason": "Below the threshold."},
    )
    application.refresh_from_db()
    assert application.status == status
    assert phrase in client.get(_url("staff:decision_letter", application.pk)).content.decode()


# --- after the award ----------------------------------------------------------------------


@pytest.fixture
def awarded(programme, org):
    grantee = f.OrganisationFactory(slug="yiman", name_en="Yiman")
    grant = f.GrantFactory(programme=programme, grantee=grantee, amount=Decimal("10000"))
    report = f.GrantReportFactory(grant=grant, due_date=timezone.localdate() + dt.timedelta(7))
    first = services.disbursement_plan(grant=grant, tranche=1, planned_amount=Decimal("4000"))
    second = services.disbursement_plan(grant=grant, tranche=2, planned_amount=Decimal("6000"))
    second.after_report = report
    second.save()
    grantee_user = f.UserFactory(username="grantee")
    f.StaffMembershipFactory(user=grantee_user, organisation=grantee, role=StaffRole.FIELD_OFFICER)
    return grant, report, first, second, grantee_user


def test_a_tranche_waits_for_its_report_then_is_paid(client, manager, awarded) -> None:
    grant, report, _first, second, grantee_user = awarded
    client.force_login(manager)
    pay = {"paid_amount": "6000", "paid_date": timezone.localdate().isoformat()}
    client.post(_url("staff:tranche_pay", grant.pk, second.pk), pay)
    second.refresh_from_db()
    assert second.paid_amount is None
    # The grantee's own user sends the report.
    client.force_login(grantee_user)
    upload = SimpleUploadedFile("narrative.pdf", PDF)
    response = client.post(_url("staff:grant_report_upload", report.pk), {"file": upload})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RECEIVED and report.submitted_by == grantee_user
    # The grantee may not approve its own report or pay itself.
    assert (
        client.post(
            _url("staff:grant_report_review", report.pk), {"status": "accepted"}
        ).status_code
        == 403
    )
    client.force_login(manager)
    client.post(_url("staff:grant_report_review", report.pk), {"status": "accepted"})
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    client.post(_url("staff:tranche_pay", grant.pk, second.pk), pay)
    second.refresh_from_db()
    assert second.paid_amount == Decimal("6000")


def test_a_tranche_above_the_remaining_balance_is_refused(client, manager, awarded) -> None:
    grant, _report, first, _second, _user = awarded
    client.force_login(manager)
    response = client.post(
        _url("staff:tranche_pay", grant.pk, first.pk),
        {"paid_amount": "12000", "paid_date": timezone.localdate().isoformat()},
        follow=True,
    )
    assert "At most 10000" in response.content.decode()
    first.refresh_from_db()
    assert first.paid_amount is None


def test_an_outsider_cannot_send_a_grantees_report(client, outsider, awarded) -> None:
    _grant, report, *_ = awarded
    client.force_login(outsider)
    assert client.get(_url("staff:grant_report_upload", report.pk)).status_code == 404


def test_a_returned_report_needs_a_reason(awarded) -> None:
    _grant, report, *_rest, grantee_user = awarded
    services.grant_report_submit(
        report=report, file=SimpleUploadedFile("r.pdf", PDF), user=grantee_user
    )
    with pytest.raises(ValidationError):
        services.grant_report_review(report=report, status=ReportStatus.RETURNED)


def test_the_dashboard_lists_reports_coming_due(client, awarded) -> None:
    grant, _report, *_rest, grantee_user = awarded
    client.force_login(grantee_user)
    page = client.get(_url("staff:dashboard")).content.decode()
    assert grant.reference in page


def test_an_application_titled_only_in_kyrgyz_can_be_awarded(client, members, programme) -> None:
    application = f.ApplicationFactory(
        programme=programme, title_en="", title_ky="Жаштар тынчтык үчүн", reference="PIA-9"
    )
    client.force_login(members[0])
    response = client.post(
        _url("staff:application_decide", application.pk),
        {"outcome": "award", "reason": "Ranked first."},
    )
    assert response.status_code == 302
    assert Grant.objects.get(application=application).title_ky == "Жаштар тынчтык үчүн"


@pytest.mark.parametrize("language", ["en", "ru", "ky", "tg"])
def test_a_member_is_shown_with_the_affiliation_its_choice_label_gives(language) -> None:
    user = f.UserFactory(first_name="Aida", last_name="Bekova")
    with translation.override(language):
        for affiliation in [*CommitteeAffiliation.values, "retired_value"]:
            member = CommitteeMember(user=user, affiliation=affiliation)
            assert str(member) == f"Aida Bekova ({member.get_affiliation_display()})"
        assert str(CommitteeMember(user=user, affiliation="ngo")) == (
            f"Aida Bekova ({CommitteeAffiliation.NGO.label})"
        )
