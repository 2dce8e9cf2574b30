"""Room names and uses from the texts drawn inside a room, in the languages plans come in.

A room's use (habitable, circulation, garage, wet, storage, communal, other) matters to
the rules: a garage or a store is a place a burglar can hide in or climb from, a
circulation space shared between dwellings joins them. Drawings state it with a
``USE=`` label (the plan convention) or, far more often, only name the room: "Kitchen",
"Schlafzimmer", "Salle de bain", "اتاق خواب", "OTAGH KHAB", "غرفة نوم", "卫生间".

Words are compared after :func:`checker.reading.recognition.text.fold` (Arabic and
Persian letter forms, ZWNJ, Persian digits, case) and with Latin accents stripped, and
with the spaces between words removed, so "ashpaz khaneh", "ASHPAZKHANEH",
"آشپز‌خانه" and "اشپزخانه" are one entry. German and Dutch compounds
("Kinderzimmer", "Fietsenberging") are read by their last part. Chinese has no
spaces, so its words are found inside the text.

Texts that are not names are skipped: area labels ("12.5 m²", "A=12,50"), dimensions
("3.20 x 4.10", "+0.00"), scales and door or window tags ("D1", "W2", "د۱").
"""

from __future__ import annotations

import re

from .text import fold, strip_accents

SPACE_USES = ("habitable", "circulation", "garage", "wet", "storage", "communal", "other")

