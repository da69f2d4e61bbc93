"""Readers for TABARI/PETRARCH ``.actors`` and ``.agents`` dictionaries.

The formats are documented in PETRARCH's ``dictionaries.rst``. An actor dictionary is a
series of blocks::

    PRIMARY_PHRASE_  [CODE]          # the head name, with an optional default code
    +SYNONYM_PHRASE                  # zero or more synonyms
        [CODE 20080120-20121109]     # zero or more (dated) code restrictions

:func:`read_actors` turns every block into one :class:`~kg.datatypes.GazetteerEntry`;
:func:`read_actor_blocks` gives the raw blocks (with their date ranges) for callers that
need them (the gazetteer build script). :func:`read_agents` reads an agents dictionary
(``GOVERNMENT [~GOV]``) into :class:`AgentEntry` records.

Comments (``#``, ``;`` after a phrase, ``<!-- ... -->``), blank lines and the odd junk
found in the shipped dictionaries are tolerated; a line that cannot be understood at all
raises :class:`~kg.errors.LexiconError` naming the file and line.

>>> slugify("Côte d'Ivoire")
'cote_d_ivoire'
>>> display_name("UN_SECURITY_COUNCIL_")
'UN Security Council'
>>> country_of_code("GMYGOV"), country_of_code("USAGOV"), country_of_code("IGOUNO")
('DEU', 'USA', None)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pycountry

from kg.datatypes import Actor, ActorType, CodePeriod, GazetteerEntry
from kg.errors import LexiconError

__all__ = [
    "AgentEntry",
    "CodeSpan",
    "RawActorBlock",
    "actor_type_of_code",
    "country_of_code",
    "display_name",
    "iter_dictionary_lines",
    "looks_like_person",
    "read_actor_blocks",
    "read_actors",
    "read_agents",
    "slugify",
]

#: Codes meaning "no code" in PETRARCH dictionaries.
NULL_CODES = frozenset({"---", "+++", "###", "***"})

#: Country codes used by CAMEO/TABARI (mostly Correlates-of-War abbreviations) that are
#: not ISO 3166-1 alpha-3 codes, mapped to the ISO code. A code that *is* a valid ISO
#: alpha-3 code always means that ISO country (so COW "AUS" = Austria is read as
#: Australia, as in the Phoenix dictionaries). Codes that clash with CAMEO sector or
#: religion codes (MNC, INS, BAH, ...) are deliberately absent.
CAMEO_TO_ISO: dict[str, str] = {
    "AAB": "ATG", "ALG": "DZA", "ANG": "AGO", "AUL": "AUS", "BFO": "BFA", "BHM": "BHS",
    "BHU": "BTN", "BNG": "BGD", "BOS": "BIH", "BOT": "BWA", "BUI": "BDI", "BUL": "BGR",
    "CAO": "CMR", "CDI": "CIV", "CEN": "CAF", "CHA": "TCD", "CON": "COG", "COS": "CRI",
    "CRO": "HRV", "CZR": "CZE", "DEN": "DNK", "DRC": "COD", "DRV": "VNM", "EQG": "GNQ",
    "ETM": "TLS", "FIJ": "FJI", "FRN": "FRA", "GAM": "GMB", "GFR": "DEU", "GMY": "DEU",
    "GRG": "GEO", "GRN": "GRD", "GUA": "GTM", "GUI": "GIN", "HAI": "HTI", "HON": "HND",
    "ICE": "ISL", "IRE": "IRL", "IVO": "CIV", "JAP": "JPN", "KSV": "XKX", "KUW": "KWT",
    "KYR": "KGZ", "KZK": "KAZ", "LAT": "LVA", "LEB": "LBN", "LES": "LSO", "LIB": "LBY",
    "LIT": "LTU", "LTH": "LTU", "MAA": "MRT", "MAG": "MDG", "MAL": "MYS", "MAS": "MUS",
    "MAW": "MWI", "MLD": "MDA", "MON": "MNG", "MOR": "MAR", "MYA": "MMR", "MZM": "MOZ",
    "NEP": "NPL", "NEW": "NZL", "NIG": "NGA", "NIR": "NER", "NTH": "NLD", "OMA": "OMN",
    "PAL": "PSE", "PAR": "PRY", "PHI": "PHL", "POR": "PRT", "ROC": "TWN", "ROK": "KOR",
    "ROM": "ROU", "SAF": "ZAF", "SAL": "SLV", "SEY": "SYC", "SIE": "SLE", "SIN": "SGP",
    "SKN": "KNA", "SLU": "LCA", "SNM": "SMR", "SPN": "ESP", "SRI": "LKA", "SUD": "SDN",
    "SVG": "VCT", "SWD": "SWE", "TAJ": "TJK", "TAW": "TWN", "TAZ": "TZA", "THI": "THA",
    "TOG": "TGO", "TRI": "TTO", "UAE": "ARE", "UKG": "GBR", "URU": "URY", "YAR": "YEM",
    "ZAI": "COD", "ZAM": "ZMB", "ZIM": "ZWE",
}  # fmt: skip

#: Non-ISO alpha-3 codes accepted as countries although pycountry lacks them.
#: Dissolved states still coded in event data, by their ISO 3166-3 alpha-3 codes (the
#: Soviet Union, Czechoslovakia, East Germany, Yugoslavia, Serbia and Montenegro).
FORMER_STATES = frozenset({"SUN", "CSK", "DDR", "YUG", "SCG"})

#: Non-ISO alpha-3 codes accepted as countries although pycountry's current list lacks them.
EXTRA_COUNTRIES = frozenset({"XKX"}) | FORMER_STATES  # Kosovo (user-assigned code in common use)

#: Leading CAMEO codes that name a kind of organisation rather than a country.
_LEADING_TYPES: dict[str, ActorType] = {
    "IGO": ActorType.IGO,
    "UNO": ActorType.IGO,
    "NGO": ActorType.NGO,
    "NGM": ActorType.NGO,
    "IMG": ActorType.ARMED_GROUP,
    "MNC": ActorType.ORGANIZATION,
}

#: CAMEO sector (role) codes -> actor type.
SECTOR_TYPES: dict[str, ActorType] = {
    "GOV": ActorType.GOVERNMENT,
    "LEG": ActorType.GOVERNMENT,
    "JUD": ActorType.GOVERNMENT,
    "SPY": ActorType.GOVERNMENT,
    "MIL": ActorType.MILITARY,
    "COP": ActorType.POLICE,
    "REB": ActorType.ARMED_GROUP,
    "INS": ActorType.ARMED_GROUP,
    "UAF": ActorType.ARMED_GROUP,
    "SEP": ActorType.ARMED_GROUP,
    "OPP": ActorType.OPPOSITION,
    "PTY": ActorType.OPPOSITION,
    "IGO": ActorType.IGO,
    "NGO": ActorType.NGO,
    "NGM": ActorType.NGO,
    "HRI": ActorType.NGO,
    "MED": ActorType.ORGANIZATION,
    "BUS": ActorType.ORGANIZATION,
    "MNC": ActorType.ORGANIZATION,
    "EDU": ActorType.ORGANIZATION,
    "LAB": ActorType.ORGANIZATION,
    "REL": ActorType.ORGANIZATION,
    "CRM": ActorType.ARMED_GROUP,
    "CVL": ActorType.GROUP,
    "REF": ActorType.GROUP,
    "AGR": ActorType.GROUP,
}

#: Words that mark a phrase as an institution, not a named individual.
ORG_WORDS = frozenset(
    [
        "ACADEMY",
        "ADMINISTRATION",
        "AGENCY",
        "ALLIANCE",
        "ARMY",
        "ARMED",
        "ASSEMBLY",
        "ASSOCIATION",
        "AUTHORITY",
        "BANK",
        "BATTALION",
        "BLOC",
        "BOARD",
        "BODIES",
        "BODY",
        "BRIGADE",
        "BRIGADES",
        "BUREAU",
        "CABINET",
        "CAMP",
        "CELL",
        "CELLS",
        "CENTER",
        "CENTRE",
        "CHAMBER",
        "CITY",
        "COALITION",
        "COMMAND",
        "COMMISSION",
        "COMMITTEE",
        "COMMUNITY",
        "COMPANY",
        "CONFERENCE",
        "CONGRESS",
        "CONTINGENT",
        "CORPORATION",
        "CORPS",
        "COUNCIL",
        "COURT",
        "DELEGATION",
        "DEPARTMENT",
        "DIRECTORATE",
        "DIVISION",
        "EMBASSY",
        "FACTION",
        "FEDERATION",
        "FIGHTERS",
        "FORCE",
        "FORCES",
        "FOUNDATION",
        "FRONT",
        "FUND",
        "GOVERNMENT",
        "GROUP",
        "GROUPS",
        "GUARD",
        "GUARDS",
        "GUERRILLAS",
        "GUNMEN",
        "HOUSE",
        "INSTITUTE",
        "INTERNATIONAL",
        "ISLANDS",
        "LEAGUE",
        "LIBERATION",
        "MILITARY",
        "MILITIA",
        "MILITIAS",
        "MINISTRY",
        "MISSION",
        "MONITOR",
        "MOVEMENT",
        "NATIONAL",
        "NETWORK",
        "OFFICE",
        "ORGANISATION",
        "ORGANIZATION",
        "PARLIAMENT",
        "PARTY",
        "POLICE",
        "PROGRAM",
        "PROGRAMME",
        "PROJECT",
        "REGIME",
        "REPUBLIC",
        "RESISTANCE",
        "SECRETARIAT",
        "SERVICE",
        "SERVICES",
        "SOCIETY",
        "SOLDIERS",
        "SQUAD",
        "STATE",
        "STATES",
        "STRONGHOLD",
        "TRIBUNAL",
        "TROOPS",
        "UNION",
        "UNIT",
        "UNITED",
        "UNIVERSITY",
        "WING",
    ]
)

#: Titles that, in front of a name, mark a named individual.
TITLE_WORDS = frozenset(
    [
        "AMBASSADOR",
        "AYATOLLAH",
        "BARON",
        "CAPTAIN",
        "CHANCELLOR",
        "COLONEL",
        "DR.",
        "DR",
        "EMIR",
        "GEN.",
        "GEN",
        "GENERAL",
        "KING",
        "LORD",
        "MARSHAL",
        "MINISTER",
        "MR.",
        "MR",
        "MRS.",
        "MRS",
        "MS.",
        "MS",
        "PREMIER",
        "PRESIDENT",
        "PRIME",
        "PRINCE",
        "PRINCESS",
        "QUEEN",
        "SECRETARY",
        "SECRETARY-GENERAL",
        "SENATOR",
        "SHEIKH",
        "SHEIK",
        "SIR",
        "SULTAN",
    ]
)

_FUNCTION_WORDS = frozenset(
    {"of", "the", "and", "for", "in", "on", "to", "at", "by", "de", "du", "des", "la", "le"}
)

#: Tokens kept upper case in labels although they contain vowels.
_ACRONYMS = frozenset(
    [
        "ANC",
        "ASEAN",
        "AU",
        "AQAP",
        "AQIM",
        "ECOWAS",
        "EU",
        "FARC",
        "IAEA",
        "ICC",
        "ICJ",
        "ICRC",
        "IDF",
        "IGAD",
        "IMF",
        "IRA",
        "ISIL",
        "ISIS",
        "LNA",
        "GNA",
        "LRA",
        "NATO",
        "NUG",
        "OAS",
        "OAU",
        "OCHA",
        "OPEC",
        "OSCE",
        "PLO",
        "ROK",
        "SADC",
        "SDF",
        "UAE",
        "UK",
        "UN",
        "UNAMA",
        "UNAMI",
        "UNDP",
        "UNESCO",
        "UNHCR",
        "UNICEF",
        "UNIFIL",
        "UNITA",
        "UNRWA",
        "UNSC",
        "US",
        "USA",
        "USSR",
        "WFP",
        "TPLF",
    ]
)

_BRACKET = re.compile(r"\[([^\]\[}]*)[\]}]")
_RESTRICTION = re.compile(r"^(?P<op>[<>])?\s*(?P<d1>\d+)\s*(?:-\s*(?P<d2>\d+))?$")
_CODE = re.compile(r"^[A-Z0-9/~+#*-]+$")
_PAREN = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """One agent noun of an agents dictionary: ``TROOPS {} [~MIL]``.

    ``noun`` is lower case with spaces (``"foreign minister"``); ``sector`` is the code
    without tildes (``"MIL"``); ``plural`` is the plural form (generated for regular
    nouns, taken from ``{...}`` for irregular ones) or ``None`` when the dictionary says
    no plural is formed (``{}``); ``prefix`` is True for codes written ``NGO~``, which
    go *before* the actor code rather than after it.

    >>> AgentEntry("troops", "MIL", None)
    AgentEntry(noun='troops', sector='MIL', plural=None, prefix=False)
    """

    noun: str
    sector: str
    plural: str | None
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class CodeSpan:
    """One ``[CODE restriction]`` of an actor block.

    ``start``/``end`` are inclusive bounds (``None`` = unbounded); ``dated`` is False for
    a default code without a restriction.
    """

    code: str | None
    start: dt.date | None = None
    end: dt.date | None = None
    dated: bool = False


@dataclass(slots=True)
class RawActorBlock:
    """One actor block as written: phrases, code spans, trailing comment, first line."""

    names: list[str]
    spans: list[CodeSpan] = field(default_factory=list)
    comment: str = ""
    line_no: int = 0

    @property
    def dated_spans(self) -> list[CodeSpan]:
        return [s for s in self.spans if s.dated]

    @property
    def default_code(self) -> str | None:
        """The first non-null undated code (PETRARCH's fallback)."""
        for span in self.spans:
            if not span.dated and span.code is not None:
                return span.code
        return None

    def latest_span(self) -> CodeSpan | None:
        """The dated span ending last (open-ended spans count as ending never)."""
        spans = [s for s in self.dated_spans if s.code is not None]
        if not spans:
            return None
        return max(spans, key=lambda s: (s.end or dt.date.max, s.start or dt.date.min))


# ---------------------------------------------------------------------------------------
# small helpers


def slugify(text: str) -> str:
    """Lower-case ASCII slug with underscores: ``"Khalifa Haftar" -> "khalifa_haftar"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


def _is_acronym(token: str) -> bool:
    letters = token.replace(".", "")
    if not letters:
        return False
    if "." in token and len(letters) <= 5 and letters.isalpha():
        return True  # U.N., U.S., B.
    if letters.upper() in _ACRONYMS:
        return True
    if letters.isalpha() and len(letters) <= 5 and not re.search(r"[AEIOUY]", letters.upper()):
        return True  # PKK, NLD, HTS
    if re.fullmatch(r"\d+(ST|ND|RD|TH)", letters.upper()):
        return False  # 1ST, 22ND: ordinals, not acronyms
    return bool(re.fullmatch(r"[A-Z]*\d+[A-Z0-9]*", letters.upper()) and len(letters) <= 6)


def _title_word(word: str, first: bool) -> str:
    if not word:
        return word
    if _is_acronym(word):
        return word.upper()
    lower = word.lower()
    if re.fullmatch(r"\d+(st|nd|rd|th)", lower):
        return lower
    if not first and lower in _FUNCTION_WORDS:
        return lower
    # capitalise after hyphens and apostrophes: AL-QAEDA -> Al-Qaeda, D'ESCOTO -> D'Escoto
    parts = re.split(r"([-'\u2019])", lower)
    out = []
    for part in parts:
        if part in {"-", "'", "\u2019"}:
            out.append(part)
        elif len(part) == 1 and out and out[-1] in {"'", "\u2019"}:
            out.append(part)  # people's, children's
        else:
            out.append(part[:1].upper() + part[1:])
    return "".join(out)


def display_name(phrase: str) -> str:
    """A readable label for a dictionary phrase: underscores to spaces, title case.

    >>> display_name("AL-QAEDA_IN_THE_ARABIAN_PENINSULA_")
    'Al-Qaeda in the Arabian Peninsula'
    >>> display_name("PRESIDENT_GEORGE_W._BUSH")
    'President George W. Bush'
    """
    words = phrase.replace("_", " ").split()
    return " ".join(_title_word(w, i == 0) for i, w in enumerate(words))


def _clean_phrase(phrase: str) -> list[str]:
    """Split a raw phrase into display names (parenthesised acronyms become extra names)."""
    names: list[str] = []
    for piece in phrase.split("+"):
        extra: list[str] = []

        def grab(m: re.Match[str], extra: list[str] = extra) -> str:
            inner = m.group(1).strip("_ ")
            if re.fullmatch(r"[A-Za-z0-9.\-]{2,10}", inner):
                extra.append(inner)
            return " "

        main = _PAREN.sub(grab, piece)
        main = main.replace("(", " ").replace(")", " ")
        for cand in (main, *extra):
            cand = cand.strip(" _")
            is_acro = cand in extra and cand.isupper()
            name = cand.replace("_", " ") if is_acro else display_name(cand)
            if name and re.search(r"[A-Za-z0-9]", name) and name not in names:
                names.append(name)
    return names


@cache
def _iso_alpha3() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries) | EXTRA_COUNTRIES


def iso_country(code3: str) -> str | None:
    """The ISO alpha-3 code for a three-letter CAMEO country code, or None."""
    code3 = code3.upper()
    if code3 in _iso_alpha3():
        return code3
    mapped = CAMEO_TO_ISO.get(code3)
    if mapped is not None and mapped in _iso_alpha3():
        return mapped
    return None


def country_of_code(code: str | None) -> str | None:
    """ISO alpha-3 country of a CAMEO actor code (its first three letters), or None."""
    if not code or len(code) < 3 or code[:3] in _LEADING_TYPES:
        return None
    return iso_country(code[:3])


def _segments(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def actor_type_of_code(code: str | None) -> ActorType:
    """Actor type implied by a CAMEO code: its organisation prefix or first sector."""
    if not code:
        return ActorType.UNKNOWN
    segs = _segments(code.upper())
    if segs[0] in _LEADING_TYPES:
        return _LEADING_TYPES[segs[0]]
    rest = segs[1:] if country_of_code(code) is not None else segs
    for seg in rest:
        if seg in SECTOR_TYPES:
            return SECTOR_TYPES[seg]
    if country_of_code(code) is not None and len(code) == 3:
        return ActorType.STATE
    return ActorType.UNKNOWN


def looks_like_person(phrase: str) -> bool:
    """Whether a phrase has the shape of a personal name (no institution words).

    >>> looks_like_person("KOFI_ANNAN_"), looks_like_person("UN_SECURITY_COUNCIL")
    (True, False)
    """
    words = phrase.replace("_", " ").upper().split()
    if not 2 <= len(words) <= 6:
        return False
    if any(w.strip(".,()") in ORG_WORDS for w in words):
        return False
    if words[0] == "THE" or any(w.lower() in {"of", "and", "for", "the"} for w in words[1:]):
        return words[0] in TITLE_WORDS  # "Prince of Dol Amroth", "Lord Robertson of Port Ellen"
    if any("(" in w or "/" in w or "," in w for w in words):
        return False
    return all(re.fullmatch(r"[A-Z'\u2019.\-ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ]+", w) for w in words)


def _parse_date(text: str, path: Path | str, line_no: int) -> dt.date:
    """YYMMDD (00-30 -> 20YY) or YYYYMMDD; extra digits are ignored, days are clamped."""
    if len(text) < 6:
        raise LexiconError(path, line_no, f"date {text!r} is not YYMMDD or YYYYMMDD")
    if len(text) <= 7:
        yy, month, day = int(text[:2]), int(text[2:4]), int(text[4:6])
        year = 2000 + yy if yy <= 30 else 1900 + yy
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    if not 1 <= month <= 12 or year < 1:
        raise LexiconError(path, line_no, f"date {text!r} has no valid month")
    day = min(max(day, 1), calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def _parse_bracket(inner: str, path: Path | str, line_no: int) -> CodeSpan:
    parts = inner.split(None, 1)
    if not parts:
        raise LexiconError(path, line_no, "empty code brackets []")
    code = parts[0].upper()
    if not _CODE.match(code) or code[0].isdigit() or code[0] in "<>":
        raise LexiconError(
            path, line_no, f"[{inner.strip()}] does not start with an actor code (e.g. [USAGOV])"
        )
    norm: str | None = None if code in NULL_CODES else code
    if len(parts) == 1:
        return CodeSpan(norm)
    m = _RESTRICTION.match(parts[1].strip())
    if m is None:
        raise LexiconError(
            path,
            line_no,
            f"bad date restriction {parts[1].strip()!r} in [{inner.strip()}] "
            "(expected <DATE, >DATE or DATE-DATE)",
        )
    d1 = _parse_date(m.group("d1"), path, line_no)
    if m.group("d2") is not None:
        return CodeSpan(norm, d1, _parse_date(m.group("d2"), path, line_no), True)
    if m.group("op") == "<":
        return CodeSpan(norm, None, d1, True)
    return CodeSpan(norm, d1, None, True)  # ">DATE" and a bare DATE: from that date on


def _strip_comment(line: str) -> tuple[str, str]:
    """Split off a ``#`` comment (outside brackets) or a TABARI ``;`` comment."""
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch in "]}" and depth:
            depth -= 1
        elif (ch == "#" and depth == 0) or (
            ch == ";" and depth == 0 and (i == 0 or line[i - 1] in " \t]")
        ):
            return line[:i], line[i + 1 :].strip()
    return line, ""


def iter_dictionary_lines(path: Path) -> Iterator[tuple[int, str, str]]:
    """(line number, content without comments, comment) for each meaningful line."""
    in_xml_comment = False
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line_no, raw in enumerate(fh, start=1):
            line = raw.rstrip("\n\r").lstrip("\ufeff")
            if in_xml_comment:
                if "-->" in line:
                    in_xml_comment = False
                continue
            if line.lstrip().startswith("<!"):
                in_xml_comment = "-->" not in line
                continue
            content, comment = _strip_comment(line)
            if content.strip():
                yield line_no, content, comment


# ---------------------------------------------------------------------------------------
# actors


def read_actor_blocks(path: Path | str) -> list[RawActorBlock]:
    """Parse an actors dictionary into raw blocks (names as display strings)."""
    p = Path(path)
    blocks: list[RawActorBlock] = []
    current: RawActorBlock | None = None
    for line_no, content, comment in iter_dictionary_lines(p):
        text = content.strip()
        if "[" in text and not _BRACKET.search(text[text.index("[") :]):
            raise LexiconError(p, line_no, f"unclosed '[' in {text!r}")
        if text.startswith("+"):
            if current is None:
                raise LexiconError(p, line_no, f"synonym {text!r} before any actor phrase")
            phrase = text[1:].split("[", 1)[0]
            for name in _clean_phrase(phrase):
                if name not in current.names:
                    current.names.append(name)
            current.spans.extend(
                _parse_bracket(m.group(1), p, line_no) for m in _BRACKET.finditer(text)
            )
        elif text.startswith("["):
            if current is None:
                raise LexiconError(p, line_no, f"code {text!r} before any actor phrase")
            current.spans.extend(
                _parse_bracket(m.group(1), p, line_no) for m in _BRACKET.finditer(text)
            )
        else:
            phrase = text.split("[", 1)[0]
            names = _clean_phrase(phrase)
            if not names:
                raise LexiconError(p, line_no, f"no actor phrase in {text!r}")
            if "]" in phrase or "{" in phrase or "}" in phrase:
                raise LexiconError(p, line_no, f"stray bracket in actor phrase {text!r}")
            spans = [_parse_bracket(m.group(1), p, line_no) for m in _BRACKET.finditer(text)]
            if current is not None and not current.spans:
                # PETRARCH gives a run of primary phrases with no codes the codes that
                # follow them ("BORIS_YELTSIN_", "BORIS_N._YELTSIN", "YELTSIN", ...
                # "RUSSIAN_PRESIDENT_YELTSIN" then the dated codes): one actor
                current.names.extend(n for n in names if n not in current.names)
                current.spans.extend(spans)
                continue
            current = RawActorBlock(names=names, comment=comment, line_no=line_no)
            current.spans.extend(spans)
            blocks.append(current)
    return blocks


_PERSON_MARKERS = ("countryinfo", "igorulers")


def block_is_person(block: RawActorBlock, code: str | None) -> bool:
    """Heuristic: does a block name a single individual?"""
    head = block.names[0].upper().replace(" ", "_")
    words = head.replace("_", " ").split()
    if any(w.strip(".,()") in ORG_WORDS for w in words):
        return False
    if any(m in block.comment.lower() for m in _PERSON_MARKERS):
        return True
    if words and words[0] in TITLE_WORDS and len(words) >= 2:
        return True
    if code is None or (code[:3] in _LEADING_TYPES and len(code) == 3):
        return False
    sectorless = len(code) <= 3
    if block.dated_spans and not sectorless:
        return looks_like_person(head) or len(words) == 1
    if code[:3] in {"IGO", "NGO", "NGM"} or "ELI" in _segments(code)[1:]:
        # undated individuals are common among IGO officials and (former) elites
        initials = "." in words[0] and len(words[0].replace(".", "")) <= 2
        return looks_like_person(head) and (initials or not _is_acronym(words[0]))
    return False


def block_code(block: RawActorBlock, person: bool | None = None) -> str | None:
    """The code to keep: latest dated range for individuals, else the default code."""
    latest = block.latest_span()
    default = block.default_code
    if person is None:
        person = block_is_person(block, latest.code if latest else default)
    if person and latest is not None:
        return latest.code
    if default is not None:
        return default
    return latest.code if latest is not None else None


def block_to_entry(
    block: RawActorBlock, source: str, actor_id: str | None = None
) -> GazetteerEntry:
    """Convert one block to a gazetteer entry (id defaults to the slug of the label)."""
    latest = block.latest_span()
    person = block_is_person(block, latest.code if latest else block.default_code)
    code = block_code(block, person)
    label = block.names[0]
    atype = ActorType.PERSON if person else actor_type_of_code(code)
    actor = Actor(
        actor_id=actor_id or slugify(label) or f"actor_{block.line_no}",
        label=label,
        type=atype,
        country=country_of_code(code),
        code=code,
        aliases=tuple(block.names[1:]),
    )
    return GazetteerEntry(
        actor=actor, names=tuple(block.names), source=source, periods=block_periods(block)
    )


def block_periods(block: RawActorBlock) -> tuple[CodePeriod, ...]:
    """The dated codes of a block, in the order written (PETRARCH: the first that covers a
    story's date wins), then its default code as an open period: on a date no range
    covers, the default holds (``SAM_GAMGEE [HOB]`` with ``[HOBMIL 20080120-20121109]``)."""
    periods = [
        CodePeriod(s.code, s.start, s.end)
        for s in block.dated_spans
        # a range that ends before it starts covers no date (Phoenix has a few)
        if s.code and not (s.start and s.end and s.end < s.start)
    ]
    default = block.default_code
    if periods and default:
        periods.append(CodePeriod(default))
    return tuple(periods)


def read_actors(path: Path | str) -> list[GazetteerEntry]:
    """Read a PETRARCH/TABARI ``.actors`` dictionary: one entry per actor block.

    Ids are slugs of the label; when two blocks of the file share a slug, later ones are
    prefixed with their lower-cased code (or numbered when that clashes too).
    """
    p = Path(path)
    source = f"petrarch:{p.name}"
    entries: list[GazetteerEntry] = []
    used: set[str] = set()
    for block in read_actor_blocks(p):
        entry = block_to_entry(block, source)
        actor_id = entry.actor.actor_id
        if actor_id in used:
            code = (entry.actor.code or "").lower()
            candidate = f"{slugify(code)}_{actor_id}" if code else actor_id
            n = 2
            while candidate in used:
                candidate = f"{actor_id}_{n}"
                n += 1
            entry = block_to_entry(block, source, candidate)
            actor_id = candidate
        used.add(actor_id)
        entries.append(entry)
    return entries


# ---------------------------------------------------------------------------------------
# agents

_SUBST_DEF = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_AGENT_LINE = re.compile(
    r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]}]*)[\]}]\s*$"
)


