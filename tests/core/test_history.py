"""History people can read: every language of a translated field is recorded truly, labels
and choice values are in the reader's language, times are local to the reader's
organisation, and "Created"/"Changed" are translated."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.staff import history_entries
from projects.models import Organisation, ProjectStatus, StaffRole
from tests import factories as f

pytestmark = pytest.mark.django_db


def _changes(instance) -> list[dict[str, str]]:
    return history_entries(instance)[0]["changes"]


def test_editing_name_ky_while_english_is_active_is_recorded() -> None:
    with translation.override("en"):
        organisation = f.OrganisationFactory(name_en="Yiman", name_ru="Ыйман")
        organisation = Organisation.objects.get(pk=organisation.pk)
        organisation.name_ky = "Ыйман коомдук фонду"
        organisation.save()
        changes = _changes(organisation)
    assert changes == [{"field": "Name (Kyrgyz)", "old": "—", "new": "Ыйман коомдук фонду"}]


def test_editing_name_en_while_russian_is_active_logs_name_en_only() -> None:
    with translation.override("en"):
        organisation = f.OrganisationFactory(name_en="Yiman", name_ru="Ыйман")
    with translation.override("ru"):
        organisation = Organisation.objects.get(pk=organisation.pk)
        organisation.name_en = "Yiman Public Foundation"
        organisation.save()
        changes = _changes(organisation)
    assert len(changes) == 1
    assert changes[0]["old"] == "Yiman"
    assert changes[0]["new"] == "Yiman Public Foundation"
    assert changes[0]["field"] == "Название (Английский)"
    # The language switch is not a change of the name.
    assert "Ыйман" not in changes[0]["old"]


def test_the_history_keeps_every_language_column() -> None:
    historical = Organisation.history.model
    names = {field.name for field in historical._meta.fields}
    assert {"name_en", "name_ru", "name_ky", "name_tg"} <= names
    # The untranslated column depends on the language active at save time: not recorded.
    assert "name" not in names


def test_labels_and_choices_are_in_the_readers_language() -> None:
    project = f.ProjectFactory(status=ProjectStatus.PLANNED)
    project.status = ProjectStatus.ACTIVE
    project.save()
    with translation.override("ru"):
        changes = _changes(project)
        planned = str(ProjectStatus.PLANNED.label)
        active = str(ProjectStatus.ACTIVE.label)
    assert {"field": "Статус", "old": planned, "new": active} in changes
    assert planned != "Planned"


def test_bookkeeping_columns_never_show() -> None:
    project = f.ProjectFactory()
    project.summary_en = "New summary"
    project.save()
    with translation.override("en"):
        fields = [change["field"] for change in _changes(project)]
    assert fields == ["Summary (English)"]


@pytest.mark.parametrize(
    ("lang", "created", "changed"),
    [
        ("ky", "Түзүлдү", "Өзгөртүлдү"),
        ("tg", "Сохта шуд", "Тағйир ёфт"),
        ("ru", "Создано", "Изменено"),
    ],
)
def test_created_and_changed_are_translated(lang: str, created: str, changed: str) -> None:
    project = f.ProjectFactory()
    project.summary_en = "Changed summary"
    project.save()
    with translation.override(lang):
        kinds = [entry["kind"] for entry in history_entries(project)]
    assert kinds == [changed, created]


def test_times_are_in_the_readers_organisation_time_zone(client) -> None:
    organisation = f.OrganisationFactory(country="TJ")
    user = f.UserFactory(username="dushanbe-manager")
    f.StaffMembershipFactory(user=user, organisation=organisation, role=StaffRole.PROGRAMME_MANAGER)
    project = f.ProjectFactory()
    f.PartnershipFactory(project=project, organisation=organisation)
    saved_at = dt.datetime(2024, 5, 15, 9, 5, 30, 123456, tzinfo=dt.UTC)
    project.history.update(history_date=saved_at)
    client.force_login(user)
    with translation.override("en"):
        body = client.get(reverse("staff:project_detail", args=[project.slug])).content.decode()
    # 09:05 UTC is 14:05 in Dushanbe (UTC+5); no seconds, microseconds or UTC offset.
    local = timezone.localtime(saved_at, timezone=dt.timezone(dt.timedelta(hours=5)))
    assert local.strftime("%H:%M") == "14:05"
    assert "14:05" in body or "2:05" in body
    assert "09:05" not in body
    assert "123456" not in body
    assert "+00:00" not in body