# use -> words and phrases naming it, by language. Spelling variants are listed as
# drawings write them; accents, case and spaces do not matter (see the module text).
_VOCABULARY: dict[str, dict[str, tuple[str, ...]]] = {
    "habitable": {
        "en": (
            "living",
            "living room",
            "lounge",
            "sitting room",
            "bedroom",
            "bed",
            "master bedroom",
            "kitchen",
            "kitchenette",
            "dining",
            "dining room",
            "study",
            "office",
            "family",
            "family room",
            "nursery",
            "playroom",
            "guest room",
            "library",
            "snug",
        ),
        "de": (
            "wohnzimmer",
            "wohnen",
            "schlafzimmer",
            "schlafen",
            "kinderzimmer",
            "gastezimmer",
            "arbeitszimmer",
            "esszimmer",
            "essen",
            "kuche",
            "kueche",
            "wohnkuche",
            "buro",
            "zimmer",
            "wohnraum",
            "kochen",
            "eltern",
            "kind",
            "studio",
        ),
        "fr": (
            "sejour",
            "salle de sejour",
            "salon",
            "chambre",
            "cuisine",
            "salle a manger",
            "bureau",
            "piece de vie",
            "coin repas",
            "repas",
            "salle de jeux",
        ),
        "es": (
            "sala de estar",
            "estar",
            "dormitorio",
            "habitacion",
            "recamara",
            "alcoba",
            "cocina",
            "comedor",
            "estudio",
            "despacho",
            "oficina",
        ),
        "it": (
            "soggiorno",
            "salotto",
            "camera",
            "camera da letto",
            "letto",
            "cucina",
            "cucinotto",
            "sala da pranzo",
            "pranzo",
            "ufficio",
            "cameretta",
        ),
        "nl": (
            "woonkamer",
            "slaapkamer",
            "keuken",
            "woonkeuken",
            "kamer",
            "eetkamer",
            "werkkamer",
            "studeerkamer",
            "zitkamer",
            "kinderkamer",
            "logeerkamer",
        ),
        "fa": (
            "اتاق",
            "پذیرایی",
            "نشیمن",
            "آشپزخانه",
            "خواب",
            "اتاق خواب",
            "اتاق کار",
            "ناهارخوری",
            "غذاخوری",
            "مطالعه",
            "اتاق مهمان",
            "کتابخانه",
            "اتاق کودک",
            "هال",
            "سالن",
            "مستر",
            "آشپزخانه اپن",
            "اتاق نشیمن",
        ),
        "fa-latn": (
            "paziraei",
            "pazirayi",
            "paziraee",
            "paziraie",
            "pazirai",
            "paziraii",
            "neshiman",
            "neshimen",
            "otagh",
            "otaq",
            "otag",
            "otagh khab",
            "otaq khab",
            "khab",
            "khaab",
            "ashpazkhaneh",
            "ashpazkhane",
            "ashpazkhune",
            "ashpaz khaneh",
            "naharkhori",
            "naharkhuri",
            "ghazakhori",
            "otagh kar",
            "motaleh",
            "motalee",
            "mehman",
            "master",
            "salon",
        ),
        "ar": (
            "غرفة",
            "غرفة نوم",
            "نوم",
            "غرفة النوم",
            "صالة",
            "صالون",
            "مجلس",
            "معيشة",
            "غرفة المعيشة",
            "غرفة الجلوس",
            "جلوس",
            "مطبخ",
            "غرفة الطعام",
            "طعام",
            "سفرة",
            "مكتب",
            "ضيوف",
        ),
        "zh": (
            "卧室",
            "主卧",
            "次卧",
            "客厅",
            "起居室",
            "起居",
            "厨房",
            "餐厅",
            "书房",
            "客房",
            "儿童房",
            "卧",
            "房间",
            "居室",
        ),
    },
    "circulation": {
        "en": (
            "hall",
            "hallway",
            "corridor",
            "landing",
            "stair",
            "stairs",
            "staircase",
            "stairway",
            "stairwell",
            "lobby",
            "entrance",
            "entrance hall",
            "entry",
            "passage",
            "foyer",
            "vestibule",
            "lift",
            "elevator",
            "circulation",
            "service entrance",
        ),
        "de": (
            "flur",
            "diele",
            "gang",
            "treppe",
            "treppenhaus",
            "treppenraum",
            "eingang",
            "windfang",
            "korridor",
            "aufzug",
            "vorraum",
            "vorplatz",
            "halle",
            "podest",
        ),
        "fr": (
            "couloir",
            "degagement",
            "entree",
            "escalier",
            "palier",
            "circulation",
            "sas",
            "ascenseur",
            "hall d entree",
        ),
        "es": (
            "pasillo",
            "recibidor",
            "vestibulo",
            "escalera",
            "escaleras",
            "entrada",
            "distribuidor",
            "ascensor",
            "rellano",
            "zaguan",
        ),
        "it": (
            "corridoio",
            "disimpegno",
            "ingresso",
            "scala",
            "scale",
            "atrio",
            "pianerottolo",
            "ascensore",
            "androne",
        ),
        "nl": ("gang", "hal", "overloop", "trap", "entree", "trappenhuis", "portaal", "inkom", "halletje"),
        "fa": ("راهرو", "پله", "راه پله", "لابی", "ورودی", "پاگرد", "آسانسور", "هشتی", "کریدور", "دالان", "راهپله"),
        "fa-latn": (
            "rahro",
            "rahroo",
            "raahro",
            "rahrow",
            "rah pele",
            "rahpele",
            "rah pelleh",
            "pele",
            "pelleh",
            "lobby",
            "lobi",
            "vorudi",
            "voroodi",
            "vorodi",
            "voroudi",
            "asansor",
            "hashti",
            "koridor",
        ),
        "ar": ("ممر", "مدخل", "درج", "سلم", "مصعد", "بهو", "دهليز", "ردهة", "مدخل رئيسي"),
        "zh": ("走廊", "过道", "门厅", "玄关", "楼梯", "楼梯间", "电梯", "大堂", "入口", "前室", "走道"),
    },
    "garage": {
        "en": ("garage", "carport", "car port", "parking", "car park"),
        "de": ("garage", "tiefgarage", "stellplatz", "carport"),
        "fr": ("garage", "stationnement", "parking"),
        "es": ("garaje", "cochera", "aparcamiento", "estacionamiento", "parqueadero"),
        "it": ("autorimessa", "rimessa", "box auto", "parcheggio", "posto auto"),
        "nl": ("garage", "parkeergarage", "parkeerplaats"),
        "fa": ("پارکینگ", "گاراژ"),
        "fa-latn": ("parking", "parkin", "garaj", "garage"),
        "ar": ("موقف", "موقف سيارات", "كراج", "كراج سيارات", "مرآب", "جراج"),
        "zh": ("车库", "停车", "停车场", "车位"),
    },
    "wet": {
        "en": (
            "bath",
            "bathroom",
            "wc",
            "toilet",
            "toilets",
            "shower",
            "shower room",
            "utility",
            "utility room",
            "laundry",
            "en suite",
            "ensuite",
            "washroom",
            "lavatory",
            "restroom",
            "cloakroom",
            "powder room",
        ),
        "de": (
            "bad",
            "badezimmer",
            "dusche",
            "duschbad",
            "toilette",
            "gaste wc",
            "hauswirtschaftsraum",
            "hwr",
            "waschkuche",
            "wasche",
            "waschraum",
        ),
        "fr": (
            "salle de bain",
            "salle de bains",
            "salle d eau",
            "toilettes",
            "douche",
            "buanderie",
            "lavabo",
            "sanitaires",
        ),
        "es": ("bano", "aseo", "ducha", "lavadero", "servicio", "servicios", "lavanderia"),
        "it": ("bagno", "servizi", "servizio", "doccia", "lavanderia", "antibagno"),
        "nl": ("badkamer", "douche", "bijkeuken", "wasruimte", "washok", "toilet"),
        "fa": (
            "حمام",
            "سرویس",
            "سرویس بهداشتی",
            "دستشویی",
            "توالت",
            "رختشویخانه",
            "لباسشویی",
            "سرویس فرنگی",
            "سرویس ایرانی",
            "شستشو",
        ),
        "fa-latn": (
            "hamam",
            "hammam",
            "hamoom",
            "service",
            "servis",
            "servise",
            "dastshoei",
            "dastshooei",
            "dastshuyi",
            "dastshoi",
            "dastshooyi",
            "toilet",
            "tuvalet",
        ),
        "ar": ("حمام", "دورة مياه", "دورة المياه", "مرحاض", "غسيل", "مغسلة", "غرفة الغسيل"),
        "zh": ("卫生间", "浴室", "厕所", "洗手间", "淋浴", "淋浴间", "洗衣房", "盥洗室", "卫", "公卫", "主卫"),
    },
    "storage": {
        "en": (
            "store",
            "storage",
            "store room",
            "storeroom",
            "cupboard",
            "bin",
            "bins",
            "bin store",
            "cycle",
            "cycle store",
            "bike",
            "bike store",
            "shed",
            "closet",
            "walk in closet",
            "wardrobe",
            "pantry",
            "larder",
            "box room",
        ),
        "de": (
            "abstellraum",
            "abstellkammer",
            "lager",
            "keller",
            "speisekammer",
            "vorrat",
            "vorratsraum",
            "schrank",
            "fahrradraum",
            "mullraum",
            "ankleide",
            "garderobe",
        ),
        "fr": (
            "rangement",
            "debarras",
            "cellier",
            "placard",
            "remise",
            "reserve",
            "cave",
            "local velos",
            "dressing",
            "local poubelles",
        ),
        "es": ("almacen", "trastero", "despensa", "armario", "bodega", "deposito", "vestidor"),
        "it": ("ripostiglio", "magazzino", "deposito", "dispensa", "cantina", "armadio", "cabina armadio"),
        "nl": (
            "berging",
            "opslag",
            "kast",
            "bergruimte",
            "fietsenberging",
            "provisiekast",
            "kelder",
            "schuur",
            "inloopkast",
        ),
        "fa": ("انباری", "انبار", "کمد", "پستو", "رختکن", "کمد دیواری"),
        "fa-latn": ("anbari", "anbaari", "anbar", "komod", "kommod", "pastoo", "rakhtkan"),
        "ar": ("مخزن", "مستودع", "خزانة", "تخزين", "غرفة تخزين", "غرفة الملابس"),
        "zh": ("储藏室", "储藏", "储物间", "储物", "杂物间", "衣帽间", "仓库", "库房", "储藏间"),
    },
    "communal": {
        "en": ("communal", "common room", "community room", "residents lounge", "shared"),
        "de": ("gemeinschaftsraum",),
        "fr": ("salle commune", "local commun"),
        "es": ("sala comun", "zona comun"),
        "it": ("sala comune", "spazio comune"),
        "nl": ("gemeenschappelijke ruimte", "gemeenschapsruimte"),
        "fa": ("مشاعات", "فضای مشاع", "مشاع", "سالن اجتماعات"),
        "fa-latn": ("moshaat", "mosha"),
        "ar": ("مرافق مشتركة", "قاعة مشتركة"),
        "zh": ("公共区域", "活动室", "公共空间"),
    },
    # Named places that are neither lived in nor stored in: outdoor areas and plant.
    "other": {
        "en": (
            "plant room",
            "plant",
            "boiler room",
            "terrace",
            "balcony",
            "patio",
            "veranda",
            "porch",
            "deck",
            "loggia",
            "void",
            "shaft",
            "riser",
            "technical room",
            "light well",
            "courtyard",
        ),
        "de": ("terrasse", "balkon", "technik", "technikraum", "heizraum", "hof", "innenhof", "loggia"),
        "fr": ("terrasse", "balcon", "local technique", "chaufferie", "cour", "patio", "vide"),
        "es": ("terraza", "balcon", "cuarto tecnico", "patio", "sala de calderas"),
        "it": ("terrazza", "terrazzo", "balcone", "locale tecnico", "centrale termica", "cortile"),
        "nl": ("terras", "balkon", "technische ruimte", "stookruimte", "binnenplaats", "vide"),
        "fa": ("تراس", "بالکن", "ایوان", "موتورخانه", "تاسیسات", "نورگیر", "حیاط", "پاسیو", "داکت"),
        "fa-latn": (
            "teras",
            "terace",
            "balkon",
            "balcon",
            "eivan",
            "ayvan",
            "motorkhaneh",
            "motorkhane",
            "tasisat",
            "noorgir",
            "hayat",
            "hayaat",
            "dakt",
            "duct",
        ),
        "ar": ("شرفة", "بلكونة", "تراس", "فناء", "غرفة المحركات", "غرفة الكهرباء"),
        "zh": ("阳台", "露台", "设备间", "设备", "天井", "庭院", "机房"),
    },
}

