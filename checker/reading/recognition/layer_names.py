"""Layer roles read from layer names as offices really write them, with no mapping.

Architects name layers after a CAD standard (US National CAD Standard ``A-WALL-EXTR``;
ISO 13567 / BS 1192 with CI/SfB element codes ``A-210 G - Existing Structure``;
Uniclass ``A-EF_25_10``) or in plain words of their own language (``Walls``,
``Wand (neu)``, ``Türen``, ``دیوار``, ``PANJEREH``, ``建-墙体``). This module reads
such a name and says which role it gives the layer (walls, doors, windows, spaces,
access, site, public, fences, lights), how sure it is, and why, as a Message
("layer name 'Türen' = doors, German"). It also says when a name marks a layer the
reading should leave alone (furniture, dimensions, title block: ``noise``), so that
extraction can skip it.

How a name is read:

1. The name is folded (``text.fold``: case, Arabic letter forms as Persian, ZWNJ,
   digits) and cut into tokens at separators, at camelCase joints and between letters
   and digits; Chinese runs are scanned for known words, as Chinese writes no spaces.
2. Standard codes are recognised by their field structure (a one- or two-letter
   discipline, then a four-letter NCS group or a CI/SfB number).
3. Words are looked up whole, with their accents typed or not (``Türen``, ``Turen``,
   ``Tueren``), Persian and Arabic plural and article affixes, and, for the words
   marked as compound heads, at the end of a German or Dutch compound (``Außenwand``,
   ``binnendeur``): the head of a compound says what it is, so ``Wandschrank`` (wall
   cabinet) is furniture and ``Wandleuchte`` a light. A word never matches inside
   another word otherwise (``Dar`` in ``Darstellung``, ``Mur`` in ``Murales``).
4. Words that say the layer holds no building element (furniture, dimensions, text,
   grid, title block, elevation, section, detail, demolition, door hardware) veto any
   role: a "Wall dimensions" layer holds no walls. Words in the name decide over a
   CI/SfB number ("A-31 Doors" is doors); weak words (glass, area) count only when no
   stronger word names a role; short words that are also common grammar words
   (Persian ``در``, "in") count only in short names.
5. When a name names both doors and windows ("Doors & Windows", ``در و پنجره``,
   ``门窗``) it is read as doors, with a low confidence and a reason saying both.
   Otherwise, when several roles are named, the more specific element wins
   (a wall light is a light, a balcony door a door, a roof wall a wall).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from ...messages import Listing, Message, Term, msg
from ..layers import Role
from .text import fold, strip_accents


class Category(str, Enum):
    """What a word says a layer holds when that is no role: each vetoes a role."""

    FURNITURE = "furniture"  # furniture, fittings, sanitary ware, plants: noise
    ANNOTATION = "annotation"  # dimensions, grids and axes, title blocks: noise
    TEXT = "text"  # texts, labels, tags: no role, but texts carry room names and marks
    VIEW = "view"  # elevations, sections, details: not a floor plan
    DEMOLITION = "demolition"  # to be demolished: will not exist
    HARDWARE = "hardware"  # door handles and fittings: not the opening
    HATCH = "hatch"  # hatching: noise alone, but "wall hatch" is still walls
    NOTHING = "nothing"  # words that only look like role words (outdoor, Leinwand)


# Categories whose words veto any role, and those that make a layer noise.
VETOES = frozenset(
    {Category.FURNITURE, Category.ANNOTATION, Category.TEXT, Category.VIEW, Category.DEMOLITION, Category.HARDWARE}
)
NOISE = frozenset({Category.FURNITURE, Category.ANNOTATION, Category.VIEW, Category.DEMOLITION, Category.HATCH})

# Doors and windows named by one word ("Fenster und Türen" names both by two).
OPENINGS = "openings"
Kind = Role | Category | str  # what a word or code names; str: OPENINGS

# When several roles are named, the more specific element wins, first to last.
PRECEDENCE = (
    Role.LIGHTS,
    Role.DOORS,
    Role.WINDOWS,
    Role.FENCES,
    Role.WALLS,
    Role.ACCESS,
    Role.PUBLIC,
    Role.SITE,
    Role.SPACES,
)

# How sure a reading is, by what it rests on.
CONFIDENCE_STANDARD = 1.0  # an NCS code: a standard, as stated as a mapping
CONFIDENCE_WORD = 0.9  # a whole word
CONFIDENCE_COMPOUND = 0.8  # the head of a compound word
CONFIDENCE_CLASSIFICATION = 0.8  # a CI/SfB or Uniclass number alone
CONFIDENCE_SHORT = 0.75  # a short word that is also a grammar word, in a short name
CONFIDENCE_WEAK = 0.6  # a word that hints (glass, area)
CONFIDENCE_MIXED = 0.5  # doors and windows on one layer
CONFLICT_FACTOR = 0.8  # another role named as well

# Each language's name, as the reasons say it (written out, so every catalogue id is
# a literal the message tests can find).
LANGUAGE_TERMS = {
    "english": Term("language.english"),
    "german": Term("language.german"),
    "french": Term("language.french"),
    "spanish": Term("language.spanish"),
    "italian": Term("language.italian"),
    "dutch": Term("language.dutch"),
    "persian": Term("language.persian"),
    "persian-latin": Term("language.persian-latin"),
    "arabic": Term("language.arabic"),
    "chinese": Term("language.chinese"),
    "portuguese": Term("language.portuguese"),
}
LANGUAGES = tuple(LANGUAGE_TERMS)

# ---------------------------------------------------------------------------------
# Vocabulary: per language, per role or category, the words. Marks on a word:
#   +word   also the head (end) of a compound: Außen|wand, binnen|deur
#   ?word   weak: counts only when no stronger word names a role (glass, area)
#   !word   short grammar-like word: counts only in names of at most three words
# Words with spaces are phrases (read before their single words, listed in MULTI_WORD);
# their joined form ("curtainwall") is known too. OPENINGS words name doors and windows
# at once (serramenti, 门窗). Accented words are also known typed without accents,
# and German umlauts as ae/oe/ue.
# ---------------------------------------------------------------------------------

VOCABULARY: dict[str, dict[object, str]] = {
    "english": {
        Role.WALLS: "+wall +walls walling partition partitions masonry blockwork brickwork drywall drywalls "
        "parapet parapets",
        Role.DOORS: "+door +doors doorset doorsets gate gates doorway doorways balcony door balcony doors",
        Role.WINDOWS: "+window +windows glazing glaz wdw wdws wndw wnd curtain wall curtain walls curtain walling "
        "skylight skylights rooflight rooflights roof light roof lights ?glass ?crystal ?glazed "
        "window wall",
        Role.SPACES: "room rooms +room +rooms space spaces ?area ?areas ?zone ?zones room outline room outlines",
        Role.ACCESS: "roof roofs flat roof balcony balconies terrace terraces roof terrace ?deck ?decks canopy "
        "canopies loggia loggias veranda verandas",
        Role.SITE: "site boundary site line site outline property line property boundary plot boundary plot line "
        "lot line lot boundary boundary boundaries parcel parcels curtilage",
        Role.PUBLIC: "street streets road roads footpath footpaths sidewalk sidewalks ?pavement public realm "
        "public road highway carriageway ?public",
        Role.FENCES: "fence fences fencing boundary wall boundary walls site wall site railings palisade",
        Role.LIGHTS: "light lights +light +lights lighting luminaire luminaires lamp lamps lum lite floodlight "
        "floodlights light fixture light fixtures lighting fixtures lighting equipment wall light wall lights wall lamp "
        "wall lamps street light street lights street lighting",
        Category.FURNITURE: "furniture furn furnishing furnishings cabinet cabinets casework millwork equipment "
        "equip appliance appliances sanitary fixture fixtures plumbing fixtures sanitary fixtures plumbing fittings "
        "wardrobe "
        "tree trees plants planting vegetation landscaping wall cabinet wall unit wall units "
        "sanitaryware toilets wc",
        Category.ANNOTATION: "dim dims dimension dimensions dimensioning grid grids axis axes title titleblock "
        "title block border viewport vport defpoints sheet legend north arrow scale bar dote "
        "hatch boundary",
        Category.TEXT: "text texts txt note notes anno annotation annotations label labels tag tags stamp stamps "
        "name names",
        Category.VIEW: "elevation elevations elev section sections sect detail details detl dtl",
        Category.DEMOLITION: "demo demolition demolish demolished remove removed to be removed",
        Category.HARDWARE: "handle handles hardware ironmongery doorhandle doorhandles",
        Category.HATCH: "hatch hatching hatches patt pattern poche",
        OPENINGS: "openings fenestration",
        Category.NOTHING: "outdoor outdoors indoor indoors headroom legroom mushroom daylight highlight twilight "
        "delight paywall",
    },
    "german": {
        Role.WALLS: "+wand +wände +mauer +mauern mauerwerk wandscheibe trockenbau",
        Role.DOORS: "+tür +türen tor tore garagentor hoftor türblatt türblätter",
        Role.WINDOWS: "+fenster verglasung vorhangfassade glasfassade pfosten riegel ?glas oberlicht "
        "dachflächenfenster",
        Role.SPACES: "+raum +räume +zimmer ?fläche ?flächen raumflächen raumpolygon raumpolygone",
        Role.ACCESS: "+dach dächer +balkon +balkone +terrasse +terrassen loggia +vordach",
        Role.SITE: "grundstück grundstücksgrenze grundstücksgrenzen flurstück flurstücksgrenze grenze grundstueck",
        Role.PUBLIC: "+straße +strasse straßen strassen gehweg gehwege bürgersteig fußweg fußwege verkehrsfläche "
        "öffentlich",
        Role.FENCES: "+zaun zäune einfriedung einfriedungen",
        Role.LIGHTS: "+leuchte +leuchten +lampe +lampen +beleuchtung licht",
        Category.FURNITURE: "möbel +möbel mobiliar einrichtung ausstattung sanitär +schrank schränke bäume baum "
        "bepflanzung +schrankwand duschwand",
        Category.ANNOTATION: "bemaßung bemassung vermaßung maße kote koten achse achsen achsraster raster "
        "schriftfeld plankopf rahmen",
        Category.TEXT: "schrift beschriftung +namen raumstempel +text texte",
        Category.VIEW: "ansicht ansichten schnitt schnitte",
        Category.DEMOLITION: "abbruch abriss rückbau",
        Category.HARDWARE: "griff griffe beschlag beschläge türgriff türdrücker drücker",
        Category.HATCH: "schraffur schraffuren",
        OPENINGS: "öffnungen",
        Category.NOTHING: "leinwand luftraum hohlraum +gewand +gewände",
    },
    "french": {
        Role.WALLS: "mur murs muret murets cloison cloisons maçonnerie voile voiles",
        Role.DOORS: "porte portes portail portails porte fenêtre portes fenêtres",
        Role.WINDOWS: "fenêtre fenêtres vitrage vitrages châssis mur rideau murs rideaux façade rideau ?vitre "
        "?verre baie vitrée baies vitrées",
        Role.SPACES: "pièce pièces local locaux espace espaces salle salles",
        Role.ACCESS: "toit toits toiture toitures toiture terrasse terrasse terrasses balcon balcons auvent",
        Role.SITE: "limite de propriété limite parcelle parcelle parcelles limites séparatives cadastre",
        Role.PUBLIC: "rue rues voirie trottoir trottoirs chaussée voie publique",
        Role.FENCES: "clôture clôtures grillage",
        Role.LIGHTS: "éclairage luminaire luminaires lampe lampes",
        Category.FURNITURE: "mobilier meuble meubles équipement équipements sanitaire sanitaires arbres arbre "
        "végétation",
        Category.ANNOTATION: "cotation cotations cote cotes axe axes cartouche trame",
        Category.TEXT: "texte textes",
        Category.VIEW: "coupe coupes élévation élévations détail détails",
        Category.DEMOLITION: "démolition démolir à démolir",
        Category.HARDWARE: "poignée poignées quincaillerie",
        Category.HATCH: "hachure hachures",
        OPENINGS: "menuiserie menuiseries baie baies",
    },
    "spanish": {
        Role.WALLS: "muro muros pared paredes tabique tabiques tabiquería mampostería",
        Role.DOORS: "puerta puertas portón portones",
        Role.WINDOWS: "ventana ventanas acristalamiento muro cortina muros cortina ?vidrio ?vidrios ?cristal "
        "?cristales",
        Role.SPACES: "habitación habitaciones espacio espacios local locales recinto recintos estancia estancias "
        "ambiente ambientes ?área ?áreas",
        Role.ACCESS: "techo techos tejado tejados cubierta cubiertas azotea azoteas balcón balcones terraza terrazas",
        Role.SITE: "lindero linderos límite de parcela parcela parcelas límite de propiedad predio",
        Role.PUBLIC: "calle calles acera aceras vereda veredas vía pública banqueta calzada carretera",
        Role.FENCES: "valla vallas cerca cercas cerco cercos verja verjas",
        Role.LIGHTS: "iluminación luminaria luminarias lámpara lámparas alumbrado luz luces",
        Category.FURNITURE: "mobiliario mueble muebles equipamiento sanitario sanitarios árbol árboles vegetación",
        Category.ANNOTATION: "cota cotas acotación acotaciones eje ejes cajetín",
        Category.TEXT: "texto textos",
        Category.VIEW: "alzado alzados elevación fachada fachadas sección secciones corte cortes detalle detalles",
        Category.DEMOLITION: "demolición demoler",
        Category.HARDWARE: "manija manijas herraje herrajes",
        Category.HATCH: "sombreado",
        OPENINGS: "huecos carpintería carpinterías",
    },
    "italian": {
        Role.WALLS: "muro muri parete pareti muratura murature tramezzo tramezzi tramezzatura",
        Role.DOORS: "porta porte portone portoni cancello cancelli",
        Role.WINDOWS: "finestra finestre vetrata vetrate facciata continua ?vetro ?vetri lucernario lucernari",
        Role.SPACES: "stanza stanze vano vani locale locali spazio spazi ambiente ambienti ?area ?aree",
        Role.ACCESS: "tetto tetti copertura coperture balcone balconi terrazzo terrazza terrazze lastrico solare",
        Role.SITE: "confine confini lotto particella",
        Role.PUBLIC: "strada strade marciapiede marciapiedi viabilità",
        Role.FENCES: "recinzione recinzioni",
        Role.LIGHTS: "illuminazione lampada lampade luce luci corpi illuminanti",
        Category.FURNITURE: "mobili arredo arredi arredamento sanitari albero alberi vegetazione",
        Category.ANNOTATION: "quota quote quotatura quotature asse assi cartiglio",
        Category.TEXT: "testo testi",
        Category.VIEW: "prospetto prospetti sezione sezioni dettaglio dettagli",
        Category.DEMOLITION: "demolizione demolizioni demolire",
        Category.HARDWARE: "maniglia maniglie ferramenta",
        Category.HATCH: "retino retini campitura",
        OPENINGS: "serramenti serramento infissi infisso",
    },
    "dutch": {
        Role.WALLS: "+wand +wanden +muur +muren metselwerk",
        Role.DOORS: "+deur +deuren",
        Role.WINDOWS: "+raam +ramen +kozijn +kozijnen beglazing vliesgevel ?glas",
        Role.SPACES: "+ruimte +ruimten +ruimtes +kamer +kamers vertrek vertrekken",
        Role.ACCESS: "dak daken platdak balkon balkons terras +terras dakterras",
        Role.SITE: "perceelgrens perceel kavelgrens kavel erfgrens",
        Role.PUBLIC: "straat straten stoep trottoir openbare weg",
        Role.FENCES: "hek hekken hekwerk omheining afrastering erfafscheiding",
        Role.LIGHTS: "+verlichting lamp lampen armatuur armaturen",
        Category.FURNITURE: "meubilair meubels meubel inrichting sanitair bomen beplanting",
        Category.ANNOTATION: "maatvoering maten stramien stramienlijnen",
        Category.TEXT: "tekst teksten",
        Category.VIEW: "aanzicht aanzichten doorsnede doorsneden",
        Category.DEMOLITION: "sloop slopen te slopen",
        Category.HARDWARE: "kruk beslag",
        Category.HATCH: "arcering",
    },
    "portuguese": {
        Role.WALLS: "parede paredes alvenaria alvenarias",
        Role.DOORS: "porta portas portão portões",
        Role.WINDOWS: "janela janelas caixilho caixilhos pele de vidro ?vidro ?vidros",
        Role.SPACES: "ambiente ambientes compartimento compartimentos cômodo cômodos",
        Role.ACCESS: "cobertura coberturas telhado telhados varanda varandas sacada sacadas terraço terraços",
        Role.SITE: "divisa divisas limite do terreno lote",
        Role.PUBLIC: "rua ruas calçada calçadas passeio via pública",
        Role.FENCES: "cerca cercas gradil gradis alambrado muro de divisa",
        Role.LIGHTS: "iluminação luminária luminárias lâmpada lâmpadas",
        Category.FURNITURE: "mobiliário móveis louças equipamentos",
        Category.ANNOTATION: "cota cotas eixo eixos",
        Category.TEXT: "texto textos",
        Category.VIEW: "fachada fachadas vista vistas corte cortes detalhe detalhes",
        Category.DEMOLITION: "demolição demolir",
        Category.HATCH: "hachura hachuras",
        OPENINGS: "esquadria esquadrias",
    },
    "persian": {
        Role.WALLS: "دیوار دیوارها دیوارچینی",
        Role.DOORS: "!در درب دربها",
        Role.WINDOWS: "پنجره کرتین وال نمای شیشه ای ?شیشه ویترین",
        Role.SPACES: "اتاق اطاق فضا ?مساحت",
        Role.ACCESS: "بام پشت بام پشتبام بالکن تراس ایوان مهتابی سایه بان",
        Role.SITE: "حد زمین مرز زمین حدود زمین حدود ملک محدوده زمین محدوده ملک بر زمین ملک",
        Role.PUBLIC: "خیابان کوچه معبر پیاده رو گذر",
        Role.FENCES: "نرده حصار فنس دیوار محوطه",
        Role.LIGHTS: "روشنایی چراغ !نور لامپ",
        Category.FURNITURE: "مبلمان مبل اثاثیه تجهیزات لوازم کابینت درخت درختان گیاه فضای سبز لوازم بهداشتی شیرآلات",
        Category.ANNOTATION: "اندازه اندازه گذاری اندازه گزاری ابعاد محور محورها آکس کادر جدول",
        Category.HATCH: "هاشور",
        Category.TEXT: "متن متون نوشته نوشته ها عنوان نام",
        Category.VIEW: "نما برش مقطع جزئیات دتایل",
        Category.DEMOLITION: "تخریب",
        Category.HARDWARE: "دستگیره یراق آلات یراق",
    },
    "persian-latin": {
        Role.WALLS: "divar divaar deevar diwar divarha divarchini",
        Role.DOORS: "!dar darb darbha",
        Role.WINDOWS: "panjere panjereh panjare panjareh panjera ?shishe ?shisheh",
        Role.SPACES: "otagh otaq otagh otaghha otaqha faza fazaha",
        Role.ACCESS: "bam posht bam poshtbam poshte bam balkon teras taras ayvan eyvan sayeban",
        Role.SITE: "had zamin hade zamin marz zamin hodood zamin hodud melk",
        Role.PUBLIC: "khiaban khiyaban kuche koocheh kooche kucheh maabar piade ro piyade ro",
        Role.FENCES: "narde nardeh hesar hessar fens",
        Role.LIGHTS: "cheragh cheraq roshanaei roshanayi roshanaee",
        Category.FURNITURE: "mobleman moblman mobl kabinet",
        Category.ANNOTATION: "andaze andazeh andaze gozari andazegozari abad mehvar mehvarha aks kadr",
        Category.TEXT: "matn neveshte neveshteh",
        Category.VIEW: "nama boresh maghta maqta joziat",
        Category.DEMOLITION: "takhrib",
        Category.HATCH: "hashoor hashur",
        OPENINGS: "dar panjere",
    },
    "arabic": {
        Role.WALLS: "جدار جدران حائط حوائط حيطان حايط",
        Role.DOORS: "باب ابواب بوابة",
        Role.WINDOWS: "نافذة نوافذ شباك شبابيك جدار ستائري واجهة زجاجية ?زجاج",
        Role.SPACES: "غرفة غرف فراغ فراغات حيز ?مساحة ?مساحات",
        Role.ACCESS: "سطح اسطح شرفة شرفات بلكونة تراس سقف",
        Role.SITE: "حدود حد الملكية حدود الارض حدود الموقع قطعة الارض",
        Role.PUBLIC: "شارع شوارع طريق طرق رصيف ممر مشاة",
        Role.FENCES: "سور اسوار سياج درابزين",
        Role.LIGHTS: "انارة اضاءة مصباح مصابيح كشاف",
        Category.FURNITURE: "اثاث مفروشات اشجار",
        Category.ANNOTATION: "ابعاد قياسات محاور شبكة",
        Category.TEXT: "نص نصوص كتابة",
        Category.VIEW: "واجهة قطاع تفاصيل",
        Category.DEMOLITION: "هدم ازالة",
    },
    "chinese": {
        Role.WALLS: "墙 墙体 墙线 隔墙 砖墙 外墙 内墙",
        Role.DOORS: "门 大门",
        Role.WINDOWS: "窗 窗户 玻璃 幕墙 天窗",
        Role.SPACES: "房间 空间 面积 房间轮廓",
        Role.ACCESS: "屋顶 屋面 阳台 露台 雨篷",
        Role.SITE: "红线 用地红线 用地界线 用地",
        Role.PUBLIC: "道路 人行道 街道 市政道路",
        Role.FENCES: "围墙 围栏 栏杆 篱笆",
        Role.LIGHTS: "灯 灯具 照明",
        Category.FURNITURE: "家具 洁具 设备 植物 绿化 树",
        Category.ANNOTATION: "标注 尺寸 轴线 轴网 轴号 图框 图签",
        Category.HATCH: "填充",
        Category.TEXT: "文字 文本 名称",
        Category.VIEW: "立面 剖面 详图 大样",
        Category.DEMOLITION: "拆除",
        OPENINGS: "门窗",
    },
}

# --------------------------------------------------------------------- standard codes

# NCS / AIA: discipline designators (one letter, optionally a modifier letter).
NCS_DISCIPLINES = frozenset("abcdefghilmopqrstvwxz")
NCS_GROUPS: dict[str, Kind | None] = {  # None: says nothing
    "wall": Role.WALLS,
    "door": Role.DOORS,
    "glaz": Role.WINDOWS,
    "wind": Role.WINDOWS,
    "area": Role.SPACES,
    "roof": Role.ACCESS,
    "balc": Role.ACCESS,
    "prop": Role.SITE,
    "road": Role.PUBLIC,
    "publ": Role.PUBLIC,
    "fenc": Role.FENCES,
    "lite": Role.LIGHTS,
    "furn": Category.FURNITURE,
    "eqpm": Category.FURNITURE,
    "fixt": Category.FURNITURE,
    "case": Category.FURNITURE,
    "plnt": Category.FURNITURE,
    "anno": Category.ANNOTATION,
    "dims": Category.ANNOTATION,
    "grid": Category.ANNOTATION,
    "symb": Category.ANNOTATION,
    "nplt": Category.ANNOTATION,
    "ttlb": Category.ANNOTATION,
    "text": Category.TEXT,
    "note": Category.TEXT,
    "iden": None,
    "patt": None,
    "elev": Category.VIEW,
    "sect": Category.VIEW,
    "detl": Category.VIEW,
    "demo": Category.DEMOLITION,
}
# What an NCS minor group may say against its major group's role.
NCS_MINOR_VETOES = frozenset({Category.ANNOTATION, Category.TEXT, Category.VIEW, Category.DEMOLITION})
# NCS status codes that mean the element goes: "D" (demolish), and "AD-" discipline.
NCS_DEMOLITION_STATUS = "d"

# CI/SfB Table 1 element codes (the first two digits of an ISO 13567 / BS 1192 element
# field): 21 external walls, 22 internal walls, 27 roofs, 31 openings in external
# walls (windows and external doors), 32 openings in internal walls (internal doors),
# 37 roof openings (roof lights), 63 lighting, 72-76 and 82 fittings and furniture.
CISFB: dict[str, Kind] = {
    "21": Role.WALLS,
    "22": Role.WALLS,
    "27": Role.ACCESS,
    "31": Role.WINDOWS,
    "32": Role.DOORS,
    "37": Role.WINDOWS,
    "63": Role.LIGHTS,
    "72": Category.FURNITURE,
    "73": Category.FURNITURE,
    "74": Category.FURNITURE,
    "76": Category.FURNITURE,
    "82": Category.FURNITURE,
}
# Uniclass 2015 Elements/functions: EF_25_10 walls, EF_25_30 doors and windows,
# EF_30_10 roofs.
UNICLASS: dict[tuple[str, str], Kind] = {
    ("25", "10"): Role.WALLS,
    ("25", "30"): OPENINGS,
    ("30", "10"): Role.ACCESS,
}

# --------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Entry:
    kind: Kind
    languages: tuple[str, ...]
    weak: bool = False
    short: bool = False


def _umlauts_spelt(word: str) -> str:
    return word.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")


def _spellings(word: str) -> set[str]:
    """A folded word as it may be typed: as is, without accents, umlauts as ae/oe/ue."""
    return {word, strip_accents(word), _umlauts_spelt(word)}


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


WORDS: dict[str, Entry] = {}
PHRASES: dict[tuple[str, ...], Entry] = {}
HEADS: dict[str, Entry] = {}  # compound heads, by spelling
CJK_WORDS: dict[str, Entry] = {}


# Spellings the vocabulary gives two meanings (it should give none: a test says so).
CONFLICTS: list[tuple[str, object, object]] = []


def _merge(table: dict, key, entry: Entry) -> None:
    known = table.get(key)
    if known is None:
        table[key] = entry
    elif known.kind != entry.kind:
        CONFLICTS.append((key if isinstance(key, str) else " ".join(key), known.kind, entry.kind))
    elif not set(entry.languages) <= set(known.languages):
        table[key] = Entry(
            known.kind, known.languages + entry.languages, known.weak and entry.weak, known.short and entry.short
        )


def _add(language: str, kind, text: str) -> None:
    """Add one vocabulary line: items separated by spaces, the words of a phrase joined
    by "_" (``_build_lexicon`` joins the phrases listed in MULTI_WORD)."""
    for item in _split_items(text):
        mark = item[0] if item[0] in "+?!" else ""
        words = fold(item[len(mark) :]).split()
        entry = Entry(kind, (language,), weak=mark == "?", short=mark == "!")
        if language == "chinese":
            _merge(CJK_WORDS, words[0], entry)
            continue
        if len(words) > 1:
            for phrase in {tuple(w) for w in _phrase_spellings(words)}:
                _merge(PHRASES, phrase, entry)
                _merge(WORDS, "".join(phrase), entry)  # curtainwall
            continue
        for spelling in _spellings(words[0]):
            _merge(WORDS, spelling, entry)
        if mark == "+":
            # As a compound head, the word keeps its umlauts or spells them out: the
            # bare form would find "tur" in Struktur and "turen" in Architekturen.
            for spelling in {words[0], _umlauts_spelt(words[0])}:
                _merge(HEADS, spelling, entry)


def _phrase_spellings(words: list[str]) -> list[list[str]]:
    variants = [sorted(_spellings(w)) for w in words]
    spellings: list[list[str]] = [[]]
    for options in variants:
        spellings = [s + [o] for s in spellings for o in options]
    return spellings


# Phrases in the vocabulary are written with their words joined by "_" so that a line
# stays a list of items separated by spaces.
def _split_items(text: str) -> list[str]:
    return [item.replace("_", " ") for item in text.split()]


# The multi-word entries of VOCABULARY, so that its lines can be read as items: every
# listed phrase is rewritten with "_" before the line is split.
MULTI_WORD = (
    "curtain wall",
    "curtain walls",
    "curtain walling",
    "roof light",
    "roof lights",
    "window wall",
    "room outline",
    "room outlines",
    "flat roof",
    "roof terrace",
    "site boundary",
    "site line",
    "site outline",
    "property line",
    "property boundary",
    "plot boundary",
    "plot line",
    "lot line",
    "lot boundary",
    "public realm",
    "public road",
    "boundary wall",
    "boundary walls",
    "site wall",
    "wall cabinet",
    "wall unit",
    "wall units",
    "plumbing fixtures",
    "sanitary fixtures",
    "plumbing fittings",
    "light fixture",
    "light fixtures",
    "lighting fixtures",
    "wall light",
    "wall lights",
    "wall lamp",
    "wall lamps",
    "street light",
    "street lights",
    "street lighting",
    "balcony door",
    "balcony doors",
    "title block",
    "north arrow",
    "scale bar",
    "hatch boundary",
    "to be removed",
    "pfosten riegel",
    "porte fenêtre",
    "portes fenêtres",
    "mur rideau",
    "murs rideaux",
    "façade rideau",
    "baie vitrée",
    "baies vitrées",
    "toiture terrasse",
    "limite de propriété",
    "limite parcelle",
    "limites séparatives",
    "voie publique",
    "à démolir",
    "muro cortina",
    "muros cortina",
    "límite de parcela",
    "límite de propiedad",
    "vía pública",
    "facciata continua",
    "lastrico solare",
    "corpi illuminanti",
    "openbare weg",
    "te slopen",
    "کرتین وال",
    "نمای شیشه ای",
    "پشت بام",
    "سایه بان",
    "حد زمین",
    "مرز زمین",
    "حدود زمین",
    "حدود ملک",
    "محدوده زمین",
    "محدوده ملک",
    "بر زمین",
    "پیاده رو",
    "دیوار محوطه",
    "فضای سبز",
    "لوازم بهداشتی",
    "اندازه گذاری",
    "اندازه گزاری",
    "نوشته ها",
    "یراق آلات",
    "posht bam",
    "poshte bam",
    "had zamin",
    "hade zamin",
    "marz zamin",
    "hodood zamin",
    "hodud melk",
    "piade ro",
    "piyade ro",
    "andaze gozari",
    "dar panjere",
    "lighting equipment",
    "site railings",
    "pele de vidro",
    "limite do terreno",
    "via pública",
    "muro de divisa",
    "جدار ستائري",
    "واجهة زجاجية",
    "حد الملكية",
    "حدود الارض",
    "حدود الموقع",
    "قطعة الارض",
    "ممر مشاة",
)


def _build_lexicon() -> None:
    multi = sorted(MULTI_WORD, key=len, reverse=True)
    for language, table in VOCABULARY.items():
        for kind, line in table.items():
            for phrase in multi:
                line = re.sub(rf"(?<![^\s+?!]){re.escape(phrase)}(?!\S)", phrase.replace(" ", "_"), line)
            _add(language, kind, line)


_build_lexicon()
MAX_PHRASE = max(len(p) for p in PHRASES)
CJK_LONGEST = max(len(w) for w in CJK_WORDS)
# Compound heads longer first, so "leuchten" is tried before "leuchte".
HEAD_ORDER = tuple(sorted(HEADS, key=len, reverse=True))
MIN_HEAD = 4  # an ASCII head shorter than this would be found inside too many words (tür may)
MIN_COMPOUND_PREFIX = 3  # "Ge|wand" is no wall

# Persian and Arabic affixes stripped to find a word: plural and ezafe suffixes,
# the article and the conjunction.
PERSIAN_SUFFIXES = ("هایی", "های", "ها", "ی", "ات")
ARABIC_PREFIXES = ("وال", "بال", "ال", "و")

# --------------------------------------------------------------------- reading


@dataclass(frozen=True)
class NameReading:
    """What a layer name says: its role (or None), how sure, why; whether the layer
    holds things the reading should skip (``noise``)."""

    role: Role | None
    confidence: float = 0.0
    reason: Message | None = None
    noise: bool = False
    vetoed: bool = False  # a word says the layer holds no building element


NOTHING_READ = NameReading(None)


@dataclass(frozen=True)
class _Hit:
    kind: Kind
    source: str  # "word", "compound", "NCS", "CI/SfB", "Uniclass"
    languages: tuple[str, ...] = ()
    weak: bool = False
    short: bool = False


_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])|(?<=[A-ZÀ-Þ])(?=[A-ZÀ-Þ][a-zà-ÿ]{2})")
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
_FIELDS = re.compile(r"[^\w]+|_+")
_TOKEN = re.compile(r"[^\W_]+")


def _fields(layer: str) -> list[str]:
    """The name's fields as a standard code writes them: folded, cut at separators only."""
    return [f for f in _FIELDS.split(fold(layer)) if f]


