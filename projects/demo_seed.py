"""Seed data for the demo portal, taken only from the five source documents.

Pure data: no Django or model imports. A loader (written separately) turns these records into
model instances. Nothing here is illustrative: every value comes from a seed file in
``/work/shared/seeds/`` or from the gazetteer in ``/work/shared/data/gazetteer/``. Where the
seeds give no value the field is ``None``. Illustrative demo records (draft activities and the
like) belong in the loader and must be flagged there.

Sources
    Every record has ``source`` (a seed file name, via the ``SRC_*`` constants) and, where the
    same facts appear in another seed, ``also_in``.

Languages
    Text fields are dicts keyed by language: ``en``, ``ru``, ``ky`` (``tg`` is never given by
    the seeds). Only the languages a seed prints are present. Living in Peace names and titles
    are kept exactly as printed in each language; only OCR whitespace was fixed, and each fix
    or oddity is recorded in a ``note`` and in ``SEED_NOTES``. Titles marked
    ``title_is_compiled`` / ``name_is_compiled`` are descriptive labels written by the
    compiler from the seed's wording, because the seed gives no formal title.

Dates
    ISO strings or ``None``. ``*_precision`` says what the seed gave: ``day``, ``month`` (the
    first or last day of the month is used), ``year`` (1 January / 31 December), or ``period``
    (an activity reported in a newsletter period without its own date). ``date_text`` quotes or
    explains the seed's own wording.

Structures
    ``LOCALITIES`` (dict by key)
        ``gazetteer`` is a reference to exactly one CSV row: ``level`` (region / district /
        municipality), ``file`` and the row's own values (``country``, ``region_code`` or
        ``code``, ``district_name_en`` / ``district_name_ru``, ``type``, ``name_en`` /
        ``name_ru``, ``soate_code`` where the row has one). Match on all given keys.
        ``gazetteer is None`` marks a gap or an ambiguous place (see SOURCES.md); ``parent``
        then gives the unit the seed does state and ``candidates`` the rows that might match.
        Do not guess. ``seed_names`` lists the spellings printed in the seeds.
    ``ORGANISATIONS``
        ``key`` (slug), ``kind`` (OrganisationKind values), ``names``, ``acronym``,
        ``legal_form`` (per language, as printed: KG КФ/КБ, RU ОФ/ОО, EN PF/PA/NGO),
        ``country`` (ISO 3166-1 alpha-2 or None), ``website``.
    ``PEOPLE``
        Named people who are not working-group members (quotes, press contact, the official
        who set up the Sverdlovsk group). ``sex`` is set only from unambiguous name morphology
        or given names, with ``sex_basis``.
    ``PROGRAMMES``
        The five programmes and their project slugs.
    ``PROJECTS``
        ``slug``, ``programme``, ``titles``, ``summary``, ``description``, ``status``
        (planned / active / completed, or None with ``status_note`` when the seed does not
        settle it), ``start`` / ``end``, ``budget`` (decimal string) and ``currency``,
        ``themes`` (``THEMES`` slugs), ``partners`` (``org``, ``role`` = funding /
        accountable / extending / implementing, ``lead``), ``areas`` (region- or
        district-level locality keys) and ``communities`` (municipality-level locality keys
        with ``start`` and ``population_covered``).
    ``PROGRAMME_GRANTS``
        Grant programmes with their grants. Grant ``reference`` values are sequential in seed
        order (``LiP-CSO-01`` ...). ``grantee_as_printed`` keeps the grantee exactly as
        printed in each language; ``summary`` is the newsletter bullet without link markup.
        ``amount`` is always None: no seed gives one.
    ``WORKING_GROUPS`` / ``MEMBERS``
        The Sverdlovsk district group (named members, chair) and the Ferghana valley WGCS,
        which the seed only plans. ``unnamed_members`` lists represented bodies without names.
    ``PROBLEMS``
        Problems the seeds tie to a place, with a ``category`` from ``PROBLEM_CATEGORIES``.
    ``ACTIVITIES``
        ``type`` = meeting / training / campaign / exhibition / study / infrastructure /
        mediation / cultural_event / media; ``occurrence`` = held / started / planned (as
        reported by the seed, not a workflow status).
    ``PLAN_ACTIONS``
        The seven points of the Living in Peace action plan, in three languages.
    ``HEADLINE_FIGURES``
        The seeds' own numbers with the sentence they come from.
    ``SEED_NOTES``
        Inconsistencies between and within the seeds, and what is missing.

Counts
    44 organisations; 7 projects in 5 programmes; 25 Living in Peace civil-society
    grants (Prevention in Action: 12 announced, none described; Living in Peace
    local-government grants: 25 announced, none listed); 4 working-group members;
    48 localities (6 regions, 5 districts, 32 municipalities) of which
    5 have no gazetteer row.
"""

from typing import Any, Final

Record = dict[str, Any]

SRC_FERGHANA: Final = "000_e96112fcd4c05c24.txt"
SRC_SVERDLOVSK: Final = "001_b5da03d451631edf.txt"
SRC_PREVENTION_IN_ACTION: Final = "002_1eccc2a25b1b230d.txt"
SRC_ACTIVE_COMMUNITIES: Final = "003_dc0824f8fe28cc33.txt"
SRC_LIVING_IN_PEACE: Final = "004_d5d84ac815b2d85e.txt"

SEED_FILES: Final[dict[str, str]] = {
    SRC_FERGHANA: (
        "ASTI news page: Ferghana valley project (Saferworld), police-public project, "
        "Ovchi-Kalacha drawings"
    ),
    SRC_SVERDLOVSK: (
        "news item, 3 April 2018: Sverdlovsk district (Bishkek) working group, UNODC and the "
        "Civil Union 'For Reforms and Results'"
    ),
    SRC_PREVENTION_IN_ACTION: "UNODC news, 11 July 2017: 'Prevention in Action' small grants",
    SRC_ACTIVE_COMMUNITIES: "project page: USAID 'Active Communities (Jigerduu Jarandar)'",
    SRC_LIVING_IN_PEACE: (
        "Living in Peace (Yntymaktuu Jashoo) newsletter, Dec 2021 - Feb 2022 (ky, ru, en)"
    ),
}


# --- Taxonomies ----------------------------------------------------------------------------------

PROBLEM_CATEGORIES: Final[tuple[str, ...]] = (
    "road_safety",
    "child_abuse",
    "teenage_suicide",
    "domestic_violence",
    "early_marriage",
    "youth_delinquency",
    "racketeering",
    "religious_radicalisation",
    "theft",
    "crime_markets_housing",
    "water_conflict",
    "pasture_conflict",
    "border_tension",
    "post_election_conflict",
    "interethnic_tension",
    "drugs",
)

# Portal themes; the English labels are the compiler's, not seed text.
THEMES: Final[list[Record]] = [
    {"slug": "community_security", "name_en": "Community security"},
    {"slug": "crime_prevention", "name_en": "Crime prevention"},
    {"slug": "police_public_relations", "name_en": "Police and public"},
    {"slug": "local_governance", "name_en": "Local self-government"},
    {"slug": "civic_participation", "name_en": "Citizen participation"},
    {"slug": "access_to_justice", "name_en": "Access to justice"},
    {"slug": "conflict_prevention", "name_en": "Conflict prevention"},
    {"slug": "peacebuilding", "name_en": "Peacebuilding"},
    {"slug": "mediation", "name_en": "Mediation"},
    {"slug": "youth", "name_en": "Youth"},
    {"slug": "cross_border", "name_en": "Cross-border communities"},
    {"slug": "road_safety", "name_en": "Road safety"},
    {"slug": "child_abuse", "name_en": "Child abuse"},
    {"slug": "teenage_suicide", "name_en": "Teenage suicide"},
    {"slug": "early_marriage", "name_en": "Early marriage"},
    {"slug": "youth_delinquency", "name_en": "Juvenile delinquency"},
    {"slug": "religious_radicalisation", "name_en": "Religious radicalisation of young people"},
    {"slug": "crime_markets_housing", "name_en": "Crime at markets and in housing estates"},
    {"slug": "water_conflict", "name_en": "Irrigation water conflicts"},
    {"slug": "pasture_conflict", "name_en": "Pasture conflicts"},
    {"slug": "post_election_conflict", "name_en": "Post-election conflicts"},
    {"slug": "interethnic_tension", "name_en": "Interethnic relations"},
]


# --- Localities (gazetteer references) -----------------------------------------------------------

