"""A programme that states a number of grants but publishes no grantee list, and local
self-governments as grantee organisations linked to the community they govern."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from communities.models import Community
from projects.models import OrganisationKind
from tests import factories as f
from tests.grants.conftest import grant_row, xlsx_bytes
from tests.grants.test_import import messages, run

pytestmark = pytest.mark.django_db


def test_a_programme_page_says_how_many_grants_were_announced_without_a_list(client) -> None:
    programme = f.GrantProgrammeFactory(
        slug="prevention-in-action", name_en="Prevention in Action", is_public=True
    )
    programme.announced_grant_count = 12
    programme.full_clean()
    programme.save()
    with translation.override("en"):
        url = reverse("grants:programme_detail", kwargs={"slug": programme.slug})
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Grants announced" in page
    assert "listed on the portal so far: 0" in page
    assert "Grants announced by the programme: 12. The list of grantees is not published" in page


def test_importing_a_new_ayil_okmotu_grantee_links_it_to_its_community(places, programme) -> None:
    row = grant_row(Grantee="Наримановский айыл өкмөтү", Grantee_type="айыл өкмөтү")
    assert not messages(run(xlsx_bytes([row])))
    nariman = Community.objects.get(pk=places["nariman"].pk)
    assert nariman.local_government is not None
    assert nariman.local_government.kind == OrganisationKind.LOCAL_GOVERNMENT
    assert nariman.history.first().history_change_reason == (
        "Local self-government from a grants import"
    )


def test_a_community_refuses_a_non_government_organisation_as_its_self_government(
    places,
) -> None:
    nariman = places["nariman"]
    nariman.local_government = f.OrganisationFactory(kind=OrganisationKind.LOCAL_NGO)
    with pytest.raises(ValidationError) as error:
        nariman.full_clean()
    assert "local_government" in error.value.message_dict
