"""Fill the database with generated data for benchmarks: ``generate_bench_data --scale N``.

Scale 1 is about 50 projects, 400 organisations, 5,000 activities, 500 grants, 300 working
groups (3,000 members, 6,000 meetings) and 300 joint plans (3,000 actions, 6,000
contributions); scale 100 is a hundred times that. Every record hangs off a real gazetteer
community, and dates, places and organisations agree with each other (an activity happens in
one of its project's target communities, within the project's dates), so the pages render
what they would render with real data.

Speed matters more than convenience here: rows get explicit primary keys so nothing has to be
read back, and on PostgreSQL they go in through ``COPY``. simple-history rows are not written
(the generated records have no edit history). Generated records are marked: slugs, usernames
and references start with ``bench-`` and a marker organisation ``bench-marker`` exists. The
command refuses to touch a database holding anything else unless ``--force`` is given.
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.color import no_style
from django.db import connection, models, transaction

from communities import models as cm
from grants import models as gm
from projects import models as pm

MARKER_SLUG = "bench-marker"
PREFIX = "bench-"
# The harness logs in as this user; the password only ever exists in bench databases.
STAFF_USERNAME = "bench-admin"
STAFF_PASSWORD = "bench-admin-password"  # noqa: S105
# Dates are computed from a fixed day, not today, so the same seed gives the same rows.
REFERENCE_DAY = date(2026, 6, 30)
GENERATED_AT = datetime(2026, 7, 1, 6, 0, tzinfo=UTC)
LANGS = ("en", "ru", "ky", "tg")

# --- Text in four languages ------------------------------------------------------------
# {p} is the place name in the same language.

ACTIVITY_TITLES: dict[str, list[tuple[str, str, str, str]]] = {
    cm.ActivityKind.MEETING: [
        (
            "Working group meeting in {p}",
            "Заседание рабочей группы в {p}",
            "{p}: жумушчу топтун жыйыны",
            "Ҷаласаи гурӯҳи корӣ дар {p}",
        ),
        (
            "Open meeting of residents with the district police in {p}",
            "Встреча жителей с участковым инспектором в {p}",
            "{p}: тургундардын участкалык инспектор менен жолугушуусу",
            "Вохӯрии сокинон бо нозири минтақавии милитсия дар {p}",
        ),
    ],
    cm.ActivityKind.TRAINING: [
        (
            "Training on conflict prevention for young people in {p}",
            "Тренинг по профилактике конфликтов для молодёжи в {p}",
            "{p}: жаштар үчүн чыр-чатактардын алдын алуу боюнча тренинг",
            "Омӯзиш оид ба пешгирии низоъҳо барои ҷавонон дар {p}",
        ),
        (
            "Training for women's councils on family violence referral in {p}",
            "Обучение женсоветов порядку направления пострадавших от насилия в {p}",
            "{p}: аялдар кеңешине зомбулуктан жабыр тарткандарды жөнөтүү боюнча окутуу",
            "Омӯзиши шӯроҳои занон оид ба роҳхат додани ҷабрдидагон дар {p}",
        ),
    ],
    cm.ActivityKind.CAMPAIGN: [
        (
            "Street lighting campaign in {p}",
            "Кампания по уличному освещению в {p}",
            "{p}: көчөлөрдү жарыктандыруу боюнча кампания",
            "Маъракаи равшанкунии кӯчаҳо дар {p}",
        ),
        (
            "Road safety week near schools in {p}",
            "Неделя безопасности дорожного движения у школ в {p}",
            "{p}: мектептердин жанында жол коопсуздугу жумалыгы",
            "Ҳафтаи бехатарии роҳ дар назди мактабҳо дар {p}",
        ),
    ],
    cm.ActivityKind.EXHIBITION: [
        (
            "Children's drawing exhibition on safety in {p}",
            "Выставка детских рисунков о безопасности в {p}",
            "{p}: коопсуздук тууралуу балдардын сүрөт көргөзмөсү",
            "Намоиши расмҳои кӯдакон дар бораи амният дар {p}",
        ),
    ],
    cm.ActivityKind.STUDY: [
        (
            "Community safety survey in {p}",
            "Опрос жителей о безопасности в {p}",
            "{p}: коопсуздук боюнча тургундар арасында сурамжылоо",
            "Пурсиши сокинон оид ба амният дар {p}",
        ),
    ],
    cm.ActivityKind.INFRASTRUCTURE: [
        (
            "Video surveillance cameras installed in {p}",
            "Установка камер видеонаблюдения в {p}",
            "{p}: көзөмөл камералары орнотулду",
            "Насби камераҳои назоратӣ дар {p}",
        ),
        (
            "Youth centre renovated in {p}",
            "Ремонт молодёжного центра в {p}",
            "{p}: жаштар борбору оңдолду",
            "Таъмири маркази ҷавонон дар {p}",
        ),
    ],
    cm.ActivityKind.MEDIATION: [
        (
            "Mediation of a water-use dispute in {p}",
            "Медиация по спору о водопользовании в {p}",
            "{p}: суу пайдалануу боюнча талашта медиация",
            "Миёнаравӣ дар баҳси истифодаи об дар {p}",
        ),
    ],
    cm.ActivityKind.CULTURAL_EVENT: [
        (
            "Friendship football tournament in {p}",
            "Турнир дружбы по футболу в {p}",
            "{p}: достук футбол мелдеши",
            "Мусобиқаи дӯстии футбол дар {p}",
        ),
    ],
    cm.ActivityKind.MEDIA: [
        (
            "Local radio programme on crime prevention in {p}",
            "Радиопередача о профилактике правонарушений в {p}",
            "{p}: укук бузуулардын алдын алуу боюнча радио берүү",
            "Барномаи радиоӣ оид ба пешгирии ҳуқуқвайронкунӣ дар {p}",
        ),
    ],
}

ACTIVITY_DESCRIPTIONS = (
    "{w} women and {m} men took part, {y} of them young people. Participants agreed the next "
    "steps with the local council and the district police.",
    "Приняли участие {w} женщин и {m} мужчин, из них {y} молодых людей. Участники согласовали "
    "дальнейшие шаги с местным кенешем и участковым.",
    "{w} аял жана {m} эркек катышты, алардын {y} жаштар. Катышуучулар кийинки кадамдарды "
    "жергиликтүү кеңеш жана участкалык инспектор менен макулдашты.",
    "{w} зан ва {m} мард ширкат карданд, аз ҷумла {y} ҷавон. Иштирокчиён қадамҳои минбаъдаро "
    "бо шӯрои маҳаллӣ ва нозири минтақавӣ мувофиқа карданд.",
)

PROJECT_TITLES = (
    (
        "Safer communities in {p}",
        "Безопасные сообщества: {p}",
        "{p}: коопсуз жамааттар",
        "Ҷамоатҳои бехатар: {p}",
    ),
    (
        "Community policing and crime prevention in {p}",
        "Профилактика правонарушений и работа с полицией в {p}",
        "{p}: милиция менен кызматташтык жана кылмыштын алдын алуу",
        "Ҳамкорӣ бо милитсия ва пешгирии ҷинояткорӣ дар {p}",
    ),
    (
        "Young people for peace in {p}",
        "Молодёжь за мир: {p}",
        "{p}: жаштар тынчтык үчүн",
        "Ҷавонон барои сулҳ: {p}",
    ),
    (
        "Women's leadership in local security, {p}",
        "Лидерство женщин в местной безопасности, {p}",
        "{p}: жергиликтүү коопсуздукта аялдардын лидерлиги",
        "Роҳбарии занон дар амнияти маҳаллӣ, {p}",
    ),
    (
        "Cross-border dialogue and trust, {p}",
        "Трансграничный диалог и доверие, {p}",
        "{p}: чек ара аймагындагы диалог жана ишеним",
        "Муколама ва эътимоди наздисарҳадӣ, {p}",
    ),
)

PROJECT_SUMMARY = (
    "Working groups of residents, local government and police identify safety problems, agree "
    "joint prevention plans and co-finance small projects in {n} communities.",
    "Рабочие группы из жителей, органов местного самоуправления и милиции выявляют проблемы "
    "безопасности, принимают совместные планы профилактики и софинансируют малые проекты в {n} "
    "сообществах.",
    "Тургундардан, жергиликтүү өз алдынча башкаруу органдарынан жана милициядан турган жумушчу "
    "топтор коопсуздук көйгөйлөрүн аныктап, {n} жамаатта биргелешкен пландарды кабыл алышат.",
    "Гурӯҳҳои корӣ аз сокинон, мақомоти маҳаллӣ ва милитсия мушкилоти амниятро муайян намуда, "
    "дар {n} ҷамоат нақшаҳои муштараки пешгириро қабул мекунанд.",
)

NGO_WORDS = (
    ("Yiman", "Ыйман", "Ыйман", "Иймон"),
    ("Umut", "Умут", "Үмүт", "Умед"),
    ("Tynchtyk", "Тынчтык", "Тынчтык", "Осоиштагӣ"),
    ("Ak-Jol", "Ак-Жол", "Ак-Жол", "Роҳи сафед"),
    ("Ittifok", "Иттифок", "Ынтымак", "Иттифоқ"),
    ("Zarafshon", "Зарафшон", "Зарафшан", "Зарафшон"),
    ("Bakyt", "Бакыт", "Бакыт", "Бахт"),
    ("Sulh", "Сулх", "Тынчтык", "Сулҳ"),
    ("Nur", "Нур", "Нур", "Нур"),
    ("Mehr", "Мехр", "Мээрим", "Меҳр"),
)

NGO_FORMS = (
    ("Public Foundation «{w}»", "Общественный фонд «{w}»", "«{w}» коомдук фонду", "Хазинаи ҷамъиятии «{w}»"),  # noqa: E501
    ("Association «{w}»", "Ассоциация «{w}»", "«{w}» ассоциациясы", "Ассотсиатсияи «{w}»"),
    ("Youth centre «{w}»", "Молодёжный центр «{w}»", "«{w}» жаштар борбору", "Маркази ҷавонон «{w}»"),  # noqa: E501
)  # fmt: skip

FIRST_NAMES = (
    "Айгуль", "Бакыт", "Гулнара", "Жыпар", "Нурлан", "Азамат", "Чолпон", "Эркин", "Мадина",
    "Фаррух", "Дилшод", "Зарина", "Рустам", "Нигина", "Шахло", "Фирдавс", "Мунира", "Алишер",
    "Ольга", "Сергей", "Елена", "Тимур", "Асель", "Улан",
)  # fmt: skip
SURNAMES = (
    "Абдыкадырова", "Осмонов", "Токтогулова", "Мамытов", "Рахимова", "Саидов", "Назарова",
    "Каримов", "Исмоилова", "Шарипов", "Жумабаева", "Усенов", "Давлатова", "Юсупов",
    "Иванова", "Кузнецов", "Бекмуратова", "Сыдыков", "Хасанова", "Нуралиев",
)  # fmt: skip

PLAN_TITLES = (
    "Joint prevention plan of {p}, {y}",
    "Совместный план профилактики {p}, {y}",
    "{p}: биргелешкен алдын алуу планы, {y}",
    "Нақшаи муштараки пешгирии {p}, {y}",
)

ACTION_TEXTS = (
    (
        "Install street lights on the road to the school",
        "Установить уличное освещение на дороге к школе",
        "Мектепке баруучу жолго көчө жарыгын орнотуу",
        "Насби чароғҳои кӯча дар роҳи мактаб",
    ),
    (
        "Monthly sports evenings for teenagers with the district police",
        "Ежемесячные спортивные вечера для подростков с участковым",
        "Участкалык инспектор менен өспүрүмдөр үчүн ай сайын спорт кечелери",
        "Шабҳои варзишии ҳармоҳа барои наврасон бо нозири минтақавӣ",
    ),
    (
        "Information sessions on fraud and online scams for older residents",
        "Информационные встречи о мошенничестве для пожилых жителей",
        "Улгайган тургундар үчүн алдамчылык боюнча маалыматтык жолугушуулар",
        "Вохӯриҳои иттилоотӣ оид ба қаллобӣ барои сокинони калонсол",
    ),
    (
        "Agree a schedule for irrigation water with neighbouring villages",
        "Согласовать график полива с соседними сёлами",
        "Коңшу айылдар менен сугат суусунун графигин макулдашуу",
        "Мувофиқаи ҷадвали обёрӣ бо деҳаҳои ҳамсоя",
    ),
    (
        "Repair the youth centre and open it every evening",
        "Отремонтировать молодёжный центр и открыть его по вечерам",
        "Жаштар борборун оңдоп, ар кечке ачуу",
        "Таъмири маркази ҷавонон ва кушодани он ҳар шом",
    ),
)

PROBLEM_TEXTS = (
    "Нет освещения на улицах, дети возвращаются из школы в темноте.",
    "Споры из-за поливной воды между соседними сёлами.",
    "Подростки без досуга вечером, случаи хулиганства.",
    "Участились случаи мошенничества по телефону.",
    "Trips to the district police take a whole day; residents stop reporting thefts.",
)

THEMES = (
    ("community-policing", "Community policing", "Взаимодействие с милицией", "Милиция менен иш", "Ҳамкорӣ бо милитсия"),  # noqa: E501
    ("youth", "Young people", "Молодёжь", "Жаштар", "Ҷавонон"),
    ("women-peace-security", "Women, peace and security", "Женщины, мир и безопасность", "Аялдар, тынчтык жана коопсуздук", "Занон, сулҳ ва амният"),  # noqa: E501
    ("cross-border", "Cross-border cooperation", "Трансграничное сотрудничество", "Чек ара аркылуу кызматташтык", "Ҳамкории фаромарзӣ"),  # noqa: E501
    ("violence-prevention", "Violence prevention", "Профилактика насилия", "Зомбулуктун алдын алуу", "Пешгирии зӯроварӣ"),  # noqa: E501
    ("natural-resources", "Natural resources and conflict", "Природные ресурсы и конфликты", "Жаратылыш ресурстары жана чыр-чатак", "Захираҳои табиӣ ва низоъ"),  # noqa: E501
)  # fmt: skip

PROBLEM_CATEGORIES = (
    ("street-lighting", "Street lighting", "Уличное освещение", False),
    ("water-disputes", "Water disputes", "Споры из-за воды", False),
    ("youth-leisure", "Youth without leisure", "Досуг молодёжи", False),
    ("fraud", "Fraud", "Мошенничество", False),
    ("domestic-violence", "Domestic violence", "Домашнее насилие", True),
)


def translations(texts: Sequence[str], coverage: float, **fmt: Any) -> dict[str, str]:
    """Most records are translated into all four languages; some only into Russian and
    English, a few only into Russian, as real data is, so fallbacks get exercised."""
    filled = LANGS if coverage < 0.6 else ("en", "ru") if coverage < 0.9 else ("ru",)
    values = {}
    for lang, text in zip(LANGS, texts, strict=True):
        values[lang] = text.format(**{k: v[lang] if isinstance(v, dict) else v for k, v in fmt.items()}) if lang in filled else ""  # fmt: skip # noqa: E501
    return values


def spread(base: str, values: dict[str, str]) -> dict[str, str]:
    """{"en": ..} -> {"title_en": .., ..., "title": <Russian, the default language>}."""
    row = {f"{base}_{lang}": values[lang] for lang in LANGS}
    row[base] = values["ru"] or values["en"]
    return row


# --- Fast inserts ----------------------------------------------------------------------


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value: Any) -> str:
    """One value in PostgreSQL's COPY text format; the common types are checked first."""
    kind = type(value)
    if kind is str:
        return value.translate(_ESCAPES)
    if kind is int:
        return str(value)
    if value is None:
        return "\\N"
    if kind is bool:
        return "t" if value else "f"
    if kind is date or kind is datetime:
        return value.isoformat()
    return str(value)