def _tokens(layer: str) -> list[str]:
    """The name's words: cut at separators, camelCase joints and letter-digit joints."""
    text = _CAMEL.sub(" ", unicodedata.normalize("NFC", layer))
    text = _LETTER_DIGIT.sub(" ", fold(text))
    return _TOKEN.findall(text)


def _code_hits(fields: list[str]) -> list[_Hit]:
    """Hits from standard codes: NCS groups, CI/SfB numbers, Uniclass EF codes.

    In an NCS name the major group decides the role (A-DOOR-GLAZ is a door layer,
    E-LITE-EQPM a light layer); the minor groups only give a role when the major group
    has none (L-SITE-FENC), and can only veto it for annotation, views or demolition
    (A-WALL-DIMS, A-DOOR-DEMO) or, under a group with no role, say furniture (P-SANR-FIXT).
    """
    if len(fields) < 2:
        return []
    discipline = fields[0]
    if not (1 <= len(discipline) <= 2 and discipline.isalpha() and discipline[0] in NCS_DISCIPLINES):
        return []
    hits: list[_Hit] = []
    if len(fields[1]) == 4 and fields[1].isalpha():
        if len(discipline) == 2 and discipline[1] == NCS_DEMOLITION_STATUS:
            hits.append(_Hit(Category.DEMOLITION, "NCS"))  # AD-WALL: architectural demolition
        if len(fields) > 2 and fields[-1] == NCS_DEMOLITION_STATUS:
            hits.append(_Hit(Category.DEMOLITION, "NCS"))  # A-WALL-FULL-D
        major = NCS_GROUPS.get(fields[1])
        if major is not None:
            hits.append(_Hit(major, "NCS"))
        for field in fields[2:]:
            minor = NCS_GROUPS.get(field)
            if minor is not None and (minor in NCS_MINOR_VETOES or not isinstance(major, Role)):
                hits.append(_Hit(minor, "NCS"))
        return hits
    number = re.fullmatch(r"(\d{2})\d{0,2}[a-z]?", fields[1])
    if number:
        kind = CISFB.get(number.group(1))
        if kind is not None:
            hits.append(_Hit(kind, "CI/SfB"))
        return hits
    if fields[1] in ("ef", "ss") and len(fields) > 3:
        kind = UNICLASS.get((fields[2], fields[3]))
        if kind is not None:
            hits.append(_Hit(kind, "Uniclass"))
    return hits


