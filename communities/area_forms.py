"""The form for adding a target area to a project: a level, then the place of that level.

Regions, districts and communities come from the gazetteer (public, so any may be chosen).
The community list is narrowed to a district when one is chosen, so a phone does not load
every ayil aimak and jamoat at once."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communities.models import AreaLevel, Community, District, Region
from core.choices import Country
from core.forms import RecordChoiceField, record_field
from core.i18n import marked_label
from core.inputs import parse_id


class PlaceChoiceField(RecordChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        # Options hold no element: a name in another language carries the marker in words.
        if isinstance(obj, District):
            return f"{marked_label(obj, 'name')} — {marked_label(obj.region, 'name')}"
        if isinstance(obj, Community):
            where = obj.district or obj.region
            kind = obj.get_kind_display()
            return f"{marked_label(obj, 'name')} ({kind}) — {marked_label(where, 'name')}"
        return marked_label(obj, "name")


class ProjectAreaForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Level"), choices=AreaLevel.choices, initial=AreaLevel.DISTRICT
    )
    country = forms.ChoiceField(
        label=_("Country"), choices=[("", "—"), *Country.choices], required=False
    )
    region = PlaceChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False)
    district = PlaceChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False
    )
    community = PlaceChoiceField(
        label=_("Community"), queryset=Community.objects.none(), required=False
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=300,
        required=False,
        help_text=_("E.g. where the documents name this area."),
    )

    def __init__(self, *args: Any, fields_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if fields_url:
            # htmx swaps in the place fields of the level chosen (and, for a community, the
            # communities of the district chosen). The attributes sit on the selects
            # themselves, so a swapped-in district select keeps working.
            swap = {
                "hx-get": fields_url,
                "hx-target": "#area-place-fields",
                "hx-include": "[name=level], [name=district]",
                "hx-trigger": "change",
            }
            self.fields["level"].widget.attrs.update(swap)
            self.fields["district"].widget.attrs.update(swap)
        record_field(self, "region").queryset = Region.objects.order_by("country", "code")
        record_field(self, "district").queryset = District.objects.select_related(
            "region"
        ).order_by("region__country", "region__code", "name")
        communities = Community.objects.select_related("district", "region").order_by(
            "region__country", "region__code", "district__name", "name"
        )
        district = self._raw_district()
        self.narrowed = district is not None
        if district is not None:
            communities = communities.filter(district_id=district)
        record_field(self, "community").queryset = communities

    def _raw_district(self) -> int | None:
        source = self.data if self.is_bound else self.initial
        return parse_id(source.get("district") or "")

    @property
    def chosen_level(self) -> str:
        raw = (self.data.get("level") if self.is_bound else None) or self.initial.get("level")
        return raw if raw in AreaLevel.values else AreaLevel.DISTRICT

    def place_fields(self) -> list[forms.BoundField]:
        """The fields the chosen level needs, in the order a person fills them."""
        names_by_level: dict[str, list[str]] = {
            AreaLevel.COUNTRY: ["country"],
            AreaLevel.REGION: ["region"],
            AreaLevel.DISTRICT: ["district"],
            AreaLevel.COMMUNITY: ["district", "community"],
        }
        return [self[name] for name in names_by_level[self.chosen_level]]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        level = cleaned.get("level")
        required = {
            AreaLevel.COUNTRY: ("country", _("Choose the country.")),
            AreaLevel.REGION: ("region", _("Choose the region.")),
            AreaLevel.DISTRICT: ("district", _("Choose the district.")),
            AreaLevel.COMMUNITY: ("community", _("Choose the community.")),
        }
        if level in required:
            field, message = required[level]
            if not cleaned.get(field):
                self.add_error(field, message)
        return cleaned
