"""IATI 2.03 activity files: valid against the official schema, codelists and ruleset, and
never filled with placeholders or invented dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from defusedxml import ElementTree as SafeET
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects.iati_identifiers import validate_iati_organisation_identifier
from projects.models import OrganisationKind, PartnerRole
from reports import iati
from tests import factories as f
from tests.reports import iati_validation

pytestmark = pytest.mark.django_db

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def published(world, org):
    org.iati_identifier = "GB-CHC-1234567"
    org.save()
    world.village_a.soate_code = "41705214"
    world.village_a.save()
    return world


def _activity(client, slug: str):
    response = client.get(reverse("reports:iati_activity", args=[slug]))
    assert response.status_code == 200
    return response.content


def test_the_file_passes_the_schema_the_codelists_and_the_ruleset(client, published):
    tajik = f.CommunityFactory(district=f.DistrictFactory(region=f.RegionFactory(country="TJ")))
    f.ProjectCommunityFactory(project=published.project, community=tajik)
    third = f.CommunityFactory(district=f.DistrictFactory(region=f.RegionFactory(country="UZ")))
    f.ProjectCommunityFactory(project=published.project, community=third)

    document = _activity(client, published.project.slug)

    assert iati_validation.schema_errors(document) == []
    assert iati_validation.codelist_errors(document) == []
    assert iati_validation.ruleset_errors(document) == []
    root = SafeET.fromstring(document)
    shares = [Decimal(c.get("percentage")) for c in root.iter("recipient-country")]
    assert len(shares) == 3 and sum(shares) == 100


def test_the_validator_catches_what_an_old_export_got_wrong():
    # A fragment in the shape main wrote before: region code under the country vocabulary,
    # a five-year budget, narratives without a language on a Russian page, no start date.
    document = b"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2026-01-01T00:00:00">
 <iati-activity last-updated-datetime="2025-01-01T00:00:00" default-currency="USD">
  <iati-identifier>XX-CSP-owner-safer</iati-identifier>
  <reporting-org ref="XX-CSP-owner" type="22"><narrative>Owner</narrative></reporting-org>
  <title><narrative>Safer</narrative></title>
  <activity-status code="2"/>
  <location ref="x"><administrative vocabulary="A4" level="1" code="KG-B"/></location>
  <sector vocabulary="1" code="15220"/>
  <budget type="1" status="2"><period-start iso-date="2016-01-01"/>
   <period-end iso-date="2020-12-31"/><value value-date="2016-01-01">1</value></budget>
 </iati-activity>
</iati-activities>"""
    codelist = iati_validation.codelist_errors(document)
    rules = " ".join(iati_validation.ruleset_errors(document))
    assert any("KG-B" in error for error in codelist)
    assert "7.5.3" in rules  # budget longer than a year
    assert "4.1.1" in rules  # narratives without xml:lang
    assert "6.11.1" in rules  # no start date
    assert iati_validation.schema_errors(document)  # description is required, for one


def test_organisations_without_an_identifier_are_named_but_get_no_ref(client, published):
    root = SafeET.fromstring(_activity(client, published.project.slug))
    activity = root.find("iati-activity")
    assert activity.findtext("iati-identifier") == "GB-CHC-1234567-safer-batken"
    assert activity.find("reporting-org").get("ref") == "GB-CHC-1234567"
    funder = next(o for o in activity.findall("participating-org") if o.get("role") == "1")
    assert funder.get("ref") is None
    assert funder.find("narrative").text
    assert "XX-" not in _activity(client, published.project.slug).decode()


def test_a_project_whose_partners_have_no_identifier_gets_no_file(client, world):
    url = reverse("reports:iati_activity", args=[world.project.slug])
    assert client.get(url).status_code == 404
    page = client.get(reverse("reports:open_data")).content.decode()
    assert url not in page
    assert "never publishes placeholder identifiers" in page


def test_a_project_without_a_known_start_gets_no_file(client, published):
    published.project.planned_start = None
    published.project.save()
    url = reverse("reports:iati_activity", args=[published.project.slug])
    assert client.get(url).status_code == 404


def test_a_private_project_gets_no_file(client, published):
    # The private project's implementer is the organisation that has an identifier.
    url = reverse("reports:iati_activity", args=[published.private_project.slug])
    assert client.get(url).status_code == 404


def test_the_open_data_page_links_the_published_file(client, published):
    page = client.get(reverse("reports:open_data")).content.decode()
    assert reverse("reports:iati_activity", args=[published.project.slug]) in page
    assert reverse("reports:iati_activity", args=[published.other_project.slug]) not in page


def test_a_multi_year_budget_is_left_out_and_a_one_year_budget_kept(client, published):
    project = published.project
    project.planned_start, project.planned_end = dt.date(2016, 1, 1), dt.date(2020, 12, 31)
    project.save()
    assert SafeET.fromstring(_activity(client, project.slug)).find("iati-activity/budget") is None

    project.planned_start, project.planned_end = dt.date(2021, 4, 1), dt.date(2022, 3, 31)
    project.save()
    budget = SafeET.fromstring(_activity(client, project.slug)).find("iati-activity/budget")
    assert budget.find("value").text == "100000.00"
    assert budget.find("period-end").get("iso-date") == "2022-03-31"