def _lookup(token: str) -> tuple[Entry | None, bool]:
    """A token's dictionary entry and whether it was found as a compound's head."""
    entry = WORDS.get(token)
    if entry is not None:
        return entry, False
    if any("\u0600" <= c <= "\u06ff" for c in token):
        return _lookup_arabic_script(token), False
    if token.endswith("ha") and len(token) > 4:  # Persian in Latin letters: DIVARHA, DARHA
        entry = WORDS.get(token[:-2])
        if entry is not None and "persian-latin" in entry.languages:
            return Entry(entry.kind, entry.languages, entry.weak), False
    for head in HEAD_ORDER:
        if (
            (len(head) >= MIN_HEAD or not head.isascii())
            and token.endswith(head)
            and len(token) - len(head) >= MIN_COMPOUND_PREFIX
        ):
            return HEADS[head], True
    return None, False


def _lookup_arabic_script(token: str) -> Entry | None:
    candidates = [token]
    for prefix in ARABIC_PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= 2:
            candidates.append(token[len(prefix) :])
    for candidate in list(candidates):
        for suffix in PERSIAN_SUFFIXES:
            if candidate.endswith(suffix) and len(candidate) - len(suffix) >= 2:
                stem = candidate[: -len(suffix)]
                if suffix == "ی" and len(stem) < 3:
                    continue  # "دری" is as likely "Dari" or "a door"
                candidates.append(stem)
    for candidate in candidates[1:]:
        entry = WORDS.get(candidate)
        if entry is not None:
            # A plural or an article makes a short word unambiguous: درها is doors.
            return Entry(entry.kind, entry.languages, entry.weak)
    return None


