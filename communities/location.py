"""The optional location of an activity or a meeting: the precision rules and the sensitive
problem rule, kept by the services whatever the caller (the staff form, the outbox).

The phone already rounds an "about 1 km" position before it is stored or sent; the server
rounds again, since a request is not proof of what the phone did."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communities.models import Activity, FieldLocationPrecision, Meeting, PlanAction

# Two decimals of a degree is at most 1.1 km north-south (less east-west at these
# latitudes): "about 1 km".
ABOUT_1_KM_PLACES = Decimal("0.01")
EXACT_PLACES = Decimal("0.000001")
ABOUT_1_KM_ACCURACY_M = 1000
# A browser reports its uncertainty in metres; anything past this is not a position.
MAX_ACCURACY_M = 50_000


@dataclass(frozen=True)
class Location:
    precision: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    accuracy_m: int | None = None

    @property
    def given(self) -> bool:
        return bool(self.precision)

    def apply_to(self, record: Activity | Meeting) -> None:
        record.location_precision = self.precision
        record.latitude = self.latitude
        record.longitude = self.longitude
        record.location_accuracy_m = self.accuracy_m


NO_LOCATION = Location()


def location_clean(
    *,
    precision: str = "",
    latitude: Any = None,
    longitude: Any = None,
    accuracy_m: Any = None,
) -> Location:
    """The location as it may be stored: coordinates rounded to the chosen precision, the
    accuracy at least what that rounding costs; none at all for "community only"."""
    if not precision:
        return NO_LOCATION
    if precision not in FieldLocationPrecision.values:
        raise ValidationError({"location_precision": _("Choose a precision from the list.")})
    if precision == FieldLocationPrecision.COMMUNITY:
        return Location(precision=precision)
    if latitude is None or longitude is None or accuracy_m is None:
        raise ValidationError(
            {"location_precision": _("The phone gave no position. Try again outdoors.")}
        )
    latitude, longitude = Decimal(latitude), Decimal(longitude)
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValidationError({"location_precision": _("This position is not on the earth.")})
    accuracy = int(accuracy_m)
    if accuracy < 0 or accuracy > MAX_ACCURACY_M:
        raise ValidationError(
            {"location_precision": _("The phone's position is too uncertain to record.")}
        )
    if precision == FieldLocationPrecision.ABOUT_1_KM:
        places = ABOUT_1_KM_PLACES
        accuracy = max(accuracy, ABOUT_1_KM_ACCURACY_M)
    else:
        places = EXACT_PLACES
    return Location(
        precision=precision,
        latitude=latitude.quantize(places, rounding=ROUND_HALF_EVEN),
        longitude=longitude.quantize(places, rounding=ROUND_HALF_EVEN),
        accuracy_m=accuracy,
    )


def sensitive_plan_actions() -> QuerySet[PlanAction]:
    """Plan actions that address a problem of a sensitive category (domestic violence,
    suicide, child abuse…): no location is ever recorded for work on them."""
    return PlanAction.objects.filter(problems__category__sensitive=True).distinct()


def plan_action_is_sensitive(action: PlanAction | None) -> bool:
    if action is None:
        return False
    return action.problems.filter(category__sensitive=True).exists()


def meeting_is_sensitive(meeting: Meeting) -> bool:
    """A meeting is tied to a sensitive problem through the activities recorded for it."""
    if meeting.pk is None:
        return False
    return PlanAction.objects.filter(
        activities__meeting=meeting, problems__category__sensitive=True
    ).exists()


SENSITIVE_MESSAGE = gettext_lazy(
    "A location is never recorded for work on a sensitive problem: it could identify the people."
)


def refuse_location_if_sensitive(location: Location, *, sensitive: bool) -> None:
    if location.given and sensitive:
        raise ValidationError({"location_precision": SENSITIVE_MESSAGE})


def forget_locations_of_sensitive_work(action: PlanAction) -> None:
    """An action that now addresses a sensitive problem: the activities and meetings logged
    for it lose any location recorded before (the stricter rule wins over the old record)."""
    if not plan_action_is_sensitive(action):
        return
    cleared = {
        "location_precision": "",
        "latitude": None,
        "longitude": None,
        "location_accuracy_m": None,
    }
    Activity.objects.filter(plan_action=action).exclude(location_precision="").update(**cleared)
    Meeting.objects.filter(activities__plan_action=action).exclude(location_precision="").update(
        **cleared
    )