# German and Dutch compounds named by their last part ("Kinderzimmer", "Fietsenberging").
# Only for words at least three letters longer than the part, and tried after whole words.
_COMPOUND_ENDINGS: tuple[tuple[str, str | None], ...] = (
    ("badezimmer", "wet"),
    ("zimmer", "habitable"),
    ("kuche", "habitable"),
    ("kammer", "storage"),
    ("keller", "storage"),
    ("raum", None),
    ("flur", "circulation"),
    ("treppe", "circulation"),
    ("garage", "garage"),
    ("bad", "wet"),
    ("berging", "storage"),
    ("badkamer", "wet"),
    ("kamer", "habitable"),
    ("keuken", "habitable"),
    ("kast", "storage"),
    ("terrasse", "other"),
    ("balkon", "other"),
)

_LETTERS = re.compile(r"[^\W\d_]+")  # runs of letters in any script; digits split words ("Bedroom1")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _key(text: str) -> str:
    """Folded, accent-free, spaces and punctuation removed: the form words are compared in."""
    return "".join(_words(text))


def _words(text: str) -> list[str]:
    return _LETTERS.findall(strip_accents(fold(text)))


_PHRASES: dict[str, str] = {}  # key -> use
_HAN_PHRASES: list[tuple[str, str]] = []  # (folded Chinese word, use), longest first
for _use, _by_language in _VOCABULARY.items():
    for _language, _entries in _by_language.items():
        for _entry in _entries:
            if _HAN.search(_entry):
                _HAN_PHRASES.append((fold(_entry), _use))
            else:
                _PHRASES.setdefault(_key(_entry), _use)