LOCALITIES: Final[dict[str, Record]] = {
    "kg-batken-region": {
        "key": "kg-batken-region",
        "gazetteer": {
            "level": "region",
            "file": "regions.csv",
            "country": "KG",
            "code": "KG-B",
            "name_en": "Batken Region",
            "name_ru": "Баткенская область",
            "soate_code": "41705000000000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {
            "en": ["Batken", "Batken Oblast", "Batken region"],
            "ru": ["Баткенская область"],
            "ky": ["Баткен облусу"],
        },
        "note": None,
        "source": SRC_FERGHANA,
        "also_in": [SRC_PREVENTION_IN_ACTION, SRC_LIVING_IN_PEACE],
    },
    "kg-osh-region": {
        "key": "kg-osh-region",
        "gazetteer": {
            "level": "region",
            "file": "regions.csv",
            "country": "KG",
            "code": "KG-O",
            "name_en": "Osh Region",
            "name_ru": "Ошская область",
            "soate_code": "41706000000000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {
            "en": ["Osh", "Osh Oblast", "Osh region"],
            "ru": ["Ошская область"],
            "ky": ["Ош облусу"],
        },
        "note": None,
        "source": SRC_FERGHANA,
        "also_in": [SRC_PREVENTION_IN_ACTION, SRC_LIVING_IN_PEACE],
    },
    "kg-jalal-abad-region": {
        "key": "kg-jalal-abad-region",
        "gazetteer": {
            "level": "region",
            "file": "regions.csv",
            "country": "KG",
            "code": "KG-J",
            "name_en": "Jalal-Abad Region",
            "name_ru": "Джалал-Абадская область",
            "soate_code": "41703000000000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {
            "en": ["Jalal-Abad", "Jalal-Abad Oblast", "Jalal-Abad region"],
            "ru": ["Джалал-Абадская область"],
            "ky": ["Жалал-Абад облусу"],
        },
        "note": None,
        "source": SRC_FERGHANA,
        "also_in": [SRC_PREVENTION_IN_ACTION, SRC_LIVING_IN_PEACE],
    },
    "tj-sughd-region": {
        "key": "tj-sughd-region",
        "gazetteer": {
            "level": "region",
            "file": "regions.csv",
            "country": "TJ",
            "code": "TJ-SU",
            "name_en": "Sughd Region",
            "name_ru": "Согдийская область",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"en": ["Sughd region of Tajikistan"], "ru": ["Согдийской области РТ"]},
        "note": None,
        "source": SRC_FERGHANA,
        "also_in": [],
    },
    "tj-drs": {
        "key": "tj-drs",
        "gazetteer": {
            "level": "region",
            "file": "regions.csv",
            "country": "TJ",
            "code": "TJ-RA",
            "name_en": "Districts under Republic Subordination",
            "name_ru": "Районы республиканского подчинения",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"ru": ["РРП"]},
        "note": (
            "The seed writes only the abbreviation РРП; read as районы республиканского "
            "подчинения (districts of republican subordination), gazetteer row TJ-RA."
        ),
        "source": SRC_FERGHANA,
        "also_in": [],
    },
    "kg-bishkek": {
        "key": "kg-bishkek",
        "gazetteer": {
            "level": "region",
            "file": "regions.csv",
            "country": "KG",
            "code": "KG-GB",
            "name_en": "Bishkek",
            "name_ru": "Бишкек",
            "soate_code": "41711000000000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"en": ["Bishkek"], "ru": ["Бишкеке"], "ky": ["Бишкекте"]},
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [SRC_SVERDLOVSK, SRC_PREVENTION_IN_ACTION],
    },
    "tj-isfara": {
        "key": "tj-isfara",
        "gazetteer": {
            "level": "district",
            "file": "districts.csv",
            "country": "TJ",
            "region_code": "TJ-SU",
            "type": "city (regional subordination)",
            "name_en": "Isfara",
            "name_ru": "Исфара",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"en": ["Isfara district"]},
        "note": (
            "The seed says 'Isfara district'; the gazetteer (SOURCES.md) places Surkh and Vorukh "
            "as jamoats of Isfara city (city of regional subordination)."
        ),
        "source": SRC_FERGHANA,
        "also_in": [],
    },
    "kg-bishkek-sverdlov": {
        "key": "kg-bishkek-sverdlov",
        "gazetteer": {
            "level": "district",
            "file": "districts.csv",
            "country": "KG",
            "region_code": "KG-GB",
            "type": "city district",
            "name_en": "Sverdlov",
            "name_ru": "Свердловский район",
            "soate_code": "41711204000000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"en": ["Sverdlovsk district of Bishkek", "Sverdlovsky District of Bishkek"]},
        "note": None,
        "source": SRC_SVERDLOVSK,
        "also_in": [SRC_PREVENTION_IN_ACTION],
    },
    "kg-jeti-oguz-district": {
        "key": "kg-jeti-oguz-district",
        "gazetteer": {
            "level": "district",
            "file": "districts.csv",
            "country": "KG",
            "region_code": "KG-Y",
            "type": "district (rayon)",
            "name_en": "Jeti-Ögüz",
            "name_ru": "Жети-Огузский район",
            "soate_code": "41702210000000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"en": ["Jety-Oguz District"]},
        "note": None,
        "source": SRC_PREVENTION_IN_ACTION,
        "also_in": [],
    },
    "kg-leilek-district": {
        "key": "kg-leilek-district",
        "gazetteer": {
            "level": "district",
            "file": "districts.csv",
            "country": "KG",
            "region_code": "KG-B",
            "type": "district (rayon)",
            "name_en": "Leilek",
            "name_ru": "Лейлекский район",
            "soate_code": "41705236000000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {
            "en": ["Leilek District"],
            "ru": ["Лейлекский район"],
            "ky": ["Лейлек району"],
        },
        "note": None,
        "source": SRC_PREVENTION_IN_ACTION,
        "also_in": [SRC_LIVING_IN_PEACE],
    },
    "tj-ghafurov-district": {
        "key": "tj-ghafurov-district",
        "gazetteer": {
            "level": "district",
            "file": "districts.csv",
            "country": "TJ",
            "region_code": "TJ-SU",
            "type": "district (nohiya)",
            "name_en": "Bobojon Ghafurov",
            "name_ru": "Бободжон-Гафуровский район",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"en": ["Gafurov District"]},
        "note": None,
        "source": SRC_PREVENTION_IN_ACTION,
        "also_in": [],
    },
    "tj-surkh": {
        "key": "tj-surkh",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "TJ",
            "region_code": "TJ-SU",
            "district_name_en": "Isfara",
            "district_name_ru": "Исфара",
            "type": "jamoat",
            "name_en": "Surkh",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"en": ["Surkh"]},
        "note": None,
        "source": SRC_FERGHANA,
        "also_in": [],
    },
    "tj-vorukh": {
        "key": "tj-vorukh",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "TJ",
            "region_code": "TJ-SU",
            "district_name_en": "Isfara",
            "district_name_ru": "Исфара",
            "type": "jamoat",
            "name_en": "Vorukh",
            "name_ru": "Ворух",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"en": ["Vorukh"]},
        "note": None,
        "source": SRC_FERGHANA,
        "also_in": [],
    },
    "tj-ovchi-kalacha": {
        "key": "tj-ovchi-kalacha",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "TJ",
            "region_code": "TJ-SU",
            "district_name_en": "Bobojon Ghafurov",
            "district_name_ru": "Бободжон-Гафуровский район",
            "type": "jamoat",
            "name_en": "Ovchi Kalacha",
            "name_ru": "Овчикалача",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"en": ["Ovchi-Kalacha"]},
        "note": None,
        "source": SRC_FERGHANA,
        "also_in": [],
    },
    "tj-dushanbe": {
        "key": "tj-dushanbe",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "TJ",
            "region_code": "TJ-DU",
            "type": "city",
            "name_en": "Dushanbe",
            "name_ru": "Душанбе",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"ru": ["г.Душанбе"]},
        "note": None,
        "source": SRC_FERGHANA,
        "also_in": [],
    },
    "kg-suzak-aa": {
        "key": "kg-suzak-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-J",
            "district_name_en": "Suzak",
            "district_name_ru": "Сузакский район",
            "type": "ayil aimak",
            "name_ru": "Сузакский айылный аймак",
            "soate_code": "41703220856000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"en": ["Suzak"]},
        "note": None,
        "source": SRC_PREVENTION_IN_ACTION,
        "also_in": [],
    },
    "kg-kyzyl-tuu-aa": {
        "key": "kg-kyzyl-tuu-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-J",
            "district_name_en": "Suzak",
            "district_name_ru": "Сузакский район",
            "type": "ayil aimak",
            "name_ru": "Кызыл-Тууский айылный аймак",
            "soate_code": "41703220842000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"en": ["Kyzyl-Tuusk"]},
        "note": (
            "SOURCES.md: other Kyzyl-Tuu ayil aimaks exist in Aksy and Sokuluk; the Suzak one is "
            "the project locality."
        ),
        "source": SRC_PREVENTION_IN_ACTION,
        "also_in": [],
    },
    "kg-nariman-aa": {
        "key": "kg-nariman-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-O",
            "district_name_en": "Kara-Suu",
            "district_name_ru": "Кара-Сууский район",
            "type": "ayil aimak",
            "name_ru": "Наримановский айылный аймак",
            "soate_code": "41706226830000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"en": ["Nariman Ayil Aymak"]},
        "note": None,
        "source": SRC_PREVENTION_IN_ACTION,
        "also_in": [],
    },
    "kg-nookat-town": {
        "key": "kg-nookat-town",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-O",
            "district_name_en": "Nookat",
            "district_name_ru": "Ноокатский район",
            "type": "town",
            "name_en": "Nookat",
            "name_ru": "Ноокат",
            "soate_code": "41706242600010",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {
            "en": ["Nookat", "Nookat c."],
            "ru": ["г. Ноокат", "г.Ноокат"],
            "ky": ["Ноокат ш."],
        },
        "note": None,
        "source": SRC_PREVENTION_IN_ACTION,
        "also_in": [SRC_LIVING_IN_PEACE],
    },
    "kg-kara-suu-town": {
        "key": "kg-kara-suu-town",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-O",
            "district_name_en": "Kara-Suu",
            "district_name_ru": "Кара-Сууский район",
            "type": "town",
            "name_en": "Kara-Suu",
            "name_ru": "Кара-Суу",
            "soate_code": "41706226600010",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"en": ["Kara Suu"]},
        "note": None,
        "source": SRC_PREVENTION_IN_ACTION,
        "also_in": [],
    },
    "kg-amanbayev-aa": {
        "key": "kg-amanbayev-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-T",
            "district_name_en": "Kara-Buura",
            "district_name_ru": "Кара-Бууринский район",
            "type": "ayil aimak",
            "name_ru": "Аманбаевский айылный аймак",
            "soate_code": "41707215807000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"en": ["Amanbayev Aiyl Aymak"]},
        "note": None,
        "source": SRC_PREVENTION_IN_ACTION,
        "also_in": [],
    },
    "kg-kulundu-aa": {
        "key": "kg-kulundu-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-B",
            "district_name_en": "Leilek",
            "district_name_ru": "Лейлекский район",
            "type": "ayil aimak",
            "name_en": "Kulundu",
            "name_ru": "Кулундинский айылный аймак",
            "soate_code": "41705236825000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"en": ["Kulunda"]},
        "note": "The seed spells it Kulunda; gazetteer name_en Kulundu (Leilek district).",
        "source": SRC_PREVENTION_IN_ACTION,
        "also_in": [],
    },
    "kg-uch-korgon-aa": {
        "key": "kg-uch-korgon-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-B",
            "district_name_en": "Kadamjay",
            "district_name_ru": "Кадамжайский район",
            "type": "ayil aimak",
            "name_en": "Uch-Korgon",
            "name_ru": "Уч-Коргонский айылный аймак",
            "soate_code": "41705258849000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"en": ["Uch-Korgon", "Uch-Korgon of Kadamjai District"]},
        "note": (
            "SOURCES.md: another Uch-Korgon ayil aimak exists in Manas district (Talas); the seed "
            "places this one in Kadamjai District, Batken Oblast."
        ),
        "source": SRC_PREVENTION_IN_ACTION,
        "also_in": [],
    },
    "kg-maksat-village": {
        "key": "kg-maksat-village",
        "gazetteer": None,
        "parent": {
            "level": "district",
            "file": "districts.csv",
            "country": "KG",
            "region_code": "KG-B",
            "type": "district (rayon)",
            "name_en": "Leilek",
            "name_ru": "Лейлекский район",
            "soate_code": "41705236000000",
        },
        "candidates": [],
        "seed_names": {"en": ["Maksat village of Leilek District"]},
        "note": (
            "Gazetteer gap (SOURCES.md): no village Максат in the 2021 SOATE village list for "
            "Leilek or anywhere else; it may be a new name for an existing village. The seed "
            "places it in Leilek District, so only the district is given as parent."
        ),
        "source": SRC_PREVENTION_IN_ACTION,
        "also_in": [],
    },
    "kg-tokmok-city": {
        "key": "kg-tokmok-city",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-C",
            "district_name_en": "Tokmok",
            "district_name_ru": "Токмок",
            "type": "city",
            "name_en": "Tokmok",
            "name_ru": "Токмок",
            "soate_code": "41708400000010",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"ky": ["Токмок ш."], "ru": ["г. Токмок"], "en": ["Tokmok c."]},
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-kurama-aa": {
        "key": "kg-kurama-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-C",
            "district_name_en": "Panfilov",
            "district_name_ru": "Панфиловский район",
            "type": "ayil aimak",
            "name_ru": "Айылный аймак Курама",
            "soate_code": "41708219836000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"ky": ["Курама АА"], "ru": ["Курама"], "en": ["Kurama"]},
        "note": (
            "SOURCES.md flags a village Курама in Nooken district (Jalal-Abad); the newsletter "
            "lists this grant under Chui region and the Kyrgyz text says 'Курама АА', which "
            "matches the Panfilov-district row used here."
        ),
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-mtu-1": {
        "key": "kg-mtu-1",
        "gazetteer": None,
        "parent": {
            "level": "region",
            "file": "regions.csv",
            "country": "KG",
            "code": "KG-C",
            "name_en": "Chüy Region",
            "name_ru": "Чуйская область",
            "soate_code": "41708000000000",
        },
        "candidates": [],
        "seed_names": {"ky": ["ЖАБ-1"], "ru": ["МТУ-1"], "en": ["MTU-1"]},
        "note": (
            "Not in the SOURCES.md project-locality table and not expanded in the seed (Kyrgyz "
            "ЖАБ-1, Russian МТУ-1, English MTU-1). The grant is listed under Chui region; no "
            "gazetteer row is assigned."
        ),
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-leninskoye-chui": {
        "key": "kg-leninskoye-chui",
        "gazetteer": None,
        "parent": {
            "level": "region",
            "file": "regions.csv",
            "country": "KG",
            "code": "KG-C",
            "name_en": "Chüy Region",
            "name_ru": "Чуйская область",
            "soate_code": "41708000000000",
        },
        "candidates": [
            {
                "level": "municipality",
                "file": "municipalities.csv",
                "country": "KG",
                "region_code": "KG-C",
                "district_name_en": "Alamüdün",
                "district_name_ru": "Аламудунский район",
                "type": "ayil aimak",
                "name_ru": "Ленинский айылный аймак",
                "soate_code": "41708203834000",
            },
            {
                "level": "municipality",
                "file": "municipalities.csv",
                "country": "KG",
                "region_code": "KG-C",
                "district_name_en": "Ysyk-Ata",
                "district_name_ru": "Ысык-Атинский район",
                "type": "ayil aimak",
                "name_ru": "Новопокровский айылный аймак",
                "soate_code": "41708206848000",
            },
        ],
        "seed_names": {
            "ky": ["Ленин а.", "Ленин айыл аймагында"],
            "ru": ["с. Ленинское", "Ленинском айыльном аймаке"],
            "en": ["Leninskoye v.", "Leninskoe village"],
        },
        "note": (
            "SOURCES.md: 'Leninskoye' is ambiguous and not assigned (a village Ленинское is the "
            "centre of Ленинский АА, Alamüdün district; another is in Новопокровский АА, "
            "Ysyk-Ata). For review: the grant title names 'Ленинский айыльный аймак' and the "
            "grant is listed under Chui region; the only Chui row of that name is the Alamüdün "
            "one."
        ),
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-balykchy-city": {
        "key": "kg-balykchy-city",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-Y",
            "district_name_en": "Balykchy",
            "district_name_ru": "Балыкчы",
            "type": "city",
            "name_en": "Balykchy",
            "name_ru": "Балыкчы",
            "soate_code": "41702420000010",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"ky": ["Балыкчы ш."], "ru": ["г. Балыкчы"], "en": ["Balykchy c."]},
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-tyup-aa": {
        "key": "kg-tyup-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-Y",
            "district_name_en": "Tüp",
            "district_name_ru": "Тюпский район",
            "type": "ayil aimak",
            "name_ru": "Тюпский айылный аймак",
            "soate_code": "41702225889000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {
            "ky": ["Түп"],
            "ru": ["Тюп", "Тюпского Айыльного Аймака"],
            "en": ["Tyup", "Tyup Aiyl Aimak"],
        },
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-tepe-korgon-aa": {
        "key": "kg-tepe-korgon-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-O",
            "district_name_en": "Aravan",
            "district_name_ru": "Араванский район",
            "type": "ayil aimak",
            "name_ru": "Тепе-Коргонский айылный аймак",
            "soate_code": "41706211823000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"ky": ["Тепе-Коргон"], "ru": ["Тепе-Коргон"], "en": ["Tepe-Korgon"]},
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-kara-kulja-aa": {
        "key": "kg-kara-kulja-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-O",
            "district_name_en": "Kara-Kulja",
            "district_name_ru": "Кара-Кулжинский район",
            "type": "ayil aimak",
            "name_en": "Kara-Kulja",
            "name_ru": "Кара-Кульджинский айылный аймак",
            "soate_code": "41706246820000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"ky": ["Кара-Кулжа"], "ru": ["Кара-Кулжа"], "en": ["Kara-Kulzha"]},
        "note": (
            "The seed gives only 'Кара-Кулжа' / 'Kara-Kulzha'. SOURCES.md lists both Kara-Kulja "
            "district and Кара-Кульджинский АА; the ayil-aimak row is used because the "
            "newsletter's 25 locations are local self-government units. The district row is the "
            "alternative."
        ),
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-uzgen-town": {
        "key": "kg-uzgen-town",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-O",
            "district_name_en": "Uzgen",
            "district_name_ru": "Узгенский район",
            "type": "town",
            "name_en": "Uzgen",
            "name_ru": "Узген",
            "soate_code": "41706255600010",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {
            "ky": ["Өзгөн ш."],
            "ru": ["г. Узген", "г.Узген"],
            "en": ["Uzgen c.", "Uzgen"],
        },
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-leninsky-lg-osh": {
        "key": "kg-leninsky-lg-osh",
        "gazetteer": None,
        "parent": {
            "level": "region",
            "file": "regions.csv",
            "country": "KG",
            "code": "KG-O",
            "name_en": "Osh Region",
            "name_ru": "Ошская область",
            "soate_code": "41706000000000",
        },
        "candidates": [
            {
                "level": "municipality",
                "file": "municipalities.csv",
                "country": "KG",
                "region_code": "KG-O",
                "district_name_en": "Alay",
                "district_name_ru": "Алайский район",
                "type": "ayil aimak",
                "name_ru": "Ленинский айылный аймак",
                "soate_code": "41706207830000",
            },
        ],
        "seed_names": {"ky": ["Ленин ЖӨБ"], "ru": ["Ленинское МСУ"], "en": ["Leninsky LG"]},
        "note": (
            "Not assigned. SOURCES.md treats 'Leninskoye' as ambiguous. The grant is listed under "
            "Osh region; the only Osh-region row named Ленинский айылный аймак is in Alay "
            "district, while the grantee's name ('Nookat Irrigator') may point to the Nookat "
            "area, which has no such row. Needs confirmation."
        ),
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-kochkor-aa": {
        "key": "kg-kochkor-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-N",
            "district_name_en": "Kochkor",
            "district_name_ru": "Кочкорский район",
            "type": "ayil aimak",
            "name_ru": "Кочкорский айылный аймак",
            "soate_code": "41704235816000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"ky": ["Кочкор АА"], "ru": ["АО Кочкор"], "en": ["Kochkor v."]},
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-naryn-city": {
        "key": "kg-naryn-city",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-N",
            "district_name_en": "Naryn",
            "district_name_ru": "Нарын",
            "type": "city",
            "name_en": "Naryn",
            "name_ru": "Нарын",
            "soate_code": "41704400000010",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"ky": ["Нарын ш."], "ru": ["г. Нарын"], "en": ["Naryn c."]},
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-tash-kumyr-city": {
        "key": "kg-tash-kumyr-city",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-J",
            "district_name_en": "Tash-Kumyr",
            "district_name_ru": "Таш-Кумыр",
            "type": "city",
            "name_en": "Tash-Kumyr",
            "name_ru": "Таш-Кумыр",
            "soate_code": "41703420000010",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"ky": ["Таш-Көмүр ш."], "ru": ["г.Таш-Кумыр"], "en": ["Tash-Kumyr city"]},
        "note": (
            "The newsletter gives no place in brackets for this grant; the town is named in the "
            "project title."
        ),
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-terek-sai-aa": {
        "key": "kg-terek-sai-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-J",
            "district_name_en": "Chatkal",
            "district_name_ru": "Чаткальский район",
            "type": "ayil aimak",
            "name_en": "Terek-Say",
            "name_ru": "Терек-Сайский айылный аймак",
            "soate_code": "41703230847000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"ky": ["Терек-Сай"], "ru": ["Терек-Сай"], "en": ["Terek-Sai"]},
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-a-suerkulov-aa": {
        "key": "kg-a-suerkulov-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-J",
            "district_name_en": "Toktogul",
            "district_name_ru": "Токтогульский район",
            "type": "ayil aimak",
            "name_en": "Abdy-Suerkulov",
            "name_ru": "Абды Суеркуловский айылный аймак",
            "soate_code": "41703225843000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {
            "ky": ["А. Сүйөркулов айыл аймагында"],
            "ru": ["айыльном аймаке А. Суеркулов"],
            "en": ["A. Suerkulov village"],
        },
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-mailuu-suu-city": {
        "key": "kg-mailuu-suu-city",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-J",
            "district_name_ru": "Майлуу-Суу",
            "type": "city",
            "name_ru": "Майлуу-Суу",
            "soate_code": "41703430000010",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"ky": ["Майлуу-Суу ш."], "ru": ["г. Малы-Суу"], "en": ["Malu-Suu city"]},
        "note": (
            "Printed 'Майлуу-Суу ш.' (ky), 'г. Малы-Суу' (ru) and 'Malu-Suu city' (en); the "
            "Russian and English forms look like misspellings of Mailuu-Suu."
        ),
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-jany-jol-aa": {
        "key": "kg-jany-jol-aa",
        "gazetteer": None,
        "parent": {
            "level": "region",
            "file": "regions.csv",
            "country": "KG",
            "code": "KG-J",
            "name_en": "Jalal-Abad Region",
            "name_ru": "Джалал-Абадская область",
            "soate_code": "41703000000000",
        },
        "candidates": [
            {
                "level": "municipality",
                "file": "municipalities.csv",
                "country": "KG",
                "region_code": "KG-J",
                "district_name_en": "Aksy",
                "district_name_ru": "Аксыйский район",
                "type": "ayil aimak",
                "name_en": "Jany-Jol",
                "name_ru": "Джаны-Джольский айылный аймак",
                "soate_code": "41703211813000",
            },
            {
                "level": "municipality",
                "file": "municipalities.csv",
                "country": "KG",
                "region_code": "KG-J",
                "district_name_en": "Toktogul",
                "district_name_ru": "Токтогульский район",
                "type": "ayil aimak",
                "name_en": "Jany-Jol",
                "name_ru": "Джаны-Джольский айылный аймак",
                "soate_code": "41703225815000",
            },
        ],
        "seed_names": {
            "ky": ["Жаңы-Жол айыл өкмөтү"],
            "ru": ["Жаны-Жолском айыл окмоту"],
            "en": ["Jany-Jol village administration"],
        },
        "note": (
            "Ambiguous (SOURCES.md): two Джаны-Джольский АА exist in Jalal-Abad region, in Aksy "
            "and Toktogul districts; the seed does not name the district."
        ),
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-kara-kul-city": {
        "key": "kg-kara-kul-city",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-J",
            "district_name_en": "Karaköl",
            "district_name_ru": "Кара-Куль",
            "type": "city",
            "name_en": "Karaköl",
            "name_ru": "Кара-Куль",
            "soate_code": "41703440000010",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"ky": ["Каракөл ш."], "ru": ["г. Каракуль"], "en": ["Karakul"]},
        "note": "Named only inside the grantee's name (Women's Council of Karakul).",
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-kargalyk-aa": {
        "key": "kg-kargalyk-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-J",
            "district_name_ru": "Тогуз-Тороуский район",
            "type": "ayil aimak",
            "name_ru": "Каргалыкский айылный аймак",
            "soate_code": "41703223812000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {"ky": ["Каргалык АА"], "ru": ["Каргалыкский АО"], "en": ["Kargalyk v."]},
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-sumbula-aa": {
        "key": "kg-sumbula-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-B",
            "district_name_en": "Leilek",
            "district_name_ru": "Лейлекский район",
            "type": "ayil aimak",
            "name_en": "Sambula",
            "name_ru": "Сумбулинский айылный аймак",
            "soate_code": "41705236836000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {
            "ky": ["Лейлек району, Сумбула АА"],
            "ru": ["Лейлекский район, АО Сумбула"],
            "en": ["Leilek district, Sumbula v."],
        },
        "note": "Wikipedia (gazetteer name_en) spells it Sambula.",
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-birlik-aa": {
        "key": "kg-birlik-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-B",
            "district_name_en": "Kadamjay",
            "district_name_ru": "Кадамжайский район",
            "type": "ayil aimak",
            "name_en": "Birlik",
            "name_ru": "Бирликский айылный аймак",
            "soate_code": "41705258812000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {
            "ky": ["Бирлик ААнын"],
            "ru": ["АО Бирлик"],
            "en": ["Birlik territorial administration"],
        },
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-suu-bashy-aa": {
        "key": "kg-suu-bashy-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-B",
            "district_name_en": "Batken",
            "district_name_ru": "Баткенский район",
            "type": "ayil aimak",
            "name_ru": "Суу-Башынский айылный аймак",
            "soate_code": "41705214852000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {
            "ky": ["Суу-Башы айыл аймагында"],
            "ru": ["Суу-Башинском айылном округе"],
            "en": ["Suu-Bashy territorial administration"],
        },
        "note": (
            "SOURCES.md flags a village Суу-Башы in Leilek district; the seed speaks of the ayil "
            "aimak / territorial administration, which is the Batken-district row used here."
        ),
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-pokrovka-aa": {
        "key": "kg-pokrovka-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-T",
            "district_name_en": "Manas",
            "district_name_ru": "Манасский район",
            "type": "ayil aimak",
            "name_ru": "Покровский айылный аймак",
            "soate_code": "41707225833000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {
            "ky": ["Покровка айыл аймагында"],
            "ru": ["Покровском айыльном аймаке"],
            "en": ["Pokrovsky village"],
        },
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    "kg-kara-buura-aa": {
        "key": "kg-kara-buura-aa",
        "gazetteer": {
            "level": "municipality",
            "file": "municipalities.csv",
            "country": "KG",
            "region_code": "KG-T",
            "district_name_en": "Kara-Buura",
            "district_name_ru": "Кара-Бууринский район",
            "type": "ayil aimak",
            "name_ru": "Кара-Бууринский айылный аймак",
            "soate_code": "41707215818000",
        },
        "parent": None,
        "candidates": [],
        "seed_names": {
            "ky": ["Талас, Кара-Буура АА", "Кызыл-Адыр айыл аймагынын"],
            "ru": ["Талас, Кара-Бурунский АА", "Кызыл-Адырского айыльного округа"],
            "en": ["Talas, Kara-Buura v.", "Kyzyl-Adyr village administration"],
        },
        "note": (
            "Russian text prints 'Кара-Бурунский'; Kyrgyz and English print Kara-Buura. "
            "Кара-Бууринский АА has its centre in Кызыл-Адыр (gazetteer notes)."
        ),
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
}


# --- Organisations and people --------------------------------------------------------------------