class Sink:
    """Buffered inserts into one table. Rows are dicts keyed by attname; missing columns get
    the field's default, so the callers only spell out what they generate."""

    def __init__(self, model: type[models.Model], *, batch: int = 20_000, auto_id: bool = False):
        self.model = model
        self.table = model._meta.db_table
        self.fields = [f for f in model._meta.concrete_fields if not (auto_id and f.primary_key)]
        self.columns = [f.column for f in self.fields]
        self.defaults: dict[str, Any] = {}
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = GENERATED_AT
            elif f.has_default():
                self.defaults[f.attname] = f.get_default()
            elif f.null:
                self.defaults[f.attname] = None
            else:
                self.defaults[f.attname] = ""
        self.batch = batch
        self.rows: list[dict[str, Any]] = []
        self.count = 0
        self.postgres = connection.vendor == "postgresql"

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        defaults = self.defaults
        attnames = [f.attname for f in self.fields]
        if self.postgres:
            buf = io.StringIO()
            pairs = [(a, defaults[a]) for a in attnames]
            write = buf.write
            for row in self.rows:
                get = row.get
                write("\t".join(map(_copy_text, [get(a, d) for a, d in pairs])))
                write("\n")
            cols = ", ".join(connection.ops.quote_name(c) for c in self.columns)
            sql = f"COPY {self.table} ({cols}) FROM STDIN"
            with connection.cursor() as cursor, cursor.copy(sql) as copy:
                copy.write(buf.getvalue())
        else:
            prepared = [
                [
                    f.get_db_prep_save(
                        row[f.attname] if f.attname in row else defaults[f.attname], connection
                    )
                    for f in self.fields
                ]
                for row in self.rows
            ]
            cols = ", ".join(connection.ops.quote_name(c) for c in self.columns)
            marks = ", ".join(["%s"] * len(self.columns))
            with connection.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {self.table} ({cols}) VALUES ({marks})", prepared)  # noqa: S608
        self.count += len(self.rows)
        self.rows = []


