"""The taxonomy of safety problems raised in the seed documents, in the four UI languages.

Sensitive categories (violence against children, suicide, domestic violence, early marriage)
are never shown one by one on public pages; the public side folds them into "other protection
concerns".
"""

from __future__ import annotations

from typing import TypedDict


class CategorySpec(TypedDict):
    slug: str
    sensitive: bool
    en: str
    ru: str
    ky: str
    tg: str


PROBLEM_CATEGORIES: list[CategorySpec] = [
    {
        "slug": "road_safety",
        "sensitive": False,
        "en": "Road safety",
        "ru": "Безопасность дорожного движения",
        "ky": "Жол кыймылынын коопсуздугу",
        "tg": "Бехатарии ҳаракат дар роҳ",
    },
    {
        "slug": "child_abuse",
        "sensitive": True,
        "en": "Child abuse",
        "ru": "Жестокое обращение с детьми",
        "ky": "Балдарга карата зордук-зомбулук",
        "tg": "Муносибати бераҳмона бо кӯдакон",
    },
    {
        "slug": "teenage_suicide",
        "sensitive": True,
        "en": "Teenage suicide",
        "ru": "Подростковые суициды",
        "ky": "Өспүрүмдөрдүн өз жанын кыюусу",
        "tg": "Худкушии наврасон",
    },
    {
        "slug": "domestic_violence",
        "sensitive": True,
        "en": "Domestic and gender-based violence",
        "ru": "Бытовое и гендерное насилие",
        "ky": "Үй-бүлөлүк жана гендердик зомбулук",
        "tg": "Зӯроварии хонаводагӣ ва гендерӣ",
    },
    {
        "slug": "early_marriage",
        "sensitive": True,
        "en": "Early marriage",
        "ru": "Ранние браки",
        "ky": "Эрте нике",
        "tg": "Издивоҷи барвақт",
    },
    {
        "slug": "youth_delinquency",
        "sensitive": False,
        "en": "Youth delinquency",
        "ru": "Правонарушения среди несовершеннолетних",
        "ky": "Жашы жете электердин укук бузуулары",
        "tg": "Ҳуқуқвайронкунӣ дар байни ноболиғон",
    },
    {
        "slug": "racketeering",
        "sensitive": False,
        "en": "Racketeering",
        "ru": "Рэкет и вымогательство",
        "ky": "Рэкет жана опузалап талап кылуу",
        "tg": "Рэкет ва тамаъҷӯӣ",
    },
    {
        "slug": "religious_radicalisation",
        "sensitive": False,
        "en": "Religious radicalisation",
        "ru": "Религиозная радикализация",
        "ky": "Диний радикалдашуу",
        "tg": "Радикалишавии динӣ",
    },
    {
        "slug": "theft",
        "sensitive": False,
        "en": "Theft and livestock theft",
        "ru": "Кражи и скотокрадство",
        "ky": "Уурулук жана мал уурулугу",
        "tg": "Дуздӣ ва дуздии чорво",
    },
    {
        "slug": "crime_markets_housing",
        "sensitive": False,
        "en": "Crime at markets and housing estates",
        "ru": "Преступность на рынках и в жилых массивах",
        "ky": "Базарлардагы жана турак жай массивдериндеги кылмыштуулук",
        "tg": "Ҷинояткорӣ дар бозорҳо ва маҳаллаҳои истиқоматӣ",
    },
    {
        "slug": "water_conflict",
        "sensitive": False,
        "en": "Water and irrigation conflicts",
        "ru": "Конфликты из-за воды и орошения",
        "ky": "Суу жана сугат боюнча чыр-чатактар",
        "tg": "Низоъҳо бар сари об ва обёрӣ",
    },
    {
        "slug": "pasture_conflict",
        "sensitive": False,
        "en": "Pasture conflicts",
        "ru": "Конфликты из-за пастбищ",
        "ky": "Жайыт боюнча чыр-чатактар",
        "tg": "Низоъҳо бар сари чарогоҳҳо",
    },
    {
        "slug": "border_tension",
        "sensitive": False,
        "en": "Border and inter-community tension",
        "ru": "Напряжённость на границе и между сообществами",
        "ky": "Чек арадагы жана жамааттар аралык чыңалуу",
        "tg": "Шиддат дар сарҳад ва байни ҷамоатҳо",
    },
    {
        "slug": "post_election_conflict",
        "sensitive": False,
        "en": "Post-election conflict",
        "ru": "Поствыборные конфликты",
        "ky": "Шайлоодон кийинки чыр-чатактар",
        "tg": "Низоъҳои баъдиинтихоботӣ",
    },
    {
        "slug": "interethnic_tension",
        "sensitive": False,
        "en": "Interethnic tension",
        "ru": "Межэтническая напряжённость",
        "ky": "Улут аралык чыңалуу",
        "tg": "Шиддати байни миллатҳо",
    },
    {
        "slug": "drugs",
        "sensitive": False,
        "en": "Drugs",
        "ru": "Наркотики",
        "ky": "Баңгизат",
        "tg": "Маводи мухаддир",
    },
    {
        "slug": "other",
        "sensitive": False,
        "en": "Other",
        "ru": "Другое",
        "ky": "Башка",
        "tg": "Дигар",
    },
]