ORGANISATIONS: Final[list[Record]] = [
    {
        "key": "saferworld",
        "kind": "international_ngo",
        "names": {"en": "Saferworld"},
        "acronym": None,
        "legal_form": None,
        "country": None,
        "website": None,
        "note": "The Russian item calls it 'международной организацией Saferworld'.",
        "source": SRC_FERGHANA,
        "also_in": [],
    },
    {
        "key": "asti",
        "kind": "local_ngo",
        "names": {"en": "ASTI", "ru": "АНТИ"},
        "acronym": "ASTI",
        "legal_form": {"en": "PO", "ru": "ОО"},
        "country": "TJ",
        "website": None,
        "note": (
            "Printed PO “ASTI” (RT) in the English item and ОО АНТИ in the Russian item on the "
            "same news page; treated as one organisation (English and Russian acronyms). Neither "
            "acronym is expanded in the seed. (RT) = Republic of Tajikistan."
        ),
        "source": SRC_FERGHANA,
        "also_in": [],
    },
    {
        "key": "yid",
        "kind": "local_ngo",
        "names": {"en": "YID"},
        "acronym": "YID",
        "legal_form": {"en": "PO"},
        "country": "TJ",
        "website": None,
        "note": "Printed PO “YID” (RT); the acronym is not expanded in the seed.",
        "source": SRC_FERGHANA,
        "also_in": [],
    },
    {
        "key": "fti",
        "kind": "local_ngo",
        "names": {"en": "FTI"},
        "acronym": "FTI",
        "legal_form": None,
        "country": "KG",
        "website": None,
        "note": (
            "Printed FTI (KR); the acronym is not expanded in the seed, so kind is a best guess."
        ),
        "source": SRC_FERGHANA,
        "also_in": [],
    },
    {
        "key": "uk-mfa",
        "kind": "donor_agency",
        "names": {"en": "Ministry of Foreign Affairs of Great Britain"},
        "acronym": None,
        "legal_form": None,
        "country": "GB",
        "website": None,
        "note": None,
        "source": SRC_FERGHANA,
        "also_in": [],
    },
    {
        "key": "unodc",
        "kind": "un_agency",
        "names": {"en": "United Nations Office on Drugs and Crime"},
        "acronym": "UNODC",
        "legal_form": None,
        "country": None,
        "website": None,
        "note": (
            "Seed 002 also mentions 'UNODC ROCA' (not expanded) and the 'UNODC Regional Programme "
            "for Central Asia 2015-2019'."
        ),
        "source": SRC_SVERDLOVSK,
        "also_in": [SRC_PREVENTION_IN_ACTION],
    },
    {
        "key": "for-reforms-and-results",
        "kind": "local_ngo",
        "names": {"en": "For Reforms and Results"},
        "acronym": None,
        "legal_form": {"en": "Civil Union"},
        "country": "KG",
        "website": None,
        "note": (
            "Printed both 'For Reforms and Results' and 'For Reforms and Result'. Country from "
            "context (works in Kyrgyz municipalities)."
        ),
        "source": SRC_SVERDLOVSK,
        "also_in": [SRC_PREVENTION_IN_ACTION],
    },
    {
        "key": "sverdlovsk-district-administration",
        "kind": "local_government",
        "names": {"en": "Sverdlovsk district administration"},
        "acronym": None,
        "legal_form": None,
        "country": "KG",
        "website": None,
        "note": (
            "Administration of the Sverdlovsk district of Bishkek; its head issued the order "
            "establishing the working group."
        ),
        "source": SRC_SVERDLOVSK,
        "also_in": [],
    },
    {
        "key": "us-inl",
        "kind": "donor_agency",
        "names": {"en": "US Bureau for International Narcotics and Law Enforcement Affairs"},
        "acronym": "INL",
        "legal_form": None,
        "country": "US",
        "website": None,
        "note": None,
        "source": SRC_PREVENTION_IN_ACTION,
        "also_in": [],
    },
    {
        "key": "usaid",
        "kind": "donor_agency",
        "names": {"en": "USAID"},
        "acronym": "USAID",
        "legal_form": None,
        "country": "US",
        "website": None,
        "names_other": {
            "fr": "Agence de Développement International du Gouvernement des Etats Unis",
        },
        "note": "The seed (a French-language page) gives the French name and the acronym only.",
        "source": SRC_ACTIVE_COMMUNITIES,
        "also_in": [],
    },
    {
        "key": "fhi-360",
        "kind": "international_ngo",
        "names": {"en": "FHI 360"},
        "acronym": None,
        "legal_form": None,
        "country": None,
        "website": None,
        "note": "Listed as 'Mise en œuvre' (implementer).",
        "source": SRC_ACTIVE_COMMUNITIES,
        "also_in": [],
    },
    {
        "key": "acted",
        "kind": "international_ngo",
        "names": {"en": "ACTED"},
        "acronym": "ACTED",
        "legal_form": None,
        "country": None,
        "website": None,
        "note": "Listed under 'Partenaires'.",
        "source": SRC_ACTIVE_COMMUNITIES,
        "also_in": [],
    },
    {
        "key": "fvlwb",
        "kind": "local_ngo",
        "names": {"en": "Ferghana Valley Lawyers Without Borders"},
        "acronym": None,
        "legal_form": None,
        "country": None,
        "website": None,
        "note": "Listed under 'Partenaires'; the seed gives no country.",
        "source": SRC_ACTIVE_COMMUNITIES,
        "also_in": [],
    },
    {
        "key": "european-union",
        "kind": "donor_agency",
        "names": {"en": "European Union", "ru": "Европейский Союз", "ky": "Европа Биримдиги"},
        "acronym": "EU",
        "legal_form": None,
        "country": None,
        "website": None,
        "note": (
            "Russian printed as 'Европейским Союзом' / 'Европейского Союза'; nominative given. "
            "Acronym from 'EU Delegation' / 'ЕС' / 'ЕБ'."
        ),
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "eu-delegation-kg",
        "kind": "donor_agency",
        "names": {"en": "EU Delegation to the Kyrgyz Republic"},
        "acronym": None,
        "legal_form": None,
        "country": None,
        "website": None,
        "note": "Its head, Ambassador Eduard Auer, is quoted in the newsletter.",
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "international-alert",
        "kind": "international_ngo",
        "names": {"en": "International Alert"},
        "acronym": None,
        "legal_form": None,
        "country": None,
        "website": "https://www.international-alert.org/",
        "email": "kyrgyzstan@international-alert.org",
        "social": [
            "InterAlertKG",
            "internationalalertkg",
            "internationalalertkgz",
            "International Alert Kyrgyzstan",
        ],
        "note": "Website printed as 'www.international-alert.org/' (scheme added).",
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "institute-for-development-policy",
        "kind": "local_ngo",
        "names": {
            "en": "Institute for Development Policy",
            "ru": "Институт Политики Развития",
            "ky": "Өнүктүрүү Саясат Институту",
        },
        "acronym": None,
        "legal_form": None,
        "country": None,
        "website": None,
        "note": (
            "Russian printed in the instrumental case ('Институтом Политики Развития'); the "
            "nominative is given here. The seed gives no acronym or country."
        ),
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "national-mediation-center",
        "kind": "other",
        "names": {
            "en": "National Mediation Center",
            "ru": "Национальный Центр Медиации",
            "ky": "Улуттук Медиация Борбору",
        },
        "acronym": None,
        "legal_form": None,
        "country": "KG",
        "website": None,
        "note": (
            "Printed in capitals in the newsletter header (НАЦИОНАЛЬНЫЙ ЦЕНТР МЕДИАЦИИ / УЛУТТУК "
            "МЕДИАЦИЯ БОРБОРУ); Russian text uses the instrumental 'Национальным Центром "
            "Медиации', nominative given. The seed does not say whether it is a state body or an "
            "NGO."
        ),
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "cec-kg",
        "kind": "state_body",
        "names": {"en": "CEC of the Kyrgyz Republic", "ru": "ЦИК КР"},
        "acronym": "CEC",
        "legal_form": None,
        "country": "KG",
        "website": None,
        "note": (
            "Attended the presentation of the 50 initiatives in Bishkek. Not expanded in the seed."
        ),
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "cornelius-society",
        "kind": "local_ngo",
        "names": {"ky": "Корнелиус Коому", "ru": "Общество Корнелиуса", "en": "Cornelius Society"},
        "acronym": None,
        "legal_form": {"ky": "КФ", "ru": "ОФ", "en": "PF"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "community-development-alliance",
        "kind": "local_ngo",
        "names": {
            "ky": "Community Development Alliance",
            "ru": "Community Development Alliance",
            "en": "Community Development Alliance",
        },
        "acronym": None,
        "legal_form": {"ky": "КБ", "ru": "ОО", "en": "PA"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "agerkech",
        "kind": "local_ngo",
        "names": {"ky": "Агеркеч", "ru": "Агеркеч", "en": "Agerkech"},
        "acronym": None,
        "legal_form": {"ky": "КБ", "ru": "ОО", "en": "PA"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "community-development-center",
        "kind": "local_ngo",
        "names": {
            "ky": "Жамааттарды өнүктүрүү борбору",
            "ru": "Центр развития сообществ",
            "en": "Community Development Center",
        },
        "acronym": None,
        "legal_form": {"ky": "мекемеси", "ru": "Учреждение", "en": "Organization"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "bagyt-crisis-center",
        "kind": "local_ngo",
        "names": {
            "ky": "БАГЫТ кризистик борбору",
            "ru": "Кризисный центр БАГЫТ",
            "en": "Crisis Center BAGIT",
        },
        "acronym": None,
        "legal_form": {"ru": "ОО", "en": "PA"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "league-of-child-rights-defenders",
        "kind": "local_ngo",
        "names": {
            "ky": "Баланын Укуктарын Коргоочулар Лигасы",
            "ru": "Лига Защитников Прав Ребенка",
            "en": "League of Defenders of the Rights of the Child",
        },
        "acronym": None,
        "legal_form": {"ru": "ОФ", "en": "PF"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "cscs-nookat",
        "kind": "local_ngo",
        "names": {"ky": "Ноокат ЖКАБ", "ru": "ЦПГО Ноокат", "en": "CSCS Nookat"},
        "acronym": None,
        "legal_form": {"en": "PA"},
        "country": "KG",
        "website": None,
        "note": "Acronyms ЖКАБ / ЦПГО / CSCS are not expanded in the seed.",
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "jash-niet",
        "kind": "local_ngo",
        "names": {"ky": "Жаш Ниет", "ru": "Жаш Ниет", "en": "Jash Niet"},
        "acronym": None,
        "legal_form": {"ky": "КБ", "ru": "ОО", "en": "PA"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "center-for-vulnerable-groups",
        "kind": "local_ngo",
        "names": {
            "ky": "Калктын аялуу топторун коргоо жана өнүктүрүү борбору",
            "ru": "Центр развития и защиты уязвимых групп населения",
            "en": (
                "Center for the Development and Protection of Vulnerable Groups of the Population"
            ),
        },
        "acronym": None,
        "legal_form": {"ky": "КФ", "ru": "ОФ", "en": "PF"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "interbilim",
        "kind": "local_ngo",
        "names": {
            "ky": "Интербилим эл аралык борбору",
            "ru": 'Международный центр "Интербилим"',
            "en": 'International Center "Interbilim"',
        },
        "acronym": None,
        "legal_form": {"ky": "КФ", "ru": "ОФ", "en": "PF"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "nookat-irrigator",
        "kind": "local_ngo",
        "names": {"ky": "Ноокат Ирригатор", "ru": "Ноокат Ирригатор", "en": "Nookat Irrigator"},
        "acronym": None,
        "legal_form": {"ky": "КФ", "ru": "ОФ", "en": "PF"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "demilgeluu-jashtar",
        "kind": "local_ngo",
        "names": {"ky": "Демилгелуу жаштар", "ru": "Демилгелуу жаштар", "en": "Demilgeluu jashtar"},
        "acronym": None,
        "legal_form": {"en": "PA"},
        "country": "KG",
        "website": None,
        "note": "The English text glosses the name as 'Proactive youth'.",
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "tynchtyk",
        "kind": "local_ngo",
        "names": {"ky": "Тынчтык", "ru": "Тынчтык", "en": "Tynchtyk"},
        "acronym": None,
        "legal_form": {"ky": "КБ", "ru": "ОО", "en": "PA"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "kyrgyz-jash-kuch",
        "kind": "local_ngo",
        "names": {"ky": "Кыргыз Жаш Күч", "ru": "Кыргыз Жаш Куч", "en": "Kyrgyz Jash Kuch"},
        "acronym": None,
        "legal_form": {"ky": "КБ", "ru": "ОО", "en": "PA"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "aikan",
        "kind": "local_ngo",
        "names": {"ky": "Айкан", "ru": "Айкан", "en": "Aikan"},
        "acronym": None,
        "legal_form": {"ky": "КФ", "ru": "ОФ", "en": "PF"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "mekenim-ala-too",
        "kind": "local_ngo",
        "names": {"ky": "Мекеним Ала-Тоо", "ru": "Мекеним Ала-Тоо", "en": "Mekenim Ala-Too"},
        "acronym": None,
        "legal_form": {"ky": "КФ", "ru": "ОФ", "en": "PF"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "greenlight",
        "kind": "local_ngo",
        "names": {"ky": "Гринлайт", "ru": "Гринлайт", "en": "Greenlight"},
        "acronym": None,
        "legal_form": {"ky": "КФ", "ru": "ОФ", "en": "PF"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "development-of-young-citizens",
        "kind": "local_ngo",
        "names": {
            "ky": "Жаш жарандарды өстүрүү",
            "ru": "Развитие молодых граждан",
            "en": "Development of young citizens",
        },
        "acronym": None,
        "legal_form": {"ky": "КФ", "ru": "ОФ", "en": "PF"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "womens-council-karakul",
        "kind": "local_ngo",
        "names": {
            "ky": "Каракөл ш. Аялдар кеңеши",
            "ru": "Женский совет г. Каракуль",
            "en": "Women's Council of Karakul",
        },
        "acronym": None,
        "legal_form": {"ru": "ОО", "en": "NGO"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "tilektesh-el",
        "kind": "local_ngo",
        "names": {"ky": "Тилектеш Эл", "ru": "Тилектеш Эл", "en": "Tilektesh EI"},
        "acronym": None,
        "legal_form": {"ky": "КБ", "ru": "ОО", "en": "NGO"},
        "country": "KG",
        "website": None,
        "note": (
            "English printed 'Tilektesh EI' (probably OCR for 'El', cf. Kyrgyz/Russian 'Тилектеш "
            "Эл'); kept as printed."
        ),
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "activist",
        "kind": "local_ngo",
        "names": {"ky": "Активист", "ru": "Активист", "en": "Activist"},
        "acronym": None,
        "legal_form": {"ky": "КБ", "ru": "ОО", "en": "PA"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "border-youth-network",
        "kind": "local_ngo",
        "names": {
            "ky": "Чек арага жакын жаштар тармагы",
            "ru": "Сеть приграничной молодежи",
            "en": "Network of Border Youth",
        },
        "acronym": None,
        "legal_form": {"ky": "КФ", "ru": "ОО", "en": "PA"},
        "country": "KG",
        "website": None,
        "note": (
            "Legal form differs between versions: КФ (ky, public foundation) vs ОО / PA (ru/en, "
            "public association)."
        ),
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "peace-initiatives",
        "kind": "local_ngo",
        "names": {"ky": "Тынчтык демилгелер", "ru": "Мирные инициативы", "en": "Peace Initiatives"},
        "acronym": None,
        "legal_form": {"ky": "КБ", "ru": "ОО", "en": "PA"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "dilanar",
        "kind": "local_ngo",
        "names": {"ky": "Диланар", "ru": "Диланар", "en": "Dilanan"},
        "acronym": None,
        "legal_form": {"ky": "КБ", "ru": "ОО", "en": "PA"},
        "country": "KG",
        "website": None,
        "note": "English printed 'Dilanan'; Kyrgyz and Russian print 'Диланар'. Kept as printed.",
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
    {
        "key": "onol-ayim",
        "kind": "local_ngo",
        "names": {"ky": "Оңол Айым", "ru": "Онол Айым", "en": "Onol Ayim"},
        "acronym": None,
        "legal_form": {"ky": "КФ", "ru": "ОФ", "en": "PF"},
        "country": "KG",
        "website": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
        "also_in": [],
    },
]

PEOPLE: Final[list[Record]] = [
    {
        "key": "samarbek-bolotbekov",
        "full_name": "Samarbek Bolotbekov",
        "sex": "male",
        "sex_basis": "Russian-pattern surname ending (-ov)",
        "position": {"en": "the head of the Sverdlovsk district administration"},
        "organisation": "sverdlovsk-district-administration",
        "role_in_seed": "Issued the order establishing the Sverdlovsk district working group.",
        "quote": None,
        "source": SRC_SVERDLOVSK,
    },
    {
        "key": "kuhn-markvering",
        "full_name": "Kuhn Markvering",
        "sex": None,
        "sex_basis": None,
        "position": {"en": "international coordinator of the UN Office on Drugs and Crime (UNODC)"},
        "organisation": "unodc",
        "role_in_seed": "Quoted in the 'Prevention in Action' announcement.",
        "quote": {
            "en": (
                "Crime prevention is a broad concept, it covers the causes and risk factors "
                "associated with crime and its victims and is aimed at reducing the "
                "vulnerability, opportunities and benefits of offenses. Many activities targeted "
                "at improving the safety of the community can be accomplished through the efforts "
                "of the community itself. The UNODC experience has shown that joint work on crime "
                "prevention at the local level produces excellent results."
            ),
        },
        "source": SRC_PREVENTION_IN_ACTION,
    },
    {
        "key": "urmat-kazakbayev",
        "full_name": "Urmat Kazakbayev",
        "sex": "male",
        "sex_basis": "Russian-pattern surname ending (-ev)",
        "position": {"en": "the Co-chairman of the Civil Union"},
        "organisation": "for-reforms-and-results",
        "role_in_seed": "Quoted in the 'Prevention in Action' announcement.",
        "quote": {
            "en": (
                "Joint plans can be considered as a ready project to search for investors, "
                "sponsors and donors for the needs of communities."
            ),
        },
        "source": SRC_PREVENTION_IN_ACTION,
    },
    {
        "key": "vasilina-brazko",
        "full_name": "Vasilina Brazko",
        "sex": "female",
        "sex_basis": "given name",
        "position": {"en": "National Communication and PR Officer, UNODC ROCA"},
        "organisation": "unodc",
        "role_in_seed": (
            "Press contact of the announcement (the seed's phone number is not copied; no e-mail "
            "address is printed)."
        ),
        "quote": None,
        "source": SRC_PREVENTION_IN_ACTION,
    },
    {
        "key": "eduard-auer",
        "full_name": "Eduard Auer",
        "full_name_i18n": {"en": "Eduard Auer", "ru": "Эдуард Ауэр", "ky": "Эдуард Ауэр"},
        "sex": "male",
        "sex_basis": "given name",
        "position": {
            "en": "Head of the EU Delegation, Ambassador",
            "ru": "глава Представительства ЕС, посол",
            "ky": "ЕБ Өкүлчүлүгүнүн башчысы, элчи",
        },
        "organisation": "eu-delegation-kg",
        "role_in_seed": "Quoted in the Living in Peace newsletter.",
        "quote": {
            "en": (
                "Besides the implementation of peace initiatives, we aim to work on increasing "
                "the capacity of local civil society organizations in order to even after the "
                "completion of our project, these organizations could use the skills and "
                "experience gained to their benefit of their village, district, and region."
            ),
            "ru": (
                "Помимо реализации мирных инициатив, мы нацелены работать над повышением "
                "потенциала местных организаций гражданского общества, чтобы даже после "
                "завершения нашего проекта полученные навыки и опыт эти организации использовали "
                "на благо своего аймака, района и области"
            ),
            "ky": (
                "Тынчтык демилгелерин ишке ашыруудан тышкары, биз жергиликтүү жарандык коом "
                "уюмдарынын потенциалын жогорулатуунун үстүндө иштөөнү максат кылабыз. Анын "
                "аркасында долбоор соңуна чыккандан кийин дагы, бул уюмдар алган тажрыйба менен "
                "жөндөмдөрүн өз аймагынын, районунун жана облусунун пайдасына колдонуусу үчүн "
                "керек"
            ),
        },
        "source": SRC_LIVING_IN_PEACE,
    },
]


# --- Programmes and projects ---------------------------------------------------------------------

PROGRAMMES: Final[list[Record]] = [
    {
        "slug": "ferghana-valley",
        "names": {"en": "Community security in the Ferghana valley"},
        "projects": ["community-security-ferghana-valley", "police-public-interaction-tajikistan"],
        "note": (
            "Seed 000 is one news page of PO ASTI / ОО АНТИ: the Ferghana valley project, the "
            "police-public interaction project (2016) and a drawings exhibition (2017)."
        ),
        "source": SRC_FERGHANA,
    },
    {
        "slug": "joint-plans",
        "names": {"en": "Joint crime-prevention plans"},
        "projects": [
            "joint-crime-prevention-plans-2015-2016",
            "sverdlovsk-district-joint-plan-pilot",
        ],
        "note": "Name compiled. UNODC with the Civil Union 'For Reforms and Results'.",
        "source": SRC_SVERDLOVSK,
        "also_in": [SRC_PREVENTION_IN_ACTION],
    },
    {
        "slug": "prevention-in-action",
        "names": {"en": "Prevention in Action"},
        "projects": ["prevention-in-action"],
        "note": None,
        "source": SRC_PREVENTION_IN_ACTION,
    },
    {
        "slug": "active-communities",
        "names": {"en": "Active Communities (Jigerduu Jarandar)"},
        "projects": ["active-communities"],
        "note": None,
        "source": SRC_ACTIVE_COMMUNITIES,
    },
    {
        "slug": "living-in-peace",
        "names": {"en": "Living in Peace", "ru": "Ынтымактуу Жашоо", "ky": "Ынтымактуу Жашоо"},
        "projects": ["living-in-peace"],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
]

PROJECTS: Final[list[Record]] = [
    {
        "slug": "community-security-ferghana-valley",
        "programme": "ferghana-valley",
        "titles": {"en": "Community security in the Ferghana valley"},
        "title_is_compiled": False,
        "summary": {
            "en": (
                "In 15 communities of Batken, Osh and Jalal-Abad regions of Kyrgyzstan and Sughd "
                "region of Tajikistan partner organizations Saferworld, PO “ASTI” (RT), the PO "
                "“YID” (RT) and FTI (KR) implement the project “Community security in the "
                "Ferghana valley”. The project is supported by the Ministry of Foreign Affairs of "
                "Great Britain."
            ),
        },
        "description": {
            "en": (
                "In 15 communities of Batken, Osh and Jalal-Abad regions of Kyrgyzstan and Sughd "
                "region of Tajikistan partner organizations Saferworld, PO “ASTI” (RT), the PO "
                "“YID” (RT) and FTI (KR) implement the project “Community security in the "
                "Ferghana valley”. The project is supported by the Ministry of Foreign Affairs of "
                "Great Britain.\n\nIn September and October, 2013 a study was conducted with the "
                "purpose of identification new target communities. As a result of the study PO "
                "“ASTI” will additionally work in jamoats Surkh and Vorukh of Isfara "
                "district.\n\nSince April 2014 PO “ASTI” has started its project activities in "
                "abovementioned jamoats as well.\n\nIn April of this year several meetings were "
                "held with the head of Isfara district, chairmen of jamoats Surkh and Vorukh, "
                "where were presented the main activities of the project and the key achievements "
                "of the project in the previous target communities. Following the meetings, "
                "agreements were reached on cooperation of local authorities with the "
                "project.\n\nIn May of this year it is planned to organize meetings in the new "
                "target communities with the aim of formation a working group on communities’ "
                "security (WGCS) of the number of activists, representatives of local authorities "
                "and law enforcement agencies. Also it is scheduled to begin a series of meetings "
                "in all target communities on the “Cycle of security”. The first step of the "
                "activity will be organization of meetings with the population to determine the "
                "safety problems."
            ),
        },
        "status": None,
        "status_note": (
            "The seed (an ASTI news page) describes work under way in 2013-2014 and gives no "
            "start or end date. Its date stamp '1 may 2012' conflicts with the text, which "
            "reports events of September 2013 to May 2014."
        ),
        "start": None,
        "start_precision": None,
        "end": None,
        "end_precision": None,
        "budget": None,
        "currency": None,
        "themes": ["community_security"],
        "partners": [
            {
                "org": "uk-mfa",
                "role": "funding",
                "lead": None,
                "note": None,
                "source": SRC_FERGHANA,
            },
            {
                "org": "saferworld",
                "role": "implementing",
                "lead": None,
                "note": None,
                "source": SRC_FERGHANA,
            },
            {
                "org": "asti",
                "role": "implementing",
                "lead": None,
                "note": None,
                "source": SRC_FERGHANA,
            },
            {
                "org": "yid",
                "role": "implementing",
                "lead": None,
                "note": None,
                "source": SRC_FERGHANA,
            },
            {
                "org": "fti",
                "role": "implementing",
                "lead": None,
                "note": None,
                "source": SRC_FERGHANA,
            },
        ],
        "areas": [
            "kg-batken-region",
            "kg-osh-region",
            "kg-jalal-abad-region",
            "tj-sughd-region",
            "tj-isfara",
        ],
        "communities": [
            {
                "locality": "tj-surkh",
                "start": "2014-04-01",
                "start_precision": "month",
                "population_covered": None,
                "note": (
                    "New target community (selected after the Sept-Oct 2013 study); PO ASTI "
                    "started work there from April 2014."
                ),
                "source": SRC_FERGHANA,
            },
            {
                "locality": "tj-vorukh",
                "start": "2014-04-01",
                "start_precision": "month",
                "population_covered": None,
                "note": (
                    "New target community (selected after the Sept-Oct 2013 study); PO ASTI "
                    "started work there from April 2014."
                ),
                "source": SRC_FERGHANA,
            },
        ],
        "communities_note": (
            "The seed gives 15 communities in Batken, Osh, Jalal-Abad (KG) and Sughd (TJ) but "
            "names only the two jamoats added in 2014."
        ),
        "source": SRC_FERGHANA,
    },
    {
        "slug": "police-public-interaction-tajikistan",
        "programme": "ferghana-valley",
        "titles": {"ru": "Взаимодействие милиции с общественностью"},
        "title_is_compiled": False,
        "summary": {
            "ru": (
                "Начиная с июня 2016 года ОО АНТИ в партнерстве с международной организацией "
                "Saferworld реализует проект «Взаимодействие милиции с общественностью». Данный "
                "проект реализуется в г.Душанбе, РРП и 5-ти районах Согдийской области РТ."
            ),
        },
        "description": {
            "ru": (
                "Начиная с июня 2016 года ОО АНТИ в партнерстве с международной организацией "
                "Saferworld реализует проект «Взаимодействие милиции с общественностью». Данный "
                "проект реализуется в г.Душанбе, РРП и 5-ти районах Согдийской области РТ."
            ),
        },
        "status": None,
        "status_note": "Started June 2016 per the seed; no end date or later information.",
        "start": "2016-06-01",
        "start_precision": "month",
        "end": None,
        "end_precision": None,
        "budget": None,
        "currency": None,
        "themes": ["police_public_relations", "community_security"],
        "partners": [
            {
                "org": "asti",
                "role": "implementing",
                "lead": True,
                "note": "Printed 'ОО АНТИ' in the Russian item.",
                "source": SRC_FERGHANA,
            },
            {
                "org": "saferworld",
                "role": "implementing",
                "lead": False,
                "note": "'в партнерстве с международной организацией Saferworld'",
                "source": SRC_FERGHANA,
            },
        ],
        "areas": ["tj-dushanbe", "tj-drs", "tj-sughd-region"],
        "communities": [],
        "communities_note": (
            "Dushanbe, the districts of republican subordination (РРП) and 5 districts of Sughd "
            "region; the five districts are not named."
        ),
        "source": SRC_FERGHANA,
    },
    {
        "slug": "joint-crime-prevention-plans-2015-2016",
        "programme": "joint-plans",
        "titles": {"en": "Development of joint plans for crime prevention"},
        "title_is_compiled": True,
        "title_note": (
            "From the seed's phrase 'the programme for the development of joint plans for crime "
            "prevention'; the seed gives no formal title."
        ),
        "summary": {
            "en": (
                "Joint plans were successfully implemented in 12 municipalities of Kyrgyzstan "
                "under the auspices of the United Nations Office on Drugs and Crime and the Civil "
                "Union in the past. Activities were carried out in relation to public security "
                "issues reported by the population, police and local government bodies."
            ),
        },
        "description": {
            "en": (
                "Joint plans were successfully implemented in 12 municipalities of Kyrgyzstan "
                "under the auspices of the United Nations Office on Drugs and Crime and the Civil "
                "Union in the past. Activities were carried out in relation to public security "
                "issues reported by the population, police and local government bodies. To solve "
                "these issues, financial resources were allocated from the local budget and "
                "businessmen, international organizations and residents rendered assistance as "
                "well. Those activities promoted drawing of the police, population and local "
                "government bodies together\n\nThis initiative was successfully implemented in 12 "
                "pilot villages and cities of Kyrgyzstan, covering 245 thousand people. The "
                "amount of more than 14 million soms was allocated from local budgets to "
                "implement joint plans last year.\n\nEvidence of the effectiveness of this "
                "approach was closer cooperation between local authorities and communities in "
                "solving problems in the sphere of law and order and earning public confidence in "
                "the police in the territories where the program was implemented.\n\nThus, for "
                "example, in Maksat village of Leilek District, where the role of the district "
                "police officer is very high, local residents and Ayil Okmotu by a common deed "
                "method built a community police office and a house for the district police "
                "officer. While in Uch-Korgon of Kadamjai District, Batken Oblast, local "
                "authorities, in collaboration with the community people, involved minors in "
                "volunteer work to organize various events, thereby channeling the leadership "
                "potential in the right direction and reducing the risk of racketeering."
            ),
        },
        "status": "completed",
        "status_note": "Seed 002 (July 2017): 'implemented in 2015 - 2016'.",
        "start": "2015-01-01",
        "start_precision": "year",
        "end": "2016-12-31",
        "end_precision": "year",
        "budget": None,
        "currency": None,
        "themes": ["crime_prevention", "local_governance", "police_public_relations"],
        "partners": [
            {
                "org": "unodc",
                "role": "implementing",
                "lead": None,
                "note": None,
                "source": SRC_PREVENTION_IN_ACTION,
            },
            {
                "org": "for-reforms-and-results",
                "role": "implementing",
                "lead": None,
                "note": None,
                "source": SRC_PREVENTION_IN_ACTION,
            },
        ],
        "areas": ["kg-leilek-district"],
        "communities": [
            {
                "locality": "kg-maksat-village",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": (
                    "Named as an example: community police office and a house for the district "
                    "police officer built by residents and the Ayil Okmotu."
                ),
                "source": SRC_PREVENTION_IN_ACTION,
            },
            {
                "locality": "kg-uch-korgon-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": (
                    "Named as an example: minors involved in volunteer work, reducing the risk of "
                    "racketeering."
                ),
                "source": SRC_PREVENTION_IN_ACTION,
            },
        ],
        "communities_note": (
            "12 pilot municipalities ('12 pilot villages and cities'), 245 thousand people in "
            "total; only Maksat and Uch-Korgon are named. No per-community population is given."
        ),
        "population_covered_total": 245000,
        "source": SRC_PREVENTION_IN_ACTION,
        "also_in": [SRC_SVERDLOVSK],
    },
    {
        "slug": "sverdlovsk-district-joint-plan-pilot",
        "programme": "joint-plans",
        "titles": {"en": "Joint crime-prevention pilot in the Sverdlovsk district of Bishkek"},
        "title_is_compiled": True,
        "title_note": (
            "The seed is a news item headed 'They will fight against crime together in Bishkek'; "
            "it gives no formal project title."
        ),
        "summary": {
            "en": (
                "Consistent operation on prevention of violations involving various stakeholders "
                "- the police, local government bodies and civil society, shall for the first "
                "time begin in the capital. The operation will take place in the Sverdlovsk "
                "district of Bishkek and be a pilot. In the future, the present experience might "
                "be transferred to other districts of the capital."
            ),
        },
        "description": {
            "en": (
                "Consistent operation on prevention of violations involving various stakeholders "
                "- the police, local government bodies and civil society, shall for the first "
                "time begin in the capital. The operation will take place in the Sverdlovsk "
                "district of Bishkek and be a pilot. In the future, the present experience might "
                "be transferred to other districts of the capital. The present initiative is "
                "being implemented under the auspices of the United Nations Office on Drugs and "
                "Crime and the “For Reforms and Results” Civil Union.\n\nTo this end, the head of "
                "the Sverdlovsk district administration Samarbek Bolotbekov issued order to "
                "establish a working group. The group consists of deputies of Bishkek City "
                "Council Gulnara Moldobaeva and Adisa Imangazieva, deputy head of the district’s "
                "Internal Affairs Department Bakyt Artykbayev, as well as representatives of "
                "akimiat, Interdistrict Territorial Administration, CBPC, educational "
                "institutions and the Civil Union. The working group is headed by Chinara "
                "Borbashova, the deputy head of the district administration\n\nThe first meeting "
                "of the working group to compile a plan of activities was held on the eve.\n\nIt "
                "is planned to hold comprehensive study to identify priority public security "
                "issues in the district. People are already asking to pay attention to child "
                "abuse issues, teenage suicides and road safety. They are also worried about the "
                "crime situation at the Alamedin market, Dordoi market and in housing "
                "estates\n\nThese and other problems will be analyzed during the study. After "
                "that, the working group will determine priorities in order to develop a joint "
                "plan to solve them."
            ),
        },
        "status": None,
        "status_note": (
            "Reported on 3 April 2018 as starting (working group set up, first meeting held); no "
            "later information."
        ),
        "start": None,
        "start_precision": None,
        "end": None,
        "end_precision": None,
        "budget": None,
        "currency": None,
        "themes": [
            "crime_prevention",
            "police_public_relations",
            "child_abuse",
            "teenage_suicide",
            "road_safety",
            "crime_markets_housing",
        ],
        "partners": [
            {
                "org": "unodc",
                "role": "implementing",
                "lead": None,
                "note": None,
                "source": SRC_SVERDLOVSK,
            },
            {
                "org": "for-reforms-and-results",
                "role": "implementing",
                "lead": None,
                "note": None,
                "source": SRC_SVERDLOVSK,
            },
        ],
        "areas": ["kg-bishkek-sverdlov"],
        "communities": [],
        "communities_note": (
            "The seed works at the level of the Sverdlovsk city district (districts.csv row "
            "'Sverdlov')."
        ),
        "source": SRC_SVERDLOVSK,
    },
    {
        "slug": "prevention-in-action",
        "programme": "prevention-in-action",
        "titles": {"en": "Prevention in Action"},
        "title_is_compiled": False,
        "summary": {
            "en": (
                "Under the Small Grants Programme of the United Nations Office on Drugs and "
                'Crime, "Prevention in Action", public associations and activists of six regions '
                "of Kyrgyzstan will launch 12 projects aimed at preventing offenses in the "
                "Republic."
            ),
        },
        "description": {
            "en": (
                "Under the Small Grants Programme of the United Nations Office on Drugs and "
                'Crime, "Prevention in Action", public associations and activists of six regions '
                "of Kyrgyzstan will launch 12 projects aimed at preventing offenses in the "
                "Republic.\n\nThe projects were selected by a grant committee consisting of "
                "representatives of government authorities, NGOs and independent experts. They "
                "will be implemented in Jety-Oguz District (Issyk-Kul Oblast), Suzak and "
                "Kyzyl-Tuusk Ayil Aimaks (Jalal-Abad Oblast), Nariman Ayil Aymak, in the towns of "
                "Nookat and Kara Suu (Osh Oblast), in Sverdlovsky District of Bishkek, Amanbayev "
                "Aiyl Aymak (Talas oblast), Kulunda and Uch-Korgon Ayil Aimaks (Batken "
                "Oblast).\n\nThe selected projects are aimed at assisting local self-governments "
                "and other parties at the local level in developing and implementing joint plans "
                "for the prevention of violations, counteracting the religious radicalization of "
                "young people, reducing the risks of early marriages, preventing juvenile "
                "delinquency, informing the population about road safety standards, ensuring "
                "local public security in places, in particular, in the transboundary villages of "
                "Leilek District of Kyrgyzstan and Gafurov District of Tajikistan.\n\nThe UNODC "
                "Small Grants Programme is a continuation of the programme for the development of "
                "joint plans for crime prevention implemented in 2015 - 2016 by the United "
                'Nations Office on Drugs and Crime and the Civil Union "For Reforms and '
                'Result."\n\nThe Small Grants Programme is under implementation within the '
                "framework of the UNODC Regional Programme for Central Asia 2015-2019, with the "
                "financial support of the US Bureau for International Narcotics and Law "
                "Enforcement Affairs (INL)."
            ),
        },
        "status": None,
        "status_note": (
            "Announced on 11 July 2017 ('will launch 12 projects'); no start or end date. "
            "Framework: UNODC Regional Programme for Central Asia 2015-2019."
        ),
        "start": None,
        "start_precision": None,
        "end": None,
        "end_precision": None,
        "announced_on": "2017-07-11",
        "budget": None,
        "currency": None,
        "themes": [
            "crime_prevention",
            "local_governance",
            "religious_radicalisation",
            "early_marriage",
            "youth_delinquency",
            "road_safety",
            "cross_border",
        ],
        "partners": [
            {
                "org": "us-inl",
                "role": "funding",
                "lead": None,
                "note": None,
                "source": SRC_PREVENTION_IN_ACTION,
            },
            {
                "org": "unodc",
                "role": "implementing",
                "lead": True,
                "note": "Runs the Small Grants Programme.",
                "source": SRC_PREVENTION_IN_ACTION,
            },
        ],
        "areas": [
            "kg-jeti-oguz-district",
            "kg-bishkek-sverdlov",
            "kg-leilek-district",
            "tj-ghafurov-district",
        ],
        "communities": [
            {
                "locality": "kg-suzak-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": None,
                "source": SRC_PREVENTION_IN_ACTION,
            },
            {
                "locality": "kg-kyzyl-tuu-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": None,
                "source": SRC_PREVENTION_IN_ACTION,
            },
            {
                "locality": "kg-nariman-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": None,
                "source": SRC_PREVENTION_IN_ACTION,
            },
            {
                "locality": "kg-nookat-town",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": None,
                "source": SRC_PREVENTION_IN_ACTION,
            },
            {
                "locality": "kg-kara-suu-town",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": None,
                "source": SRC_PREVENTION_IN_ACTION,
            },
            {
                "locality": "kg-amanbayev-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": None,
                "source": SRC_PREVENTION_IN_ACTION,
            },
            {
                "locality": "kg-kulundu-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": None,
                "source": SRC_PREVENTION_IN_ACTION,
            },
            {
                "locality": "kg-uch-korgon-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": None,
                "source": SRC_PREVENTION_IN_ACTION,
            },
        ],
        "communities_note": (
            "Implementation places as listed in the seed: Jety-Oguz District and Sverdlovsky "
            "District of Bishkek (district level), plus the ayil aimaks and towns above. The "
            "Leilek (KG) and Gafurov (TJ) districts are named only for the 'transboundary "
            "villages' focus."
        ),
        "source": SRC_PREVENTION_IN_ACTION,
    },
    {
        "slug": "active-communities",
        "programme": "active-communities",
        "titles": {"en": "Active Communities (Jigerduu Jarandar)"},
        "title_is_compiled": False,
        "title_note": (
            "Printed in capitals: 'ACTIVE COMMUNITIES (JIGERDUU JARANDAR) KYRGYZSTAN'; the text "
            "says 'The Active Communities Project'."
        ),
        "summary": {
            "en": (
                "The Active Communities Project is designed to improve people’s lives in "
                "Kyrgyzstan by helping communities, local governments, NGOs, and the private "
                "sector to solve problems of local concern."
            ),
        },
        "description": {
            "en": (
                "The Active Communities Project is designed to improve people’s lives in "
                "Kyrgyzstan by helping communities, local governments, NGOs, and the private "
                "sector to solve problems of local concern.\n\nThe Kyrgyz Government’s Program "
                "for Development of Local Self-Government 2018-2023 aims to mobilize resources "
                "for local development and increase the level of citizen participation in solving "
                "local-level problems. Yet challenges remain for achieving this. For example, "
                "there is only a very limited level of collaboration between citizens, government "
                "authorities, non-government organizations, and the private sector. In addition, "
                "a lack of experience in self-government often disappoint when local initiatives "
                "do not yield their intended results.\n\nThe project will support the achievement "
                "of national priorities with regards to local development by strengthening "
                "citizen participation in democratic governance. It will also help local "
                "governments, communities, civil society organizations, and the private sector to "
                "better work together for achieving common goals.\n\nThe project will work with a "
                "number of municipalities in different regions of Kyrgyzstan to:\n* Provide the "
                "expertise and resources that local communities and governments need to work "
                "together and solve local problems;\n* Strengthen partnerships between local "
                "communities and big national civil society organizations, and support their "
                "advocacy work to improve public services in the country;\n* Strengthen citizens’ "
                "understanding of their legal rights and improve their access to justice."
            ),
        },
        "status": "completed",
        "status_note": "End date (Sep. 2024) from the seed is in the past.",
        "start": "2019-10-01",
        "start_precision": "month",
        "end": "2024-09-30",
        "end_precision": "month",
        "budget": "14000000",
        "currency": "USD",
        "budget_as_printed": "$14 million",
        "themes": ["local_governance", "civic_participation", "access_to_justice"],
        "partners": [
            {
                "org": "usaid",
                "role": "funding",
                "lead": None,
                "note": None,
                "source": SRC_ACTIVE_COMMUNITIES,
            },
            {
                "org": "fhi-360",
                "role": "implementing",
                "lead": True,
                "note": "'Mise en œuvre'",
                "source": SRC_ACTIVE_COMMUNITIES,
            },
            {
                "org": "acted",
                "role": "implementing",
                "lead": False,
                "note": "'Partenaires'",
                "source": SRC_ACTIVE_COMMUNITIES,
            },
            {
                "org": "fvlwb",
                "role": "implementing",
                "lead": False,
                "note": "'Partenaires'",
                "source": SRC_ACTIVE_COMMUNITIES,
            },
        ],
        "areas": [],
        "communities": [],
        "communities_note": (
            "'a number of municipalities in different regions of Kyrgyzstan'; none is named."
        ),
        "source": SRC_ACTIVE_COMMUNITIES,
    },
    {
        "slug": "living-in-peace",
        "programme": "living-in-peace",
        "titles": {"en": "Living in Peace", "ru": "Ынтымактуу Жашоо", "ky": "Ынтымактуу Жашоо"},
        "title_is_compiled": False,
        "alt_titles": {"en": ["Yntymaktuu Jashoo", "Yntymaktuu Zhashoo"]},
        "title_note": "The Russian version uses the Kyrgyz name.",
        "summary": {
            "ky": (
                "Биздин максат – тынчтыкка багыт алган күчтүрөөк жаштар кыймылдары менен күчтүү "
                "жарандык коомду түзүү жана чыр-чатактарды алдын алуу боюнча жергиликтүү бийлик "
                "органдарынын ыйгарым укуктарын эффективдүүрөөк ишке ашыруу. Биз тынчтык "
                "риторикасын жана позитивдүү саясий маданиятты алдыга жылдырып, чыр-чатактарды "
                "алдын алуу үчүн диалогго активдүү жаштарды тарткыбыз келет."
            ),
            "ru": (
                "Наша цель - сильное гражданское общество, с более сильными молодежными "
                "движениями, ориентированными на мир, и более эффективному осуществлению "
                "полномочий местных органов власти по предотвращению конфликтов. Мы хотим вовлечь "
                "активных молодых людей в диалог для продвижения мирной риторики и позитивной "
                "политической культуры и предотвращения конфликтов."
            ),
            "en": (
                "Our goal is a strong civil society with stronger peace-oriented youth movements "
                "and more effective implementation of local government authorities to prevent "
                "conflicts. We want to involve active young people in dialogue to promote "
                "peaceful rhetoric and a positive political culture and conflict prevention."
            ),
        },
        "description": {
            "ky": (
                '"Ынтымактуу Жашоо" долбоорунун максаты активдүү жаштарды, жарандык коомду жана '
                "жергиликтүү өз алдынча башкаруу органдарын социалдык чыр-чатактарды алдын "
                "алууда, укук жана тартиптүүлүктү сактоодо колдоо, ошондой эле, Кыргызстандын "
                "тандалып алынган 25 локациясында медиация жөндөмдөрүнө үйрөтүү болуп саналат. "
                "Долбоор Европа Биримдигинин каржылык колдоосунда, International Alert тарабынан "
                "Өнүктүрүү Саясат Институту жана Улуттук Медиация Борбору менен биргеликте ишке "
                "ашырылууда. Долбоордун узактыгы: 2021 апрель – 2022 сентябрь."
            ),
            "ru": (
                'Целью проекта "Ынтымактуу Жашоо" является поддержка активной молодежи, '
                "гражданского общества и органов местного самоуправления по профилактике "
                "социальных конфликтов, поддержания правопорядка, а также обучения навыкам "
                "медиации в 25 отобранных локациях Кыргызстана. Проект финансируется Европейским "
                "Союзом и реализуется International Alert в партнерстве с Институтом Политики "
                "Развития и Национальным Центром Медиации. Длительность проекта: апрель 2021 - "
                "сентябрь 2022."
            ),
            "en": (
                'The aim of "Yntymaktuu Jashoo" (Living in Peace) Project is to support active '
                "youth, civil society, and local government bodies to prevent social conflicts, "
                "to maintain law and order, as well as to teach mediation skills in 25 selected "
                "locations in Kyrgyzstan. The project is funded by the European Union and "
                "implemented by International Alert in partnership with the Institute for "
                "Development Policy and the National Mediation Center. Project Duration: April "
                "2021 - September 2022."
            ),
        },
        "status": "completed",
        "status_note": "End date (September 2022) from the seed is in the past.",
        "start": "2021-04-01",
        "start_precision": "month",
        "end": "2022-09-30",
        "end_precision": "month",
        "budget": None,
        "currency": None,
        "themes": [
            "conflict_prevention",
            "peacebuilding",
            "mediation",
            "youth",
            "local_governance",
            "interethnic_tension",
        ],
        "partners": [
            {
                "org": "european-union",
                "role": "funding",
                "lead": None,
                "note": None,
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "org": "international-alert",
                "role": "implementing",
                "lead": True,
                "note": None,
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "org": "institute-for-development-policy",
                "role": "implementing",
                "lead": False,
                "note": None,
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "org": "national-mediation-center",
                "role": "implementing",
                "lead": False,
                "note": None,
                "source": SRC_LIVING_IN_PEACE,
            },
        ],
        "areas": [],
        "communities": [
            {
                "locality": "kg-tokmok-city",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-01.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-kurama-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-02.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-mtu-1",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-03.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-leninskoye-chui",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-04.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-balykchy-city",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-05.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-tyup-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-06.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-nookat-town",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-07.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-tepe-korgon-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-08.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-kara-kulja-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-09.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-uzgen-town",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-10.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-leninsky-lg-osh",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-11.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-kochkor-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-12.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-naryn-city",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-13.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-tash-kumyr-city",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-14.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-terek-sai-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-15.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-a-suerkulov-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-16.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-mailuu-suu-city",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-17.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-jany-jol-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-18.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-kara-kul-city",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-19.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-kargalyk-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-20.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-sumbula-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-21.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-birlik-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-22.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-suu-bashy-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-23.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-pokrovka-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-24.",
                "source": SRC_LIVING_IN_PEACE,
            },
            {
                "locality": "kg-kara-buura-aa",
                "start": None,
                "start_precision": None,
                "population_covered": None,
                "note": "Location of civil-society grant LiP-CSO-25.",
                "source": SRC_LIVING_IN_PEACE,
            },
        ],
        "communities_note": (
            "25 locations in Kyrgyzstan. The list is taken from the 25 civil-society grants; the "
            "25 local-government grants are not listed in the seed."
        ),
        "source": SRC_LIVING_IN_PEACE,
    },
]


# --- Grant programmes and grants -----------------------------------------------------------------

LIVING_IN_PEACE_REGION_HEADINGS: Final[dict[str, dict[str, str]]] = {
    "KG-C": {"ky": "Чүй облусу", "ru": "Чуйская область", "en": "Chui region"},
    "KG-Y": {"ky": "Ысык-Көл облусу", "ru": "Иссык-Кульская область", "en": "Issyk-Kul region"},
    "KG-O": {"ky": "Ош облусу", "ru": "Ошская область", "en": "Osh region"},
    "KG-N": {"ky": "Нарын облусу", "ru": "Нарынская область", "en": "Naryn region"},
    "KG-J": {"ky": "Жалал-Абад облусу", "ru": "Джалал-Абадская область", "en": "Jalal-Abad region"},
    "KG-B": {"ky": "Баткен облусу", "ru": "Баткенская область", "en": "Batken region"},
    "KG-T": {"ky": "Талас облусу", "ru": "Таласская область", "en": "Talas region"},
}

LIVING_IN_PEACE_CSO_GRANTS: Final[list[Record]] = [
    {
        "reference": "LiP-CSO-01",
        "grantee": "cornelius-society",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": '"Корнелиус Коому" КФ',
            "ru": 'ОФ "Общество Корнелиуса"',
            "en": 'PF "Cornelius Society"',
        },
        "titles": {"ky": "Биримдик үчүн", "ru": "Во имя единства", "en": "In the name of unity"},
        "summary": {
            "ky": (
                '"Корнелиус Коому" КФ (Токмок ш.) "Биримдик үчүн", долбоорун ишке ашырууда. Анын '
                "максаты – Этникалык Өнүгүү Кеңешин, жана жаштарды тартып, Кыргыз Жараны "
                "концепциясына таянып, жергиликтүү бийлик органдары менен жарандык коомдун "
                "ортосунда диалог куруу болуп эсептелет."
            ),
            "ru": (
                'ОФ "Общество Корнелиуса" (г. Токмок) реализует проект "Во имя единства", целью '
                "которого является построение диалога между органами местной власти и "
                "гражданского общества с вовлечением Совета Этнического Развития, молодежи, "
                "основываясь на концепции Кыргыз Жараны."
            ),
            "en": (
                'PF "Cornelius Society" (Tokmok c.) implements a project called "In the name of '
                'unity", its purpose is to build a dialogue between local authorities and civil '
                "society with the involvement Council of Ethnic Development, youth, based on the "
                "concept of Kyrgyz Jarany."
            ),
        },
        "region_code": "KG-C",
        "locality": "kg-tokmok-city",
        "place_as_printed": {"ky": "Токмок ш.", "ru": "г. Токмок", "en": "Tokmok c."},
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "local_governance", "youth"],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-02",
        "grantee": "community-development-alliance",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": "'Community Development Alliance' КБ",
            "ru": "ОО 'Community Development Alliance'",
            "en": 'PA "Community Development Alliance"',
        },
        "titles": {
            "ky": "Жергиликтүү жамаатта тынчтыкты алдыга жылдыруу",
            "ru": "Продвижение мира в местном сообществе",
            "en": "Promoting peace in the local community",
        },
        "summary": {
            "ky": (
                "'Community Development Alliance' КБ (Курама АА) \"Жергиликтүү жамаатта тынчтыкты "
                'алдыга жылдыруу" долбоору үстүндө иштөөдө. Жергиликтүү бийлик органдарына '
                "ишенимди жогорулатуу жана жергиликтүү көйгөйлөрдү (мисалы, көп учурда "
                "чыр-чатактарды жаратып жаткан сугат суусу менен камсыздоо маселесин) талкуулоо "
                "жана чечүү үчүн аянтчаны түзүү пландалууда."
            ),
            "ru": (
                "ОО 'Community Development Alliance' (Курама) работает над проектом \"Продвижение "
                'мира в местном сообществе". Планируется повысить уровень доверия к органам '
                "местной власти и создать площадку для обсуждения и решения местных проблем, "
                "например, обеспечение поливной водой, которое часто становится источников "
                "конфликтов."
            ),
            "en": (
                'PA "Community Development Alliance" (Kurama) works on a project "Promoting peace '
                'in the local community". It is planned to increase the level of confidence in '
                "local authorities and create a platform for discussing and solving local "
                "problems, for example, providing irrigation water which often becomes a source "
                "of conflict."
            ),
        },
        "region_code": "KG-C",
        "locality": "kg-kurama-aa",
        "place_as_printed": {"ky": "Курама АА", "ru": "Курама", "en": "Kurama"},
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "local_governance", "water_conflict"],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-03",
        "grantee": "agerkech",
        "grantee_type": "civil_society",
        "grantee_as_printed": {"ky": '"Агеркеч" КБ', "ru": 'ОО "Агеркеч"', "en": 'PA "Agerkech"'},
        "titles": {
            "ky": "Тынчтык куруунун инклюзивдүү инновациялык платформасы",
            "ru": "Инклюзивная инновационная платформа миростроительства",
            "en": "Inclusive Innovation Platform for Peacebuilding",
        },
        "summary": {
            "ky": (
                '"Агеркеч" КБ (ЖАБ-1) чыр-чатактарды эртелеп алдын алуунун модели катары иштеген '
                '"Тынчтык куруунун инклюзивдүү инновациялык платформасы" долбоорун тартуулады. '
                "Мындан тышкары, энергиянын кайра жаралуучу булактарын колдонуу жана сууну "
                'үнөмдөө аркылуу мамлекеттик – жеке өнөктөштүктүн инклюзивдүү "жашыл" '
                "инфраструктурасын өнүктүрүү пландалууда."
            ),
            "ru": (
                'ОО "Агеркеч" (МТУ-1) представили проект "Инклюзивная инновационная платформа '
                'миростроительства", который будет действовать как модель раннего предупреждения '
                'конфликтов. Также планируется развитие инклюзивной "зеленой" инфраструктуры '
                "государственно-частного партнерства с применением возобновляемых источников "
                "энергии и сбережения воды."
            ),
            "en": (
                'PA "Agerkech" (MTU-1) presented the project "Inclusive Innovation Platform for '
                'Peacebuilding" which will work as a model of early conflict prevention. It is '
                'also planned to develop an inclusive "green" infrastructure of public-private '
                "partnership using renewable energy sources and water conservation."
            ),
        },
        "region_code": "KG-C",
        "locality": "kg-mtu-1",
        "place_as_printed": {"ky": "ЖАБ-1", "ru": "МТУ-1", "en": "MTU-1"},
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "peacebuilding"],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-04",
        "grantee": "community-development-center",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": '"Жамааттарды өнүктүрүү борбору" мекемеси',
            "ru": 'Учреждение "Центр развития сообществ"',
            "en": 'Organization "Community Development Center"',
        },
        "titles": {
            "ky": (
                "Ленин айыл аймагында чыр-чатактарды алдын алууда жарандардын жана ЖӨБOnүн "
                "активдүүлүк потенциалын жогорулатуу"
            ),
            "ru": (
                "Повышение потенциала активности граждан и ОМСУ в предупреждении конфликтов в "
                "Ленинском айыльном аймаке"
            ),
            "en": (
                "Increasing the potential of the activity of citizens and local government bodies "
                "in preventing conflicts in Leninskoe village"
            ),
        },
        "summary": {
            "ky": (
                '"Жамааттарды өнүктүрүү борбору" мекемеси (Ленин а.), "Ленин айыл аймагында '
                "чыр-чатактарды алдын алууда жарандардын жана ЖӨБOnүн активдүүлүк потенциалын "
                'жогорулатуу" долбоорун ишке ашырууда. Анын алкагында Кыргыз Жараны концепциясы '
                'алдыга жылдырылып, улут аралык демилгечил топ түзүлөт жана "Биздин Демилге" '
                "сынагы аркылуу жергиликтүү көйгөйлөрдү жана чыр-чатактарды биргелешип чечүү "
                "пландалууда."
            ),
            "ru": (
                'Учреждение "Центр развития сообществ" (с. Ленинское), реализует проект '
                '"Повышение потенциала активности граждан и ОМСУ в предупреждении конфликтов в '
                'Ленинском айыльном аймаке". В планах продвижение концепции Кыргыз Жараны, '
                "создание межнациональной инициативной группы, а также совместное решение "
                'локальных проблем и конфликтов с помощью конкурса "Наша Инициатива".'
            ),
            "en": (
                'Organization "Community Development Center" (Leninskoye v.) implements the '
                'project "Increasing the potential of the activity of citizens and local '
                'government bodies in preventing conflicts in Leninskoe village". The plans '
                "include promoting the concept of Kyrgyz Jarany, creating an interethnic "
                "initiative group, as well as jointly solving local problems and conflicts "
                'employing the "Our Initiative" competition.'
            ),
        },
        "region_code": "KG-C",
        "locality": "kg-leninskoye-chui",
        "place_as_printed": {"ky": "Ленин а.", "ru": "с. Ленинское", "en": "Leninskoye v."},
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "local_governance", "interethnic_tension"],
        "note": (
            "The Kyrgyz title is printed with Latin letters inside 'ЖӨБOnүн' (OCR); kept as "
            "printed."
        ),
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-05",
        "grantee": "bagyt-crisis-center",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": '"БАГЫТ кризистик борбору"',
            "ru": "ОО «Кризисный центр БАГЫТ»",
            "en": 'PA "Crisis Center BAGIT"',
        },
        "titles": {
            "ky": "Ынтымактуу шаар / Дружный город",
            "ru": "Ынтымактуу шаар / Дружный город",
            "en": "Yntymaktuu Shaar/Friendly City",
        },
        "summary": {
            "ky": (
                '"БАГЫТ кризистик борбору" (Балыкчы ш.), "Ынтымактуу шаар / Дружный город" '
                "долбоорунун алкагында жергиликтүү өз алдынча башкаруу органдары менен бирге "
                "жергиликтүү демилгелерди каржылап, аймактын көйгөйлөрүн чечүүгө жашоочуларды, "
                "өзгөчө жаштарды тартып, биримдикке, улут аралык ынтымакка жана тынчтыкка чакыруу "
                "каралган."
            ),
            "ru": (
                "ОО «Кризисный центр БАГЫТ» (г. Балыкчы), в рамках проекта «Ынтымактуу шаар / "
                "Дружный город» профинансирует местные инициативы совместно с органами местного "
                "самоуправления, чтобы привлечь местных жителей, особенно молодежь, к решению "
                "проблем местного значения и призвать к единству, межнациональному согласию и "
                "миру."
            ),
            "en": (
                'PA "Crisis Center BAGIT" (Balykchy c.), within the framework of the Yntymaktuu '
                "Shaar/Friendly City project, will finance local initiatives together with local "
                "government bodies in order to involve residents, especially young people, in "
                "solving local problems and appeal for unity, interethnic harmony, and peace."
            ),
        },
        "region_code": "KG-Y",
        "locality": "kg-balykchy-city",
        "place_as_printed": {"ky": "Балыкчы ш.", "ru": "г. Балыкчы", "en": "Balykchy c."},
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "youth", "interethnic_tension"],
        "note": (
            "Russian title printed «Ынтымактуу шаар /Дружный город» (space normalised). The "
            "English text spells the organisation BAGIT, Kyrgyz and Russian БАГЫТ."
        ),
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-06",
        "grantee": "league-of-child-rights-defenders",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": '"Баланын Укуктарын Коргоочулар Лигасы"',
            "ru": "ОФ «Лига Защитников Прав Ребенка»",
            "en": 'PF "League of Defenders of the Rights of the Child"',
        },
        "titles": {
            "ky": (
                "Чыр-чатактарды алдын алуу – Түп айыл аймагынын жашоочулары үчүн туруктуу "
                "өнүгүүнүн негизги"
            ),
            "ru": (
                "Предупреждение конфликтов – основа устойчивого развития для жителей Тюпского "
                "Айыльного Аймака"
            ),
            "en": (
                "Conflict prevention is the basis of sustainable development for the residents of "
                "Tyup Aiyl Aimak"
            ),
        },
        "summary": {
            "ky": (
                '"Баланын Укуктарын Коргоочулар Лигасы" (Түп), "Чыр-чатактарды алдын алуу – Түп '
                'айыл аймагынын жашоочулары үчүн туруктуу өнүгүүнүн негизги" долбоорун ишке '
                "ашырууда. Анын максаты – чыр-чатактарды алдын алуу боюнча планды бекитүү жана "
                "чыр-чатактуулук потенциалды төмөндөтүү боюнча 150 активисттер тармагын түзүү "
                "аркылуу Түп жашоочулары үчүн коопсуз чөйрөнү жаратуу болуп эсептелет."
            ),
            "ru": (
                "ОФ «Лига Защитников Прав Ребенка» (Тюп), реализует проект «Предупреждение "
                "конфликтов – основа устойчивого развития для жителей Тюпского Айыльного Аймака», "
                "целью которого является создание безопасной среды для жителей Тюпа посредством "
                "принятия плана по предупреждению конфликтов и создания сети из 150 активистов по "
                "снижению конфликтного потенциала."
            ),
            "en": (
                'PF "League of Defenders of the Rights of the Child" (Tyup) implements the '
                'project "Conflict prevention is the basis of sustainable development for the '
                'residents of Tyup Aiyl Aimak", it aims to create a safe environment for the '
                "people of Tyup through the adoption of a conflict prevention plan and the "
                "creation of a network of 150 activists to reduce conflict risks."
            ),
        },
        "region_code": "KG-Y",
        "locality": "kg-tyup-aa",
        "place_as_printed": {"ky": "Түп", "ru": "Тюп", "en": "Tyup"},
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [
            {
                "value": 150,
                "unit": "activists",
                "text": {
                    "en": "the creation of a network of 150 activists to reduce conflict risks",
                },
            },
        ],
        "themes": ["conflict_prevention"],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-07",
        "grantee": "cscs-nookat",
        "grantee_type": "civil_society",
        "grantee_as_printed": {"ky": "Ноокат ЖКАБ", "ru": "ЦПГО Ноокат", "en": "PA CSCS Nookat"},
        "titles": {
            "ky": "Ноокат ш. ЖӨБ органдарына карата калктын ишеним деңгээлин жогорулатуу",
            "ru": "Повышение уровня доверия населения органам МСУ в г.Ноокат",
            "en": "Increasing the level of public confidence in LG bodies in Nookat",
        },
        "summary": {
            "ky": (
                'Ноокат ЖКАБ (Ноокат ш.), "Ноокат ш. ЖӨБ органдарына карата калктын ишеним '
                'деңгээлин жогорулатуу" долбоорун илгерилетүүдө. Ал жарандык коомдун чечимдерди '
                "кабыл алууга катышуусун камсыздайт, муниципалдык кызматтар жаатында Ноокат ш. "
                "мэриясынын ишмердүүлүгү жөнүндө маалымат алмашууну жакшыртат. Мындан тышкары "
                "мэрия алдында маалымат алмашуу боюнча коомдук ресурстук борбор ачылат. Учурга "
                "карата активисттер шаарда жамааттын керектөөсүн баалоо боюнча биргелешкен "
                "жумушту баштады."
            ),
            "ru": (
                "ЦПГО Ноокат (г. Ноокат), продвигает проект «Повышение уровня доверия населения "
                "органам МСУ в г.Ноокат», который обеспечивает участие гражданского общества в "
                "процессе принятия решений, улучшение обмена информацией о деятельности мэрии "
                "г.Ноокат в сфере муниципальных услуг. Также будет создан общественный ресурсный "
                "центр по информационному обмену при мэрии. На данный момент в городе активисты "
                "начали совместную оценку потребностей сообщества"
            ),
            "en": (
                'PA CSCS Nookat (Nookat c.), promotes the project "Increasing the level of public '
                'confidence in LG bodies in Nookat" which ensures the participation of civil '
                "society in the decision-making process, improvement in exchange of information "
                "on the activities of the Mayor's Office of Nookat in the municipal services "
                "area. In addition, a public resource center for information exchange will be "
                "created at the Mayor's Office. At present, activists in the city started a joint "
                "assessment of community needs"
            ),
        },
        "region_code": "KG-O",
        "locality": "kg-nookat-town",
        "place_as_printed": {"ky": "Ноокат ш.", "ru": "г. Ноокат", "en": "Nookat c."},
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "local_governance", "civic_participation"],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-08",
        "grantee": "jash-niet",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": '"Жаш Ниет" КБ',
            "ru": 'ОО "Жаш Ниет"',
            "en": 'PA "Jash Niet"',
        },
        "titles": {"ky": "Демге дем", "ru": "Демге дем", "en": "Demge dem"},
        "summary": {
            "ky": (
                '"Жаш Ниет" КБ (Тепе-Коргон) "Демге дем" долбоорун ишке ашырууда. Ал жаштарды '
                "жарандык катышуу процессине тартат, жаштар топторунун позитивдүү лидердик "
                "потенциалын окутуу аркылуу бекемдейт. Мындан тышкары, инновациялык "
                "кесиптик-багыт берүүчүлүк борборду ачуу пландалууда."
            ),
            "ru": (
                'ОО "Жаш Ниет" (Тепе-Коргон) реализует проект "Демге дем", который вовлекает '
                "молодых людей в процесс гражданского участия, укрепляет позитивный лидерский "
                "потенциал молодежных групп через обучение. Кроме того, планируется открытие "
                "инновационного профориентационного центра."
            ),
            "en": (
                'PA "Jash Niet" (Tepe-Korgon) implements the "Demge dem" project, it involves '
                "young people in the process of civic participation, strengthens the positive "
                "leadership potential of youth groups through education. Apart from, it is "
                "planned to open an innovative career support center."
            ),
        },
        "region_code": "KG-O",
        "locality": "kg-tepe-korgon-aa",
        "place_as_printed": {"ky": "Тепе-Коргон", "ru": "Тепе-Коргон", "en": "Tepe-Korgon"},
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "youth", "civic_participation"],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-09",
        "grantee": "center-for-vulnerable-groups",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": '"Калктын аялуу топторун коргоо жана өнүктүрүү борбору" КФ',
            "ru": 'ОФ "Центр развития и защиты уязвимых групп населения"',
            "en": (
                'PF "Center for the Development and Protection of Vulnerable Groups of the '
                'Population"'
            ),
        },
        "titles": {
            "ky": "Жаштар тилеги тынчтык",
            "ru": "Жаштар тилеги тынчтык",
            "en": "Jashtar tilegi tynchtyk",
        },
        "title_glosses": {"en": "The youth dream is peace"},
        "summary": {
            "ky": (
                '"Калктын аялуу топторун коргоо жана өнүктүрүү борбору" КФ (Кара-Кулжа), "Жаштар '
                'тилеги тынчтык" долбоору үстүндө иштөөдө. Ал жергиликтүү көйгөйлөрдү чечүү '
                "процессине активдүү жаштардын катышуусун көздөйт. Биринчи этапта мугалимдер "
                "толеранттуулукка, чыр-чатактарды алдын алуу механизмдерине, чыр-чатактарды "
                "тынчтык жолу менен чечүү жолдоруна жана саясий сабаттуулукка үйрөтүлдү."
            ),
            "ru": (
                'ОФ "Центр развития и защиты уязвимых групп населения" (Кара-Кулжа), работает над '
                'проектом "Жаштар тилеги тынчтык", который направлен на активное участие молодежи '
                "в процессе решения местных проблем. Первым этапом стало обучение учителей "
                "толерантности, механизмам предупреждения конфликтов, путям мирного разрешения "
                "конфликтов и политической грамотности."
            ),
            "en": (
                'PF "Center for the Development and Protection of Vulnerable Groups of the '
                'Population" (Kara-Kulzha) works on the project "Jashtar tilegi tynchtyk" ("The '
                'youth dream is peace"), which is aimed at the active participation of young '
                "people in solving of local problems. The first step was training for teachers on "
                "tolerance, conflict prevention mechanisms, ways of peaceful conflict resolution, "
                "and political literacy."
            ),
        },
        "region_code": "KG-O",
        "locality": "kg-kara-kulja-aa",
        "place_as_printed": {"ky": "Кара-Кулжа", "ru": "Кара-Кулжа", "en": "Kara-Kulzha"},
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "youth"],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-10",
        "grantee": "interbilim",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": '"Интербилим эл аралык борбору" КФ',
            "ru": 'ОФ "Международный центр "Интербилим"',
            "en": 'PF International Center "Interbilim"',
        },
        "titles": {
            "ky": (
                "Өзгөн ш. мэриясынын жана жергиликтүү жаштардын чыр-чатактарды алдын алууда "
                "кызматташуусун бекемдөө"
            ),
            "ru": (
                "Укрепление сотрудничества местной молодежи и мэрии г.Узген в предотвращении "
                "конфликтов"
            ),
            "en": (
                "Strengthening cooperation between local youth and the Mayor's Office in Uzgen in "
                "conflict prevention"
            ),
        },
        "summary": {
            "ky": (
                '"Интербилим эл аралык борбору" КФ (Өзгөн ш.), "Өзгөн ш. мэриясынын жана '
                'жергиликтүү жаштардын чыр-чатактарды алдын алууда кызматташуусун бекемдөө" '
                "долбоорун ишке ашырууда. Ал жаштардын мониторингдик топтору аркылуу мамлекеттик "
                "жана жергиликтүү кызматтарга коомдук мониторингди күчөтүүгө, ошондой эле, "
                "калктын аялуу катмарынын өкүлдөрүнө муниципалдык жана мамлекеттик кызматтарды "
                "алууда юридикалык жардам көрсөтүүгө багытталган."
            ),
            "ru": (
                'ОФ "Международный центр "Интербилим" (г. Узген), работает над проектом '
                "«Укрепление сотрудничества местной молодежи и мэрии г.Узген в предотвращении "
                "конфликтов», который направлен на усиление общественного мониторинга "
                "государственных и местных услуг с помощью молодежных мониторинговых групп, а "
                "также оказание юридической помощи представителям уязвимых слоев населения в "
                "получении муниципальных и государственных услуг."
            ),
            "en": (
                'PF International Center "Interbilim" (Uzgen c.) works on a project '
                "\"Strengthening cooperation between local youth and the Mayor's Office in Uzgen "
                'in conflict prevention" which aims to increase public monitoring of state and '
                "local services through youth monitoring groups, as well as the provision of "
                "legal assistance to representatives of vulnerable groups of the population in "
                "obtaining municipal and state services."
            ),
        },
        "region_code": "KG-O",
        "locality": "kg-uzgen-town",
        "place_as_printed": {"ky": "Өзгөн ш.", "ru": "г. Узген", "en": "Uzgen c."},
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "youth", "local_governance", "access_to_justice"],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-11",
        "grantee": "nookat-irrigator",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": '"Ноокат Ирригатор" КФ',
            "ru": 'ОФ "Ноокат Ирригатор"',
            "en": 'PF "Nookat Irrigator"',
        },
        "titles": {
            "ky": "Ынтымактуу элге ырыс конот",
            "ru": "Ынтымактуу элге ырыс конот",
            "en": "Yntymaktuu elge yrys konot",
        },
        "title_glosses": {"en": "The united nation gains prosperity"},
        "summary": {
            "ky": (
                '"Ноокат Ирригатор" КФ (Ленин ЖӨБ), «Ынтымактуу элге ырыс конот» долбоорунун '
                "үстүндө иштөөдө. Ал жаштарды жергиликтүү көйгөйлөрдү чечүү процессине "
                "катыштырып, ЖӨБ органдарына калктын ишеним деңгээлин жогорулатат."
            ),
            "ru": (
                'ОФ "Ноокат Ирригатор" (Ленинское МСУ), работает над проектом «Ынтымактуу элге '
                "ырыс конот», который включит молодежь в процесс принятия решений местных проблем "
                "и повысит доверие населения к органам МСУ."
            ),
            "en": (
                'PF "Nookat Irrigator" (Leninsky LG) works on the "Yntymaktuu elge yrys konot" '
                "(The united nation gains prosperity) project, which will include youth in the "
                "decision-making process of local issues and increase public confidence in LG "
                "bodies."
            ),
        },
        "region_code": "KG-O",
        "locality": "kg-leninsky-lg-osh",
        "place_as_printed": {"ky": "Ленин ЖӨБ", "ru": "Ленинское МСУ", "en": "Leninsky LG"},
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "youth", "local_governance"],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-12",
        "grantee": "demilgeluu-jashtar",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": '"Демилгелуу жаштар"',
            "ru": "Демилгелуу жаштар",
            "en": 'PA "Demilgeluu jashtar"',
        },
        "titles": {
            "ky": "Жаштар арасында саясий агартуучулукту медиа аркылуу алдыга жылдыруу",
            "ru": "Подвижение политического просвещения через медиа среди молодежи",
            "en": "Promotion of Political Awareness through Media among the Youth",
        },
        "summary": {
            "ky": (
                '"Демилгелуу жаштар" (Кочкор АА) "Жаштар арасында саясий агартуучулукту медиа '
                'аркылуу алдыга жылдыруу" долбоорун тартуулайт. Ал жаштар үчүн саясий билим '
                "берүүчүлүк курсун түзүүнү камтыйт."
            ),
            "ru": (
                'Демилгелуу жаштар (АО Кочкор) представляет проект "Подвижение политического '
                'просвещения через медиа среди молодежи", который создаст образовательный курс в '
                "контексте политического образования для молодежи."
            ),
            "en": (
                'PA "Demilgeluu jashtar" ("Proactive youth") (Kochkor v.) presents the project '
                '"Promotion of Political Awareness through Media among the Youth" which will '
                "create an educational course with political education context for young people."
            ),
        },
        "region_code": "KG-N",
        "locality": "kg-kochkor-aa",
        "place_as_printed": {"ky": "Кочкор АА", "ru": "АО Кочкор", "en": "Kochkor v."},
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "youth"],
        "note": "Russian title printed 'Подвижение' (sic, for 'Продвижение'); kept as printed.",
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-13",
        "grantee": "tynchtyk",
        "grantee_type": "civil_society",
        "grantee_as_printed": {"ky": "«Тынчтык» КБ", "ru": "ОО «Тынчтык»", "en": 'PA "Tynchtyk"'},
        "titles": {
            "ky": "Ийгилик ачкычы ынтымак",
            "ru": "Ийгилик ачкычы - ынтымак",
            "en": "lygilik achkychy -yntymak",
        },
        "title_glosses": {"en": "The key of success is unity"},
        "summary": {
            "ky": (
                '«Тынчтык» КБ (Нарын ш.) "Ийгилик ачкычы ынтымак" долбоору үстүндө иштеп жатат. '
                "Анын максаты - GALS методикасын колдонуу аркылуу шайлоого чейин жана шайлоодон "
                "кийин пайда болуучу чыр-чатактарды алдын алуу жана чечүү, ошондой эле, "
                "коммуникативдик аянтчаны түзүү."
            ),
            "ru": (
                'ОО «Тынчтык» (г. Нарын) работает над проектом "Ийгилик ачкычы - ынтымак", его '
                "цель - предотвращение и разрешение конфликтов, возникших до и после выборов "
                "между с использованием методики GALS, а также создание коммуникативной площадки."
            ),
            "en": (
                'PA "Tynchtyk" (Naryn c.) works on the project "lygilik achkychy -yntymak" (The '
                "key of success is unity), its goal is to prevent and resolve conflicts that "
                "arose before and after the elections using the GALS methodology, as well as to "
                "create a communication platform."
            ),
        },
        "region_code": "KG-N",
        "locality": "kg-naryn-city",
        "place_as_printed": {"ky": "Нарын ш.", "ru": "г. Нарын", "en": "Naryn c."},
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "post_election_conflict"],
        "note": (
            "Kyrgyz organisation printed '«Тынчтык»КБ' (space added). English title printed "
            "'lygilik achkychy -yntymak' (an OCR 'l' for 'I'); kept as printed."
        ),
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-14",
        "grantee": "kyrgyz-jash-kuch",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": '"Кыргыз Жаш Күч" КБ',
            "ru": 'ОО "Кыргыз Жаш Куч"',
            "en": 'PA "Kyrgyz Jash Kuch"',
        },
        "titles": {
            "ky": (
                "Таш-Көмүр ш. жаштары арасында достук мамилени бекемдөө жана шайлоодон кийинки "
                "чыр-чатактарды алдын алуу"
            ),
            "ru": (
                "Укрепление дружественных отношений среди молодежи г.Таш-Кумыр и профилактика "
                "поствыборных конфликтов"
            ),
            "en": (
                "Strengthening friendly relations among the youth of Tash-Kumyr city and "
                "preventing post-election conflicts"
            ),
        },
        "summary": {
            "ky": (
                '"Кыргыз Жаш Күч" КБ "Таш-Көмүр ш. жаштары арасында достук мамилени бекемдөө жана '
                'шайлоодон кийинки чыр-чатактарды алдын алуу" долбоорун ишке ашырып, жергиликтүү '
                "депутаттар кеңешинин потенциалын, жаштардын жергиликтүү деңгээлдеги көйгөйлөрдү "
                "чечүүгө катышуусун жогорулатууну, ошондой эле, тренинг борборун ачууну пландап "
                "жатат."
            ),
            "ru": (
                'ОО "Кыргыз Жаш Куч" реализует проект "Укрепление дружественных отношений среди '
                'молодежи г.Таш-Кумыр и профилактика поствыборных конфликтов" и планируют '
                "повысить потенциал депутатов местных кенешей, повысить участие молодежи в "
                "решении проблем местного уровня, а также открыть тренинговый центр."
            ),
            "en": (
                'PA "Kyrgyz Jash Kuch" implements the project "Strengthening friendly relations '
                'among the youth of Tash-Kumyr city and preventing post-election conflicts" and '
                "it plans to increase the capacity of deputies of local parliaments, increase "
                "youth participation in solving problems at the local level, and open a training "
                "center."
            ),
        },
        "region_code": "KG-J",
        "locality": "kg-tash-kumyr-city",
        "place_as_printed": None,
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "youth", "post_election_conflict"],
        "note": "No place is printed in brackets; the locality is taken from the project title.",
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-15",
        "grantee": "aikan",
        "grantee_type": "civil_society",
        "grantee_as_printed": {"ky": '"Айкан" КФ', "ru": 'ОФ "Айкан"', "en": 'PF "Aikan"'},
        "titles": {
            "ky": (
                "Шайлоодон кийинки мезгилде калк менен ЖӨБО ортосунда өз ара аракеттенүүнү "
                "жакшыртуу"
            ),
            "ru": "Улучшение взаимодействия между населением и ОМСУ в поствыборный период",
            "en": (
                "Improvement of interaction between the population and LG bodies in the "
                "post-election period"
            ),
        },
        "summary": {
            "ky": (
                '"Айкан" КФ (Терек-Сай), "Шайлоодон кийинки мезгилде калк менен ЖӨБО ортосунда өз '
                'ара аракеттенүүнү жакшыртуу" долбоорун ишке ашырууда. Ал өз ара аракеттенүүнүн '
                "эффективдүү форматтары, диалог жана чыр-чатактарды тынчтык жолу менен чечүү "
                "боюнча ЖӨБО менен жарандык активисттердин потенциалын жогорулатууга, ошондой "
                "эле, ЖӨБО ишмердүүлүгүнүн отчеттуулугун жана ачык-айкындуулугун камсыздоого "
                "багытталган."
            ),
            "ru": (
                'ОФ "Айкан" (Терек-Сай), представляет проект "Улучшение взаимодействия между '
                'населением и ОМСУ в поствыборный период", который нацелен на повышение '
                "потенциала ОМСУ и гражданских активистов по эффективным форматам взаимодействия, "
                "диалогу и мирному разрешению конфликтов, а также на обеспечение прозрачности и "
                "подотчетности деятельности ОМСУ."
            ),
            "en": (
                'PF "Aikan" (Terek-Sai) presents the project "Improvement of interaction between '
                'the population and LG bodies in the post-election period", which aims in '
                "increasing the capacity of LG bodies and civil activists in effective "
                "interaction formats, dialogue, and peaceful conflict resolution, as well as "
                "ensuring transparency and accountability of LG bodies activities."
            ),
        },
        "region_code": "KG-J",
        "locality": "kg-terek-sai-aa",
        "place_as_printed": {"ky": "Терек-Сай", "ru": "Терек-Сай", "en": "Terek-Sai"},
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "local_governance", "post_election_conflict"],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-16",
        "grantee": "mekenim-ala-too",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": '"Мекеним Ала-Тоо" КФ',
            "ru": 'ОФ "Мекеним Ала-Тоо"',
            "en": 'PF "Mekenim Ala-Too"',
        },
        "titles": {
            "ky": "Элет жеринин ынтымак куруучулары",
            "ru": "Элет жеринин ынтымак куруучулары",
            "en": "Elet zherinin yntymak kuruuchulary",
        },
        "title_glosses": {"en": "Peacemakers in the village territory"},
        "summary": {
            "ky": (
                '"Мекеним Ала-Тоо" КФ А. Сүйөркулов айыл аймагында "Элет жеринин ынтымак '
                'куруучулары" долбоорун ишке ашырып, 80 активисттерди окутуу үчүн коомдук-алдын '
                "алуу борборун камсыздоону көздөп жатышат."
            ),
            "ru": (
                'ОФ "Мекеним Ала-Тоо" в айыльном аймаке А. Суеркулов реализует проект "Элет '
                'жеринин ынтымак куруучулары" для обеспечения общественно-профилактического '
                "центра, с помощью которого обучат 80 активистов."
            ),
            "en": (
                'PF "Mekenim Ala-Too" in A. Suerkulov village implements the project "Elet '
                'zherinin yntymak kuruuchulary" ("Peacemakers in the village territory") to '
                "provide a public prevention center, employing it 80 activists will be trained"
            ),
        },
        "region_code": "KG-J",
        "locality": "kg-a-suerkulov-aa",
        "place_as_printed": {
            "ky": "А. Сүйөркулов айыл аймагында",
            "ru": "в айыльном аймаке А. Суеркулов",
            "en": "in A. Suerkulov village",
        },
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [
            {
                "value": 80,
                "unit": "activists trained",
                "text": {
                    "en": (
                        "to provide a public prevention center, employing it 80 activists will be "
                        "trained"
                    ),
                },
            },
        ],
        "themes": ["conflict_prevention", "crime_prevention"],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-17",
        "grantee": "greenlight",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": '"Гринлайт" КФ',
            "ru": 'ОФ "Гринлайт"',
            "en": 'PF "Greenlight"',
        },
        "titles": {
            "ky": "Жаштар демилгеси – өнүгүүгө карай жол",
            "ru": "Молодежная инициатива - путь к развитию",
            "en": "Youth Initiative - the Path to Development",
        },
        "summary": {
            "ky": (
                '"Гринлайт" КФ Майлуу-Суу ш. "Жаштар демилгеси – өнүгүүгө карай жол" долбоорун '
                "ишке ашырууда. Чыр-чатактарды алдын алуу боюнча маалыматтык компанияны өткөрүү "
                "жана жаштардын демилгечил тобун түзүп, жергиликтүү көйгөйлөрдү чечүү боюнча "
                "жаштардын 2 демилгесин колдоо пландалууда."
            ),
            "ru": (
                'ОФ "Гринлайт" в г. Малы-Суу реализует проект "Молодежная инициатива - путь к '
                'развитию". Планируется провести информационную кампанию, по предупреждению '
                "конфликтов, создать молодежную инициативную группу и поддержать 2 молодежные "
                "инициативы по решению местных проблем."
            ),
            "en": (
                'PF "Greenlight" in Malu-Suu city implements the project "Youth Initiative - the '
                'Path to Development". It is planned to conduct an information campaign to '
                "prevent conflicts, create a youth initiative group and support 2 youth "
                "initiatives to solve local issues."
            ),
        },
        "region_code": "KG-J",
        "locality": "kg-mailuu-suu-city",
        "place_as_printed": {
            "ky": "Майлуу-Суу ш.",
            "ru": "в г. Малы-Суу",
            "en": "in Malu-Suu city",
        },
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [
            {
                "value": 2,
                "unit": "youth initiatives supported",
                "text": {"en": "support 2 youth initiatives to solve local issues"},
            },
        ],
        "themes": ["conflict_prevention", "youth"],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-18",
        "grantee": "development-of-young-citizens",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": '"Жаш жарандарды өстүрүү" КФ',
            "ru": 'ОФ "Развитие молодых граждан"',
            "en": 'PF "Development of young citizens"',
        },
        "titles": {
            "ky": (
                "Жаңы-Жол айыл өкмөтү алдында коомдук-алдын алуу борборунун калк жана милиция "
                "менен социалдык өнөктөштүгү"
            ),
            "ru": (
                "Социальное партнерство общественно-профилактического центра при Жаны-Жолском "
                "айыл окмоту с населением и милицией"
            ),
            "en": (
                "Social partnership of the Public Prevention Center under the Jany-Jol village "
                "administration together with the population and the police"
            ),
        },
        "summary": {
            "ky": (
                '"Жаш жарандарды өстүрүү" КФ "Жаңы-Жол айыл өкмөтү алдында коомдук-алдын алуу '
                'борборунун калк жана милиция менен социалдык өнөктөштүгү" долбоорун ишке '
                "ашырууда. Анын максаты – жергиликтүү жамаатта калктын арасында чыр-чатактуулукту "
                "жана укук бузууну алдын алып, төмөндөтүү. Бул максатта КАБды окутуу, потенциалын "
                "жогорулатуу жана жергиликтүү 4 мектептин жаштары арасында чыр-чатакты жана укук "
                "бузууларды алдын алуу боюнча маалыматтык компанияны өткөрүү каралган."
            ),
            "ru": (
                'ОФ "Развитие молодых граждан" работает над проектом "Социальное партнерство '
                "общественно-профилактического центра при Жаны-Жолском айыл окмоту с населением и "
                'милицией" с целью предупреждения и снижения уровня конфликтности и '
                "правонарушений среди населения местного сообщества путем обучения и повышения "
                "потенциала ОПЦ и проведения информационной кампании по профилактике конфликтов и "
                "правонарушений среди молодежи 4 школ и местного населения."
            ),
            "en": (
                'PF "Development of young citizens" works on a project "Social partnership of the '
                "Public Prevention Center under the Jany-Jol village administration together with "
                'the population and the police" in order to prevent and reduce the level of '
                "conflict and offenses among the population of the local community by learning "
                "and raising the capacity of the PPC and conducting an information campaign on "
                "the prevention of conflicts and delinquency among young people in 4 schools and "
                "the local population."
            ),
        },
        "region_code": "KG-J",
        "locality": "kg-jany-jol-aa",
        "place_as_printed": None,
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [
            {
                "value": 4,
                "unit": "schools",
                "text": {
                    "en": (
                        "an information campaign on the prevention of conflicts and delinquency "
                        "among young people in 4 schools and the local population"
                    ),
                },
            },
        ],
        "themes": [
            "conflict_prevention",
            "crime_prevention",
            "police_public_relations",
            "youth_delinquency",
        ],
        "note": (
            "No place in brackets; Jany-Jol is named in the title and is ambiguous (Aksy or "
            "Toktogul district)."
        ),
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-19",
        "grantee": "womens-council-karakul",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": '"Каракөл ш. Аялдар кеңеши"',
            "ru": 'ОО "Женский совет г. Каракуль"',
            "en": 'NGO "Women\'s Council of Karakul"',
        },
        "titles": {
            "ky": "Коомдук алдын алуу борборлоруна жаны дем берүү",
            "ru": "Коомдук алдын алуу борборлоруна жаны дем берүү",
            "en": "Koomduk aldyn aluu borborloruna jany dem beruu",
        },
        "title_glosses": {"en": "New stimulus for the public prevention centers"},
        "summary": {
            "ky": (
                '"Каракөл ш. Аялдар кеңеши" "Коомдук алдын алуу борборлоруна жаны дем берүү" '
                "долбоорун ишке ашырууда. Ал дагы коомдук-алдын алуу борборунун потенциалын "
                "жогорулатууга багытталган."
            ),
            "ru": (
                'ОО "Женский совет г. Каракуль" реализует проект "Коомдук алдын алуу борборлоруна '
                'жаны дем берүү", который также направлен на повышение потенциала '
                "общественно-профилактического центра."
            ),
            "en": (
                'NGO "Women\'s Council of Karakul" implements the project "Koomduk aldyn aluu '
                'borborloruna jany dem beruu" (New stimulus for the public prevention centers), '
                "which aims to increase the capacity of public prevention centers."
            ),
        },
        "region_code": "KG-J",
        "locality": "kg-kara-kul-city",
        "place_as_printed": None,
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "crime_prevention"],
        "note": "No place in brackets; Kara-Kul is named in the organisation's name.",
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-20",
        "grantee": "tilektesh-el",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": '"Тилектеш Эл" КБ',
            "ru": 'ОО "Тилектеш Эл"',
            "en": 'NGO "Tilektesh EI"',
        },
        "titles": {
            "ky": "Ынтымактуу жаштар-аймактын келечеги",
            "ru": "Ынтымактуу жаштар-аймактын келечеги",
            "en": "Yntymaktuu zhashtar-aimaktyn kelechegi",
        },
        "title_glosses": {"en": "United youth is the village's future"},
        "summary": {
            "ky": (
                '"Тилектеш Эл" КБ (Каргалык АА) "Ынтымактуу жаштар-аймактын келечеги" долбоорун '
                "тартуулоодо. Ал жергиликтүү калкты ЖӨБОго туура кайрылууга, ишкердүүлүк "
                "документацияга үйрөтүүнү, жеңилдиктер тууралуу ж.б. маалымат берүүнү камтыйт. "
                "Мындан тышкары, жергиликтүү өз алдынча башкаруу органдарын чыр-чатактарды "
                "анализдөөгө жана алдын алууга окутуу, ошондой эле, жергиликтүү тоо-кен казуу "
                "компаниясы менен чыр-чатактарды чечүү боюнча жумушту камтыйт."
            ),
            "ru": (
                'ОО "Тилектеш Эл" (Каргалыкский АО) представляют проект "Ынтымактуу '
                'жаштар-аймактын келечеги", направленный на обучение местного населения написанию '
                "обращений в ОМСУ, деловой документации, информации о льготах и др., обучение "
                "органов местного самоуправления анализу и предупреждению конфликтов, а также "
                "работу по разрешению конфликтов с местной горнодобывающей компанией."
            ),
            "en": (
                'NGO "Tilektesh EI" (Kargalyk v.) presents the project "Yntymaktuu '
                'zhashtar-aimaktyn kelechegi" ("United youth is the village\'s future") aimed '
                "at training the local population in writing appeals to local governments, "
                "business documents, information about benefits, etc., training local governments "
                "in conflict analysis and prevention, as well as working to resolve conflicts "
                "with a local mining company."
            ),
        },
        "region_code": "KG-J",
        "locality": "kg-kargalyk-aa",
        "place_as_printed": {"ky": "Каргалык АА", "ru": "Каргалыкский АО", "en": "Kargalyk v."},
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "youth", "local_governance"],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-21",
        "grantee": "activist",
        "grantee_type": "civil_society",
        "grantee_as_printed": {"ky": "“Активист” КБ", "ru": 'ОО "Активист"', "en": 'PA "Activist"'},
        "titles": {
            "ky": "Эр достугу-эгиз, эл достугу-деңиз",
            "ru": "Эр достугу-эгиз, эл достугу-деңиз",
            "en": (
                "A friendship between two conquerors is doubled power, a friendship between "
                "nations is endless power"
            ),
        },
        "summary": {
            "ky": (
                "“Активист” КБ (Лейлек району, Сумбула АА), “Эр достугу-эгиз, эл достугу-деңиз” "
                "долбоорун ишкен ашырууда. Ал кыргыз жана тажик жаштар ортосунда позитивдүү "
                "мамилелерди бекемдеп, тынчтыкты орнотуу боюнча биргелешкен ишмердүүлүк аркылуу "
                "чырчатактуулук потенциалын төмөндөтүүнү көздөйт."
            ),
            "ru": (
                'ОО "Активист" (Лейлекский район, АО Сумбула) реализует проект "Эр достугу-эгиз, '
                'эл достугу-деңиз", который укрепит позитивные взаимоотношения между кыргызской и '
                "таджикской молодежью и снизит конфликтный потенциал через совместную "
                "деятельность в построении мира."
            ),
            "en": (
                'PA "Activist" (Leilek district, Sumbula v.) implements a project "A friendship '
                "between two conquerors is doubled power, a friendship between nations is endless "
                'power" which will strengthen positive relationships between Kyrgyz and Tajik '
                "youth and reduce conflict potential through joint activities in building peace."
            ),
        },
        "region_code": "KG-B",
        "locality": "kg-sumbula-aa",
        "place_as_printed": {
            "ky": "Лейлек району, Сумбула АА",
            "ru": "Лейлекский район, АО Сумбула",
            "en": "Leilek district, Sumbula v.",
        },
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "youth", "interethnic_tension"],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-22",
        "grantee": "border-youth-network",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": "“Чек арага жакын жаштар тармагы” КФ",
            "ru": 'ОО "Сеть приграничной молодежи"',
            "en": 'PA "Network of Border Youth"',
        },
        "titles": {
            "ky": "Ынтымактуу жаштар",
            "ru": "Ынтымактуу жаштар",
            "en": "Yntymaktuu jashtar",
        },
        "summary": {
            "ky": (
                "“Чек арага жакын жаштар тармагы” КФ Бирлик ААнын 13 айылында “Ынтымактуу жаштар” "
                "долбоорун ишке ашырууда. Ал жаштардын тынчтык курууда, толеранттуулукта "
                "потенциалын жогорулатууга жана жаштар менен ЖӨБО арасында маалымат алмашууну "
                "күчөтүүгө багытталган."
            ),
            "ru": (
                'ОО "Сеть приграничной молодежи" представляет проект "Ынтымактуу жаштар" в 13 '
                "селах АО Бирлик для повышения потенциала молодежи в области миростроительства, "
                "толерантности, а для усиления обмена информацией среди молодежи и ОМСУ."
            ),
            "en": (
                'PA "Network of Border Youth" presents the project "Yntymaktuu jashtar" in 13 '
                "villages of Birlik territorial administration to increase the capacity of youth "
                "in peacebuilding, tolerance area, and to strengthen the information exchange "
                "among youth and local government bodies."
            ),
        },
        "region_code": "KG-B",
        "locality": "kg-birlik-aa",
        "place_as_printed": {
            "ky": "Бирлик ААнын 13 айылында",
            "ru": "в 13 селах АО Бирлик",
            "en": "in 13 villages of Birlik territorial administration",
        },
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [
            {
                "value": 13,
                "unit": "villages",
                "text": {"en": "in 13 villages of Birlik territorial administration"},
            },
        ],
        "themes": ["conflict_prevention", "youth", "peacebuilding", "cross_border"],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-23",
        "grantee": "peace-initiatives",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": "“Тынчтык демилгелер” КБ",
            "ru": 'ОО "Мирные инициативы"',
            "en": 'PA "Peace Initiatives"',
        },
        "titles": {
            "ky": (
                "Суу-Башы айыл аймагында кызматташууну жана биримдикти өнүктүрүү үчүн жергиликтүү "
                "жарандык демилгелер"
            ),
            "ru": (
                "Местные гражданские инициативы для развития сотрудничества и сплоченности "
                "сообществ в Суу-Башинском айылном округе"
            ),
            "en": (
                "Local civic initiatives for the development of cooperation and cohesion of "
                "communities in the Suu-Bashy territorial administration"
            ),
        },
        "summary": {
            "ky": (
                "“Тынчтык демилгелер” КБ “Суу-Башы айыл аймагында кызматташууну жана биримдикти "
                "өнүктүрүү үчүн жергиликтүү жарандык демилгелер” долбоорун ишке ашырууда. ЖӨБО, "
                "активисттер жана башка кызыктар тараптар ортосунда кызматташууну өнүктүрүү үчүн "
                "“Local Cooperation Platform” диалог аянтчасы тузулду. Мындан тышкары, жаштар "
                "үчүн жаңы, инновациялык медиа-продуктуларды жаратуу аркылуу тынчтык идеялар "
                "алдыга жылдырылат."
            ),
            "ru": (
                'ОО "Мирные инициативы" работает над проектом "Местные гражданские инициативы для '
                "развития сотрудничества и сплоченности сообществ в Суу-Башинском айылном "
                'округе". Будет создана диалоговая площадка "Local Cooperation Platform" 1. для '
                "развития сотрудничества между ОМСУ, активистами и другими заинтересованными "
                "сторонами, а также будут продвигаться идеи мира через создание новых, "
                "инновационных медиа-продуктов для молодежи."
            ),
            "en": (
                'PA "Peace Initiatives" works on a project "Local civic initiatives for the '
                "development of cooperation and cohesion of communities in the Suu-Bashy "
                'territorial administration". A dialogue platform "Local Cooperation Platform" '
                "will be created to develop cooperation between local government bodies, "
                "activists and other stakeholders, and also will be promoted peace ideas through "
                "the creation of new, innovative media products for young people."
            ),
        },
        "region_code": "KG-B",
        "locality": "kg-suu-bashy-aa",
        "place_as_printed": None,
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "peacebuilding", "youth"],
        "note": (
            "Kyrgyz organisation printed '“Тынчтык демилгелер ” КБ' (space removed). The Kyrgyz "
            "text says the 'Local Cooperation Platform' was set up (тузулду); the Russian and "
            "English say it will be created. The Russian text has a stray '1.' after the platform "
            "name."
        ),
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-24",
        "grantee": "dilanar",
        "grantee_type": "civil_society",
        "grantee_as_printed": {"ky": "“Диланар” КБ", "ru": 'ОО "Диланар"', "en": 'PA "Dilanan"'},
        "titles": {
            "ky": "Келечек учур менен калыптанышы керек – Покровка айыл аймагында тынчтык куруу",
            "ru": (
                "Будущее должно быть заложено в настоящем - Миростроительство в Покровском "
                "айыльном аймаке"
            ),
            "en": "The future should be laid in the present - Peacebuilding in Pokrovsky village",
        },
        "summary": {
            "ky": (
                "“Диланар” КБ “Келечек учур менен калыптанышы керек – Покровка айыл аймагында "
                "тынчтык куруу” долбоорун ишке ашырууда. Долбоор Коомдук-алдын алуу борборунун "
                "потенциалын жогорулатат жана анын алкагында 2022-2025-жылдарга тынчтык куруу "
                "боюнча программа иштелип чыгат."
            ),
            "ru": (
                'ОО "Диланар" реализует проект "Будущее должно быть заложено в настоящем - '
                'Миростроительство в Покровском айыльном аймаке". Проект повысит потенциал '
                "Общественно-профилактического центра. а также разработает программу по "
                "миростроительству на 2022-2025 годы."
            ),
            "en": (
                'PA "Dilanan" implements the project "The future should be laid in the present - '
                'Peacebuilding in Pokrovsky village". The project will increase the capacity of '
                "the Public Prevention Center, and will develop a peacebuilding program for "
                "2022-2025."
            ),
        },
        "region_code": "KG-T",
        "locality": "kg-pokrovka-aa",
        "place_as_printed": None,
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [
            {
                "value": "2022-2025",
                "unit": "period of the peacebuilding programme to be developed",
                "text": {"en": "will develop a peacebuilding program for 2022-2025"},
            },
        ],
        "themes": ["conflict_prevention", "peacebuilding", "crime_prevention"],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "reference": "LiP-CSO-25",
        "grantee": "onol-ayim",
        "grantee_type": "civil_society",
        "grantee_as_printed": {
            "ky": "“Оңол Айым” КФ",
            "ru": 'ОФ "Онол Айым"',
            "en": 'PF "Onol Ayim"',
        },
        "titles": {
            "ky": "Ынтымактуу Жашоо=Жаратылышты Сактоо",
            "ru": "Ынтымактуу Жашоо=Жаратылышты Сактоо",
            "en": "Peaceful life=Protection of the environment",
        },
        "summary": {
            "ky": (
                "“Оңол Айым” КФ (Талас, Кара-Буура АА), “Ынтымактуу Жашоо=Жаратылышты Сактоо” "
                "долбоору Кара-Буура ЖӨБнүн Кызыл-Адыр айыл аймагынын жайыттар комитети менен "
                "жайыттар колдонуучулары ортосунда, ошондой эле, жергиликтүү өз алдынча башкаруу "
                "органдары менен калк ортосунда чырчатактарды алдын алууга көмөктөшөт. Мындан "
                "тышкары экосистемалар мыйзамдуулугун жана алардын сакталышын, табиятка аяр "
                "мамиле кылууну жана жайыттарды рационалдуу пайдаланууга колдоо көрсөтүүнү "
                "камсыздайт."
            ),
            "ru": (
                'ОФ "Онол Айым" (Талас, Кара-Бурунский АА), проект "Ынтымактуу Жашоо=Жаратылышты '
                'Сактоо" будет содействовать предупреждению конфликтов между пользователями '
                "пастбищ и пастбищным комитетом Кызыл-Адырского айыльного округа Кара-Бурунского "
                "МСУ, местными органами самоуправления, и населением, а также будет содействовать "
                "соблюдению законности и сохранению экосистем, бережному отношению к природе и "
                "рациональному использованию пастбищ."
            ),
            "en": (
                'PF "Onol Ayim" (Talas, Kara-Buura v.), project "Peaceful life=Protection of the '
                'environment" will contribute to the conflict prevention between pasture users '
                "and the pasture committee of the Kyzyl-Adyr village administration of the "
                "Kara-Buura government, local government bodies, and the population, and will "
                "also promote compliance legitimacy and conservation of ecosystems, protect "
                "nature and rational use of pastures."
            ),
        },
        "region_code": "KG-T",
        "locality": "kg-kara-buura-aa",
        "place_as_printed": {
            "ky": "Талас, Кара-Буура АА",
            "ru": "Талас, Кара-Бурунский АА",
            "en": "Talas, Kara-Buura v.",
        },
        "amount": None,
        "currency": None,
        "start": None,
        "end": None,
        "figures": [],
        "themes": ["conflict_prevention", "pasture_conflict"],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
]