def _word_hits(tokens: list[str]) -> list[_Hit]:
    hits: list[_Hit] = []
    index = 0
    while index < len(tokens):
        for length in range(min(MAX_PHRASE, len(tokens) - index), 1, -1):
            entry = PHRASES.get(tuple(tokens[index : index + length]))
            if entry is not None:
                hits.append(_Hit(entry.kind, "word", entry.languages, entry.weak, entry.short))
                index += length
                break
        else:
            token = tokens[index]
            index += 1
            if any(_is_cjk(c) for c in token):
                hits.extend(_cjk_hits(token))
                continue
            if len(token) < 2 or token.isdigit():
                continue
            entry, compound = _lookup(token)
            if entry is not None:
                hits.append(
                    _Hit(entry.kind, "compound" if compound else "word", entry.languages, entry.weak, entry.short)
                )
    return hits


def _cjk_hits(token: str) -> list[_Hit]:
    """Chinese writes no spaces: the longest known word at each place, left to right."""
    hits: list[_Hit] = []
    index = 0
    while index < len(token):
        for length in range(min(CJK_LONGEST, len(token) - index), 0, -1):
            entry = CJK_WORDS.get(token[index : index + length])
            if entry is not None:
                hits.append(_Hit(entry.kind, "word", entry.languages, entry.weak))
                index += length
                break
        else:
            index += 1
    return hits