_HAN_PHRASES.sort(key=lambda item: -len(item[0]))
_LONGEST_PHRASE = 4  # words


# ---------------------------------------------------------------- texts that are no names

_NUMBER = r"\d+(?:[.,]\d+)?"
_AREA_UNIT = r"(?:m2|m\^2|sqm|sq\.?\s*m|sq\.?\s*ft|sqft|sf|ft2|متر\s*مربع|م2|平方米|平米)"
_AREA_WORD = r"(?:a|s|f|ar|area|surface|sup|flache|superficie|opp|oppervlakte|مساحت|متراژ|المساحه|面积)"
_AREA = re.compile(rf"^(?:{_AREA_WORD}\s*[:=]?\s*{_NUMBER}\s*{_AREA_UNIT}?|{_NUMBER}\s*{_AREA_UNIT})$")
_DIMENSION = re.compile(rf"^(?:[+\-±]\s*)?{_NUMBER}(?:\s*[x×*/]\s*{_NUMBER})*\s*(?:mm|cm|m|ft|in|\"|')?$")
_LEVEL = re.compile(rf"^(?:ffl|sfl|fl|el|lvl|ok|okff|h|z)\s*[:=]?\s*[+\-±]?\s*{_NUMBER}\s*m?$")
_SCALE = re.compile(r"^(?:scale|massstab|echelle|مقیاس)?\s*:?\s*1\s*:\s*\d+$")
# A door or window tag: one to three letters and a number ("D1", "W-02", "DR12", "د۱").
_TAG = re.compile(r"^([^\W\d_]{1,3})\s*[-.]?\s*(\d{1,3}[a-z]?)$")
_USE_TAG = re.compile(r"^\s*USE\s*[=:]\s*(\w+)\s*$", re.IGNORECASE)


def is_label(text: str) -> bool:
    """True when a text can name a room: not an area, a dimension, a level, a scale or a tag."""
    folded = strip_accents(fold(text))
    if not folded or _USE_TAG.match(text):
        return False
    if not _HAN.search(folded) and sum(len(w) for w in _LETTERS.findall(folded)) < 2:
        return False  # "3.20", "A", "+0.00": no word in it
    if _AREA.match(folded) or _DIMENSION.match(folded) or _LEVEL.match(folded) or _SCALE.match(folded):
        return False
    tag = _TAG.match(folded)
    if tag and _key(tag.group(1)) not in _PHRASES:  # "WC 1" names a room; "D1" tags a door
        return False
    return True


