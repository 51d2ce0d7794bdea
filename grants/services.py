"""Writes for the small-grant lifecycle: awards, tranches, committee reviews and grantee
reports. Every function is keyword-only, runs in one transaction and validates the model
before saving, so the admin, the staff workspace and the importer share one set of rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.models import Community
from core.record_translations import (
    DESCRIPTION,
    ELIGIBILITY,
    NAME,
    SUMMARY,
    TITLE,
    record_translations_update,
)
from grants.attachments import check_attachment
from grants.models import (
    Application,
    ApplicationStatus,
    CommitteeMember,
    Disbursement,
    Grant,
    GrantProgramme,
    GrantReport,
    GrantStatus,
    ReportStatus,
    Review,
    ReviewScore,
    ScoringCriterion,
)
from grants.ranking import competing_applications, ranking_places_sql, weighted_scores
from projects.access import writable_organisation_ids
from projects.models import Organisation

# Fields a caller may set through grant_create/grant_update; anything else (history,
# timestamps, the programme of an existing grant) is not theirs to change here.
GRANT_EDITABLE_FIELDS = frozenset(
    {
        "grantee",
        "grantee_type",
        "application",
        "reference",
        "title",
        "title_en",
        "title_ru",
        "title_ky",
        "title_tg",
        "summary",
        "summary_en",
        "summary_ru",
        "summary_ky",
        "summary_tg",
        "region",
        "district",
        "amount",
        "currency",
        "start_date",
        "end_date",
        "status",
        "source_note",
    }
)


def _check_places(grant: Grant, communities: Iterable[Community] | None) -> None:
    errors: dict[str, list[str]] = {}
    if grant.district and grant.region_id and grant.district.region_id != grant.region_id:
        errors.setdefault("district", []).append(
            _("%(district)s is not in %(region)s.")
            % {"district": grant.district, "region": grant.region}
        )
    for community in communities or ():
        if grant.region_id and community.region_id != grant.region_id:
            errors.setdefault("communities", []).append(
                _("%(community)s is not in %(region)s.")
                % {"community": community, "region": grant.region}
            )
        elif grant.district_id and community.district_id not in (None, grant.district_id):
            errors.setdefault("communities", []).append(
                _("%(community)s is not in %(district)s.")
                % {"community": community, "district": grant.district}
            )
    if errors:
        raise ValidationError(errors)


def _check_award_covers_payments(grant: Grant) -> None:
    if grant.pk is None:
        return
    paid = grant.disbursements.aggregate(total=Sum("paid_amount"))["total"] or Decimal("0")
    if paid and (grant.amount is None or grant.amount < paid):
        raise ValidationError(
            {
                "amount": _(
                    "%(paid)s has already been paid on this grant; the award cannot be "
                    "less than that."
                )
                % {"paid": paid}
            }
        )


def full_clean_titled(instance: Any) -> None:
    """``full_clean()`` for a record whose title is translated: a title in any one
    language is enough (an application sent in Kyrgyz has only a Kyrgyz title), where
    modeltranslation would demand one in the active language."""
    titled = any(
        getattr(instance, f"title_{code}", "") for code in settings.MODELTRANSLATION_LANGUAGES
    )
    instance.full_clean(exclude=["title"] if titled else None)


@transaction.atomic
def grant_create(
    *,
    programme: GrantProgramme,
    grantee: Organisation,
    reference: str,
    title: str | None = None,
    currency: str | None = None,
    communities: Iterable[Community] | None = None,
    **fields: Any,
) -> Grant:
    """``title`` is the title in the active language; the admin passes ``title_en``,
    ``title_ru``, … among ``fields`` instead."""
    unknown = set(fields) - GRANT_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"grant_create() got unexpected fields: {sorted(unknown)}")
    if title is not None:
        fields["title"] = title
    grant = Grant(
        programme=programme,
        grantee=grantee,
        reference=reference.strip(),
        currency=currency or programme.currency,
        grantee_type=fields.pop("grantee_type", None) or grantee.grantee_type,
        **fields,
    )
    communities = list(communities or [])
    # A title in any one language is enough (an application sent in Kyrgyz has only a
    # Kyrgyz title); modeltranslation would otherwise demand it in the active language.
    full_clean_titled(grant)
    _check_places(grant, communities)
    grant.save()
    if communities:
        grant.communities.set(communities)
    return grant


@transaction.atomic
def grant_update(
    *,
    grant: Grant,
    communities: Iterable[Community] | None = None,
    **fields: Any,
) -> Grant:
    unknown = set(fields) - GRANT_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"grant_update() got unexpected fields: {sorted(unknown)}")
    # Lock first so a concurrent payment cannot slip under a lowered award.
    locked = Grant.objects.select_for_update().get(pk=grant.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    full_clean_titled(locked)
    new_communities = list(communities) if communities is not None else None
    _check_places(locked, new_communities)
    if "amount" in fields:
        _check_award_covers_payments(locked)
    locked.save()
    if new_communities is not None:
        locked.communities.set(new_communities)
    return locked


@transaction.atomic
def disbursement_plan(
    *,
    grant: Grant,
    tranche: int,
    planned_amount: Decimal | None,
    planned_date: dt.date | None = None,
    disbursement: Disbursement | None = None,
) -> Disbursement:
    """Plan a new tranche, or re-plan ``disbursement`` (its number, date and amount); what
    was paid is recorded with ``disbursement_record_payment``."""
    if disbursement is None:
        disbursement = Disbursement(grant=grant)
    else:
        disbursement = Disbursement.objects.select_for_update().get(pk=disbursement.pk)
    disbursement.tranche = tranche
    disbursement.planned_amount = planned_amount
    disbursement.planned_date = planned_date
    disbursement.full_clean()
    disbursement.save()
    return disbursement


@transaction.atomic
def disbursement_record_payment(
    *,
    disbursement: Disbursement,
    paid_amount: Decimal | None,
    paid_date: dt.date | None,
) -> Disbursement:
    """Record what was actually paid on a tranche (``None`` for both clears a payment
    entered by mistake). The sum of paid tranches never exceeds the award: the grant row is
    locked so two officers paying at once cannot both pass the check."""
    grant = Grant.objects.select_for_update().get(pk=disbursement.grant_id)
    if paid_amount is not None:
        if grant.amount is None:
            raise ValidationError(
                {"paid_amount": _("Enter the amount awarded before recording payments.")}
            )
        if grant.status == GrantStatus.TERMINATED:
            raise ValidationError(
                {"paid_amount": _("This grant was terminated; nothing more is paid.")}
            )
        _check_payment_within_award(grant, disbursement, paid_amount)
    disbursement = Disbursement.objects.select_for_update().get(pk=disbursement.pk)
    if paid_amount is not None and disbursement.after_report_id:
        report = GrantReport.objects.get(pk=disbursement.after_report_id)
        if report.status != ReportStatus.ACCEPTED:
            raise ValidationError(
                {
                    "paid_amount": _(
                        "This tranche is paid once the %(report)s report due %(due)s is "
                        "approved; it is %(status)s."
                    )
                    % {
                        "report": report.get_kind_display().lower(),
                        "due": f"{report.due_date:%d.%m.%Y}",
                        "status": report.get_status_display().lower(),
                    }
                }
            )
    disbursement.paid_amount = paid_amount
    disbursement.paid_date = paid_date
    disbursement.full_clean()
    disbursement.save()
    return disbursement


def _check_payment_within_award(
    grant: Grant, disbursement: Disbursement, paid_amount: Decimal
) -> None:
    award = grant.amount or Decimal("0")
    paid_elsewhere = grant.disbursements.exclude(pk=disbursement.pk).aggregate(
        total=Sum("paid_amount")
    )["total"] or Decimal("0")
    if paid_elsewhere + paid_amount > award:
        remaining = max(award - paid_elsewhere, Decimal("0"))
        raise ValidationError(
            {
                "paid_amount": _(
                    "Paid tranches would reach %(total)s %(currency)s, more than the "
                    "%(award)s awarded. At most %(remaining)s can still be paid."
                )
                % {
                    "total": paid_elsewhere + paid_amount,
                    "currency": grant.currency,
                    "award": award,
                    "remaining": remaining,
                }
            }
        )


@transaction.atomic
def review_submit(
    *,
    application: Application,
    reviewer: User,
    scores: Mapping[ScoringCriterion | int, Decimal | int | float | str],
    comment: str = "",
    conflict_of_interest: bool = False,
    conflict_note: str = "",
) -> Review:
    """Save one committee member's review. ``scores`` is the reviewer's whole scoring: a
    criterion left out is no longer scored. A reviewer who declares a conflict of interest,
    now or earlier, may not score the application."""
    seats = CommitteeMember.objects.filter(programme_id=application.programme_id)
    if seats.exists() and not seats.filter(user=reviewer).exists():
        # A programme with a committee is scored by its members only.
        raise ValidationError(
            _("Only members of this programme's committee score its applications.")
        )
    review, _created = Review.objects.select_for_update().get_or_create(
        application=application, reviewer=reviewer
    )
    conflicted = conflict_of_interest or review.conflict_of_interest
    if conflicted and scores:
        raise ValidationError(
            _("You declared a conflict of interest with this application, so you cannot score it.")
        )
    criteria = {
        c.pk: c for c in ScoringCriterion.objects.filter(programme=application.programme_id)
    }
    cleaned: dict[int, Decimal] = {}
    errors: list[str] = []
    for key, raw in scores.items():
        criterion_id = key.pk if isinstance(key, ScoringCriterion) else int(key)
        criterion = criteria.get(criterion_id)
        if criterion is None:
            errors.append(_("This criterion does not belong to the application's programme."))
            continue
        value = Decimal(str(raw))
        if value < 0 or value > criterion.max_score:
            errors.append(
                _("%(criterion)s: the score must be between 0 and %(max)s.")
                % {"criterion": criterion.name, "max": criterion.max_score}
            )
            continue
        cleaned[criterion_id] = value
    if errors:
        raise ValidationError(errors)

    review.comment = comment
    review.conflict_of_interest = conflicted
    review.conflict_note = conflict_note or review.conflict_note
    # Complete once every criterion is scored (or a conflict is declared): only then does
    # the member see the others' scores.
    complete = conflicted or (bool(criteria) and set(cleaned) == set(criteria))
    review.submitted_at = (review.submitted_at or timezone.now()) if complete else None
    review.full_clean(validate_unique=False)
    review.save()
    if conflicted:
        # A declaration made after scoring withdraws the scores already given.
        review.scores.all().delete()
        application_scores_refresh(
            programme=application.programme, application_ids=[application.pk]
        )
        return review
    review.scores.exclude(criterion_id__in=cleaned).delete()
    existing = {s.criterion_id: s for s in review.scores.all()}
    for criterion_id, value in cleaned.items():
        score = existing.get(criterion_id) or ReviewScore(review=review, criterion_id=criterion_id)
        score.score = value
        score.full_clean(validate_unique=False)
        score.save()
    application_scores_refresh(programme=application.programme, application_ids=[application.pk])
    return review


@transaction.atomic
def application_scores_refresh(
    *, programme: GrantProgramme, application_ids: Collection[int] | None = None
) -> int:
    """Store the consolidated score of the programme's applications (or of
    ``application_ids``) from their reviews, as the ranking sorts on it. Called after a
    review is saved or removed and after the criteria change (a weight or maximum changes
    every score). Returns how many applications changed."""
    figures = weighted_scores(programme, application_ids)
    changed = []
    for application in Application.objects.filter(pk__in=figures).only(
        "pk", "score", "criteria_scored", "reviewer_count"
    ):
        new = figures[application.pk]
        if (application.score, application.criteria_scored, application.reviewer_count) != (
            new.score,
            new.criteria_scored,
            new.reviewer_count,
        ):
            application.score = new.score
            application.criteria_scored = new.criteria_scored
            application.reviewer_count = new.reviewer_count
            changed.append(application)
    Application.objects.bulk_update(
        changed, ["score", "criteria_scored", "reviewer_count"], batch_size=1000
    )
    if changed or application_ids is None:
        application_ranking_refresh(programme_id=programme.pk)
    return len(changed)


@transaction.atomic
def application_ranking_refresh(*, programme_id: int) -> None:
    """Store every competing application's place in the programme's ranking and the
    requested amounts added up down to it (the ranking page reads them by key); clear them
    on applications that no longer compete. Called after any write that can move an
    application: its score (application_scores_refresh), its status, amount, date of
    receipt or confirmation (the Application receivers in grants/receivers.py). Two
    statements whatever the size; only rows whose place or sum changed are written."""
    table = connection.ops.quote_name(Application._meta.db_table)
    places, params = ranking_places_sql(programme_id)
    # SQLite spells IS DISTINCT FROM as IS NOT (both compare NULLs as values).
    differs = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    # Built from quoted names and Django's own compiled SELECT; values are parameters.
    update = (
        f"UPDATE {table} SET ranking_position = places.ranking_place, "  # noqa: S608
        f"ranking_cumulative = places.ranking_sum FROM ({places}) AS places "
        f"WHERE {table}.id = places.pk AND ({table}.ranking_position {differs} "
        f"places.ranking_place OR {table}.ranking_cumulative {differs} places.ranking_sum)"
    )
    with connection.cursor() as cursor:
        cursor.execute(update, params)
    Application.objects.filter(programme_id=programme_id, ranking_position__isnull=False).exclude(
        pk__in=competing_applications(programme_id).values("pk")
    ).update(ranking_position=None, ranking_cumulative=None)


@transaction.atomic
def review_scores_delete(*, scores: QuerySet[ReviewScore]) -> None:
    """Remove single scores (the admin's delete); their applications' stored scores follow."""
    touched = list(
        scores.values_list("review__application__programme_id", "review__application_id")
        .order_by()
        .distinct()
    )
    ReviewScore.objects.filter(pk__in=list(scores.values_list("pk", flat=True))).delete()
    by_programme: dict[int, list[int]] = {}
    for programme_id, application_id in touched:
        by_programme.setdefault(programme_id, []).append(application_id)
    for programme in GrantProgramme.objects.filter(pk__in=by_programme):
        application_scores_refresh(programme=programme, application_ids=by_programme[programme.pk])


@transaction.atomic
def review_delete(*, review: Review) -> None:
    """Remove a review with its scores; the application's stored score follows."""
    application = review.application
    review.delete()
    application_scores_refresh(programme=application.programme, application_ids=[application.pk])


@transaction.atomic
def grant_report_schedule(
    *,
    grant: Grant,
    kind: str,
    due_date: dt.date,
    note: str = "",
    report: GrantReport | None = None,
) -> GrantReport:
    """Schedule a grantee report, or reschedule ``report`` (its type, due date and note);
    its receipt is recorded with ``grant_report_mark_received``."""
    if report is None:
        report = GrantReport(grant=grant)
    else:
        report = GrantReport.objects.select_for_update().get(pk=report.pk)
    report.kind = kind
    report.due_date = due_date
    report.note = note
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def grant_report_mark_received(
    *,
    report: GrantReport,
    received_on: dt.date | None = None,
    status: str = ReportStatus.RECEIVED,
) -> GrantReport:
    if status == ReportStatus.DUE:
        raise ValidationError({"status": _("A received report cannot be marked as due.")})
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    report.received_on = received_on or timezone.localdate()
    if report.received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date received cannot be in the future.")})
    report.status = status
    report.full_clean()
    report.save()
    return report


# An application in one of these states was turned down or left; it cannot be awarded.
NOT_AWARDABLE = frozenset(
    {ApplicationStatus.INELIGIBLE, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN}
)


@transaction.atomic
def application_award(*, application: Application, reference: str | None = None) -> Grant:
    """Award a grant for ``application``: the applicant becomes the grantee for the amount
    requested, in the application's communities, and the application is marked awarded.
    Without a ``reference`` the grant is numbered from the programme and the application
    (``<programme slug>-<application id>``); it can be edited on the grant."""
    application = (
        Application.objects.select_for_update()
        .select_related("programme", "applicant")
        .get(pk=application.pk)
    )
    if Grant.objects.filter(application=application).exists():
        raise ValidationError(
            _("%(application)s has already been awarded a grant.") % {"application": application}
        )
    if application.status in NOT_AWARDABLE:
        raise ValidationError(
            _("%(application)s is %(status)s and cannot be awarded.")
            % {"application": application, "status": application.get_status_display().lower()}
        )
    translated = {
        f"{name}_{language}": getattr(application, f"{name}_{language}")
        for name in ("title", "summary")
        for language in settings.MODELTRANSLATION_LANGUAGES
    }
    grant = grant_create(
        programme=application.programme,
        grantee=application.applicant,
        reference=reference or f"{application.programme.slug}-{application.pk}",
        application=application,
        amount=application.requested_amount,
        communities=application.communities.all(),
        **translated,
    )
    application.status = ApplicationStatus.AWARDED
    full_clean_titled(application)
    application.save()
    return grant


# Reports a grantee may (re)send: not yet sent, or sent back for changes.
SENDABLE_REPORT_STATUSES = (ReportStatus.DUE, ReportStatus.RETURNED)


@transaction.atomic
def grant_report_submit(
    *, report: GrantReport, file: Any, user: User, note: str = ""
) -> GrantReport:
    """The grantee's own user sends a narrative, financial or final report (PDF, DOCX or
    XLSX); the programme then approves it or returns it."""
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    if report.status not in SENDABLE_REPORT_STATUSES:
        raise ValidationError(
            _("This report was already sent and is %(status)s.")
            % {"status": report.get_status_display().lower()}
        )
    try:
        check_attachment(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    report.file.save(file.name or "report", file, save=False)
    report.note = note.strip() or report.note
    report.submitted_by = user
    report.received_on = timezone.localdate()
    report.status = ReportStatus.RECEIVED
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def grant_report_review(*, report: GrantReport, status: str, review_note: str = "") -> GrantReport:
    """Approve a received report, or return it to the grantee with comments."""
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    if status not in (ReportStatus.ACCEPTED, ReportStatus.RETURNED):
        raise ValidationError({"status": _("Approve the report or return it.")})
    if report.received_on is None:
        raise ValidationError(_("The report has not been received yet."))
    if status == ReportStatus.RETURNED and not review_note.strip():
        raise ValidationError({"review_note": _("Say what the grantee should change.")})
    report.status = status
    report.review_note = review_note.strip()
    report.full_clean()
    report.save()
    return report


GRANT_TRANSLATED_FIELDS = (TITLE, SUMMARY)


def grant_translations_update(*, grant: Grant, user: Any, texts: Mapping[str, str]) -> Grant:
    """Set the grant's ``title_<lang>`` / ``summary_<lang>`` from ``texts``: the programme's
    managing organisation reviews the grant's reports, so its writers translate the grant
    (the public grant pages then lose their «показано на …» marker)."""
    if grant.programme.managing_organisation_id not in writable_organisation_ids(user):
        raise PermissionDenied
    record = record_translations_update(record=grant, fields=GRANT_TRANSLATED_FIELDS, texts=texts)
    assert isinstance(record, Grant)
    return record


APPLICATION_TRANSLATED_FIELDS = (TITLE, SUMMARY)
PROGRAMME_TRANSLATED_FIELDS = (NAME, DESCRIPTION, ELIGIBILITY)


def application_translations_update(
    *, application: Application, user: Any, texts: Mapping[str, str]
) -> Application:
    """Set the application's ``title_<lang>`` / ``summary_<lang>`` from ``texts``: the
    programme's managing organisation (the committee's secretariat) translates what the
    applicant wrote in one language, so every member reads it in theirs."""
    if application.programme.managing_organisation_id not in writable_organisation_ids(user):
        raise PermissionDenied
    record = record_translations_update(
        record=application, fields=APPLICATION_TRANSLATED_FIELDS, texts=texts
    )
    assert isinstance(record, Application)
    return record


def programme_translations_update(
    *, programme: GrantProgramme, user: Any, texts: Mapping[str, str]
) -> GrantProgramme:
    """Set the programme's ``name_<lang>``, ``description_<lang>`` and
    ``eligibility_<lang>`` from ``texts``: its managing organisation's writers translate it
    (the public programme and call pages then lose their «показано на …» marker)."""
    if programme.managing_organisation_id not in writable_organisation_ids(user):
        raise PermissionDenied
    record = record_translations_update(
        record=programme, fields=PROGRAMME_TRANSLATED_FIELDS, texts=texts, required="name"
    )
    assert isinstance(record, GrantProgramme)
    return record