def _language_arg(languages: tuple[str, ...]):
    unique = tuple(dict.fromkeys(languages))
    terms = tuple(LANGUAGE_TERMS[language] for language in unique)
    return terms[0] if len(terms) == 1 else Listing(terms, "or")


def _role_term(role: Role) -> Term:
    return Term(f"layer-role.{role.value}")


@lru_cache(maxsize=4096)
def read_layer_name(layer: str) -> NameReading:
    """What ``layer``'s name says about the layer (see the module docstring)."""
    if not layer or not layer.strip():
        return NOTHING_READ
    tokens = _tokens(layer)
    codes = _code_hits(_fields(layer))
    words = _word_hits(tokens)
    if any(h.source == "NCS" and isinstance(h.kind, Role) for h in codes):
        # An NCS group is a standard's word: the name's other words may veto, not vote.
        words = [h for h in words if isinstance(h.kind, Category)]
    hits = codes + words
    if not hits:
        return NOTHING_READ
    categories = {h.kind for h in hits if isinstance(h.kind, Category)}
    noise = bool(categories & NOISE)
    if categories & VETOES:
        return NameReading(None, noise=noise, vetoed=True)
    chosen = _role_hits(hits, categories, tokens)
    if not chosen:
        return NameReading(None, noise=noise)
    roles = _roles_named(chosen)
    if Role.DOORS in roles and Role.WINDOWS in roles:
        role, confidence = Role.DOORS, CONFIDENCE_MIXED
    else:
        role = next(r for r in PRECEDENCE if r in roles)
        confidence = _confidence(chosen, role) * (CONFLICT_FACTOR if len(roles) > 1 else 1.0)
    return NameReading(role, round(confidence, 2), _reason(layer, role, roles, chosen))