# ---------------------------------------------------------------- uses


def use_of(text: str) -> str | None:
    """The use a text names, or None: the first word or phrase in reading order that names one."""
    words = _words(text)
    for start in range(len(words)):
        # Longest phrase first, so "living room" is read before "living", "salle de bain" before "salle".
        for length in range(min(_LONGEST_PHRASE, len(words) - start), 0, -1):
            use = _PHRASES.get("".join(words[start : start + length]))
            if use is not None:
                return use
    folded = fold(text)
    if _HAN.search(folded):
        for phrase, use in _HAN_PHRASES:
            if phrase in folded:
                return use
    for word in words:
        for ending, use in _COMPOUND_ENDINGS:
            if use is not None and len(word) >= len(ending) + 3 and word.endswith(ending):
                return use
            if use is None and word.endswith(ending):
                break  # "Technikraum", "Abstellraum" are known whole; an unknown "-raum" says nothing
    return None


def space_name(words: list[str]) -> str | None:
    """The room's name: the first text that names a use, else the first that can be a name."""
    labels = [text for text in words if is_label(text)]
    for text in labels:
        if use_of(text) is not None:
            return text[:120]
    return labels[0][:120] if labels else None


def space_use(words: list[str]) -> str:
    """From a ``USE=`` label (a known use, or a word that names one), else from the names.

    ``unknown`` when no text inside can name the room, ``other`` when one does but
    says no use we know.
    """
    tags = [m.group(1) for m in map(_USE_TAG.match, words) if m]
    for tag in tags:
        if tag.lower() in SPACE_USES:
            return tag.lower()
    for text in tags + words:
        use = use_of(text)
        if use is not None:
            return use
    return "other" if any(is_label(text) for text in words) else "unknown"


# ---------------------------------------------------------------- voids

# Names of vertical voids a burglar can climb down from the roof (rule OPEN-08): light
# wells and service shafts (in Iranian blocks: نورگیر، داکت). Compared as room names are.
_VOID_WORDS = frozenset(
    _key(word)
    for word in (
        "light well",
        "lightwell",
        "light shaft",
        "shaft",
        "void",
        "riser",
        "duct",
        "air well",
        "lichtschacht",
        "schacht",
        "vide",
        "cour anglaise",
        "patinejo",
        "chiostrina",
        "lichthof",
        "نورگیر",
        "داکت",
        "داکت تاسیسات",
        "هواکش",
        "noorgir",
        "noor gir",
        "nourgir",
        "dakt",
        "dakt tasisat",
        "天井",
        "管井",
        "风井",
    )
)


def names_void(text: str | None) -> bool:
    """True when a room name names a light well or shaft ("نورگیر", "Light well 2", "DUCT")."""
    if not text:
        return False
    words = _words(text)
    for start in range(len(words)):
        for length in range(min(_LONGEST_PHRASE, len(words) - start), 0, -1):
            if "".join(words[start : start + length]) in _VOID_WORDS:
                return True
    folded = fold(text)
    return any(word in folded for word in ("天井", "管井", "风井"))


# Names of places to hide in at an entrance (rule ENTR-06): the space under a stair and
# recesses or niches (the Iranian list of penetrable points names "under stairs").
_HIDING_WORDS = frozenset(
    _key(word)
    for word in (
        "under stair",
        "under stairs",
        "understair",
        "understairs",
        "under the stairs",
        "stair void",
        "recess",
        "niche",
        "alcove",
        "nook",
        "unter treppe",
        "treppenunterschrank",
        "sous escalier",
        "sottoscala",
        "onder trap",
        "bajo escalera",
        "زیر پله",
        "زیرپله",
        "زیر راه پله",
        "تورفتگی",
        "فرورفتگی",
        "کنج",
        "zir pele",
        "zir pelleh",
        "zirpele",
        "toraftegi",
        "foroorafteghi",
    )
)


def names_hiding_place(text: str | None) -> bool:
    """True when a room name names a space under a stair or a recess ("زیر پله", "Niche")."""
    if not text:
        return False
    words = _words(text)
    for start in range(len(words)):
        for length in range(min(_LONGEST_PHRASE, len(words) - start), 0, -1):
            if "".join(words[start : start + length]) in _HIDING_WORDS:
                return True
    return False