PROGRAMME_GRANTS: Final[list[Record]] = [
    {
        "slug": "prevention-in-action-small-grants",
        "names": {"en": "Prevention in Action"},
        "names_note": "The UNODC Small Grants Programme.",
        "funders": ["us-inl"],
        "managing_org": "unodc",
        "project": "prevention-in-action",
        "currency": None,
        "envelope": None,
        "accepts_civil_society": True,
        "accepts_local_government": None,
        "selection": (
            "The projects were selected by a grant committee consisting of representatives of "
            "government authorities, NGOs and independent experts."
        ),
        "grants_stated": 12,
        "grants": [],
        "grants_note": (
            "The seed announces 12 projects by 'public associations and activists' but gives no "
            "grantee, title or amount for any of them, and does not say which project is in which "
            "place. The places are recorded on the project (PROJECTS 'prevention-in-action': 10 "
            "named places plus the Leilek/Gafurov transboundary focus), not as grant records. "
            "Maksat and Uch-Korgon in the seed are examples from the earlier 2015-2016 "
            "joint-plans programme, not grants."
        ),
        "source": SRC_PREVENTION_IN_ACTION,
    },
    {
        "slug": "living-in-peace-cso-grants",
        "names": {
            "ky": "Жарандык коом уюмдары үчүн тынчтык демилгелерге 25 грант",
            "ru": "25 грантов на мирные инициативы для для организаций гражданского общества",
            "en": "25 grants on peace initiatives for civil society organizations",
        },
        "names_note": "Newsletter headings as printed (the Russian heading repeats 'для').",
        "funders": ["european-union"],
        "managing_org": "international-alert",
        "project": "living-in-peace",
        "currency": None,
        "envelope": None,
        "accepts_civil_society": True,
        "accepts_local_government": False,
        "region_headings": LIVING_IN_PEACE_REGION_HEADINGS,
        "grants_stated": 25,
        "grants": LIVING_IN_PEACE_CSO_GRANTS,
        "grants_note": (
            "Listed by oblast in the newsletter (December 2021 - February 2022), in the same "
            "order in all three languages. No amounts or dates are given. 'summary' is the "
            "newsletter bullet as printed, without link markup and without the '(watch the "
            "coverage)' link stubs."
        ),
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "slug": "living-in-peace-lg-small-grants",
        "names": {
            "ky": "ЖӨБ органдары үчүн тынчтык демилгелерге 25 чакан-гранттар",
            "ru": "25 мини-грантов на мирные инициативы для органов МСУ",
            "en": "25 small grants on peace initiatives for LG bodies",
        },
        "names_note": "Newsletter headings as printed.",
        "funders": ["european-union"],
        "managing_org": "international-alert",
        "project": "living-in-peace",
        "currency": None,
        "envelope": None,
        "accepts_civil_society": False,
        "accepts_local_government": True,
        "grants_stated": 25,
        "grants": [],
        "grants_note": (
            "The newsletter prints the heading but no list of the 25 local-government grants."
        ),
        "source": SRC_LIVING_IN_PEACE,
    },
]


