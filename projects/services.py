"""Writes for project setup from the staff workspace: projects, their partners and their
budget lines.

Each function is keyword-only and atomic, re-checks the acting user's rights through the
access helpers (a view is not the only caller) and calls ``full_clean()`` before saving.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.i18n import content_languages
from core.record_translations import NAME, record_translations_update
from projects.access import (
    can_manage_project,
    manage_organisation_ids,
    organisations_for_user,
    programmes_for_user,
)
from projects.models import (
    Organisation,
    PartnerRole,
    Partnership,
    Programme,
    Project,
    ProjectBudgetLine,
    Theme,
)

# Cyrillic letters of Russian, Kyrgyz and Tajik, so a title typed in Russian still gives a
# readable address (/projects/aktivnye-soobshchestva/) instead of an empty slug.
_TRANSLIT = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "ғ": "gh", "д": "d", "е": "e", "ё": "yo",
        "ж": "zh", "з": "z", "и": "i", "ӣ": "i", "й": "y", "к": "k", "қ": "q", "л": "l",
        "м": "m", "н": "n", "ң": "ng", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s",
        "т": "t", "у": "u", "ӯ": "u", "ү": "u", "ф": "f", "х": "kh", "ҳ": "h", "ц": "ts",
        "ч": "ch", "ҷ": "j", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
        "ю": "yu", "я": "ya",
    }
)  # fmt: skip

TEXT_FIELDS = ("title", "summary")


def project_slug_for(title: str, *, exclude_pk: int | None = None) -> str:
    """A unique address part from the title, in Latin letters."""
    base = slugify(title.lower().translate(_TRANSLIT))[:100].strip("-") or "project"
    # "new" would shadow the address of the create form (/staff/projects/new/).
    slug = base if base != "new" else "new-project"
    taken = Project.objects.exclude(pk=exclude_pk or 0)
    counter = 2
    while taken.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def _apply_texts(project: Project, texts: Mapping[str, Mapping[str, str]]) -> None:
    for name in TEXT_FIELDS:
        for code in content_languages():
            value = (texts.get(name, {}).get(code) or "").strip()
            setattr(project, f"{name}_{code}", value)
    if not any(getattr(project, f"title_{code}") for code in content_languages()):
        raise ValidationError({"title": _("Give the project a title in at least one language.")})


def _check_programme(user: Any, programme: Programme | None, current: Programme | None) -> None:
    # Keeping a programme chosen earlier is always allowed, even if it is now archived.
    if programme is None or programme == current:
        return
    if not programmes_for_user(user).filter(pk=programme.pk).exists():
        raise ValidationError({"programme": _("Choose a programme from the list.")})


def _apply_setup(project: Project, values: Mapping[str, Any]) -> None:
    project.status = values["status"]
    project.programme = values.get("programme")
    project.planned_start, project.start_precision = values["start"]
    project.planned_end, project.end_precision = values["end"]
    project.actual_start = values.get("actual_start")
    project.actual_end = values.get("actual_end")
    project.is_public = bool(values.get("is_public"))
    project.source_note = values.get("source_note", "")
    if (
        project.planned_start
        and project.planned_end
        and project.planned_end < project.planned_start
    ):
        raise ValidationError({"end": _("The end cannot be before the start.")})
    if project.actual_start and project.actual_end and project.actual_end < project.actual_start:
        raise ValidationError(
            {"actual_end": _("The actual end cannot be before the actual start.")}
        )


@transaction.atomic
def project_create(
    *,
    user: Any,
    lead_organisation: Organisation,
    lead_role: str,
    texts: Mapping[str, Mapping[str, str]],
    values: Mapping[str, Any],
    themes: Iterable[Theme] = (),
) -> Project:
    """A new project, with the user's organisation as its lead partner, so the manager who
    created it can go on setting it up."""
    if lead_organisation.pk not in manage_organisation_ids(user):
        raise PermissionDenied
    project = Project()
    _apply_texts(project, texts)
    _check_programme(user, values.get("programme"), None)
    _apply_setup(project, values)
    title = next(
        (
            getattr(project, f"title_{code}")
            for code in content_languages()
            if getattr(project, f"title_{code}")
        ),
        "",
    )
    project.slug = project_slug_for(title)
    project.full_clean()
    project.save()
    project.themes.set(list(themes))
    lead = Partnership(
        project=project, organisation=lead_organisation, role=lead_role, is_lead=True
    )
    lead.full_clean()
    lead.save()
    return project


@transaction.atomic
def project_update(
    *,
    user: Any,
    project: Project,
    texts: Mapping[str, Mapping[str, str]],
    values: Mapping[str, Any],
    themes: Iterable[Theme] = (),
) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not can_manage_project(user, project):
        raise PermissionDenied
    current = project.programme
    _apply_texts(project, texts)
    _check_programme(user, values.get("programme"), current)
    _apply_setup(project, values)
    project.full_clean()
    project.save()
    project.themes.set(list(themes))
    return project


# --- Partners ------------------------------------------------------------------------------


def _check_partner(
    *,
    user: Any,
    project: Project,
    organisation: Organisation,
    role: str,
    funding_amount: Decimal | None,
    currency: str,
    current: Partnership | None = None,
) -> None:
    changed = current is None or current.organisation_id != organisation.pk
    if changed and not organisations_for_user(user).filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": _("Choose an organisation from the list.")})
    clash = Partnership.objects.filter(project=project, organisation=organisation, role=role)
    if current is not None:
        clash = clash.exclude(pk=current.pk)
    if clash.exists():
        raise ValidationError(
            {"role": _("This organisation already has this role in the project.")}
        )
    if funding_amount is not None and not currency:
        raise ValidationError({"currency": _("Give the currency of the amount.")})
    if funding_amount is not None and role != PartnerRole.FUNDING:
        # Money a partner receives to implement is a budget line; only funders state here
        # what they give, as IATI's participating-org does not carry amounts.
        raise ValidationError(
            {
                "funding_amount": _(
                    "Only a funding partner states an amount here; use a budget line."
                )
            }
        )


def _make_only_lead(partnership: Partnership) -> None:
    # One lead per project: choosing a new lead takes the flag from the old one.
    Partnership.objects.filter(project_id=partnership.project_id, is_lead=True).exclude(
        pk=partnership.pk or 0
    ).update(is_lead=False)


@transaction.atomic
def partnership_create(
    *,
    user: Any,
    project: Project,
    organisation: Organisation,
    role: str,
    is_lead: bool = False,
    funding_amount: Decimal | None = None,
    currency: str = "",
) -> Partnership:
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not can_manage_project(user, project):
        raise PermissionDenied
    _check_partner(
        user=user,
        project=project,
        organisation=organisation,
        role=role,
        funding_amount=funding_amount,
        currency=currency,
    )
    partnership = Partnership(
        project=project,
        organisation=organisation,
        role=role,
        is_lead=is_lead,
        funding_amount=funding_amount,
        currency=currency if funding_amount is not None else "",
    )
    if is_lead:
        _make_only_lead(partnership)
    partnership.full_clean()
    partnership.save()
    return partnership


def _keeps_manager_access(
    user: Any, partnership: Partnership, *, new_organisation_id: int | None
) -> bool:
    """Would the user still manage the project once this partnership is removed, or moved
    to ``new_organisation_id``? A manager who takes their own organisation's last place in
    the project would lock themselves out of it."""
    own = set(manage_organisation_ids(user))
    others = Partnership.objects.filter(
        project_id=partnership.project_id, organisation_id__in=own
    ).exclude(pk=partnership.pk)
    return others.exists() or new_organisation_id in own


@transaction.atomic
def partnership_update(
    *,
    user: Any,
    partnership: Partnership,
    organisation: Organisation,
    role: str,
    is_lead: bool = False,
    funding_amount: Decimal | None = None,
    currency: str = "",
) -> Partnership:
    partnership = (
        Partnership.objects.select_for_update().select_related("project").get(pk=partnership.pk)
    )
    project = partnership.project
    if not can_manage_project(user, project):
        raise PermissionDenied
    _check_partner(
        user=user,
        project=project,
        organisation=organisation,
        role=role,
        funding_amount=funding_amount,
        currency=currency,
        current=partnership,
    )
    previous_org = partnership.organisation_id
    partnership.organisation = organisation
    partnership.role = role
    partnership.is_lead = is_lead
    partnership.funding_amount = funding_amount
    partnership.currency = currency if funding_amount is not None else ""
    if previous_org != organisation.pk and not _keeps_manager_access(
        user, partnership, new_organisation_id=organisation.pk
    ):
        raise ValidationError(
            {
                "organisation": _(
                    "Your organisation would no longer be a partner, and you could not manage "
                    "this project any more. Add the new partner instead."
                )
            }
        )
    if is_lead:
        _make_only_lead(partnership)
    partnership.full_clean()
    partnership.save()
    return partnership


@transaction.atomic
def partnership_delete(*, user: Any, partnership: Partnership) -> None:
    partnership = (
        Partnership.objects.select_for_update().select_related("project").get(pk=partnership.pk)
    )
    if not can_manage_project(user, partnership.project):
        raise PermissionDenied
    if not _keeps_manager_access(user, partnership, new_organisation_id=None):
        raise ValidationError(
            _(
                "This is your organisation's only place in the project: without it you could "
                "not manage the project any more."
            )
        )
    partnership.delete()


# --- Budget --------------------------------------------------------------------------------


def _apply_budget_line(user: Any, line: ProjectBudgetLine, values: Mapping[str, Any]) -> None:
    source = values.get("source_organisation")
    if (
        source is not None
        and source.pk != line.source_organisation_id
        and not organisations_for_user(user).filter(pk=source.pk).exists()
    ):
        raise ValidationError({"source_organisation": _("Choose an organisation from the list.")})
    line.year = values.get("year")
    line.source_organisation = source
    line.source_kind = values.get("source_kind") or ""
    line.amount = values["amount"]
    line.currency = values["currency"]
    line.note = values.get("note", "")
    if line.source_organisation is None and not line.source_kind:
        raise ValidationError(
            {"source_organisation": _("Name the organisation the money comes from, or its kind.")}
        )


@transaction.atomic
def budget_line_create(
    *, user: Any, project: Project, values: Mapping[str, Any]
) -> ProjectBudgetLine:
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not can_manage_project(user, project):
        raise PermissionDenied
    line = ProjectBudgetLine(project=project)
    _apply_budget_line(user, line, values)
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def budget_line_update(
    *, user: Any, line: ProjectBudgetLine, values: Mapping[str, Any]
) -> ProjectBudgetLine:
    line = ProjectBudgetLine.objects.select_for_update().select_related("project").get(pk=line.pk)
    if not can_manage_project(user, line.project):
        raise PermissionDenied
    _apply_budget_line(user, line, values)
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def budget_line_delete(*, user: Any, line: ProjectBudgetLine) -> None:
    line = ProjectBudgetLine.objects.select_for_update().select_related("project").get(pk=line.pk)
    if not can_manage_project(user, line.project):
        raise PermissionDenied
    line.delete()


# --- Programmes ----------------------------------------------------------------------------


@transaction.atomic
def programme_create(
    *,
    user: Any,
    name: str,
    organisation: Organisation,
    start_year: int | None = None,
    end_year: int | None = None,
    website: str = "",
) -> Programme:
    """A programme named in the active language; managers only, run by an organisation
    they can see."""
    if not manage_organisation_ids(user):
        raise PermissionDenied
    if not organisations_for_user(user).filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": _("Choose an organisation from the list.")})
    programme = Programme(
        organisation=organisation, start_year=start_year, end_year=end_year, website=website
    )
    # modeltranslation stores the name in the active language's column.
    programme.name = name.strip()
    base = slugify(name.lower().translate(_TRANSLIT))[:100].strip("-") or "programme"
    slug, counter = base, 2
    while Programme.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    programme.slug = slug
    programme.full_clean()
    programme.save()
    return programme


# --- Translations of an organisation's name -------------------------------------------------

ORGANISATION_TRANSLATED_FIELDS = (NAME,)


def organisation_translations_update(
    *, organisation: Organisation, user: Any, texts: Mapping[str, str]
) -> Organisation:
    """Set the organisation's ``name_<lang>`` from ``texts``: its administrators and
    programme managers add the languages its name is missing (the public pages then lose
    their «показано на …» marker). The name may not end up empty in every language."""
    if organisation.pk not in manage_organisation_ids(user):
        raise PermissionDenied
    record = record_translations_update(
        record=organisation, fields=ORGANISATION_TRANSLATED_FIELDS, texts=texts, required="name"
    )
    assert isinstance(record, Organisation)
    return record
