"""IATI organisation identifiers: `<registration agency>-<identifier that agency assigned>`.

The agency codes come from the IATI OrganisationRegistrationAgency codelist shipped in
`projects/data/`, so a typo such as `GB-CH-1043843` is refused when staff type it, not by a
validator after the file is published.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

AGENCY_FILE = Path(__file__).parent / "data" / "iati_registration_agencies.txt"
# The IATI ruleset (1.14.13) refuses these characters in identifiers; whitespace breaks refs.
FORBIDDEN = set("/&|? \t\r\n")


@cache
def registration_agencies() -> frozenset[str]:
    lines = AGENCY_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def agency_of(identifier: str) -> str | None:
    """The registration agency an identifier starts with, or None."""
    agencies = registration_agencies()
    # Agency codes contain hyphens themselves (XM-DAC, GB-CHC), so try every split point.
    parts = identifier.split("-")
    for cut in range(len(parts) - 1, 0, -1):
        prefix = "-".join(parts[:cut])
        if prefix in agencies and "-".join(parts[cut:]):
            return prefix
    return None


def validate_iati_organisation_identifier(value: str) -> None:
    if not value:
        return
    if FORBIDDEN & set(value):
        raise ValidationError(
            _("An IATI organisation identifier cannot contain spaces or the characters / & | ?."),
            code="iati_forbidden_character",
        )
    if agency_of(value) is None:
        raise ValidationError(
            _(
                "«%(value)s» does not start with a registration agency from the IATI codelist "
                "followed by a hyphen, e.g. GB-CHC-1234567 or XM-DAC-41128."
            ),
            code="iati_unknown_agency",
            params={"value": value},
        )