# --- Working groups and members ------------------------------------------------------------------

WORKING_GROUPS: Final[list[Record]] = [
    {
        "key": "sverdlovsk-district-wg",
        "names": {"en": "Working group of the Sverdlovsk district (Bishkek)"},
        "name_is_compiled": True,
        "locality": "kg-bishkek-sverdlov",
        "projects": ["sverdlovsk-district-joint-plan-pilot"],
        "facilitating_org": "for-reforms-and-results",
        "facilitating_org_note": (
            "The Civil Union reported the group's work and is represented in it; the seed does "
            "not use the word 'facilitator'."
        ),
        "established_on": None,
        "founding_act": {
            "kind": "order",
            "number": None,
            "date": None,
            "issued_by": "the head of the Sverdlovsk district administration Samarbek Bolotbekov",
            "issued_by_person": "samarbek-bolotbekov",
            "issued_by_org": "sverdlovsk-district-administration",
        },
        "chair": "chinara-borbashova",
        "status": "active",
        "status_note": "First meeting held shortly before the report of 3 April 2018.",
        "purpose": {
            "en": (
                "The first meeting of the working group to compile a plan of activities was held "
                "on the eve."
            ),
        },
        "unnamed_members": [
            {"as_printed": "representatives of akimiat", "sector": "local_government", "org": None},
            {
                "as_printed": "Interdistrict Territorial Administration",
                "sector": "local_government",
                "org": None,
            },
            {
                "as_printed": "CBPC",
                "sector": None,
                "org": None,
                "note": "Acronym not expanded in the seed.",
            },
            {"as_printed": "educational institutions", "sector": "education", "org": None},
            {
                "as_printed": "the Civil Union",
                "sector": "civil_society",
                "org": "for-reforms-and-results",
            },
        ],
        "source": SRC_SVERDLOVSK,
    },
    {
        "key": "ferghana-wgcs-new-communities",
        "names": {"en": "working group on communities’ security (WGCS)"},
        "name_is_compiled": False,
        "locality": None,
        "localities": ["tj-surkh", "tj-vorukh"],
        "projects": ["community-security-ferghana-valley"],
        "facilitating_org": "asti",
        "facilitating_org_note": "PO ASTI works in the new target communities (Surkh, Vorukh).",
        "established_on": None,
        "founding_act": None,
        "chair": None,
        "status": "forming",
        "status_note": (
            "Only planned in the seed: meetings 'in May of this year' (read as May 2014) to form "
            "a WGCS of activists, representatives of local authorities and law enforcement "
            "agencies in the new target communities. The seed does not say whether there is one "
            "group per jamoat."
        ),
        "unnamed_members": [
            {"as_printed": "activists", "sector": "activist", "org": None},
            {
                "as_printed": "representatives of local authorities",
                "sector": "local_government",
                "org": None,
            },
            {"as_printed": "law enforcement agencies", "sector": "police", "org": None},
        ],
        "source": SRC_FERGHANA,
    },
]