class Ids:
    """Explicit primary keys, so related rows can point at rows not yet written."""

    def __init__(self, model: type[models.Model]):
        top = model.objects.aggregate(top=models.Max("pk"))["top"] or 0
        self.next = top + 1

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value


# --- The generator ---------------------------------------------------------------------


@dataclass
class Place:
    id: int
    region_id: int
    district_id: int | None
    country: str
    population: int | None
    names: dict[str, str]


@dataclass
class ProjectInfo:
    id: int
    start: date
    end: date
    communities: list[Place]
    public: bool
    implementers: list[int]
    funder: int
    working_groups: list[int] = field(default_factory=list)
    author_id: int | None = None


@dataclass
class GroupInfo:
    id: int
    place: Place
    project: ProjectInfo
    organisation_id: int
    established: date
    member_ids: list[int] = field(default_factory=list)
    meetings: list[tuple[int, date]] = field(default_factory=list)
    actions: list[tuple[int, date | None]] = field(default_factory=list)


def _between(rng: random.Random, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _people(rng: random.Random, low: int, high: int) -> tuple[int, int, int]:
    women = rng.randint(low, high)
    men = rng.randint(low, high)
    youth = rng.randint(0, (women + men) // 2)
    return women, men, youth


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high) * 100)


def _currency(country: str) -> str:
    return "KGS" if country == "KG" else "TJS"