def _regular_plural(noun: str) -> str:
    """'army' -> 'armies', 'boss' -> 'bosses', 'barracks' and 'junta forces' stay."""
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    if re.search(r"(ss|x|ch|sh)$", noun):
        return noun + "es"
    if re.search(r"[^su]s$", noun):
        return noun  # already plural: "junta forces", "barracks"
    return noun + "s"


def _agent_phrase(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split()).lower()


def read_agents(path: Path | str) -> list[AgentEntry]:
    """Read a PETRARCH agents dictionary (``PHRASE {PLURAL} [~CODE]`` lines).

    Substitution sets (``!PERSON! = MAN, MEN, ...``) are expanded without plurals; lines
    with no code at all are skipped; an unreadable code raises LexiconError.
    """
    p = Path(path)
    subs: dict[str, list[str]] = {}
    out: list[AgentEntry] = []
    for line_no, content, _comment in iter_dictionary_lines(p):
        text = content.strip()
        m_sub = _SUBST_DEF.match(text)
        if m_sub:
            subs[m_sub.group(1)] = [w.strip() for w in m_sub.group(2).split(",") if w.strip()]
            continue
        if "[" not in text:
            if "{" in text and "}" not in text:
                raise LexiconError(p, line_no, f"unclosed '{{' in {text!r}")
            continue  # a phrase with no code: PETRARCH ignores it too
        m = _AGENT_LINE.match(text)
        if m is None:
            raise LexiconError(
                p, line_no, f"cannot read agent line {text!r} (expected PHRASE {{PLURAL}} [~CODE])"
            )
        raw_code = m.group("code").strip()
        prefix = raw_code.endswith("~") and not raw_code.startswith("~")
        sector = raw_code.strip("~").upper()
        if not re.fullmatch(r"[A-Z0-9]{2,}", sector):
            raise LexiconError(p, line_no, f"bad agent code [{m.group('code')}]")
        phrase = m.group("phrase").strip()
        marker = re.search(r"![A-Z]+!", phrase)
        if marker:
            if marker.group(0) not in subs:
                raise LexiconError(p, line_no, f"undefined substitution set {marker.group(0)}")
            for word in subs[marker.group(0)]:
                noun = _agent_phrase(phrase.replace(marker.group(0), word))
                out.append(AgentEntry(noun, sector, None, prefix))
            continue
        noun = _agent_phrase(phrase)
        if not noun:
            raise LexiconError(p, line_no, f"no agent phrase in {text!r}")
        plural: str | None
        if m.group("plural") is None:
            plural = _regular_plural(noun)
        else:
            plural = _agent_phrase(m.group("plural")) or None
        out.append(AgentEntry(noun, sector, plural, prefix))
    return out