def test_no_date_is_invented(client, published):
    project = published.project
    project.planned_start, project.actual_start = None, dt.date(2021, 5, 1)
    project.actual_end = dt.date.today() + dt.timedelta(days=30)
    project.save()
    activity = SafeET.fromstring(_activity(client, project.slug)).find("iati-activity")
    dates = {d.get("type"): d.get("iso-date") for d in activity.findall("activity-date")}
    assert dates == {"2": "2021-05-01", "3": "2022-09-30"}  # no export date, no future actual


def test_every_narrative_carries_the_language_of_its_text(client, published):
    for language in ("ru", "ky", "en"):
        response = client.get(
            reverse("reports:iati_activity", args=[published.project.slug]),
            HTTP_ACCEPT_LANGUAGE=language,
        )
        root = SafeET.fromstring(response.content)
        narratives = list(root.iter("narrative"))
        assert narratives and all(n.get(XML_LANG) for n in narratives)
        title = root.find("iati-activity/title")
        by_language = {n.get(XML_LANG): n.text for n in title.findall("narrative")}
        assert by_language["en"] == published.project.title_en
        assert by_language["ru"] == published.project.title_ru
        indicator_titles = {
            n.get(XML_LANG): n.text for n in root.find("iati-activity/result/title")
        }
        assert set(indicator_titles) == {"en", "ru", "ky", "tg"}


def test_locations_name_the_country_but_send_no_region_as_a_country(client, published):
    root = SafeET.fromstring(_activity(client, published.project.slug))
    for location in root.iter("location"):
        codes = [(a.get("vocabulary"), a.get("code")) for a in location.findall("administrative")]
        assert codes == [("A4", "KG")]
        assert location.find("location-id") is None


def test_grant_agreements_are_commitments_and_paid_tranches_disbursements(client, published):
    transactions = SafeET.fromstring(_activity(client, published.project.slug)).findall(
        "iati-activity/transaction"
    )
    kinds = [t.find("transaction-type").get("code") for t in transactions]
    assert kinds.count("2") >= 1 and kinds.count("3") == 2
    commitment = next(t for t in transactions if t.find("transaction-type").get("code") == "2")
    assert commitment.find("value").text and commitment.find("receiver-org/narrative").text


def test_a_partner_with_an_identifier_reports_when_the_implementer_has_none(client, world):
    world.donor.iati_identifier = "XM-DAC-41128"
    world.donor.save()
    activity = SafeET.fromstring(_activity(client, world.project.slug)).find("iati-activity")
    assert activity.find("reporting-org").get("ref") == "XM-DAC-41128"
    assert iati.reporting_organisation(list(world.project.partnerships.all())) == world.donor


@pytest.mark.parametrize("identifier", ["XM-DAC-41128", "GB-CHC-1043843", "KG-INN-01234567890123"])
def test_it_accepts_identifiers_of_registered_agencies(identifier):
    validate_iati_organisation_identifier(identifier)


@pytest.mark.parametrize(
    "identifier", ["XX-CSP-owner", "GB-CHC-", "GB-CHC-12 34", "KG-INN-1/2", "1043843"]
)
def test_it_rejects_made_up_or_malformed_identifiers(identifier):
    with pytest.raises(ValidationError):
        validate_iati_organisation_identifier(identifier)


def test_the_organisation_form_explains_a_wrong_identifier_in_the_users_language(db):
    organisation = f.OrganisationFactory(kind=OrganisationKind.UN_AGENCY)
    organisation.iati_identifier = "XX-CSP-unodc"
    from django.utils import translation

    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        organisation.full_clean()
    assert "iati_identifier" in refused.value.message_dict


def test_two_organisations_cannot_share_an_identifier(db):
    f.OrganisationFactory(iati_identifier="XM-DAC-41128")
    with pytest.raises(ValidationError):
        f.OrganisationFactory.build(iati_identifier="XM-DAC-41128", slug="dup").full_clean()


def test_roles_are_written_with_their_iati_codes(client, published):
    roles = {
        o.get("role")
        for o in SafeET.fromstring(_activity(client, published.project.slug)).iter(
            "participating-org"
        )
    }
    assert roles == {
        iati.ROLE_CODES[PartnerRole.IMPLEMENTING],
        iati.ROLE_CODES[PartnerRole.FUNDING],
    }


def test_elements_come_in_schema_order(client, published):
    activity = SafeET.fromstring(_activity(client, published.project.slug)).find("iati-activity")
    order = [child.tag for child in activity]
    assert order.index("iati-identifier") == 0
    assert order.index("reporting-org") < order.index("title") < order.index("description")
    assert order.index("participating-org") < order.index("activity-status")
    assert order.index("recipient-country") < order.index("location") < order.index("sector")
    assert order.index("sector") < order.index("transaction") < order.index("result")
