"""Writes for calls for proposals: an organisation applies online, confirms its email
address, and the committee decides. Keyword-only, atomic, ``full_clean()`` before save,
like grants/services.py, so the public form, the staff workspace and the admin share one
set of rules."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.spreadsheets.columns import organisation_match_key
from grants.attachments import check_attachment
from grants.models import (
    Application,
    ApplicationAttachment,
    ApplicationStatus,
    CommitteeAffiliation,
    CommitteeDecision,
    CommitteeMember,
    DecisionOutcome,
    Grant,
    GrantProgramme,
)
from grants.services import application_award, full_clean_titled
from projects import legal_forms
from projects.models import GranteeType, Organisation, OrganisationKind


def _next_reference(programme: GrantProgramme, year: int) -> str:
    # "prevention-in-action" → PIA: short enough to read out on the phone.
    words = [w for w in programme.slug.split("-") if w]
    initials = "".join(w[0] for w in words).upper()[:5] if len(words) > 1 else ""
    prefix = f"{initials or programme.slug.upper()[:6]}-{year}-"
    taken = Application.objects.filter(reference__startswith=prefix).count()
    return f"{prefix}{taken + 1:04d}"


def _applicant(*, name: str, applicant_type: str, legal_form: str) -> Organisation:
    """The organisation that applies: the one already on file under that name, or a new
    one. Matching ignores case, quotes and legal forms, as imports do."""
    key = organisation_match_key(name)
    existing = Organisation.objects.filter(match_key=key).order_by("pk").first() if key else None
    if existing is not None:
        return existing
    kind: str
    if applicant_type == GranteeType.LOCAL_GOVERNMENT:
        kind = OrganisationKind.LOCAL_GOVERNMENT
    elif legal_form:
        kind = legal_forms.organisation_kind(legal_form)
    else:
        kind = OrganisationKind.LOCAL_NGO
    base = slugify(name)[:100] or "applicant"
    slug = f"{base}-{secrets.token_hex(3)}"
    org = Organisation(
        slug=slug,
        name=name,
        kind=kind,
        legal_form=legal_form or legal_forms.legal_form_in_name(name),
        match_key=key,
    )
    org.full_clean()
    org.save()
    return org


@transaction.atomic
def application_submit(
    *,
    programme: GrantProgramme,
    organisation_name: str,
    applicant_type: str,
    legal_form: str,
    contact_name: str,
    contact_email: str,
    contact_phone: str,
    title: str,
    summary: str,
    requested_amount: Decimal,
    attachments: Sequence[UploadedFile] = (),
    now: dt.datetime | None = None,
) -> Application:
    """Record an online application. It reaches the committee once its email address is
    confirmed (``application_confirm_email``). Refused after the deadline, for an
    applicant type the call does not accept, or above the call's ceiling; nothing is
    saved then."""
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    if not programme.call_is_open(now):
        raise ValidationError(
            _(
                "The call for proposals of %(programme)s is closed; applications are no "
                "longer accepted."
            )
            % {"programme": programme}
        )
    if applicant_type not in programme.eligible_grantee_types:
        errors.setdefault("applicant_type", []).append(
            _("This call does not accept applications from %(type)s.")
            % {"type": GranteeType(applicant_type).label.lower()}
            if applicant_type in GranteeType.values
            else _("Choose who is applying.")
        )
    ceiling = programme.budget_ceiling
    if ceiling is not None and requested_amount > ceiling:
        errors.setdefault("requested_amount", []).append(
            _("The call funds at most %(ceiling)s %(currency)s per application.")
            % {"ceiling": f"{ceiling:,.2f}".replace(",", " "), "currency": programme.currency}
        )
    if requested_amount <= 0:
        errors.setdefault("requested_amount", []).append(
            _("Enter the amount you request, more than zero.")
        )
    if len(attachments) > settings.GRANT_ATTACHMENT_MAX_COUNT:
        errors.setdefault("attachments", []).append(
            _("Attach at most %(count)s files.") % {"count": settings.GRANT_ATTACHMENT_MAX_COUNT}
        )
    for upload in attachments:
        try:
            check_attachment(upload)
        except ValidationError as exc:
            errors.setdefault("attachments", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)

    applicant = _applicant(
        name=organisation_name.strip(), applicant_type=applicant_type, legal_form=legal_form
    )
    application = Application(
        programme=programme,
        applicant=applicant,
        title=title.strip(),
        summary=summary.strip(),
        requested_amount=requested_amount,
        received_on=timezone.localdate(now),
        applicant_type=applicant_type,
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip().lower(),
        contact_phone=contact_phone.strip(),
        submitted_online=True,
    )
    for attempt in range(5):
        application.reference = _next_reference(programme, timezone.localdate(now).year)
        if attempt:
            application.reference += f"-{secrets.token_hex(2).upper()}"
        full_clean_titled(application)
        try:
            with transaction.atomic():
                application.save()
            break
        except IntegrityError:
            # Two applications numbered at the same moment: try the next number.
            application.pk = None
            continue
    for upload in attachments:
        attachment = ApplicationAttachment(
            application=application,
            original_name=(upload.name or "")[-200:],
            size=upload.size or 0,
        )
        attachment.file.save(upload.name or "attachment", upload, save=False)
        attachment.full_clean()
        attachment.save()
    return application


@transaction.atomic
def application_confirm_email(*, application: Application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.email_confirmed_at is None:
        application.email_confirmed_at = timezone.now()
        full_clean_titled(application)
        application.save()
    return application


@transaction.atomic
def committee_member_add(
    *, programme: GrantProgramme, user: Any, affiliation: str, represents: str = ""
) -> CommitteeMember:
    if affiliation not in CommitteeAffiliation.values:
        raise ValidationError({"affiliation": _("Choose the member's affiliation.")})
    member = CommitteeMember(
        programme=programme, user=user, affiliation=affiliation, represents=represents
    )
    member.full_clean()
    member.save()
    return member


_OUTCOME_STATUS = {
    DecisionOutcome.RESERVE: ApplicationStatus.SHORTLISTED,
    DecisionOutcome.REJECT: ApplicationStatus.REJECTED,
}


@transaction.atomic
def committee_decide(
    *, application: Application, outcome: str, reason: str, user: Any
) -> CommitteeDecision:
    """Record the committee's decision on one application, with its reasons. An award
    creates the grant (``application_award``); a reserve shortlists, a reject rejects."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if CommitteeDecision.objects.filter(application=application).exists():
        raise ValidationError(_("The committee has already decided on this application."))
    decision = CommitteeDecision(
        application=application, outcome=outcome, reason=reason.strip(), decided_by=user
    )
    decision.full_clean()
    if outcome == DecisionOutcome.AWARD:
        application_award(application=application)
    else:
        application.status = _OUTCOME_STATUS[DecisionOutcome(outcome)]
        full_clean_titled(application)
        application.save()
    decision.save()
    return decision


def decision_grant(decision: CommitteeDecision) -> Grant | None:
    return Grant.objects.filter(application_id=decision.application_id).first()