MEMBERS: Final[list[Record]] = [
    {
        "key": "chinara-borbashova",
        "working_group": "sverdlovsk-district-wg",
        "full_name": "Chinara Borbashova",
        "sex": "female",
        "sex_basis": "Russian-pattern surname ending (-ova)",
        "sector": "local_government",
        "position": "the deputy head of the district administration",
        "organisation": "sverdlovsk-district-administration",
        "organisation_name": "Sverdlovsk district administration",
        "role": "chair",
        "source": SRC_SVERDLOVSK,
    },
    {
        "key": "gulnara-moldobaeva",
        "working_group": "sverdlovsk-district-wg",
        "full_name": "Gulnara Moldobaeva",
        "sex": "female",
        "sex_basis": "Russian-pattern surname ending (-eva)",
        "sector": "local_government",
        "position": "Deputy of the Bishkek City Council",
        "organisation": None,
        "organisation_name": "Bishkek City Council",
        "role": "member",
        "source": SRC_SVERDLOVSK,
    },
    {
        "key": "adisa-imangazieva",
        "working_group": "sverdlovsk-district-wg",
        "full_name": "Adisa Imangazieva",
        "sex": "female",
        "sex_basis": "Russian-pattern surname ending (-eva)",
        "sector": "local_government",
        "position": "Deputy of the Bishkek City Council",
        "organisation": None,
        "organisation_name": "Bishkek City Council",
        "role": "member",
        "source": SRC_SVERDLOVSK,
    },
    {
        "key": "bakyt-artykbayev",
        "working_group": "sverdlovsk-district-wg",
        "full_name": "Bakyt Artykbayev",
        "sex": "male",
        "sex_basis": (
            "Russian-pattern surname ending (-ev); the given name Bakyt is used by both sexes"
        ),
        "sector": "police",
        "position": "deputy head of the district’s Internal Affairs Department",
        "organisation": None,
        "organisation_name": "Internal Affairs Department of the Sverdlovsk district",
        "role": "member",
        "source": SRC_SVERDLOVSK,
    },
]