def _role_hits(hits: list[_Hit], categories: set, tokens: list[str]) -> list[_Hit]:
    """The hits that name roles, as the rules of the module docstring count them."""
    words = sum(1 for t in tokens if not t.isdigit())
    role_hits = [h for h in hits if not isinstance(h.kind, Category) and not (h.short and words > 3)]
    strong = [h for h in role_hits if not h.weak]
    if not strong and Category.HATCH in categories:
        return []  # "Area hatch" is a hatch
    chosen = strong or role_hits
    named = [h for h in chosen if h.source not in ("CI/SfB", "Uniclass")]
    return named or chosen  # words in the name decide over a classification number


def _roles_named(hits: list[_Hit]) -> set[Role]:
    roles: set[Role] = set()
    for hit in hits:
        if hit.kind == OPENINGS:
            roles |= {Role.DOORS, Role.WINDOWS}
        elif isinstance(hit.kind, Role):  # _role_hits leaves no Category
            roles.add(hit.kind)
    return roles


def _confidence(hits: list[_Hit], role: Role) -> float:
    best = 0.0
    for hit in hits:
        if hit.kind != role:
            continue
        if hit.source == "NCS":
            value = CONFIDENCE_STANDARD
        elif hit.source in ("CI/SfB", "Uniclass"):
            value = CONFIDENCE_CLASSIFICATION
        elif hit.weak:
            value = CONFIDENCE_WEAK
        elif hit.short:
            value = CONFIDENCE_SHORT
        elif hit.source == "compound":
            value = CONFIDENCE_COMPOUND
        else:
            value = CONFIDENCE_WORD
        best = max(best, value)
    return best or CONFIDENCE_MIXED


def _reason(layer: str, role: Role, roles: set[Role], hits: list[_Hit]) -> Message:
    deciding = [h for h in hits if h.kind == role or (h.kind == OPENINGS and role in (Role.DOORS, Role.WINDOWS))]
    standards = [h.source for h in deciding if h.source in ("NCS", "CI/SfB", "Uniclass")]
    if "NCS" in standards or standards and not any(h.source in ("word", "compound") for h in deciding):
        standard = "NCS" if "NCS" in standards else standards[0]
        return msg("layer.by-standard", layer=layer, role=_role_term(role), standard=standard)
    languages = tuple(lang for h in deciding for lang in h.languages) or ("english",)
    if len(roles) > 1:
        named = Listing(tuple(_role_term(r) for r in PRECEDENCE if r in roles), "and")
        return msg(
            "layer.by-name-several", layer=layer, role=_role_term(role), roles=named, language=_language_arg(languages)
        )
    return msg("layer.by-name", layer=layer, role=_role_term(role), language=_language_arg(languages))