class Generator:
    def __init__(self, scale: float, seed: int, log: Any) -> None:
        self.scale = scale
        self.rng = random.Random(seed)
        self.log = log
        self.sinks: list[Sink] = []

    def n(self, base: int, minimum: int = 1) -> int:
        return max(minimum, round(base * self.scale))

    def sink(self, model: type[models.Model], **kwargs: Any) -> Sink:
        s = Sink(model, **kwargs)
        self.sinks.append(s)
        return s

    def flush_all(self) -> None:
        for s in self.sinks:
            s.flush()

    # -- reference data

    def load_places(self) -> list[Place]:
        rows = cm.Community.objects.order_by("pk").values(
            "id", "region_id", "district_id", "country", "population",
            *(f"name_{lang}" for lang in LANGS),
        )  # fmt: skip
        places = []
        for r in rows:
            fallback = r["name_ru"] or r["name_en"] or r[f"name_{LANGS[2]}"] or r["name_tg"]
            names = {lang: r[f"name_{lang}"] or fallback for lang in LANGS}
            places.append(
                Place(
                    r["id"], r["region_id"], r["district_id"], r["country"], r["population"], names
                )
            )
        if not places:
            raise CommandError(
                "The gazetteer is empty: run `python manage.py load_gazetteer` first."
            )
        return places

    def reference_data(self) -> None:
        # bulk_create skips save signals: simple-history's historical models do not carry
        # the modeltranslation columns, so a plain save of a translated model fails there.
        pm.Theme.objects.bulk_create(
            [
                pm.Theme(
                    slug=f"{PREFIX}{slug}", name=ru, name_en=en, name_ru=ru, name_ky=ky, name_tg=tg
                )
                for slug, en, ru, ky, tg in THEMES
            ],
            ignore_conflicts=True,
        )
        cm.ProblemCategory.objects.bulk_create(
            [
                cm.ProblemCategory(
                    slug=f"{PREFIX}{slug}", name=ru, name_en=en, name_ru=ru, sensitive=sensitive,
                    position=100 + position,
                )
                for position, (slug, en, ru, sensitive) in enumerate(PROBLEM_CATEGORIES)
            ],
            ignore_conflicts=True,
        )  # fmt: skip
        pm.ExchangeRate.objects.bulk_create(
            [
                pm.ExchangeRate(
                    currency=currency,
                    date=date(year, 1, 1),
                    rate_to_usd=Decimal(rate),
                    source_note="bench",
                )
                for year in range(2014, REFERENCE_DAY.year + 1)
                for currency, rate in (
                    ("KGS", "0.0115"),
                    ("TJS", "0.092"),
                    ("EUR", "1.09"),
                    ("GBP", "1.27"),
                )
            ],
            ignore_conflicts=True,
        )
        self.theme_ids = list(
            pm.Theme.objects.filter(slug__startswith=PREFIX).values_list("pk", flat=True)
        )
        self.categories = list(
            cm.ProblemCategory.objects.filter(slug__startswith=PREFIX).values_list("pk", flat=True)
        )

    # -- the run

    def run(self) -> dict[str, int]:
        rng = self.rng
        self.reference_data()
        places = self.load_places()
        by_region: dict[int, list[Place]] = {}
        for p in places:
            by_region.setdefault(p.region_id, []).append(p)
        regions = sorted(by_region)
        region_names = {
            r["id"]: {lang: r[f"name_{lang}"] or r["name_ru"] or r["name_en"] for lang in LANGS}
            for r in cm.Region.objects.values("id", *(f"name_{lang}" for lang in LANGS))
        }
        started = time.perf_counter()

        # Organisations -----------------------------------------------------------------
        org_ids = Ids(pm.Organisation)
        orgs = self.sink(pm.Organisation)
        n_orgs = self.n(400, 12)
        marker = org_ids.take()
        orgs.add(
            {
                "id": marker, "slug": MARKER_SLUG, "name": "Benchmark data (generated)",
                "name_en": "Benchmark data (generated)", "name_ru": "Данные для замеров",
                "kind": pm.OrganisationKind.OTHER, "is_archived": True,
                "match_key": "benchmark data generated",
            }
        )  # fmt: skip
        donors: list[int] = []
        implementers: list[int] = []
        locals_by_country: dict[str, list[int]] = {"KG": [], "TJ": []}
        governments: dict[int, int] = {}  # community id -> local government organisation
        businesses: list[int] = []
        n_donors = max(2, n_orgs // 25)
        n_implementers = max(3, n_orgs // 12)
        for i in range(n_orgs):
            oid = org_ids.take()
            place = places[(i * 7919) % len(places)]
            if i < n_donors:
                kind = pm.OrganisationKind.DONOR_AGENCY if i % 3 else pm.OrganisationKind.UN_AGENCY
                names = {
                    "en": f"Fund for Peaceful Communities No. {i + 1}",
                    "ru": f"Фонд мирных сообществ № {i + 1}",
                    "ky": f"Тынч жамааттар фонду № {i + 1}",
                    "tg": f"Хазинаи ҷамоатҳои осоишта № {i + 1}",
                }
                country = ""
                donors.append(oid)
            elif i < n_donors + n_implementers:
                kind = pm.OrganisationKind.INTERNATIONAL_NGO
                names = {
                    "en": f"Safer World Partnership {i + 1}",
                    "ru": f"Партнёрство «Безопасный мир» {i + 1}",
                    "ky": f"«Коопсуз дүйнө» өнөктөштүгү {i + 1}",
                    "tg": f"Шарикии «Ҷаҳони бехатар» {i + 1}",
                }
                country = place.country
                implementers.append(oid)
            elif i % 3 == 0:
                kind = pm.OrganisationKind.LOCAL_GOVERNMENT
                names = {
                    "en": f"{place.names['en']} local government",
                    "ru": f"Айыл окмоту / джамоат {place.names['ru']}",
                    "ky": f"{place.names['ky']} айыл өкмөтү",
                    "tg": f"Ҷамоати {place.names['tg']}",
                }
                country = place.country
                governments.setdefault(place.id, oid)
                locals_by_country[place.country].append(oid)
            elif i % 7 == 1:
                kind = pm.OrganisationKind.BUSINESS
                names = {
                    "en": f"Agroservice {place.names['en']} LLC",
                    "ru": f"ОсОО «Агросервис {place.names['ru']}»",
                    "ky": f"«Агросервис {place.names['ky']}» ЖЧК",
                    "tg": f"ҶДММ «Агросервис {place.names['tg']}»",
                }
                country = place.country
                businesses.append(oid)
            else:
                word = NGO_WORDS[i % len(NGO_WORDS)]
                form = NGO_FORMS[i % len(NGO_FORMS)]
                kind = pm.OrganisationKind.LOCAL_NGO
                names = {
                    lang: form[k].format(w=word[k]) + f" — {place.names[lang]}"
                    for k, lang in enumerate(LANGS)
                }
                country = place.country
                locals_by_country[place.country].append(oid)
            orgs.add(
                {
                    "id": oid, "slug": f"{PREFIX}org-{i + 1}", "kind": kind, "country": country,
                    "acronym": "" if i % 4 else f"B{i + 1}", **spread("name", names),
                    "match_key": names["en"].lower(), "website": "" if i % 5 else f"https://org{i + 1}.example.org",  # noqa: E501
                }
            )  # fmt: skip
        if not locals_by_country["TJ"]:
            locals_by_country["TJ"] = locals_by_country["KG"]
        if not locals_by_country["KG"]:
            locals_by_country["KG"] = locals_by_country["TJ"]
        all_local = locals_by_country["KG"] + locals_by_country["TJ"]

        # Staff users: one administrator the harness logs in as, one field officer per
        # implementing organisation who writes the activity log.
        user_model = get_user_model()
        user_ids = Ids(user_model)
        users = self.sink(user_model)
        staff = self.sink(pm.StaffMembership)
        staff_ids = Ids(pm.StaffMembership)
        password = make_password(STAFF_PASSWORD)
        admin_id = user_ids.take()
        users.add(
            {
                "id": admin_id, "username": STAFF_USERNAME, "password": password,
                "first_name": "Айгуль", "last_name": "Бенчмаркова", "email": "bench-admin@example.org",  # noqa: E501
                "is_active": True, "date_joined": GENERATED_AT,
            }
        )  # fmt: skip
        staff.add(
            {
                "id": staff_ids.take(), "user_id": admin_id, "organisation_id": implementers[0],
                "role": pm.StaffRole.ORG_ADMIN, "created_at": GENERATED_AT,
            }
        )  # fmt: skip
        officer_of: dict[int, int] = {}
        for k, org in enumerate(implementers):
            uid = user_ids.take()
            users.add(
                {
                    "id": uid, "username": f"{PREFIX}officer-{k + 1}", "password": password,
                    "first_name": FIRST_NAMES[k % len(FIRST_NAMES)], "last_name": SURNAMES[k % len(SURNAMES)],  # noqa: E501
                    "is_active": True, "date_joined": GENERATED_AT,
                }
            )  # fmt: skip
            staff.add(
                {
                    "id": staff_ids.take(), "user_id": uid, "organisation_id": org,
                    "role": pm.StaffRole.FIELD_OFFICER, "created_at": GENERATED_AT,
                }
            )  # fmt: skip
            officer_of[org] = uid

        # Projects, partners and target communities -------------------------------------
        project_ids = Ids(pm.Project)
        projects = self.sink(pm.Project)
        partnerships = self.sink(pm.Partnership, auto_id=True)
        targets = self.sink(cm.ProjectCommunity, auto_id=True)
        project_themes = self.sink(pm.Project.themes.through, auto_id=True)
        n_projects = self.n(50, 3)
        infos: list[ProjectInfo] = []
        for i in range(n_projects):
            pid = project_ids.take()
            region = regions[i % len(regions)]
            pool = by_region[region]
            chosen = rng.sample(pool, min(len(pool), rng.randint(8, 30)))
            start = date(2015, 1, 1) + timedelta(days=rng.randint(0, 10 * 365))
            end = start + timedelta(days=rng.randint(2 * 365, 5 * 365))
            if start > REFERENCE_DAY:
                status = pm.ProjectStatus.PLANNED
            elif end < REFERENCE_DAY:
                status = pm.ProjectStatus.COMPLETED
            else:
                status = pm.ProjectStatus.ACTIVE
            public = i % 12 != 5
            archived = i % 25 == 24
            impl = [implementers[0]] if i % 10 == 0 else []
            impl += rng.sample(implementers, min(len(implementers), rng.randint(1, 2)))
            impl = list(dict.fromkeys(impl))
            funder = donors[i % len(donors)]
            info = ProjectInfo(pid, start, end, chosen, public and not archived, impl, funder)
            info.author_id = officer_of[impl[0]]
            infos.append(info)
            pattern = PROJECT_TITLES[i % len(PROJECT_TITLES)]
            title = translations(pattern, rng.random() * 0.7, p=region_names[region])
            for lang in LANGS:
                if title[lang]:
                    title[lang] += f" ({start.year}–{end.year}, №{i + 1})"
            summary = translations(PROJECT_SUMMARY, rng.random() * 0.7, n=len(chosen))
            currency = "USD" if i % 3 else "EUR"
            budget = _money(rng, 5_000, 40_000)
            projects.add(
                {
                    "id": pid, "slug": f"{PREFIX}project-{i + 1}", **spread("title", title),
                    **spread("summary", summary), **spread("description", summary),
                    "status": status, "planned_start": start, "planned_end": end,
                    "actual_start": start if status != pm.ProjectStatus.PLANNED else None,
                    "actual_end": end if status == pm.ProjectStatus.COMPLETED else None,
                    "budget": budget, "currency": currency, "is_public": public,
                    "is_featured": public and i < 4, "is_archived": archived,
                    "source_note": "Generated for benchmarks",
                }
            )  # fmt: skip
            partnerships.add(
                {"project_id": pid, "organisation_id": funder, "role": pm.PartnerRole.FUNDING,
                 "funding_amount": budget, "currency": currency}
            )  # fmt: skip
            for org in impl:
                partnerships.add(
                    {"project_id": pid, "organisation_id": org, "role": pm.PartnerRole.IMPLEMENTING}
                )
            for theme in rng.sample(self.theme_ids, 2):
                project_themes.add({"project_id": pid, "theme_id": theme})
            for place in chosen:
                targets.add(
                    {
                        "project_id": pid, "community_id": place.id, "start_date": start,
                        "end_date": end, "population_covered": place.population or rng.randint(800, 12_000),  # noqa: E501
                    }
                )  # fmt: skip
        self.log(f"organisations, users, projects: {time.perf_counter() - started:.1f}s")

        # Working groups, members, meetings, assessments, plans -------------------------
        wg_ids = Ids(cm.WorkingGroup)
        member_ids = Ids(cm.Membership)
        meeting_ids = Ids(cm.Meeting)
        assessment_ids = Ids(cm.Assessment)
        problem_ids = Ids(cm.IdentifiedProblem)
        plan_ids = Ids(cm.JointPlan)
        action_ids = Ids(cm.PlanAction)
        contribution_ids = Ids(cm.Contribution)
        groups_sink = self.sink(cm.WorkingGroup)
        group_projects = self.sink(cm.WorkingGroup.projects.through, auto_id=True)
        members = self.sink(cm.Membership)
        meetings = self.sink(cm.Meeting)
        attendance = self.sink(cm.Meeting.members_present.through, auto_id=True)
        assessments = self.sink(cm.Assessment)
        problems = self.sink(cm.IdentifiedProblem)
        plans = self.sink(cm.JointPlan)
        actions = self.sink(cm.PlanAction)
        action_problems = self.sink(cm.PlanAction.problems.through, auto_id=True)
        action_partners = self.sink(cm.PlanAction.partners.through, auto_id=True)
        contributions = self.sink(cm.Contribution)
        n_groups = self.n(300, 3)
        groups: list[GroupInfo] = []
        sectors = list(cm.Sector.values)
        age_bands = list(cm.AgeBand.values)
        active_projects = [p for p in infos if p.start <= REFERENCE_DAY] or infos
        used: set[tuple[int, int]] = set()
        for g in range(n_groups):
            project = active_projects[g % len(active_projects)]
            place = project.communities[(g // len(active_projects)) % len(project.communities)]
            gid = wg_ids.take()
            established = _between(
                rng, project.start, min(project.start + timedelta(days=180), REFERENCE_DAY)
            )
            info = GroupInfo(gid, place, project, project.implementers[0], established)
            project.working_groups.append(gid)
            groups.append(info)
            # Two projects may share a community's group name; the suffix keeps it unique.
            suffix = "" if (place.id, 0) not in used else f" №{g + 1}"
            used.add((place.id, 0))
            chair = member_ids.next
            groups_sink.add(
                {
                    "id": gid, "community_id": place.id, "organisation_id": info.organisation_id,
                    "name": f"Рабочая группа по безопасности {place.names['ru']}{suffix}",
                    "established_on": established, "founding_act_number": f"{g + 1}-р",
                    "founding_act_issued_by": f"Айыл окмоту / джамоат {place.names['ru']}",
                    "founding_act_date": established, "chair_id": chair,
                    "status": cm.WorkingGroupStatus.ACTIVE if g % 9 else cm.WorkingGroupStatus.INACTIVE,  # noqa: E501
                    "source_note": "Generated for benchmarks",
                }
            )  # fmt: skip
            group_projects.add({"workinggroup_id": gid, "project_id": project.id})
            for m in range(10):
                mid = member_ids.take()
                info.member_ids.append(mid)
                first = FIRST_NAMES[(g + m * 5) % len(FIRST_NAMES)]
                last = SURNAMES[(g * 3 + m) % len(SURNAMES)]
                members.add(
                    {
                        "id": mid, "working_group_id": gid, "full_name": f"{last} {first} ({m + 1})",  # noqa: E501
                        "sex": "female" if m % 2 == 0 else "male",
                        "age_band": age_bands[m % len(age_bands)],
                        "sector": sectors[(g + m) % len(sectors)],
                        "role": cm.MemberRole.CHAIR if m == 0 else cm.MemberRole.SECRETARY if m == 1 else cm.MemberRole.MEMBER,  # noqa: E501
                        "joined_on": established, "phone": f"+996 555 {g % 1000:03d} {m:03d}",
                    }
                )  # fmt: skip
            last_day = min(project.end, REFERENCE_DAY)
            for _ in range(20):
                mtid = meeting_ids.take()
                day = _between(rng, established, last_day)
                info.meetings.append((mtid, day))
                women, men, youth = _people(rng, 3, 15)
                meetings.add(
                    {
                        "id": mtid, "working_group_id": gid, "date": day,
                        "kind": cm.MeetingKind.WORKING_GROUP, "women": women, "men": men,
                        "youth": youth, "agenda": "Обсуждение выполнения плана профилактики.",
                        "decisions": "Утвердить график дежурств и отчёт перед айылным кенешем.",
                    }
                )  # fmt: skip
                if mtid % 4 == 0:
                    for mid in info.member_ids[:4]:
                        attendance.add({"meeting_id": mtid, "membership_id": mid})
            aid = assessment_ids.take()
            a_women, a_men, a_youth = _people(rng, 10, 60)
            assessments.add(
                {
                    "id": aid, "community_id": place.id, "project_id": project.id,
                    "working_group_id": gid, "date": established, "method": cm.AssessmentMethod.COMMUNITY_MEETING,  # noqa: E501
                    "title": f"Оценка безопасности: {place.names['ru']}", "women": a_women,
                    "men": a_men, "youth": a_youth, "created_at": GENERATED_AT,
                }
            )  # fmt: skip
            problem_list = []
            for rank in range(5):
                prid = problem_ids.take()
                problem_list.append(prid)
                problems.add(
                    {
                        "id": prid, "assessment_id": aid,
                        "category_id": self.categories[rank % len(self.categories)],
                        "description": PROBLEM_TEXTS[rank % len(PROBLEM_TEXTS)],
                        "votes": rng.randint(3, 80), "priority_rank": rank + 1,
                        "status": cm.ProblemStatus.IN_PLAN,
                    }
                )  # fmt: skip
            plan_id = plan_ids.take()
            period_start = established + timedelta(days=30)
            period_end = period_start + timedelta(days=365)
            approved = g % 6 != 0
            plan_title = translations(
                PLAN_TITLES, rng.random() * 0.7, p=place.names, y=period_start.year
            )
            plans.add(
                {
                    "id": plan_id, "community_id": place.id, "working_group_id": gid,
                    **spread("title", plan_title), "period_start": period_start,
                    "period_end": period_end,
                    "status": cm.PlanStatus.IN_IMPLEMENTATION if approved else cm.PlanStatus.DRAFT,
                    "approved_by": "Айылный кенеш" if approved else "",
                    "approval_date": period_start if approved else None,
                }
            )  # fmt: skip
            government = governments.get(place.id)
            currency = _currency(place.country)
            for position in range(10):
                acid = action_ids.take()
                start_day = period_start + timedelta(days=position * 30)
                due = start_day + timedelta(days=60)
                done = approved and due < REFERENCE_DAY and position % 3 != 2
                text = translations(ACTION_TEXTS[position % len(ACTION_TEXTS)], rng.random() * 0.7)
                info.actions.append((acid, start_day))
                actions.add(
                    {
                        "id": acid, "plan_id": plan_id, **spread("description", text),
                        "responsible_organisation_id": government or info.organisation_id,
                        "start_date": start_day, "due_date": due,
                        "status": cm.ActionStatus.DONE if done else cm.ActionStatus.PLANNED,
                        "completed_on": due - timedelta(days=5) if done else None,
                        "position": position,
                    }
                )  # fmt: skip
                action_problems.add(
                    {"planaction_id": acid, "identifiedproblem_id": problem_list[position % 5]}
                )
                action_partners.add(
                    {"planaction_id": acid, "organisation_id": info.organisation_id}
                )
                for c in range(2):
                    source = (
                        cm.ContributionSource.LOCAL_BUDGET if c == 0 and government
                        else rng.choice(
                            [cm.ContributionSource.RESIDENTS_IN_KIND, cm.ContributionSource.BUSINESS,  # noqa: E501
                             cm.ContributionSource.DONOR]
                        )
                    )  # fmt: skip
                    contributor = (
                        government if source == cm.ContributionSource.LOCAL_BUDGET
                        else rng.choice(businesses) if source == cm.ContributionSource.BUSINESS and businesses  # noqa: E501
                        else project.funder if source == cm.ContributionSource.DONOR
                        else None
                    )  # fmt: skip
                    contributions.add(
                        {
                            "id": contribution_ids.take(), "action_id": acid,
                            "source_type": source, "contributor_id": contributor,
                            "amount": _money(rng, 50, 3_000),
                            "currency": "USD" if source == cm.ContributionSource.DONOR else currency,  # noqa: E501
                            "state": cm.ContributionState.RECEIVED if done else cm.ContributionState.PLEDGED,  # noqa: E501
                            "date": start_day,
                        }
                    )  # fmt: skip
        self.log(f"working groups and plans: {time.perf_counter() - started:.1f}s")

        # Activities --------------------------------------------------------------------
        activity_ids = Ids(cm.Activity)
        activities = self.sink(cm.Activity)
        activity_places = self.sink(cm.Activity.communities.through, auto_id=True)
        group_by_id = {g.id: g for g in groups}
        weights = [max(1, (min(p.end, REFERENCE_DAY) - p.start).days) for p in active_projects]
        kinds = list(ACTIVITY_TITLES)
        n_activities = self.n(5000, 10)
        chosen_projects = rng.choices(active_projects, weights=weights, k=n_activities)
        for k, project in enumerate(chosen_projects):
            acid = activity_ids.take()
            last_day = min(project.end, REFERENCE_DAY)
            kind = kinds[k % len(kinds)]
            plan_action = meeting = None
            if project.working_groups and k % 5 == 0:
                group = group_by_id[project.working_groups[k % len(project.working_groups)]]
                place = group.place
                if kind == cm.ActivityKind.MEETING:
                    meeting, day = group.meetings[k % len(group.meetings)]
                else:
                    plan_action, action_start = group.actions[k % len(group.actions)]
                    day = min(max(action_start or project.start, project.start), last_day)
            else:
                place = project.communities[k % len(project.communities)]
                day = _between(rng, project.start, last_day)
            others = [place]
            if k % 4 == 0 and len(project.communities) > 1:
                extra = project.communities[(k * 7) % len(project.communities)]
                if extra.id != place.id:
                    others.append(extra)
            women, men, youth = _people(rng, 2, 40)
            coverage = rng.random()
            title = translations(
                ACTIVITY_TITLES[kind][k % len(ACTIVITY_TITLES[kind])], coverage, p=place.names
            )
            description = translations(ACTIVITY_DESCRIPTIONS, coverage, w=women, m=men, y=youth)
            roll = k % 20
            if roll < 17:
                status = cm.ActivityStatus.PUBLISHED
            elif roll == 17:
                status = cm.ActivityStatus.DRAFT
            elif roll == 18:
                status = cm.ActivityStatus.SUBMITTED
            else:
                status = cm.ActivityStatus.RETURNED
            moment = datetime(day.year, day.month, day.day, 12, tzinfo=UTC) + timedelta(days=2)
            activities.add(
                {
                    "id": acid, "project_id": project.id, "date": day, "kind": kind,
                    **spread("title", title), **spread("description", description),
                    "women": women, "men": men, "youth": youth, "plan_action_id": plan_action,
                    "meeting_id": meeting, "author_id": project.author_id, "status": status,
                    "review_comment": "Уточните число участников." if status == cm.ActivityStatus.RETURNED else "",  # noqa: E501
                    "reviewed_by_id": admin_id if status == cm.ActivityStatus.PUBLISHED else None,
                    "submitted_at": moment if status != cm.ActivityStatus.DRAFT else None,
                    "published_at": moment if status == cm.ActivityStatus.PUBLISHED else None,
                    "created_at": moment, "updated_at": moment,
                }
            )  # fmt: skip
            for p in others:
                activity_places.add({"activity_id": acid, "community_id": p.id})
        self.log(f"activities: {time.perf_counter() - started:.1f}s")

        # Grants ------------------------------------------------------------------------
        programme_ids = Ids(gm.GrantProgramme)
        application_ids = Ids(gm.Application)
        grant_ids = Ids(gm.Grant)
        programmes = self.sink(gm.GrantProgramme)
        programme_funders = self.sink(gm.GrantProgramme.funders.through, auto_id=True)
        applications = self.sink(gm.Application)
        application_places = self.sink(gm.Application.communities.through, auto_id=True)
        grants = self.sink(gm.Grant)
        grant_places = self.sink(gm.Grant.communities.through, auto_id=True)
        disbursements = self.sink(gm.Disbursement, auto_id=True)
        reports = self.sink(gm.GrantReport, auto_id=True)
        n_grants = self.n(500, 5)
        programme_projects = active_projects[::5] or active_projects
        programme_info = []
        for i, project in enumerate(programme_projects):
            prid = programme_ids.take()
            country = project.communities[0].country
            currency = _currency(country)
            names = {
                "en": f"Small grants for community safety, round {i + 1}",
                "ru": f"Малые гранты на безопасность сообществ, раунд {i + 1}",
                "ky": f"Жамааттардын коопсуздугу үчүн чакан гранттар, {i + 1}-раунд",
                "tg": f"Грантҳои хурд барои амнияти ҷамоатҳо, даври {i + 1}",
            }
            programmes.add(
                {
                    "id": prid, "slug": f"{PREFIX}programme-{i + 1}", **spread("name", names),
                    **spread("description", names), "managing_organisation_id": project.implementers[0],  # noqa: E501
                    "project_id": project.id, "currency": currency,
                    "envelope": _money(rng, 100_000, 900_000),
                    "accepts_civil_society": True, "accepts_local_government": i % 2 == 0,
                    "call_opens": project.start, "call_closes": project.start + timedelta(days=60),
                    "is_public": project.public, "source_note": "Generated for benchmarks",
                }
            )  # fmt: skip
            programme_funders.add({"grantprogramme_id": prid, "organisation_id": project.funder})
            programme_info.append((prid, project, currency, country))
        for k in range(n_grants):
            prid, project, currency, country = programme_info[k % len(programme_info)]
            place = project.communities[k % len(project.communities)]
            grantee = rng.choice(locals_by_country.get(country) or all_local)
            government = governments.get(place.id)
            if k % 4 == 0 and government:
                grantee = government
            grantee_type = (
                pm.GranteeType.LOCAL_GOVERNMENT if grantee in governments.values()
                else pm.GranteeType.CIVIL_SOCIETY
            )  # fmt: skip
            received = project.start + timedelta(days=rng.randint(10, 50))
            title = translations(ACTION_TEXTS[k % len(ACTION_TEXTS)], rng.random() * 0.7)
            app_id = application_ids.take()
            amount = _money(rng, 300, 5_000)
            applications.add(
                {
                    "id": app_id, "programme_id": prid, "applicant_id": grantee,
                    **spread("title", title), "requested_amount": amount, "received_on": received,
                    "status": gm.ApplicationStatus.AWARDED,
                }
            )  # fmt: skip
            application_places.add({"application_id": app_id, "community_id": place.id})
            if k % 2 == 0:
                rejected = application_ids.take()
                applications.add(
                    {
                        "id": rejected, "programme_id": prid, "applicant_id": rng.choice(all_local),
                        **spread("title", title), "requested_amount": amount + 1000,
                        "received_on": received, "status": gm.ApplicationStatus.REJECTED,
                    }
                )  # fmt: skip
            gid = grant_ids.take()
            start = received + timedelta(days=30)
            end = min(start + timedelta(days=rng.randint(120, 365)), project.end)
            if end < start:
                end = start
            status = gm.GrantStatus.COMPLETED if end < REFERENCE_DAY else gm.GrantStatus.ACTIVE
            grants.add(
                {
                    "id": gid, "programme_id": prid, "grantee_id": grantee,
                    "grantee_type": grantee_type, "application_id": app_id,
                    "reference": f"{PREFIX}{k + 1:06d}", **spread("title", title),
                    **spread("summary", title), "region_id": place.region_id,
                    "district_id": place.district_id, "amount": amount, "currency": currency,
                    "start_date": start, "end_date": end, "status": status,
                    "created_at": GENERATED_AT,
                }
            )  # fmt: skip
            grant_places.add({"grant_id": gid, "community_id": place.id})
            tranches = 1 + k % 3
            for t in range(tranches):
                planned = start + timedelta(days=t * 60)
                paid = planned <= REFERENCE_DAY
                share = (amount / tranches).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
                if t == tranches - 1:
                    # The last tranche takes the rounding remainder, so tranches add up.
                    share = amount - share * (tranches - 1)
                disbursements.add(
                    {
                        "grant_id": gid, "tranche": t + 1, "planned_date": planned,
                        "planned_amount": share, "paid_date": planned if paid else None,
                        "paid_amount": share if paid else None,
                    }
                )  # fmt: skip
            for r, kind in enumerate((gm.ReportKind.NARRATIVE, gm.ReportKind.FINAL)[: 1 + k % 2]):
                due = end + timedelta(days=30 * r + 15)
                received_on = due if due < REFERENCE_DAY and k % 7 else None
                reports.add(
                    {
                        "grant_id": gid, "kind": kind, "due_date": due, "received_on": received_on,
                        "status": gm.ReportStatus.ACCEPTED if received_on else gm.ReportStatus.DUE,
                    }
                )  # fmt: skip
        self.flush_all()
        self.log(f"grants: {time.perf_counter() - started:.1f}s")
        return {s.table: s.count for s in self.sinks if s.count}


# Tables the generator writes, children first, so they can be emptied in this order.
def generated_models() -> list[type[models.Model]]:
    return [
        cm.Activity.communities.through,
        cm.ActivityPhoto,
        cm.ActivityAttachment,
        cm.Activity,
        cm.Contribution,
        cm.PlanAction.partners.through,
        cm.PlanAction.problems.through,
        cm.PlanAction,
        cm.JointPlan,
        cm.Meeting.members_present.through,
        cm.Meeting,
        cm.IdentifiedProblem,
        cm.Assessment,
        cm.WorkingGroup.projects.through,
        cm.WorkingGroup,
        cm.Membership,
        gm.GrantReport,
        gm.Disbursement,
        gm.Grant.communities.through,
        gm.Grant,
        gm.ReviewScore,
        gm.Review,
        gm.Application.communities.through,
        gm.Application,
        gm.ScoringCriterion,
        gm.GrantProgramme.funders.through,
        gm.GrantProgramme,
        cm.ProjectCommunity,
        pm.Partnership,
        pm.Project.themes.through,
        pm.Project,
        pm.StaffMembership,
        pm.Organisation,
    ]


def foreign_data() -> list[str]:
    """What in this database was not made by this command."""
    user_model = get_user_model()
    checks: list[tuple[str, Iterable[Any]]] = [
        ("organisations", pm.Organisation.objects.exclude(slug__startswith=PREFIX)),
        ("projects", pm.Project.objects.exclude(slug__startswith=PREFIX)),
        ("grant programmes", gm.GrantProgramme.objects.exclude(slug__startswith=PREFIX)),
        ("users", user_model.objects.exclude(username__startswith=PREFIX)),
    ]
    return [name for name, qs in checks if qs.exists()]  # type: ignore[attr-defined]


def empty_generated_tables(log: Any) -> None:
    """Only called when every row in these tables is generated, so emptying them whole is
    safe and far faster than deleting row by row."""
    tables = [m._meta.db_table for m in generated_models()]
    user_model = get_user_model()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(connection.ops.quote_name(t) for t in tables)
            # Checks still queued from earlier in an enclosing transaction block TRUNCATE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(f"TRUNCATE {names} RESTART IDENTITY")
            cursor.execute(
                f"DELETE FROM {connection.ops.quote_name(user_model._meta.db_table)} "  # noqa: S608
                "WHERE username LIKE %s",
                [PREFIX + "%"],
            )
        else:
            cursor.execute(f"UPDATE {cm.WorkingGroup._meta.db_table} SET chair_id = NULL")  # noqa: S608
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608
            # Sessions and staff memberships of bench users go with them.
            user_model.objects.filter(username__startswith=PREFIX).delete()
    log("emptied previously generated data")


def _is_superuser() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


class Command(BaseCommand):
    help = "Fill the database with generated data for benchmarks (scale 1 = 5,000 activities)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=20260630)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add generated data to a database that also holds other records.",
        )

    def handle(self, *args: Any, scale: float, seed: int, force: bool, **options: Any) -> None:
        if scale <= 0:
            raise CommandError("--scale must be positive.")
        verbosity = options.get("verbosity", 1)

        def log(message: str) -> None:
            if verbosity >= 2:
                self.stdout.write(message)

        started = time.perf_counter()
        foreign = foreign_data()
        has_generated = pm.Organisation.objects.filter(slug=MARKER_SLUG).exists()
        if foreign and not force:
            raise CommandError(
                "This database holds records that were not generated for benchmarks "
                f"({', '.join(foreign)}). Use a dedicated database, or pass --force to add "
                "generated data next to them."
            )
        if foreign and has_generated:
            raise CommandError(
                "This database holds both generated and other records; remove the generated "
                "ones (slugs starting with 'bench-') before generating again."
            )
        with transaction.atomic():
            if has_generated:
                empty_generated_tables(log)
            if connection.vendor == "postgresql" and scale > 1 and _is_superuser():
                # Above scale 1 the per-row foreign-key triggers cost more than the inserts.
                # The rows are written by the same code at every scale, and scale 1 and the
                # tests run with every constraint checked, so skipping the triggers here
                # (for this transaction only) loses no safety.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL session_replication_role = replica")
                log("foreign-key triggers off for this transaction")
            generator = Generator(scale, seed, log)
            counts = generator.run()
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(
                    no_style(), [s.model for s in generator.sinks]
                ):
                    cursor.execute(sql)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        total = sum(counts.values())
        self.stdout.write(
            f"Generated {total:,} rows at scale {scale:g} in {time.perf_counter() - started:.1f}s"
        )
        if verbosity >= 2:
            for table, count in sorted(counts.items()):
                self.stdout.write(f"  {table}: {count:,}")