# --- Problems ------------------------------------------------------------------------------------

PROBLEMS: Final[list[Record]] = [
    {
        "category": "child_abuse",
        "locality": "kg-bishkek-sverdlov",
        "project": "sverdlovsk-district-joint-plan-pilot",
        "working_group": "sverdlovsk-district-wg",
        "description": {"en": "People are already asking to pay attention to child abuse issues"},
        "raised_by": "residents",
        "status": "identified",
        "reported_on": "2018-04-03",
        "source": SRC_SVERDLOVSK,
    },
    {
        "category": "teenage_suicide",
        "locality": "kg-bishkek-sverdlov",
        "project": "sverdlovsk-district-joint-plan-pilot",
        "working_group": "sverdlovsk-district-wg",
        "description": {"en": "People are already asking to pay attention to teenage suicides"},
        "raised_by": "residents",
        "status": "identified",
        "reported_on": "2018-04-03",
        "source": SRC_SVERDLOVSK,
    },
    {
        "category": "road_safety",
        "locality": "kg-bishkek-sverdlov",
        "project": "sverdlovsk-district-joint-plan-pilot",
        "working_group": "sverdlovsk-district-wg",
        "description": {"en": "People are already asking to pay attention to road safety"},
        "raised_by": "residents",
        "status": "identified",
        "reported_on": "2018-04-03",
        "source": SRC_SVERDLOVSK,
    },
    {
        "category": "crime_markets_housing",
        "locality": "kg-bishkek-sverdlov",
        "project": "sverdlovsk-district-joint-plan-pilot",
        "working_group": "sverdlovsk-district-wg",
        "description": {
            "en": (
                "They are also worried about the crime situation at the Alamedin market, Dordoi "
                "market and in housing estates"
            ),
        },
        "places": ["Alamedin market", "Dordoi market", "housing estates"],
        "raised_by": "residents",
        "status": "identified",
        "reported_on": "2018-04-03",
        "source": SRC_SVERDLOVSK,
    },
    {
        "category": "racketeering",
        "locality": "kg-uch-korgon-aa",
        "project": "joint-crime-prevention-plans-2015-2016",
        "working_group": None,
        "description": {
            "en": (
                "involved minors in volunteer work to organize various events, thereby channeling "
                "the leadership potential in the right direction and reducing the risk of "
                "racketeering"
            ),
        },
        "raised_by": None,
        "status": None,
        "reported_on": "2017-07-11",
        "note": "A risk the joint plan addressed, cited as an example of results.",
        "source": SRC_PREVENTION_IN_ACTION,
    },
    {
        "category": "water_conflict",
        "locality": "kg-kurama-aa",
        "project": "living-in-peace",
        "grant": "LiP-CSO-02",
        "working_group": None,
        "description": {
            "ky": "сугат суусу менен камсыздоо маселесин",
            "ru": "обеспечение поливной водой, которое часто становится источников конфликтов",
            "en": "providing irrigation water which often becomes a source of conflict",
        },
        "raised_by": None,
        "status": None,
        "reported_on": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "category": "pasture_conflict",
        "locality": "kg-kara-buura-aa",
        "project": "living-in-peace",
        "grant": "LiP-CSO-25",
        "working_group": None,
        "description": {
            "en": (
                "the conflict prevention between pasture users and the pasture committee of the "
                "Kyzyl-Adyr village administration of the Kara-Buura government"
            ),
            "ru": (
                "предупреждению конфликтов между пользователями пастбищ и пастбищным комитетом "
                "Кызыл-Адырского айыльного округа Кара-Бурунского МСУ"
            ),
        },
        "raised_by": None,
        "status": None,
        "reported_on": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "category": "post_election_conflict",
        "locality": "kg-naryn-city",
        "project": "living-in-peace",
        "grant": "LiP-CSO-13",
        "working_group": None,
        "description": {
            "en": "to prevent and resolve conflicts that arose before and after the elections",
            "ru": "предотвращение и разрешение конфликтов, возникших до и после выборов",
        },
        "raised_by": None,
        "status": None,
        "reported_on": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "category": "post_election_conflict",
        "locality": "kg-tash-kumyr-city",
        "project": "living-in-peace",
        "grant": "LiP-CSO-14",
        "working_group": None,
        "description": {
            "en": "preventing post-election conflicts",
            "ru": "профилактика поствыборных конфликтов",
        },
        "raised_by": None,
        "status": None,
        "reported_on": None,
        "note": "Stated as a prevention aim, not as an existing conflict.",
        "source": SRC_LIVING_IN_PEACE,
    },
]

PROBLEMS_NOTE: Final[str] = (
    "Only problems the seeds state for a place. Grant LiP-CSO-20 (Kargalyk) also mentions "
    "conflicts with a local mining company, which fits none of the categories. The Prevention in "
    "Action aims (religious radicalisation, early marriage, juvenile delinquency, road safety) "
    "are not tied to places and are kept as project themes."
)


# --- Activities and meetings ---------------------------------------------------------------------

