"""How a grants spreadsheet row's cells become a programme, places, a grantee and texts,
with a message in the user's language for every cell that cannot. Mixed into
``grants.resources.GrantResource``, which loads the lookups once per import
(``load_caches``) and calls these from ``parse_row``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from communities.gazetteer import GazetteerIndex
from communities.import_places import find_place, read_region_and_district
from communities.models import Community, District, Region
from core.spreadsheets.columns import (
    clean_text,
    display,
    normalise_header,
    organisation_match_key,
)
from core.spreadsheets.resource import RowContext
from grants.import_columns import LOCAL_GOVERNMENT_WORDS
from grants.models import GrantProgramme
from projects import legal_forms
from projects.models import GranteeType, Organisation, OrganisationKind


class GrantRowCells:
    """Cell readers of the grants resource; every lookup is in memory."""

    # Set by GrantResource.load_caches() before the first row.
    gazetteer: GazetteerIndex
    place_cache: dict[tuple[str, str, int | None, int | None], Any]
    programmes: dict[str, GrantProgramme]
    organisations: dict[str, Organisation]
    new_organisations: dict[str, Organisation]
    governed: dict[int, Organisation]
    type_table: dict[str, str]
    type_labels: str
    legal_form_table: dict[str, str]
    legal_form_labels: str
    new_organisation: Any

    def _programme(self, ctx: RowContext) -> GrantProgramme | None:
        raw = ctx.raw("programme")
        name = clean_text(raw)
        if not name:
            ctx.error("programme", _("the programme is empty."))
            return None
        programme = self.programmes.get(normalise_header(name))
        if programme is None:
            known = sorted({p.name for p in self.programmes.values()})[:10]
            ctx.error(
                "programme",
                _("%(value)s is not a known programme. Known programmes: %(known)s.")
                % {"value": display(raw), "known": "; ".join(known) or "—"},
            )
        return programme

    def _cached(
        self, kind: str, name: str, region: Region | None, district: District | None
    ) -> Any:
        key = (kind, name, region.pk if region else None, district.pk if district else None)
        if key not in self.place_cache:
            self.place_cache[key] = find_place(self.gazetteer, kind, name, region, district)
        return self.place_cache[key]

    def _places(self, ctx: RowContext) -> None:
        values = ctx.parsed.values
        region, district, places_read = read_region_and_district(ctx, self._cached)
        if not places_read:
            return
        communities: list[Community] = []
        community_cell = clean_text(ctx.raw("community"))
        for name in filter(None, (n.strip() for n in community_cell.replace("\n", ";").split(";"))):
            community = self._cached("community", name, region, district)
            if community is None:
                elsewhere = (
                    self._cached("community", name, None, None) if region or district else None
                )
                if elsewhere is not None:
                    ctx.error(
                        "community",
                        _("%(value)s lies in %(other)s, not in %(place)s.")
                        % {
                            "value": display(name),
                            "other": elsewhere.district or elsewhere.region,
                            "place": district or region,
                        },
                    )
                elif region is not None:
                    ctx.error(
                        "community",
                        _("%(value)s is not a known community in %(place)s.")
                        % {"value": display(name), "place": district or region},
                    )
                else:
                    ctx.error(
                        "community",
                        _("%(value)s is not a known community.") % {"value": display(name)},
                    )
                continue
            if region is None:
                region = community.region
            if district is None and community.district_id and len(communities) == 0:
                district = community.district
            communities.append(community)
        if ctx.has("region") or region is not None:
            values["region"] = region
        if ctx.has("district") or district is not None:
            values["district"] = district
        if ctx.has("community"):
            ctx.parsed.extra["communities"] = communities

    def _legal_form(self, value: object) -> str | None:
        return self.legal_form_table.get(legal_forms.normalise_legal_form(clean_text(value)))

    def _grantee_kind(self, ctx: RowContext) -> tuple[str | None, str | None]:
        """The grantee type and legal form the row states. Real lists put the legal form
        («Общественный фонд», «ОО», «Учреждение») in the «Тип организации» column, so
        that column takes either; an unknown value lists both sets of allowed values."""
        legal_form = None
        if ctx.has("legal_form") and clean_text(ctx.raw("legal_form")):
            legal_form = self._legal_form(ctx.raw("legal_form"))
            if legal_form is None:
                ctx.error(
                    "legal_form",
                    _("%(value)s is not a legal form we know. Allowed: %(forms)s.")
                    % {"value": display(ctx.raw("legal_form")), "forms": self.legal_form_labels},
                )
        grantee_type = None
        raw = ctx.raw("grantee_type") if ctx.has("grantee_type") else None
        text = normalise_header(clean_text(raw)).rstrip(".")
        if text:
            stated_form = self._legal_form(raw)
            if stated_form is not None:
                legal_form = legal_form or stated_form
                grantee_type = legal_forms.grantee_type(stated_form)
            elif text in self.type_table:
                grantee_type = self.type_table[text]
            else:
                ctx.error(
                    "grantee_type",
                    _(
                        "%(value)s is neither a grantee type (%(types)s) nor a legal form we "
                        "know (%(forms)s)."
                    )
                    % {
                        "value": display(raw),
                        "types": self.type_labels,
                        "forms": self.legal_form_labels,
                    },
                )
        if grantee_type is None and legal_form is not None:
            grantee_type = legal_forms.grantee_type(legal_form)
        return grantee_type, legal_form

    def _grantee(self, ctx: RowContext) -> None:
        names = {lang: name for lang, name in ctx.texts("grantee").items() if name}
        grantee_type, legal_form = self._grantee_kind(ctx)
        if legal_form is None:
            legal_form = next(
                (f for f in map(legal_forms.legal_form_in_name, names.values()) if f), None
            )
        if not names:
            ctx.error("grantee", _("the grantee is empty."))
            return
        keys = [organisation_match_key(n) for n in names.values()]
        org = next((self.organisations[k] for k in keys if k in self.organisations), None)
        if org is None:
            org = next(
                (self.new_organisations[k] for k in keys if k in self.new_organisations), None
            )
        if org is None:
            if not any(keys):
                ctx.error(
                    "grantee",
                    _("%(value)s is not an organisation name.")
                    % {"value": display(next(iter(names.values())))},
                )
                return
            too_long = [n for n in names.values() if len(n) > 300]
            if too_long:
                ctx.error("grantee", _("the name is longer than 300 characters."))
                return
            lowered = " ".join(names.values()).casefold()
            local = grantee_type == GranteeType.LOCAL_GOVERNMENT or (
                grantee_type is None and any(w in lowered for w in LOCAL_GOVERNMENT_WORDS)
            )
            if legal_form and not local:
                kind = legal_forms.organisation_kind(legal_form)
            else:
                kind = OrganisationKind.LOCAL_GOVERNMENT if local else OrganisationKind.LOCAL_NGO
            org = self.new_organisation(
                kind=kind,
                legal_form=legal_form or "",
                match_key=next(k for k in keys if k),
                **{f"name_{lang}": name for lang, name in names.items()},
            )
            for key in keys:
                if key:
                    self.new_organisations.setdefault(key, org)
            communities = ctx.parsed.extra.get("communities") or []
            if kind == OrganisationKind.LOCAL_GOVERNMENT and len(communities) == 1:
                # A new ayil okmotu or jamoat granted for one community is that
                # community's self-government (kept only where none is recorded yet).
                self.governed.setdefault(communities[0].pk, org)
        elif legal_form and org.pk and not org.legal_form:
            ctx.parsed.extra["grantee_legal_form"] = legal_form
        ctx.parsed.values["grantee"] = org
        ctx.parsed.values["grantee_type"] = grantee_type or org.grantee_type

    def _texts(self, ctx: RowContext, key: str, *, max_length: int | None, required: bool) -> None:
        texts = ctx.texts(key)
        if required and not any(texts.values()):
            ctx.error(key, _("the %(column)s is empty.") % {"column": ctx.label(key)})
        for lang, text in texts.items():
            if max_length and len(text) > max_length:
                ctx.error(
                    key,
                    _("the text is %(length)s characters long; at most %(max)s fit.")
                    % {"length": len(text), "max": max_length},
                )
            ctx.parsed.values[f"{key}_{lang}"] = text
