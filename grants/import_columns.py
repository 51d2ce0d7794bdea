"""The grants spreadsheet's columns: headers in every language, what each cell may hold,
and the words real grantee lists use for statuses and grantee types. The resource that reads
and writes them is grants/resources.py."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from core.i18n import content_languages
from core.spreadsheets.columns import (
    Column,
)
from grants.models import GrantStatus
from projects.models import GranteeType

LANGS = content_languages()

GRANT_COLUMNS: tuple[Column, ...] = (
    Column(
        "reference",
        "Grant ID",
        "Номер гранта",
        required=True,
        aliases=("Grant No", "Grant number", "Reference", "№ гранта", "Номер"),
        note=gettext_lazy(
            "The grant's number in the programme, e.g. LIP-2021-01. Unique within a programme."
        ),
    ),
    Column(
        "programme",
        "Programme",
        "Программа",
        required=True,
        aliases=("Program", "Grant programme", "Грантовая программа"),
        note=gettext_lazy("The grant programme, as named in the portal."),
    ),
    Column("region", "Region", "Область", aliases=("Oblast", "Регион", "Вилоят")),
    Column("district", "District", "Район"),
    Column(
        "community",
        "Community",
        "Населённый пункт",
        aliases=("Communities", "Айылный аймак", "Ayil aimak", "Село", "Джамоат"),
        note=gettext_lazy("One or more communities, separated by «;»."),
    ),
    Column(
        "grantee",
        "Grantee",
        "Грантополучатель",
        translated=True,
        required=True,
        aliases=("Organisation", "Organization", "Организация", "Получатель гранта"),
        note=gettext_lazy(
            "The organisation that received the grant, with or without its legal form "
            "(«ОФ «Ыйман»»)."
        ),
    ),
    Column(
        "grantee_type",
        "Grantee type",
        "Тип организации",
        aliases=("Organisation type", "Тип грантополучателя"),
        note=gettext_lazy(
            "Civil society organisation or local government; a legal form (ОФ, ОО, "
            "Учреждение, айыл өкмөтү…) is also accepted."
        ),
    ),
    Column(
        "legal_form",
        "Legal form",
        "Организационно-правовая форма",
        aliases=(
            "ОПФ",
            "Правовая форма",
            "Форма собственности",
            "Legal status",
            "Уюштуруу-укуктук формасы",
            "Шакли ташкилию ҳуқуқӣ",
        ),
        note=gettext_lazy("Full name or abbreviation: ОФ, ОО, ОЮЛ, Учреждение, ОсОО, АӨ, джамоат…"),
    ),
    Column(
        "title",
        "Title",
        "Название проекта",
        translated=True,
        required=True,
        aliases=("Project title", "Название"),
    ),
    Column(
        "summary",
        "Summary",
        "Краткое описание",
        translated=True,
        aliases=("Description", "Описание"),
    ),
    Column(
        "amount",
        "Amount",
        "Сумма",
        aliases=("Amount awarded", "Сумма гранта"),
        note=gettext_lazy("The amount awarded: 1 250 000 or 1 250 000,50."),
    ),
    Column("currency", "Currency", "Валюта"),
    Column(
        "start_date",
        "Start date",
        "Дата начала",
        aliases=("Start", "Начало"),
        note=gettext_lazy("dd.mm.yyyy, e.g. 01.04.2021."),
    ),
    Column(
        "end_date",
        "End date",
        "Дата окончания",
        aliases=("End", "Окончание"),
        note=gettext_lazy("dd.mm.yyyy, e.g. 31.12.2021."),
    ),
    Column("status", "Status", "Статус"),
)

STATUS_SYNONYMS = {
    "активный": GrantStatus.ACTIVE,
    "активен": GrantStatus.ACTIVE,
    "действующий": GrantStatus.ACTIVE,
    "в процессе": GrantStatus.ACTIVE,
    "реализуется": GrantStatus.ACTIVE,
    "ongoing": GrantStatus.ACTIVE,
    "завершен": GrantStatus.COMPLETED,
    "завершено": GrantStatus.COMPLETED,
    "завершённый": GrantStatus.COMPLETED,
    "завершенный": GrantStatus.COMPLETED,
    "выполнен": GrantStatus.COMPLETED,
    "closed": GrantStatus.COMPLETED,
    "finished": GrantStatus.COMPLETED,
    "приостановлен": GrantStatus.SUSPENDED,
    "приостановлено": GrantStatus.SUSPENDED,
    "on hold": GrantStatus.SUSPENDED,
    "прекращен": GrantStatus.TERMINATED,
    "прекращено": GrantStatus.TERMINATED,
    "расторгнут": GrantStatus.TERMINATED,
    "cancelled": GrantStatus.TERMINATED,
}
GRANTEE_TYPE_SYNONYMS = {
    "cso": GranteeType.CIVIL_SOCIETY,
    "ngo": GranteeType.CIVIL_SOCIETY,
    "civil society": GranteeType.CIVIL_SOCIETY,
    "нко": GranteeType.CIVIL_SOCIETY,
    "нпо": GranteeType.CIVIL_SOCIETY,
    "ого": GranteeType.CIVIL_SOCIETY,
    "осо": GranteeType.CIVIL_SOCIETY,
    "гражданское общество": GranteeType.CIVIL_SOCIETY,
    "организация гражданского общества": GranteeType.CIVIL_SOCIETY,
    "общественная организация": GranteeType.CIVIL_SOCIETY,
    "local government": GranteeType.LOCAL_GOVERNMENT,
    "local self-government": GranteeType.LOCAL_GOVERNMENT,
    "lsg": GranteeType.LOCAL_GOVERNMENT,
    "омсу": GranteeType.LOCAL_GOVERNMENT,
    "органы местного самоуправления": GranteeType.LOCAL_GOVERNMENT,
    "орган местного самоуправления": GranteeType.LOCAL_GOVERNMENT,
    "местное самоуправление": GranteeType.LOCAL_GOVERNMENT,
    "айыл окмоту": GranteeType.LOCAL_GOVERNMENT,
    "мэрия": GranteeType.LOCAL_GOVERNMENT,
    "өкмөттүк эмес уюм": GranteeType.CIVIL_SOCIETY,
    "өэу": GranteeType.CIVIL_SOCIETY,
    "жарандык коом": GranteeType.CIVIL_SOCIETY,
    "ташкилоти ғайриҳукуматӣ": GranteeType.CIVIL_SOCIETY,
    "тғҳ": GranteeType.CIVIL_SOCIETY,
    "ҷомеаи шаҳрвандӣ": GranteeType.CIVIL_SOCIETY,
    "неправительственная организация": GranteeType.CIVIL_SOCIETY,
    "некоммерческая организация": GranteeType.CIVIL_SOCIETY,
    "non-governmental organisation": GranteeType.CIVIL_SOCIETY,
    "non-governmental organization": GranteeType.CIVIL_SOCIETY,
    "civil society organization": GranteeType.CIVIL_SOCIETY,
    "жергиликтүү өз алдынча башкаруу": GranteeType.LOCAL_GOVERNMENT,
    "жергиликтүү өз алдынча башкаруу органы": GranteeType.LOCAL_GOVERNMENT,
    "жөб": GranteeType.LOCAL_GOVERNMENT,
    "мақомоти худидоракунии маҳаллӣ": GranteeType.LOCAL_GOVERNMENT,
    "худидоракунии маҳаллӣ": GranteeType.LOCAL_GOVERNMENT,
}
# Words in a new grantee's name that say it is a local self-government body.
LOCAL_GOVERNMENT_WORDS = (
    "айыл окмоту",
    "айыл өкмөтү",
    "мэрия",
    "aiyl okmotu",
    "ayil okmotu",
    "джамоат",
    "jamoat",
    "local government",
    "municipality",
)

GRANT_COMPARED = (
    "grantee_id",
    "grantee_type",
    "title_en",
    "title_ru",
    "title_ky",
    "title_tg",
    "summary_en",
    "summary_ru",
    "summary_ky",
    "summary_tg",
    "region_id",
    "district_id",
    "amount",
    "currency",
    "start_date",
    "end_date",
    "status",
)