ACTIVITIES: Final[list[Record]] = [
    {
        "key": "fv-2013-study",
        "project": "community-security-ferghana-valley",
        "programme": "ferghana-valley",
        "type": "study",
        "occurrence": "held",
        "date": "2013-09-01",
        "date_end": "2013-10-31",
        "date_precision": "month",
        "date_text": None,
        "titles": {"en": "Study to identify new target communities"},
        "title_is_compiled": True,
        "description": {
            "en": (
                "In September and October, 2013 a study was conducted with the purpose of "
                "identification new target communities. As a result of the study PO “ASTI” will "
                "additionally work in jamoats Surkh and Vorukh of Isfara district."
            ),
        },
        "localities": ["tj-surkh", "tj-vorukh"],
        "working_group": None,
        "grant": None,
        "participants": None,
        "note": None,
        "source": SRC_FERGHANA,
    },
    {
        "key": "fv-2014-isfara-meetings",
        "project": "community-security-ferghana-valley",
        "programme": "ferghana-valley",
        "type": "meeting",
        "occurrence": "held",
        "date": "2014-04-01",
        "date_end": "2014-04-30",
        "date_precision": "month",
        "date_text": (
            "'In April of this year' - read as April 2014 from the preceding sentence ('Since "
            "April 2014 ...'); the page is stamped 1 May 2012."
        ),
        "titles": {
            "en": (
                "Meetings with the head of Isfara district and the chairmen of jamoats Surkh and "
                "Vorukh"
            ),
        },
        "title_is_compiled": True,
        "description": {
            "en": (
                "In April of this year several meetings were held with the head of Isfara "
                "district, chairmen of jamoats Surkh and Vorukh, where were presented the main "
                "activities of the project and the key achievements of the project in the "
                "previous target communities. Following the meetings, agreements were reached on "
                "cooperation of local authorities with the project."
            ),
        },
        "localities": ["tj-isfara", "tj-surkh", "tj-vorukh"],
        "working_group": None,
        "grant": None,
        "participants": [
            {"as_printed": "the head of Isfara district", "org": None},
            {"as_printed": "chairmen of jamoats Surkh and Vorukh", "org": None},
        ],
        "note": None,
        "source": SRC_FERGHANA,
    },
    {
        "key": "fv-2014-wgcs-formation",
        "project": "community-security-ferghana-valley",
        "programme": "ferghana-valley",
        "type": "meeting",
        "occurrence": "planned",
        "date": "2014-05-01",
        "date_end": "2014-05-31",
        "date_precision": "month",
        "date_text": "'In May of this year' - read as May 2014.",
        "titles": {"en": "Meetings to form working groups on communities' security (WGCS)"},
        "title_is_compiled": True,
        "description": {
            "en": (
                "In May of this year it is planned to organize meetings in the new target "
                "communities with the aim of formation a working group on communities’ security "
                "(WGCS) of the number of activists, representatives of local authorities and law "
                "enforcement agencies."
            ),
        },
        "localities": ["tj-surkh", "tj-vorukh"],
        "working_group": "ferghana-wgcs-new-communities",
        "grant": None,
        "participants": None,
        "note": None,
        "source": SRC_FERGHANA,
    },
    {
        "key": "fv-cycle-of-security",
        "project": "community-security-ferghana-valley",
        "programme": "ferghana-valley",
        "type": "meeting",
        "occurrence": "planned",
        "date": None,
        "date_end": None,
        "date_precision": None,
        "date_text": "Scheduled to begin after the WGCS meetings; no date given.",
        "titles": {"en": "“Cycle of security” meetings in all target communities"},
        "title_is_compiled": True,
        "description": {
            "en": (
                "Also it is scheduled to begin a series of meetings in all target communities on "
                "the “Cycle of security”. The first step of the activity will be organization of "
                "meetings with the population to determine the safety problems."
            ),
        },
        "localities": [],
        "working_group": None,
        "grant": None,
        "participants": None,
        "note": None,
        "source": SRC_FERGHANA,
    },
    {
        "key": "ovchi-kalacha-drawings-2017",
        "project": None,
        "programme": "ferghana-valley",
        "type": "exhibition",
        "occurrence": "held",
        "date": "2017-03-22",
        "date_end": None,
        "date_precision": "day",
        "date_text": "Date of the news item; the seed does not give the exhibition's own date.",
        "titles": {"en": "Exhibition of drawings in Ovchi-Kalacha"},
        "title_is_compiled": False,
        "description": {
            "en": (
                "The aim of this project was to develop the creative potential of schoolchildren "
                "through the prism of friendship, mutual understanding and tolerance. In their "
                "drawings, children were able to express their thoughts, ideas, images, could "
                "show their understanding about the “border” and “friendship without borders”."
            ),
        },
        "localities": ["tj-ovchi-kalacha"],
        "working_group": None,
        "grant": None,
        "participants": None,
        "note": (
            "Published on the same ASTI news page; the seed does not say which project it belongs "
            "to, so 'project' is None."
        ),
        "source": SRC_FERGHANA,
    },
    {
        "key": "maksat-police-office",
        "project": "joint-crime-prevention-plans-2015-2016",
        "programme": "joint-plans",
        "type": "infrastructure",
        "occurrence": "held",
        "date": None,
        "date_end": None,
        "date_precision": None,
        "date_text": "During the 2015-2016 joint-plans programme; no date given.",
        "titles": {
            "en": "Community police office and house for the district police officer, Maksat",
        },
        "title_is_compiled": True,
        "description": {
            "en": (
                "Thus, for example, in Maksat village of Leilek District, where the role of the "
                "district police officer is very high, local residents and Ayil Okmotu by a "
                "common deed method built a community police office and a house for the district "
                "police officer."
            ),
        },
        "localities": ["kg-maksat-village"],
        "working_group": None,
        "grant": None,
        "participants": None,
        "note": None,
        "source": SRC_PREVENTION_IN_ACTION,
    },
    {
        "key": "uch-korgon-youth-volunteering",
        "project": "joint-crime-prevention-plans-2015-2016",
        "programme": "joint-plans",
        "type": "cultural_event",
        "occurrence": "held",
        "date": None,
        "date_end": None,
        "date_precision": None,
        "date_text": "During the 2015-2016 joint-plans programme; no date given.",
        "titles": {"en": "Minors' volunteer work organising events, Uch-Korgon"},
        "title_is_compiled": True,
        "description": {
            "en": (
                "While in Uch-Korgon of Kadamjai District, Batken Oblast, local authorities, in "
                "collaboration with the community people, involved minors in volunteer work to "
                "organize various events, thereby channeling the leadership potential in the "
                "right direction and reducing the risk of racketeering."
            ),
        },
        "localities": ["kg-uch-korgon-aa"],
        "working_group": None,
        "grant": None,
        "participants": None,
        "note": (
            "Type chosen by the compiler: the seed speaks of volunteer work to organise 'various "
            "events'."
        ),
        "source": SRC_PREVENTION_IN_ACTION,
    },
    {
        "key": "sverdlovsk-wg-first-meeting",
        "project": "sverdlovsk-district-joint-plan-pilot",
        "programme": "joint-plans",
        "type": "meeting",
        "occurrence": "held",
        "date": None,
        "date_end": None,
        "date_precision": None,
        "date_text": "'held on the eve' of the report dated 3 April 2018; exact date not given.",
        "titles": {"en": "First meeting of the Sverdlovsk district working group"},
        "title_is_compiled": True,
        "description": {
            "en": (
                "The first meeting of the working group to compile a plan of activities was held "
                "on the eve."
            ),
        },
        "localities": ["kg-bishkek-sverdlov"],
        "working_group": "sverdlovsk-district-wg",
        "grant": None,
        "participants": None,
        "note": None,
        "source": SRC_SVERDLOVSK,
    },
    {
        "key": "sverdlovsk-security-study",
        "project": "sverdlovsk-district-joint-plan-pilot",
        "programme": "joint-plans",
        "type": "study",
        "occurrence": "planned",
        "date": None,
        "date_end": None,
        "date_precision": None,
        "date_text": "Planned as of 3 April 2018; no date given.",
        "titles": {"en": "Study of priority public-security issues in the Sverdlovsk district"},
        "title_is_compiled": True,
        "description": {
            "en": (
                "It is planned to hold comprehensive study to identify priority public security "
                "issues in the district. These and other problems will be analyzed during the "
                "study. After that, the working group will determine priorities in order to "
                "develop a joint plan to solve them."
            ),
        },
        "localities": ["kg-bishkek-sverdlov"],
        "working_group": "sverdlovsk-district-wg",
        "grant": None,
        "participants": None,
        "note": None,
        "source": SRC_SVERDLOVSK,
    },
    {
        "key": "lip-initiatives-presentation",
        "project": "living-in-peace",
        "programme": "living-in-peace",
        "type": "meeting",
        "occurrence": "held",
        "date": "2021-12-01",
        "date_end": "2022-02-28",
        "date_precision": "period",
        "date_text": (
            "Reported in the newsletter for December 2021 - February 2022; the event date is not "
            "given."
        ),
        "titles": {"en": "Presentation of 50 conflict-prevention initiatives in Bishkek"},
        "title_is_compiled": True,
        "description": {
            "ky": (
                "Жергиликтүү чыр-чатактарды алдын алуу боюнча өлкөнүн 25 локациясында 50 демилге "
                "Бишкекте тартууланды. Иш-чарага КРнын БШКсынын, мамлекеттик агенттиктердин, "
                "ЕБдин КРда делегациясынын өкүлдөрү, эл аралык жана бейөкмөттүк уюмдар, "
                "эксперттер, саясат таануучулар ж.б. катышты."
            ),
            "ru": (
                "В Бишкеке презентовали 50 инициатив по предотвращению конфликтов на местах в 25 "
                "локациях по всей стране. На презентации присутствовали представители ЦИК КР, "
                "государственных агентств, представители делегации ЕС в КР, международные и "
                "неправительственные организации, эксперты, политологи и др."
            ),
            "en": (
                "In Bishkek, 50 initiatives on conflicts prevention on the ground were presented "
                "in locations throughout the country. The presentation was attended by "
                "representatives of the CEC of the Kyrgyz Republic, state agencies, "
                "representatives of the EU Delegation to the Kyrgyz Republic, international and "
                "non-governmental organizations, experts, political scientists and others."
            ),
        },
        "localities": ["kg-bishkek"],
        "working_group": None,
        "grant": None,
        "participants": [
            {"as_printed": "representatives of the CEC of the Kyrgyz Republic", "org": "cec-kg"},
            {"as_printed": "state agencies", "org": None},
            {
                "as_printed": "representatives of the EU Delegation to the Kyrgyz Republic",
                "org": "eu-delegation-kg",
            },
            {
                "as_printed": (
                    "international and non-governmental organizations, experts, political "
                    "scientists and others"
                ),
                "org": None,
            },
        ],
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "key": "lip-nookat-needs-assessment",
        "project": "living-in-peace",
        "programme": "living-in-peace",
        "type": "study",
        "occurrence": "started",
        "date": "2021-12-01",
        "date_end": "2022-02-28",
        "date_precision": "period",
        "date_text": "'At present' in the December 2021 - February 2022 newsletter.",
        "titles": {"en": "Joint assessment of community needs, Nookat"},
        "title_is_compiled": True,
        "description": {
            "ky": (
                "Учурга карата активисттер шаарда жамааттын керектөөсүн баалоо боюнча биргелешкен "
                "жумушту баштады."
            ),
            "ru": (
                "На данный момент в городе активисты начали совместную оценку потребностей "
                "сообщества"
            ),
            "en": "At present, activists in the city started a joint assessment of community needs",
        },
        "localities": ["kg-nookat-town"],
        "working_group": None,
        "grant": "LiP-CSO-07",
        "participants": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "key": "lip-kara-kulja-teacher-training",
        "project": "living-in-peace",
        "programme": "living-in-peace",
        "type": "training",
        "occurrence": "held",
        "date": "2021-12-01",
        "date_end": "2022-02-28",
        "date_precision": "period",
        "date_text": "Reported in the December 2021 - February 2022 newsletter; no date given.",
        "titles": {"en": "Training for teachers on tolerance and conflict prevention, Kara-Kulja"},
        "title_is_compiled": True,
        "description": {
            "ky": (
                "Биринчи этапта мугалимдер толеранттуулукка, чыр-чатактарды алдын алуу "
                "механизмдерине, чыр-чатактарды тынчтык жолу менен чечүү жолдоруна жана саясий "
                "сабаттуулукка үйрөтүлдү."
            ),
            "ru": (
                "Первым этапом стало обучение учителей толерантности, механизмам предупреждения "
                "конфликтов, путям мирного разрешения конфликтов и политической грамотности."
            ),
            "en": (
                "The first step was training for teachers on tolerance, conflict prevention "
                "mechanisms, ways of peaceful conflict resolution, and political literacy."
            ),
        },
        "localities": ["kg-kara-kulja-aa"],
        "working_group": None,
        "grant": "LiP-CSO-09",
        "participants": None,
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
]


# --- Living in Peace action plan -----------------------------------------------------------------

PLAN_HEADINGS: Final[dict[str, str]] = {
    "ky": "Иш-аракеттер планы",
    "ru": "План действий",
    "en": "Action Plan",
}

PLAN_ACTIONS: Final[list[Record]] = [
    {
        "position": 1,
        "key": "training",
        "project": "living-in-peace",
        "text": {
            "ky": (
                "25 локацияда жарандык коомдун жана жергиликтүү өз алдынча башкаруу органдарынын "
                "өкүлдөрүн чыр-чатактарды алдын алуу жана медиация жөндөмдөрүнө үйрөтүү"
            ),
            "ru": (
                "Обучение навыкам предотвращения конфликтов и медиации для представителей "
                "гражданского общества и органов местного самоуправления в 25 локациях"
            ),
            "en": (
                "Training in conflict prevention and mediation skills for civil society and local "
                "authorities in 25 locations"
            ),
        },
        "status": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "position": 2,
        "key": "cso_grants",
        "project": "living-in-peace",
        "text": {
            "ky": (
                "Жергиликтүү жарандык коом үчүн потенциалдуу чыр-чатактарды эффективдүүрөөк алдын "
                "алуу боюнча инклюзивдүү демилгелерге 25 грант"
            ),
            "ru": (
                "25 грантов на инклюзивные инициативы по более эффективному предотвращению "
                "потенциальных конфликтов для местного гражданского общества"
            ),
            "en": (
                "25 grants for inclusive initiatives to better prevent potential conflicts for "
                "local civil society"
            ),
        },
        "status": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "position": 3,
        "key": "lg_grants",
        "project": "living-in-peace",
        "text": {
            "ky": (
                "Жергиликтүү деңгээлде потенциалдуу чыр-чатактарды алдын алуу үчүн 25 жергиликтүү "
                "өз алдынча башкаруу органдарына чакан гранттар"
            ),
            "ru": (
                "Небольшие гранты для 25 органов местного самоуправления для предотвращения "
                "потенциальных конфликтов на местном уровне"
            ),
            "en": (
                "Small grants for 25 local governments to prevent potential conflicts at the "
                "local level"
            ),
        },
        "status": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "position": 4,
        "key": "mediator_network",
        "project": "living-in-peace",
        "text": {
            "ky": (
                "Максаттуу локацияларда медиация боюнча устаттарын бекитүү менен улуттук "
                "медиаторлор тармагын тузүү"
            ),
            "ru": (
                "Создание национальной сети медиаторов в целевых локациях с наставниками по "
                "медиации"
            ),
            "en": (
                "Creation of a national network of mediators in target localities with peer "
                "mediation mentors"
            ),
        },
        "status": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "position": 5,
        "key": "working_group_meetings",
        "project": "living-in-peace",
        "text": {
            "ky": (
                "Укук тартибин жана укук үстөмдүгүн камсыздоо, мамлекеттүүлүктү бекемдөө үчүн "
                "керектүү чараларды талкуулоо максатында Жумушчу Топтун отурумдарын уюштуруу"
            ),
            "ru": (
                "Заседания Рабочей Группы для обсуждения необходимых мер для поддержания "
                "правопорядка, верховенства права и укрепления государственности"
            ),
            "en": (
                "Working group meetings to discuss necessary measures to maintain law and order, "
                "rule of law, and strengthen statehood"
            ),
        },
        "status": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "position": 6,
        "key": "youth_engagement",
        "project": "living-in-peace",
        "text": {
            "ky": (
                "Тынчтык демилгелерди жана позитивдүү саясий маданиятты алдыга жылдыруу үчүн "
                "активдүү жаштар менен өз ара аракеттенүү"
            ),
            "ru": (
                "Взаимодействие с активной молодежью для продвижения мирных инициатив и "
                "позитивной политической культуры"
            ),
            "en": (
                "Engaging with active youth to promote peace initiatives and a positive political "
                "culture"
            ),
        },
        "status": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "position": 7,
        "key": "communication_campaign",
        "project": "living-in-peace",
        "text": {
            "ky": (
                "Улут аралык жана регион аралык кастыкка алып келүүчү мыйзамсыз чакырыктарга "
                "бөгөт коюу, ошондой эле, долбоордун акырына чейин позитивдүү саясий маданиятты "
                "алдыга жылдыруу боюнча активдүү коммуникациялык кампания."
            ),
            "ru": (
                "Противодействие незаконным призывам, ведущим к межнациональной и межрегиональной "
                "розни, а также активная коммуникационная кампания по продвижению позитивной "
                "политической культуры на протяжении всего проекта"
            ),
            "en": (
                "Countering illegal incitement to interethnic and interregional hatred and a "
                "proactive communication campaign to promote a positive political culture "
                "throughout the project"
            ),
        },
        "status": None,
        "source": SRC_LIVING_IN_PEACE,
    },
]


# --- Headline figures ----------------------------------------------------------------------------

HEADLINE_FIGURES: Final[list[Record]] = [
    {
        "key": "fv-communities",
        "project": "community-security-ferghana-valley",
        "value": 15,
        "unit": "communities",
        "qualifier": None,
        "currency": None,
        "text": (
            "In 15 communities of Batken, Osh and Jalal-Abad regions of Kyrgyzstan and Sughd "
            "region of Tajikistan"
        ),
        "note": None,
        "source": SRC_FERGHANA,
    },
    {
        "key": "fv-regions",
        "project": "community-security-ferghana-valley",
        "value": 4,
        "unit": "regions (3 KG, 1 TJ)",
        "qualifier": None,
        "currency": None,
        "text": "Batken, Osh and Jalal-Abad regions of Kyrgyzstan and Sughd region of Tajikistan",
        "note": "Count made by the compiler from the named regions.",
        "source": SRC_FERGHANA,
    },
    {
        "key": "fv-new-jamoats",
        "project": "community-security-ferghana-valley",
        "value": 2,
        "unit": "jamoats added in 2014",
        "qualifier": None,
        "currency": None,
        "text": "additionally work in jamoats Surkh and Vorukh of Isfara district",
        "note": "Count made by the compiler from the named jamoats.",
        "source": SRC_FERGHANA,
    },
    {
        "key": "ppi-sughd-districts",
        "project": "police-public-interaction-tajikistan",
        "value": 5,
        "unit": "districts of Sughd",
        "qualifier": None,
        "currency": None,
        "text": "5-ти районах Согдийской области РТ",
        "note": None,
        "source": SRC_FERGHANA,
    },
    {
        "key": "jp-municipalities",
        "project": "joint-crime-prevention-plans-2015-2016",
        "value": 12,
        "unit": "municipalities",
        "qualifier": None,
        "currency": None,
        "text": (
            "This initiative was successfully implemented in 12 pilot villages and cities of "
            "Kyrgyzstan"
        ),
        "note": (
            "Seed 001 (2018) also says 'Joint plans were successfully implemented in 12 "
            "municipalities of Kyrgyzstan'."
        ),
        "source": SRC_PREVENTION_IN_ACTION,
    },
    {
        "key": "jp-people-covered",
        "project": "joint-crime-prevention-plans-2015-2016",
        "value": 245000,
        "unit": "people",
        "qualifier": None,
        "currency": None,
        "text": "covering 245 thousand people",
        "note": None,
        "source": SRC_PREVENTION_IN_ACTION,
    },
    {
        "key": "jp-local-budget",
        "project": "joint-crime-prevention-plans-2015-2016",
        "value": "14000000",
        "unit": "allocated from local budgets",
        "qualifier": "more than",
        "currency": "KGS",
        "text": (
            "The amount of more than 14 million soms was allocated from local budgets to "
            "implement joint plans last year."
        ),
        "note": "'last year' relative to the 11 July 2017 announcement, i.e. 2016.",
        "source": SRC_PREVENTION_IN_ACTION,
    },
    {
        "key": "pia-projects",
        "project": "prevention-in-action",
        "value": 12,
        "unit": "small-grant projects",
        "qualifier": None,
        "currency": None,
        "text": "will launch 12 projects aimed at preventing offenses in the Republic",
        "note": None,
        "source": SRC_PREVENTION_IN_ACTION,
    },
    {
        "key": "pia-regions",
        "project": "prevention-in-action",
        "value": 6,
        "unit": "regions of Kyrgyzstan",
        "qualifier": None,
        "currency": None,
        "text": "public associations and activists of six regions of Kyrgyzstan",
        "note": None,
        "source": SRC_PREVENTION_IN_ACTION,
    },
    {
        "key": "ac-budget",
        "project": "active-communities",
        "value": "14000000",
        "unit": "project budget",
        "qualifier": None,
        "currency": "USD",
        "text": "$14 million",
        "note": None,
        "source": SRC_ACTIVE_COMMUNITIES,
    },
    {
        "key": "lip-locations",
        "project": "living-in-peace",
        "value": 25,
        "unit": "locations",
        "qualifier": None,
        "currency": None,
        "text": "25 selected locations in Kyrgyzstan",
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "key": "lip-cso-grants",
        "project": "living-in-peace",
        "value": 25,
        "unit": "grants to civil-society organisations",
        "qualifier": None,
        "currency": None,
        "text": "25 grants on peace initiatives for civil society organizations",
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "key": "lip-lg-grants",
        "project": "living-in-peace",
        "value": 25,
        "unit": "small grants to local governments",
        "qualifier": None,
        "currency": None,
        "text": "25 small grants on peace initiatives for LG bodies",
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
    {
        "key": "lip-initiatives-presented",
        "project": "living-in-peace",
        "value": 50,
        "unit": "initiatives presented in Bishkek",
        "qualifier": None,
        "currency": None,
        "text": "In Bishkek, 50 initiatives on conflicts prevention on the ground were presented",
        "note": None,
        "source": SRC_LIVING_IN_PEACE,
    },
]


# --- Seed notes ----------------------------------------------------------------------------------

SEED_NOTES: Final[list[Record]] = [
    {
        "topic": "date",
        "source": SRC_FERGHANA,
        "text": (
            "The Ferghana valley item is stamped '1 may 2012' but reports a study in "
            "September-October 2013 and work 'since April 2014'; 'this year' is read as 2014."
        ),
    },
    {
        "topic": "scope",
        "source": SRC_PREVENTION_IN_ACTION,
        "text": (
            "Maksat village (community police office) and Uch-Korgon (minors' volunteer work) are "
            "examples from the 2015-2016 joint-plans programme, not Prevention in Action grants."
        ),
    },
    {
        "topic": "scope",
        "source": SRC_PREVENTION_IN_ACTION,
        "text": (
            "Prevention in Action: 12 projects are announced but none is described; the seed "
            "lists 10 places (Jety-Oguz district, Suzak, Kyzyl-Tuu, Nariman, Nookat, Kara-Suu, "
            "Sverdlovsk district, Amanbayev, Kulunda, Uch-Korgon) without a project-to-place "
            "mapping."
        ),
    },
    {
        "topic": "identity",
        "source": SRC_FERGHANA,
        "text": "PO 'ASTI' (English) and ОО АНТИ (Russian) are treated as one organisation.",
    },
    {
        "topic": "spelling",
        "source": SRC_LIVING_IN_PEACE,
        "text": (
            "Living in Peace newsletter: English 'Dilanan' vs Диланар; 'Tilektesh EI' vs Тилектеш "
            "Эл; 'lygilik achkychy' (OCR l for I); Russian 'Подвижение' (for Продвижение), 'г. "
            "Малы-Суу' and English 'Malu-Suu' (Mailuu-Suu); Russian 'Кара-Бурунский' vs "
            "Kara-Buura; Russian 'Онол Айым' vs Kyrgyz 'Оңол Айым'; Kyrgyz title of LiP-CSO-04 "
            "contains Latin letters ('ЖӨБOnүн'). All kept as printed."
        ),
    },
    {
        "topic": "content",
        "source": SRC_LIVING_IN_PEACE,
        "text": (
            "LiP-CSO-23 (Suu-Bashy): the Kyrgyz text says the 'Local Cooperation Platform' was "
            "created; Russian and English say it will be created."
        ),
    },
    {
        "topic": "legal_form",
        "source": SRC_LIVING_IN_PEACE,
        "text": (
            "LiP-CSO-22: Kyrgyz 'КФ' (public foundation) vs Russian 'ОО' / English 'PA' (public "
            "association)."
        ),
    },
    {
        "topic": "gazetteer",
        "source": SRC_LIVING_IN_PEACE,
        "text": (
            "Unassigned localities: Maksat village (gap), MTU-1 / ЖАБ-1 (unexplained, Chui), "
            "Leninskoye (Chui, ambiguous), 'Leninsky LG' (Osh, ambiguous), Jany-Jol (Aksy or "
            "Toktogul)."
        ),
    },
    {
        "topic": "missing",
        "source": SRC_LIVING_IN_PEACE,
        "text": (
            "The 25 local-government small grants of Living in Peace are announced but not "
            "listed. No grant amounts appear in any seed."
        ),
    },
    {
        "topic": "missing",
        "source": SRC_SVERDLOVSK,
        "text": (
            "Seed 001 also lists related headlines (e.g. 'Timur Shaikhutdinov: There is a huge "
            "public potential to maintain law and order'); these are not captured."
        ),
    },
]
