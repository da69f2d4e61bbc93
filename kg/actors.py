"""Find actor mentions in a parsed document and resolve each to one canonical actor.

Sources of mentions, in order of trust:

1. gazetteer names ("Khalifa Haftar", "Haftar", "the United Arab Emirates"),
2. agent phrases built from an agent noun and a country ("the Libyan government",
   "the government in Tripoli", "Russia's Foreign Ministry", "his forces"),
3. metonyms that stand for a state when they act ("Moscow said", "the Kremlin"),
4. named entities that no dictionary knows (typed from NER, merged by name),
5. pronouns and definite descriptions ("he", "the government", "the head of militant
   forces in Libya"), resolved against the mentions around them.

The result is an :class:`ActorMentions` table from token index to :class:`TokenMention`,
which the relation rules query with :meth:`ActorMentions.resolve`.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any, Literal

from spacy.tokens import Doc, Span, Token

from kg.datatypes import Actor, ActorType, CodePeriod, GazetteerEntry
from kg.petrarch import AgentEntry

__all__ = [
    "ActorIndex",
    "ActorMentions",
    "AgentNoun",
    "TokenMention",
    "find_mentions",
    "slugify",
]

Kind = Literal["name", "adjective", "metonym", "agent", "ner", "pronoun", "description", "dyad"]

#: sector code -> (actor type, readable name)
SECTORS: dict[str, tuple[ActorType, str]] = {
    "GOV": (ActorType.GOVERNMENT, "government"),
    "MIL": (ActorType.MILITARY, "military"),
    "COP": (ActorType.POLICE, "police"),
    "REB": (ActorType.ARMED_GROUP, "rebels"),
    "INS": (ActorType.ARMED_GROUP, "insurgents"),
    "UAF": (ActorType.ARMED_GROUP, "armed group"),
    "SPY": (ActorType.GOVERNMENT, "intelligence"),
    "OPP": (ActorType.OPPOSITION, "opposition"),
    "JUD": (ActorType.GOVERNMENT, "judiciary"),
    "LEG": (ActorType.GOVERNMENT, "legislature"),
    "PTY": (ActorType.ORGANIZATION, "party"),
    "IGO": (ActorType.IGO, "international organization"),
    "NGO": (ActorType.NGO, "NGO"),
    "MED": (ActorType.ORGANIZATION, "media"),
    "BUS": (ActorType.ORGANIZATION, "business"),
    "CVL": (ActorType.GROUP, "civilians"),
    "REF": (ActorType.GROUP, "refugees"),
    "LAB": (ActorType.GROUP, "labor"),
    "EDU": (ActorType.GROUP, "education"),
    "HLH": (ActorType.GROUP, "health"),
    "ELI": (ActorType.GROUP, "elites"),
    "CRM": (ActorType.GROUP, "criminals"),
    "RAD": (ActorType.GROUP, "radicals"),
    "AGR": (ActorType.GROUP, "agriculture"),
    "ENV": (ActorType.GROUP, "environmental"),
}


_NER_TYPES: dict[str, ActorType] = {
    "PERSON": ActorType.PERSON,
    "ORG": ActorType.ORGANIZATION,
    "NORP": ActorType.GROUP,
    "GPE": ActorType.UNKNOWN,  # a place no gazetteer knows: an actor only in argument roles
}
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
_THING_PRONOUNS = frozenset({"it", "its", "itself"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
_REFLEXIVES = frozenset({"themselves", "himself", "herself", "itself"})
_FIRST_PERSON = frozenset({"we", "us", "our", "i", "me", "my"})
_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})


def slugify(text: str) -> str:
    """A stable, ASCII, lower-case id for a name.

    >>> slugify("Fayez al-Sarraj")
    'fayez_al_sarraj'
    >>> slugify("Côte d’Ivoire")
    'cote_d_ivoire'
    """
    norm = unicodedata.normalize("NFKD", re.sub(r"[\W_]+", " ", text))
    ascii_ = norm.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_).strip("_")
    if slug:
        return slug
    # names in non-Latin scripts: keep letters and digits as they are
    return re.sub(r"\W+", "_", text.lower(), flags=re.UNICODE).strip("_") or "unnamed"


def _norm_token(text: str) -> str:
    """A token as names are indexed: lower case, straight quotes, Latin accents folded
    ("López" is "lopez", "Erdoğan" "erdogan"), so that a name matches however it is written.

    >>> _norm_token("López"), _norm_token("D’Ivoire")
    ('lopez', "d'ivoire")
    """
    low = text.lower().replace("’", "'").replace("‘", "'")
    if low.isascii():
        return low
    return "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class AgentNoun:
    """An agent noun ("government", "troops", "foreign ministry") and its CAMEO sector."""

    words: tuple[str, ...]
    sector: str


#: A person whose every dated code ends before this day is a person of the past: named by
#: full names only, never by a bare surname (tools/build_gazetteer.py keeps the same cut).
PAST_BEFORE = dt.date(2010, 1, 1)


def is_past_person(actor: Actor, periods: Sequence[CodePeriod]) -> bool:
    """Whether ``actor`` is a person whose dated codes all end before :data:`PAST_BEFORE`.

    >>> reagan = Actor("ronald_reagan", "Ronald Reagan", ActorType.PERSON)
    >>> is_past_person(reagan, [CodePeriod("USAGOV", dt.date(1981, 1, 20), dt.date(1989, 1, 20))])
    True
    >>> is_past_person(reagan, [])
    False
    """
    dated = [p for p in periods if p.start is not None or p.end is not None]
    return (
        actor.type is ActorType.PERSON
        and bool(dated)
        and all(p.end is not None and p.end < PAST_BEFORE for p in dated)
    )


#: Countries whose names put the family name first, as English news writes them ("Xi
#: Jinping", "Yoon Suk Yeol")
_FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "PRK", "KOR"})


def _unique_surnames(
    actors: Iterable[Actor], periods: Mapping[str, Sequence[CodePeriod]]
) -> dict[str, Actor]:
    """Surname -> person, for surnames that exactly one person of today's gazetteer bears,
    else exactly one person at all ("Assad" is Bashar, not Hafez; "Yeltsin" is Boris
    Yeltsin, whom no one of today shares the name with; "Bush" is no one).

    Used only for PERSON entities the NER finds ("President Mugabe"), never to match
    plain words.
    """
    current: dict[str, list[Actor]] = {}
    everyone: dict[str, list[Actor]] = {}
    for a in actors:
        if a.type is not ActorType.PERSON:
            continue
        words = a.label.split()
        if len(words) >= 2 and a.country in _FAMILY_NAME_FIRST and words[0][:1].isupper():
            key = _norm_token(words[0])  # "Xi" is Xi Jinping
        elif len(words) < 2 or len(words[-1]) < 4 or not words[-1][:1].isupper():
            continue
        else:
            key = _norm_token(words[-1])
        everyone.setdefault(key, []).append(a)
        if not is_past_person(a, periods.get(a.actor_id, ())):
            current.setdefault(key, []).append(a)
    found = {k: v[0] for k, v in everyone.items() if len(v) == 1}
    found.update({k: v[0] for k, v in current.items() if len(v) == 1})
    for k, v in current.items():
        if len(v) > 1:
            found.pop(k, None)  # two of today's persons share it: none of them
    return found


def _plural(demonym: str) -> str | None:
    """ "Palestinian" -> "Palestinians"; None for forms without a plural ("Chinese")."""
    if not demonym or " " in demonym or demonym.endswith(("s", "sh", "ch", "ese", "x")):
        return None
    return demonym + "s"


def default_agents() -> list[AgentNoun]:
    """Agent nouns of ``agents.jsonl`` (from Phoenix) and ``agents_curated.jsonl``.

    Both singular and plural forms are returned; sectors are cut to their 3-letter root.
    """
    from kg.gazetteer_data import load_agents

    curated = resources.files("kg").joinpath("data/agents_curated.jsonl").read_text("utf-8")
    rows: list[AgentEntry] = list(load_agents())
    for line in curated.splitlines():
        if line.strip():
            r = json.loads(line)
            if r["sector"] is None:  # "settlement": a place, not people
                rows = [row for row in rows if row.noun != r["noun"]]
                continue
            rows.append(AgentEntry(r["noun"], r["sector"], r.get("plural"), bool(r.get("prefix"))))
    return agent_nouns(rows, prefixed=False)


def agent_nouns(rows: Iterable[AgentEntry], prefixed: bool = True) -> list[AgentNoun]:
    """The singular and plural forms of agents dictionary entries, sectors cut to their
    3-letter root (``GOVFRM`` -> GOV). ``prefixed``: keep ``[NGO~]`` entries too (their
    sector then follows the country like any other: kg writes ``ARNNGO``, not ``NGOARN``)."""
    out: dict[tuple[str, ...], AgentNoun] = {}
    for row in rows:
        if (row.prefix and not prefixed) or len(row.sector) < 3:
            continue
        for form in (row.noun, row.plural):
            if form:
                words = tuple(form.lower().split())
                out[words] = AgentNoun(words, row.sector[:3])
    return list(out.values())


@dataclass(frozen=True, slots=True)
class _Surface:
    kind: Literal["name", "adjective", "metonym", "agent", "not_actor"]
    actor: Actor | None = None
    sector: str | None = None


class ActorIndex:
    """Look-up tables over the gazetteer: surface forms to actors, and agent nouns.

    Build it once (``ActorIndex.default(nlp)``) and share it across documents.
    """

    def __init__(
        self,
        entries: Iterable[GazetteerEntry],
        agents: Iterable[AgentNoun],
        tokenize: Any,
    ) -> None:
        self.actors: dict[str, Actor] = {}
        self.by_country: dict[str, Actor] = {}
        self.by_code: dict[str, Actor] = {}
        self._index: dict[tuple[str, ...], list[_Surface]] = {}
        self._derived: dict[tuple[str, str], Actor] = {}
        self._members: dict[str, tuple[Actor, ...]] = {}  # actor id -> compound members
        self._primary: dict[str, Actor] | None = None  # code -> the actor it names
        self._user_ids: frozenset[str] = frozenset()
        self.periods: dict[str, tuple[CodePeriod, ...]] = {}
        self.adjectives: dict[str, tuple[str, ...]] = {}  # state id -> "Sudanese", ...
        self._tokenize = tokenize
        forms: list[tuple[str, _Surface]] = []
        # entries written for kg's curated list win when two actors share a name ("Islamic
        # Jihad" is Palestinian Islamic Jihad today, a Hezbollah alias in the 2014 Phoenix data)
        ordered = sorted(entries, key=lambda e: "curated" not in e.source)
        for entry in ordered:
            actor = entry.actor
            if entry.names and actor.label not in entry.names:
                names: tuple[str, ...] = (actor.label, *entry.names)
            else:
                names = entry.names or (actor.label,)
            self.actors[actor.actor_id] = actor
            if entry.periods:
                self.periods.setdefault(actor.actor_id, entry.periods)
            if actor.type is ActorType.STATE and actor.country:
                self.by_country.setdefault(actor.country, actor)
            forms += [(n, _Surface("name", actor)) for n in names]
            if entry.adjectives and actor.type is ActorType.STATE:
                self.adjectives[actor.actor_id] = entry.adjectives
            forms += [(a, _Surface("adjective", actor)) for a in entry.adjectives]
            forms += [(m, _Surface("metonym", actor)) for m in entry.metonyms]
            # "the Palestinians", "Israelis": plural demonyms name the state's people
            plurals = (_plural(a) for a in entry.adjectives)
            forms += [(pl, _Surface("name", actor)) for pl in plurals if pl]
        # "<state>_government" style actors stand for "the Libyan government" and kin
        for state in self.by_country.values():
            for sector, (_, sname) in SECTORS.items():
                generic = self.actors.get(f"{state.actor_id}_{sname.replace(' ', '_')}")
                if generic is not None and generic.code == f"{state.country}{sector}":
                    self.by_code[f"{state.country}{sector}"] = generic
        for agent in agents:
            forms.append((" ".join(agent.words), _Surface("agent", sector=agent.sector)))
        # "the Gulf of Oman" is no Oman: such names are matched whole and name nobody
        forms += [(name, _Surface("not_actor")) for name in _not_actor_names()]
        texts = [f for f, _ in forms]
        for (_, surface), toks in zip(forms, self._tokenize_all(texts), strict=True):
            if toks and toks[0] == "the" and len(toks) > 1:
                toks = toks[1:]
            if not toks:
                continue
            bucket = self._index.setdefault(toks, [])
            if surface not in bucket:
                bucket.append(surface)
        self.max_len = max((len(k) for k in self._index), default=1)
        self._prefixes = _prefixes(self._index)
        self.surnames = _unique_surnames(self.actors.values(), self.periods)

    def _tokenize_all(self, texts: Sequence[str]) -> Iterable[tuple[str, ...]]:
        for doc in self._tokenize.pipe(texts, batch_size=2000):
            # hyphens are dropped: "al-Thani" and "Al Thani" are one name
            yield tuple(_norm_token(t.text) for t in doc if not t.is_space and t.text != "-")

    @classmethod
    @functools.cache
    def default(cls, tokenizer: Any) -> ActorIndex:
        """The index over kg's shipped gazetteer and agent nouns."""
        from kg.gazetteer_data import load_entries

        return cls(load_entries(), default_agents(), tokenizer)

    def with_entries(
        self, extra: Iterable[GazetteerEntry], agents: Iterable[AgentEntry] = ()
    ) -> ActorIndex:
        """A copy of this index with user entries and agent nouns added (they win over
        shipped ones)."""
        clone = object.__new__(ActorIndex)
        clone.actors = dict(self.actors)
        clone.by_country = dict(self.by_country)
        clone.by_code = dict(self.by_code)
        clone._index = {k: list(v) for k, v in self._index.items()}
        clone._derived = {}
        clone._members = {}
        clone._primary = None
        clone.periods = dict(self.periods)
        clone.adjectives = self.adjectives
        clone._tokenize = self._tokenize
        extra = list(extra)
        clone._user_ids = self._user_ids | {e.actor.actor_id for e in extra}
        forms: list[tuple[str, _Surface]] = []
        for entry in extra:
            actor = entry.actor
            clone.actors[actor.actor_id] = actor
            if entry.periods:
                clone.periods[actor.actor_id] = entry.periods
            else:
                clone.periods.pop(actor.actor_id, None)
            for n in (actor.label, *entry.names):
                forms.append((n, _Surface("name", actor)))
            forms += [(a, _Surface("adjective", actor)) for a in entry.adjectives]
            forms += [(m, _Surface("metonym", actor)) for m in entry.metonyms]
        for agent in agent_nouns(agents):
            forms.append((" ".join(agent.words), _Surface("agent", sector=agent.sector)))
        for (_, surface), toks in zip(
            forms, clone._tokenize_all([f for f, _ in forms]), strict=True
        ):
            if toks and toks[0] == "the" and len(toks) > 1:
                toks = toks[1:]
            if toks:
                clone._index[toks] = [
                    surface,
                    *[s for s in clone._index.get(toks, []) if s != surface],
                ]
        clone.max_len = max((len(k) for k in clone._index), default=1)
        clone._prefixes = _prefixes(clone._index)
        clone.surnames = _unique_surnames(clone.actors.values(), clone.periods)
        return clone

    def lookup(self, words: Sequence[str]) -> list[_Surface]:
        """Surfaces of an exact (lower-cased) token sequence."""
        return self._index.get(tuple(_norm_token(w) for w in words if w != "-"), [])

    def lookup_name(self, text: str, day: dt.date | None = None) -> Actor | None:
        """The actor a name resolves to, if any (used by ``kg actors``); of several persons
        so named, the one in office on ``day``.

        Agent phrases such as "Libyan government" resolve to a derived government actor.
        """
        toks = next(iter(self._tokenize_all([text])), ())
        if toks and toks[0] == "the":
            toks = toks[1:]
        named = [
            s.actor
            for s in self._index.get(toks, [])
            if s.actor is not None and s.kind in ("name", "metonym")
        ]
        if named:
            in_office = [a for a in named if day is not None and self.dated_on(a, day)]
            return (in_office or named)[0]
        if len(toks) >= 2:
            head = [s for s in self._index.get(toks[1:], []) if s.kind == "agent"]
            mod = [s for s in self._index.get(toks[:1], []) if s.actor is not None]
            if head and mod and mod[0].actor is not None and head[0].sector:
                return self.sector_actor(mod[0].actor, head[0].sector)
        return None

    def code_on(self, actor: Actor, day: dt.date | None) -> str | None:
        """The actor's code on ``day`` when a dated period of its entry covers it (the
        first such period, as PETRARCH reads them), else None (``actor.code`` holds)."""
        if day is None:
            return None
        for period in self.periods.get(actor.actor_id, ()):
            if period.covers(day):
                return period.code
        return None

    def dated_on(self, actor: Actor, day: dt.date) -> bool:
        """Whether a dated period of the actor's entry (not its open default) covers ``day``:
        the person was in that office then."""
        return any(
            (p.start is not None or p.end is not None) and p.covers(day)
            for p in self.periods.get(actor.actor_id, ())
        )

    def state_of(self, actor: Actor) -> Actor | None:
        """The state an actor belongs to (itself when it is a state)."""
        if actor.type is ActorType.STATE:
            return actor
        return self.by_country.get(actor.country or "")

    def sector_actor(self, base: Actor, sector: str) -> Actor:
        """The actor for ``sector`` of ``base`` ("Libya" + GOV -> Government of Libya)."""
        key = (base.actor_id, sector)
        if key in self._derived:
            return self._derived[key]
        if base.country is None and base.code is not None and base.code[3:] == sector:
            return base  # "the army ... its troops": already that sector, of no country
        state = self.state_of(base) or base
        atype, sname = SECTORS.get(sector, (ActorType.ORGANIZATION, sector.lower()))
        country = state.country
        # actors of user dictionaries may carry a code but no ISO country ("OSG" in the
        # PETRARCH validation set): the code's first three letters stand for the country
        prefix = country or (state.code[:3] if state.code and len(state.code) >= 3 else "---")
        known = self.by_code.get(f"{country}{sector}") if country else None
        if known is None and country:
            known = self._named_sector(state, sector, atype)
        if known is not None:
            self._derived[key] = known
            return known
        actor = Actor(
            actor_id=f"{state.actor_id}_{sector.lower()}",
            label=f"{state.label} ({sname})",
            type=atype,
            country=country,
            code=f"{prefix}{sector}",
            affiliation=state.actor_id,
        )
        self._derived[key] = self.actors.get(actor.actor_id, actor)
        return self._derived[key]

    def _named_sector(self, state: Actor, sector: str, atype: ActorType) -> Actor | None:
        """The actor the gazetteer names as the state's sector ("Sudanese army" is the
        Sudanese Armed Forces), so that "Sudanese soldiers" and a bare "the army" in a story
        about Sudan are that actor too."""
        code = f"{state.country}{sector}"
        for adjective in self.adjectives.get(state.actor_id, ()):
            for noun in syntax_table_lists("sector_names").get(sector, ()):
                for s in self.lookup(f"{adjective} {noun}".split()):
                    a = s.actor
                    if s.kind == "name" and a is not None and a.type is atype and a.code == code:
                        return a
        return None

    def members_of(self, actor: Actor) -> tuple[Actor, ...]:
        """The actors a compound code stands for: TABARI's ``THE_SHIRE [FRO/BIL/SAM]`` is
        Frodo, Bilbo and Sam, so an event of "the Shire" is one event of each (an actor with
        that code when the index has one, else an actor of its own). Empty for one code.

        >>> import spacy
        >>> index = ActorIndex([], [], spacy.blank("en").tokenizer)
        >>> shire = Actor("the_shire", "The Shire", ActorType.UNKNOWN, code="FRO/BIL")
        >>> [a.code for a in index.members_of(shire)]
        ['FRO', 'BIL']
        """
        if not actor.code or "/" not in actor.code:
            return ()
        key = actor.actor_id
        if key not in self._members:
            if self._primary is None:
                # a code stands for the user's actor with it, else the state, else the first
                ranked: dict[str, tuple[tuple[int, int], Actor]] = {}
                for a in self.actors.values():
                    if not a.code:
                        continue
                    rank = (a.actor_id not in self._user_ids, a.type is not ActorType.STATE)
                    if a.code not in ranked or rank < ranked[a.code][0]:
                        ranked[a.code] = (rank, a)
                self._primary = {code: a for code, (_, a) in ranked.items()}
            out: list[Actor] = []
            for code in dict.fromkeys(c for c in actor.code.split("/") if c):
                member = self._primary.get(code) or Actor(
                    actor_id=f"{actor.actor_id}_{slugify(code)}",
                    label=f"{actor.label} ({code})",
                    type=actor.type,
                    country=actor.country,
                    code=code,
                    affiliation=actor.actor_id,
                    resolved=actor.resolved,
                )
                out.append(member)
            self._members[key] = tuple(out)
        return self._members[key]

    def supporters_of(self, base: Actor) -> Actor:
        """The supporters of ``base`` ("Morsi supporters", "supporters of Hamas"): a group
        of their own, affiliated with ``base``, with its country (not a state's: "pro-Russian
        supporters" in Donetsk are not Russians)."""
        key = (base.actor_id, "supporters")
        if key not in self._derived:
            state = self.state_of(base)
            country = base.country or (state.country if state else None)
            if base.type is ActorType.STATE:
                country = None
            prefix = country or "---"
            self._derived[key] = Actor(
                actor_id=f"{base.actor_id}_supporters",
                label=f"supporters of {base.label}",
                type=ActorType.GROUP,
                country=country,
                code=f"{prefix}CVL",
                affiliation=base.actor_id,
                resolved=base.resolved,
            )
        return self._derived[key]

    def unidentified_armed_group(self, state: Actor | None) -> Actor:
        """The unnamed authors of violence where ``state`` is ("a roadside bomb near Samarra
        killed a soldier": ACLED's "Unidentified Armed Group (Iraq)", CAMEO's UAF sector);
        ``---UAF`` when no place says where. Belongs to no one: not the state's forces."""
        key = (state.actor_id if state else "", "unidentified")
        if key not in self._derived:
            country = state.country if state else None
            prefix = country or (state.code[:3] if state and state.code else "---")
            self._derived[key] = Actor(
                actor_id=f"{state.actor_id}_unidentified_armed_group"
                if state
                else "unidentified_armed_group",
                label=f"unidentified armed group ({state.label})"
                if state
                else "unidentified armed group",
                type=ActorType.ARMED_GROUP,
                country=country,
                code=f"{prefix}UAF",
                resolved=False,
            )
        return self._derived[key]

    def unknown_sector_actor(self, sector: str) -> Actor:
        """An agent of no known country ("rebels", "gunmen"): code ``---REB`` style."""
        atype, sname = SECTORS.get(sector, (ActorType.ORGANIZATION, sector.lower()))
        return Actor(
            actor_id=f"unspecified_{sector.lower()}",
            label=f"unspecified {sname}",
            type=atype,
            code=f"---{sector}",
            resolved=False,
        )


@dataclass(slots=True)
class TokenMention:
    """A mention inside a spaCy Doc: token span, head token, actor, and how it was found."""

    start: int  # token indices, end exclusive
    end: int
    head: int
    actor: Actor
    kind: Kind
    members: tuple[TokenMention, ...] = field(default=())  # for dyads ("both sides")

    def char_span(self, doc: Doc) -> tuple[int, int]:
        return doc[self.start].idx, doc[self.end - 1].idx + len(doc[self.end - 1].text)


@functools.cache
def _syntax() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("kg").joinpath("data/syntax.json").read_text("utf-8")
    )
    return data


@functools.cache
def syntax_words(key: str) -> frozenset[str]:
    """A word class of ``kg/data/syntax.json`` as a set of lower-case strings."""
    return frozenset(str(w) for w in _syntax()[key])


@functools.cache
def syntax_table_lists(key: str) -> dict[str, tuple[str, ...]]:
    """A table of ``kg/data/syntax.json`` whose values are word lists."""
    return {k: tuple(v) for k, v in _syntax()[key].items()}


def syntax_table(key: str) -> dict[str, str]:
    """A word -> word table of ``kg/data/syntax.json`` ("oppose" -> "to")."""
    return {str(k): str(v) for k, v in _syntax()[key].items()}


def _ner_actor(span: Span, index: ActorIndex, state: Actor | None = None) -> Actor:
    """The actor of an entity no dictionary knows; of ``state`` when one owns it."""
    label = " ".join(span.text.split())
    label = re.sub(r"^(the|The)\s+", "", label)
    label = re.sub(r"['’]s$", "", label)
    atype = _NER_TYPES.get(span.label_, ActorType.UNKNOWN)
    if state is not None and state.country:
        # "Venezuela's National Assembly" is not Kuwait's: the state is part of the id
        return Actor(
            actor_id=f"ner:{slugify(state.label + ' ' + label)}",
            label=label,
            type=atype,
            country=state.country,
            resolved=False,
        )
    return Actor(actor_id=f"ner:{slugify(label)}", label=label, type=atype, resolved=False)


def _owning_state(table: ActorMentions, ent: Span) -> Actor | None:
    """The state a possessive or adjective before an organisation no dictionary knows
    names ("Venezuela's National Assembly", "Sudan's Sovereign Council")."""
    if ent.label_ != "ORG":
        return None
    for tok in ent.root.children:
        if tok.dep_ not in ("poss", "amod", "compound", "nmod") or ent.start <= tok.i < ent.end:
            continue
        m = table.at(tok.i)
        if m is None or m.kind not in ("name", "metonym", "adjective"):
            continue
        state = table.index.state_of(m.actor)
        if state is not None and state.actor_id == m.actor.actor_id:
            return state
    return None


class ActorMentions:
    """All actor mentions of one document, with token-level look-up and resolution."""

    def __init__(self, doc: Doc, index: ActorIndex) -> None:
        self.doc = doc
        self.index = index
        self.by_token: dict[int, TokenMention] = {}
        self.mentions: list[TokenMention] = []
        self._dyads: list[tuple[int, tuple[TokenMention, TokenMention]]] = []
        self._coordinated: list[TokenMention] | None = None  # made on first use
        self._conjuncts: dict[int, frozenset[int]] = {}
        self._introductions: dict[int, frozenset[str]] = {}  # see introduced_with

    # -- building -----------------------------------------------------------------
    def add(self, m: TokenMention) -> None:
        if any(i in self.by_token for i in range(m.start, m.end)):
            return
        self.mentions.append(m)
        self._coordinated = None
        for i in range(m.start, m.end):
            self.by_token[i] = m

    def remove(self, m: TokenMention) -> None:
        """Forget mention ``m`` (replaced by a better reading of its words)."""
        self.mentions = [x for x in self.mentions if x is not m]
        self._coordinated = None
        for i in range(m.start, m.end):
            if self.by_token.get(i) is m:
                del self.by_token[i]

    def introduced_with(self, m: TokenMention) -> frozenset[str]:
        """The words a name mention was introduced with, lower-cased and lemmatised: its own
        (but its head), its modifiers and appositions, and the noun it modifies ("the
        paramilitary Rapid Support Forces", "Hezbollah, the Iran-backed militia", "the M23
        rebel group"). Made once per mention."""
        found = self._introductions.get(m.start)
        if found is None:
            doc = self.doc
            name_head = doc[m.head]
            around = [
                *(t for t in doc[m.start : m.end] if t.i != m.head),
                *(c for c in name_head.children if c.dep_ in ("amod", "compound", "appos")),
            ]
            if name_head.dep_ in ("compound", "appos"):
                around.append(name_head.head)
            found = frozenset(w for t in around for w in (t.lemma_.lower(), t.lower_))
            self._introductions[m.start] = found
        return found

    def note_dyad(self, position: int, a: TokenMention, b: TokenMention) -> None:
        """Remember two parties facing each other, for later "both sides"/"the two sides"."""
        if a.actor.actor_id != b.actor.actor_id:
            self._dyads.append((position, (a, b)))

    def dyad_before(self, position: int) -> tuple[TokenMention, TokenMention] | None:
        found = [d for p, d in self._dyads if p < position]
        return found[-1] if found else None

    # -- querying -----------------------------------------------------------------
    def at(self, i: int) -> TokenMention | None:
        return self.by_token.get(i)

    def resolve(self, tok: Token) -> TokenMention | None:
        """The actor mention a noun-phrase head token refers to, or None."""
        m = self.by_token.get(tok.i)
        if m is not None and m.kind != "adjective":
            if m.kind == "agent":
                # "leaders of Romania's new government", "killed hundreds of civilians in
                # Gaza": an agent noun with an owner stands for the owner; a bare one
                # ("Kurdish-led forces") for who leads it
                owner = self._partitive_owner(tok) or (
                    self.leader_of(tok) if m.actor.country is None else None
                )
                if owner is not None:
                    return owner
            return m
        low = tok.lower_
        if low in _RELATIVE and tok.head.dep_ == "relcl":
            return self.resolve(tok.head.head)
        if low == "whose" and tok.dep_ == "poss":
            # "the Wagner Group, whose fighters ...": the relative clause's antecedent
            clause = tok.head
            for _ in range(3):
                if clause.dep_ == "relcl":
                    return self.resolve(clause.head)
                if clause.head.i == clause.i:
                    break
                clause = clause.head
        if tok.pos_ == "PRON" or low in _PERSON_PRONOUNS | _THING_PRONOUNS | _PLURAL_PRONOUNS:
            return self._pronoun(tok)
        leader = self.leader_of(tok)
        if leader is not None:
            return leader
        # "members of Hamas", "some of the rebels", "the leaders of Russia" -> the group
        return self._partitive_owner(tok)

    def leader_of(self, tok: Token) -> TokenMention | None:
        """ "the US-led war against Iraq", "the Saudi-led campaign": an act led by an actor
        is that actor's; "Kurdish-led forces" are who leads them, "rebel-held areas" who
        holds them."""
        if tok.pos_ != "NOUN":
            return None
        keys = ["leader_participles"]
        if tok.lemma_.lower() in syntax_words("held_place_nouns"):
            keys.append("holder_participles")
        for c in tok.children:
            if c.dep_ != "amod" or c.i < 2:
                continue
            m = self.by_token.get(c.i - 2)
            if (
                m is not None
                and m.kind in ("name", "adjective", "metonym", "agent")
                and any(hyphen_participle(tok.doc[c.i - 2], k) is not None for k in keys)
            ):
                return m
        return None

    def _partitive_owner(self, tok: Token) -> TokenMention | None:
        """The group a partitive head ("members", "some", "leaders") is "of"."""
        heads = syntax_words("partitive_heads")
        if tok.lower_ not in heads and tok.lemma_.lower() not in heads:
            return None
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self.resolve(pobj)
        if tok.lemma_.lower() in syntax_words("group_part_nouns"):
            # "gang members", "Hamas members": the group named before the head
            for child in tok.children:
                m = self.by_token.get(child.i)
                if child.dep_ == "compound" and m is not None and m.kind != "adjective":
                    return m
        return None

    def _pronoun(self, tok: Token) -> TokenMention | None:
        low = tok.lower_
        if low in _FIRST_PERSON:
            return None
        if low in _REFLEXIVES:
            # "they blew themselves up": the subject of its own verb, whoever that is
            subs = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            found = self.resolve(subs[0]) if subs and subs[0].i != tok.i else None
            if found is None:
                return None
            return TokenMention(tok.i, tok.i + 1, tok.i, found.actor, "pronoun", found.members)
        before = [m for m in self.mentions if m.end <= tok.i and m.kind != "adjective"]
        if low in _PERSON_PRONOUNS:
            titles = syntax_words("title_nouns")
            pool = [
                m
                for m in before
                if m.actor.type is ActorType.PERSON
                # "Turkey's president said he would ...": a titled office holder
                or (m.kind == "agent" and self.doc[m.head].lemma_.lower() in titles)
            ]
        elif low in _THING_PRONOUNS:
            if tok.dep_ not in ("nsubj", "nsubjpass", "poss"):
                return None  # "signing it": objects are mostly things, not actors
            locative = syntax_words("locative_preps")
            pool = [
                m
                for m in before
                if m.actor.type is not ActorType.PERSON
                and m.kind != "dyad"
                # "police arrested dozens of its supporters": plural agents are "their"
                and not (m.kind == "agent" and self.doc[m.head].tag_ in ("NNS", "NNPS"))
                # "on a bus in central London, ... it's very different": a city where
                # something happens is no actor "it" can stand for
                and not (
                    m.kind == "metonym"
                    and self.doc[m.head].dep_ == "pobj"
                    and self.doc[m.head].head.lower_ in locative
                )
            ]
        elif low in _PLURAL_PRONOUNS:
            pool = [
                m
                for m in before
                if m.kind == "dyad"
                or m.members  # "Hungarian and Romanian officials"
                or self.doc[m.head].tag_ in ("NNS", "NNPS")  # "Palestinian leaders"
                or m.actor.type
                in (ActorType.ARMED_GROUP, ActorType.MILITARY, ActorType.GROUP, ActorType.POLICE)
            ]
            # "with Congo and Costa Rica over their ties with Israel": a coordination
            coordinated = [m for m in self._coordinations() if m.end <= tok.i]
            pool = sorted([*pool, *coordinated], key=lambda m: (m.end, m.start))
        else:
            return None
        holder = tok.head
        if (
            tok.dep_ in ("nsubj", "nsubjpass")
            and holder.dep_ in ("acl", "ccomp")
            and holder.head.lemma_.lower() in syntax_words("accusation_nouns")
        ):
            # "Washington's accusations that it supplied drones": the accused, not the accuser
            accusers = {c.i for c in holder.head.children if c.dep_ == "poss"}
            pool = [
                m for m in pool if not any(m.start <= i < m.end or m.head == i for i in accusers)
            ]
        if tok.dep_ in ("dobj", "obj", "pobj", "dative"):
            # "police fired tear gas to disperse them": an object pronoun is not the subject
            # of its own clause or of the clause that clause serves (that would be "themselves")
            own = _own_clause_subjects(tok)
            pool = [m for m in pool if not any(m.start <= i < m.end or m.head == i for i in own)]
        if not pool:
            return None
        # a subject pronoun prefers the subject of a clause it hangs from ("the bombers killed
        # 23 people when they blew themselves up"); else the closest mention before it
        best = self._clause_subject_in(tok, pool) or self._previous_subject(tok, pool) or pool[-1]
        if tok.i - best.end > 120:
            return None
        kind: Kind = "dyad" if best.kind == "dyad" else "pronoun"
        return TokenMention(tok.i, tok.i + 1, tok.i, best.actor, kind, best.members)

    def _previous_subject(self, tok: Token, pool: list[TokenMention]) -> TokenMention | None:
        """The subject of the sentence before, for a pronoun that is the subject of its own
        sentence ("Erdogan met Putin in Sochi. He urged Moscow to ...": Erdogan)."""
        sent = tok.sent
        verb = tok.head
        if verb.dep_ == "ccomp" and verb.head.i == sent.root.i and tok.i < sent.root.i:
            verb = verb.head  # "They arrested 12 Palestinians, the army said."
        if tok.dep_ not in ("nsubj", "nsubjpass") or verb.i != sent.root.i or sent.start == 0:
            return None
        prev = self.doc[sent.start - 1].sent
        for m in reversed(pool):
            if not prev.start <= m.head < prev.end:
                continue
            h = self.doc[m.head]
            verb = h.head
            while verb.dep_ == "conj" and verb.head.i != verb.i:
                verb = verb.head  # "... and then attacked": the first verb's subject
            if h.dep_ in ("nsubj", "nsubjpass") and verb.i == prev.root.i:
                return m
        return None

    def _coordinations(self) -> list[TokenMention]:
        """Coordinated mentions of different actors as one plural ("Congo and Costa Rica"),
        with the conjuncts as their members (made once, until the table changes)."""
        if self._coordinated is not None:
            return self._coordinated
        by_head: dict[int, list[TokenMention]] = {}
        for m in self.mentions:
            if not m.members and m.kind not in ("dyad", "adjective"):
                by_head.setdefault(m.head, []).append(m)
        out: list[TokenMention] = []
        done: set[int] = set()
        for head in by_head:
            if head in done:
                continue
            if head not in self._conjuncts:
                self._conjuncts[head] = frozenset(t.i for t in self.doc[head].conjuncts)
            heads = {head} | self._conjuncts[head]
            done |= heads
            group = [x for h in sorted(heads) for x in by_head.get(h, ())]
            if len({x.actor.actor_id for x in group}) < 2:
                continue
            first = group[0]
            out.append(
                TokenMention(
                    min(x.start for x in group),
                    max(x.end for x in group),
                    first.head,
                    first.actor,
                    first.kind,
                    tuple(group),
                )
            )
        self._coordinated = out
        return out

    def _clause_subject_in(self, tok: Token, pool: list[TokenMention]) -> TokenMention | None:
        """The mention of ``pool`` that is the subject of a clause subject pronoun ``tok``
        hangs from (adverbial, coordinated or complement clauses of the same sentence), or
        that a possessive pronoun's own clause has ("the ambassadors of X and Y presented
        their credentials")."""
        if tok.dep_ == "poss":
            holder = tok.head
            while holder.dep_ in ("pobj", "prep", "conj") and holder.head.i != holder.i:
                holder = holder.head
            if holder.dep_ in ("dobj", "obj"):
                for sub in holder.head.children:
                    if sub.dep_ in ("nsubj", "nsubjpass"):
                        for m in reversed(pool):
                            if m.start <= sub.i < m.end or m.head == sub.i:
                                return m
            return None
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            return None
        clause = tok.head
        for _ in range(4):
            if clause.dep_ not in ("advcl", "conj", "ccomp", "xcomp") or clause.head.i == clause.i:
                return None
            clause = clause.head
            for sub in clause.children:
                if sub.dep_ in ("nsubj", "nsubjpass"):
                    for m in reversed(pool):
                        if m.start <= sub.i < m.end or m.head == sub.i:
                            return m
                    # "an alliance of armed groups said it had captured ...": the group
                    # the subject is made of
                    owner = self._partitive_owner(sub)
                    if (
                        owner is not None
                        and owner.start < tok.i
                        and tok.lower_ in _THING_PRONOUNS | _PLURAL_PRONOUNS
                    ):
                        return owner
        return None


def _prefixes(keys: Iterable[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
    """Every leading part of every key ("united", "united nations", ...)."""
    return frozenset(key[:i] for key in keys for i in range(1, len(key) + 1))


def _longest_matches(doc: Doc, index: ActorIndex) -> Iterable[tuple[int, int, list[_Surface]]]:
    # word positions, without the hyphens inside words ("al-Thani" matches "Al Thani")
    at = [
        t.i
        for t in doc
        if not (t.text == "-" and not t.whitespace_ and t.i > 0 and not doc[t.i - 1].whitespace_)
    ]
    words = [_norm_token(doc[i].text) for i in at]
    k, n = 0, len(at)
    while k < n:
        tok = doc[at[k]]
        if tok.is_space or tok.is_punct:
            k += 1
            continue
        found = None
        # grow the key while it starts some name; keep the longest that is one
        for length in range(1, min(index.max_len, n - k) + 1):
            key = tuple(words[k : k + length])
            if key not in index._prefixes:
                break
            surfaces = index._index.get(key)
            if surfaces:
                found = (k + length, surfaces)
        if found is None:
            k += 1
            continue
        start, end = at[k], at[found[0] - 1] + 1
        surfaces = found[1]
        named = [s for s in surfaces if s.actor is not None]
        if named and not _plausible(doc[start:end], named):
            surfaces = [s for s in surfaces if s.actor is None]  # "villages": the agent noun
            if not surfaces:
                k += 1  # "the state of Palestine": not the lower-case match, maybe a shorter one
                continue
        yield start, end, surfaces
        k = found[0]


def _plausible(span: Span, surfaces: list[_Surface]) -> bool:
    """Reject lower-case matches of capitalised names ("us", "chad", "turkey" the bird...)."""
    first = span[0]
    if (
        not first.text[:1].isupper()
        and not first.text[:1].isdigit()
        # "al-Shabaab", "bin Laden": a lower-case particle before a capitalised name
        and not (
            first.lower_ in syntax_words("name_particles")
            and len(span) > 1
            and any(t.text[:1].isupper() for t in span[1:])
        )
    ):
        return False
    if len(span.text) <= 3 and span.text.isalpha() and not span.text.isupper():
        # short names are acronyms ("US", "UN", "EU"): require capitals, except names
        # that are ordinary capitalised words ("Iran", "Mali" are longer than 3)
        return all(s.kind == "adjective" for s in surfaces) and span.text[:1].isupper()
    return True


def _own_clause_subjects(tok: Token) -> set[int]:
    """The subjects of the clause an object ``tok`` belongs to, and of the clauses that
    clause is the purpose, complement or coordinate of."""
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    found: set[int] = set()
    for _ in range(4):
        found |= {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
        if verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head.i == verb.i:
            break
        verb = verb.head
    return found


def _head_of(span: Span) -> int:
    return span.root.i


def find_mentions(doc: Doc, index: ActorIndex, date: dt.date | None = None) -> ActorMentions:
    """Detect every actor mention of ``doc`` (gazetteer, agents, NER, descriptions).

    ``date`` (the document's) chooses among persons of one name: the one whose dated
    codes cover it ("President Bush" in 1991 and in 2003).
    """
    table = ActorMentions(doc, index)
    agent_spans: list[tuple[int, int, str]] = []
    nobody: set[int] = set()
    matches = list(_longest_matches(doc, index))
    # the states the document names without doubt, to choose among actors of one name
    # ("SNA": the Somali National Army in a story of Mogadishu, the Syrian one in Afrin)
    named_states: Counter[str] = Counter()
    for _, _, surfaces in matches:
        countries = {s.actor.country for s in surfaces if s.actor is not None}
        if len(countries) == 1 and (country := countries.pop()) is not None:
            named_states[country] += 1
    for start, end, surfaces in matches:
        span = doc[start:end]
        named = [s for s in surfaces if s.actor is not None]
        if named:
            # prefer names over metonyms over adjectives for the same words
            order = {"name": 0, "metonym": 1, "adjective": 2, "agent": 3}
            best = sorted(
                named,
                key=lambda s: (
                    order[s.kind],
                    # of several persons so named, the one in office on the document's date
                    s.actor is not None and date is not None and not index.dated_on(s.actor, date),
                    # of several actors so named, the one of the state the story names most
                    -named_states[(s.actor.country if s.actor is not None else None) or ""],
                ),
            )[0]
            assert best.actor is not None
            if best.kind == "not_actor":  # never: such surfaces carry no actor
                continue
            if hyphen_participle(doc[end - 1], "origin_words"):
                # "a Russian-made missile", "Soviet-era tanks": where a thing was made or
                # when, not who acts (the maker is neither its owner nor its user)
                nobody.update(range(start, end))
                continue
            after = doc[end] if end < len(doc) else None
            if (
                after is not None
                and best.actor.type is not ActorType.STATE
                and best.kind == "name"
                and span.root.head.i == after.i
                and after.lemma_.lower() in syntax_words("named_place_nouns")
            ):
                # "the Al-Aqsa mosque", "Rafik Hariri airport": a place named after them
                nobody.update(range(start, end))
                continue
            kind: Kind = best.kind
            if (
                kind == "adjective"
                and span.root.pos_ in ("PROPN", "NOUN")
                and span.root.tag_ in ("NNPS", "NNS")
                and span.root.dep_ not in ("amod", "compound")
            ):
                kind = "name"  # "the Libyans said" -> the people/state
            head = _head_of(span)
            members = tuple(
                TokenMention(start, end, head, member, kind)
                for member in index.members_of(best.actor)
            )
            table.add(TokenMention(start, end, head, best.actor, kind, members))
        else:
            sector = next((s.sector for s in surfaces if s.sector), None)
            if sector:
                agent_spans.append((start, end, sector))
            elif any(s.kind == "not_actor" for s in surfaces):
                nobody.update(range(start, end))  # "the Gulf of Oman", "North Africa"
    # NER entities no dictionary knows become actors of their own
    owned: dict[str, Actor] = {}
    for ent in doc.ents:
        if ent.label_ not in _NER_TYPES:
            continue
        if any(i in table.by_token or i in nobody for i in range(ent.start, ent.end)):
            continue
        if _names_an_event(ent):
            continue  # "the Abraham Accords", "the Ohrid Agreement": an act, not an actor
        if (
            ent.label_ != "GPE"
            and ent.end < len(doc)
            and ent.root.head.i == ent.end
            and doc[ent.end].lemma_.lower() in syntax_words("named_place_nouns")
        ):
            continue  # "the Rafik Hariri airport": a place named after someone
        if any(
            s <= ent.start
            and ent.end <= e
            and (e - s > len(ent) or not any(t.text[:1].isupper() for t in ent[1:]))
            for s, e, _ in agent_spans
        ):
            # "Riot police" is an agent phrase, not a person named Riot; "navy", "Gunmen"
            # (capitalised where a sentence starts) are agent nouns whatever NER says
            continue
        if ent.label_ == "PERSON":
            known = (
                _known_person_by_surname(table, ent) or _person_by_surname(index, ent)
                if ent[-1].text[:1].isupper()
                else None
            )
            if known is not None:
                table.add(TokenMention(ent.start, ent.end, ent.root.i, known, "name"))
                continue
        elif ent[-1].text[:1].isupper():
            # "Mohamed Bazoum ... release Bazoum": the surname of a person named before,
            # whatever label NER gave the second mention
            known = _known_person_by_surname(table, ent)
            if known is not None:
                table.add(TokenMention(ent.start, ent.end, ent.root.i, known, "name"))
                continue
        state = _owning_state(table, ent)
        label = " ".join(ent.text.lower().split()).removeprefix("the ")
        if state is None and label in owned:
            actor = owned[label]  # "Venezuela's National Assembly ... the National Assembly"
        else:
            actor = _ner_actor(ent, index, state)
            if state is not None:
                owned.setdefault(label, actor)
        table.add(TokenMention(ent.start, ent.end, ent.root.i, actor, "ner"))
    _link_abbreviations(table, doc)
    _read_shared_places(table, doc)
    _add_dyads(table, doc)
    # a passive's subject after the rest: "Two journalists were detained by Burundian police"
    # are of the state of the police named after them
    agent_spans.sort(key=lambda span: doc[span[1] - 1].dep_ == "nsubjpass")
    for start, end, sector in agent_spans:
        _add_agent(table, doc, start, end, sector)
    _add_led_groups(table, doc)
    _attach_titles(table, doc)
    _drop_detached_titles(table, doc)
    _add_supporters(table, doc)
    _add_descriptions(table, doc)
    table.mentions.sort(key=lambda m: m.start)
    return table


def _names_an_event(ent: Span) -> bool:
    """Whether an entity's head is an event noun ("the Abraham Accords", "the Paris Peace
    Conference", "the Minsk agreements"): a named agreement or meeting, no actor."""
    head = ent.root.lower_
    events = syntax_words("event_nouns")
    return head in events or (head.endswith("s") and head[:-1] in events)


def _person_by_surname(index: ActorIndex, ent: Span) -> Actor | None:
    """The one gazetteer person with the entity's surname, if no other given name is
    written ("President Mugabe" is Robert Mugabe; "Michel Aoun" is not Joseph Aoun)."""
    known = index.surnames.get(_norm_token(ent[-1].text))
    if known is None:
        return None
    root = ent.root
    if len(ent) == 1 and root.dep_ == "compound" and root.head.tag_ == "NNS":
        return None  # "Turkish Kurd refugees", "Hausa politicians": a people, not a surname
    given = [t for t in ent[:-1] if t.text[:1].isupper() and t.is_alpha and len(t.text) > 1]
    if not given:
        return known
    names = " ".join((known.label, *known.aliases)).lower().split()
    return known if all(t.lower_ in names for t in given) else None


def _known_person_by_surname(table: ActorMentions, ent: Span) -> Actor | None:
    """A one-word PERSON entity that repeats the surname of a person already named."""
    words = [t.text for t in ent if not t.is_punct]
    if len(words) != 1:
        return None
    for m in table.mentions:
        if m.actor.type is ActorType.PERSON:
            names = (m.actor.label, *m.actor.aliases)
            if any(n.split()[-1].lower() == words[0].lower() for n in names):
                return m.actor
    return None


#: organisations whose members stand for the organisation, not for its country's sector
_SELF_STANDING = (ActorType.IGO, ActorType.NGO, ActorType.ARMED_GROUP, ActorType.OPPOSITION)


def hyphen_participle(tok: Token, key: str) -> Token | None:
    """The participle joined to ``tok`` by a hyphen ("Russian-backed", "Saudi-led") when
    it belongs to the word class ``key`` of syntax.json."""
    doc = tok.doc
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].text != "-" or tok.whitespace_:
        return None
    part = doc[tok.i + 2]
    return part if part.lower_ in syntax_words(key) else None


def _opposed(doc: Doc, m: TokenMention) -> bool:
    """Whether mention ``m`` is what its phrase is against ("an anti-Syria journalist" is
    not Syrian)."""
    return m.start >= 2 and doc[m.start - 1].text == "-" and doc[m.start - 2].lower_ == "anti"


def _country_modifier(table: ActorMentions, head: Token, places: bool = True) -> Actor | None:
    """The state named by a modifier of an agent noun: "Libyan", "Libya's", "in Tripoli"
    (not a sponsor: "Russian-backed separatists" are not Russia's; not what it is against:
    "an anti-Syria journalist"; with ``places`` false, not a place it is in or comes from:
    "the international force in Kosovo")."""
    for child in head.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod"):
            m = table.at(child.i)
            if m is not None and m.kind in ("name", "adjective", "metonym"):
                if hyphen_participle(table.doc[m.end - 1], "sponsor_participles"):
                    continue
                if _opposed(table.doc, m):
                    continue
                return m.actor
        preps = [child]
        if child.dep_ == "acl" and child.lemma_.lower() in syntax_words("seat_participles"):
            preps = [p for p in child.children if p.dep_ == "prep"]  # "a group based in X"
        # (an owner "of" X always; a place "in" or "from" X only with ``places``)
        wanted = ("in", "of", "from") if places else ("of",)
        for prep in preps:
            if prep.dep_ != "prep" or prep.lower_ not in wanted:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                # "activists from the Fatah Party": the name may be the phrase's modifier
                # (not when the phrase names someone else: "President of the EC Barroso")
                modifiers = (
                    [] if table.at(pobj.i) else [c for c in pobj.children if c.dep_ == "compound"]
                )
                for tok in (pobj, *modifiers):
                    m = table.at(tok.i)
                    if m is not None and m.kind in ("name", "metonym"):
                        return m.actor
                if prep.lower_ == "from":  # "doctors from two American aid groups"
                    for c in pobj.children:
                        m = table.at(c.i) if c.dep_ == "amod" else None
                        if m is not None and m.kind == "adjective":
                            return m.actor
    # "the Russian Foreign Ministry": the adjective may hang off the first word of the phrase
    for tok in head.doc[max(head.left_edge.i, head.i - 8) : head.i]:
        m = table.at(tok.i)
        if (
            m is not None
            and m.kind in ("adjective", "name", "metonym")
            and tok.head.i in range(tok.i, head.i + 1)
            and not hyphen_participle(table.doc[m.end - 1], "sponsor_participles")
            and not _opposed(table.doc, m)
        ):
            return m.actor
    # "accused Azerbaijani troops of ...": a demonym the parser made a second object beside
    # the noun it modifies
    before = head.doc[head.i - 1] if head.i > 0 else None
    m = table.at(before.i) if before is not None else None
    if (
        before is not None
        and m is not None
        and m.kind == "adjective"
        and m.end == head.i
        and before.dep_ == head.dep_
        and before.head.i == head.head.i
    ):
        return m.actor
    return None


@functools.cache
def _not_actor_names() -> tuple[str, ...]:
    raw = json.loads(resources.files("kg").joinpath("data/places.json").read_text("utf-8"))
    return tuple(raw.get("not_actors", ()))


@functools.cache
def _shared_place_names() -> dict[str, tuple[str, ...]]:
    raw = json.loads(resources.files("kg").joinpath("data/places.json").read_text("utf-8"))
    return {_norm_token(k): tuple(v) for k, v in raw["shared_names"].items()}


_ABBREVIATION_FILLERS = frozenset({"of", "for", "the", "and", "in", "on", "de", "du", "la"})


def _long_form(doc: Doc, open_paren: int, letters: str) -> tuple[int, int] | None:
    """The words before ``open_paren`` whose initials spell ``letters`` ("Palestinian
    Liberation Organization (PLO)", "Movement for the Actualization of the Sovereign State
    of Biafra (MASSOB)": a filler word may give its letter or be skipped), or None."""
    want = letters.lower()

    def first(i: int, k: int) -> int | None:
        """The start of a span ending before token ``i + 1`` spelling ``want[:k]``."""
        if k == 0:
            return i + 1
        if i < 0 or open_paren - i > 12:
            return None
        tok = doc[i]
        filler = tok.lower_ in _ABBREVIATION_FILLERS
        if filler and i < open_paren - 1:
            found = first(i - 1, k)  # a filler is skipped first ("Forces for Defence")
            if found is not None:
                return found
        if tok.text[:1].lower() == want[k - 1] and (tok.text[:1].isupper() or filler):
            return first(i - 1, k - 1)
        return None

    start = first(open_paren - 1, len(want))
    return None if start is None else (start, open_paren)


def _link_abbreviations(table: ActorMentions, doc: Doc) -> None:
    """One actor for a name and the abbreviation defined after it ("the Palestinian
    Liberation Organization (PLO)", "Liberian Peace Council (LPC) ... the LPC"), whichever
    of the two the dictionaries know; the long form replaces mentions of its parts."""
    paren = doc.vocab.strings["("]
    opening = [int(i) for i in (doc.to_array("ORTH") == paren).nonzero()[0]]
    defined: dict[str, TokenMention] = {}
    for i in opening:
        if not 0 < i < len(doc) - 1:
            continue
        tok, short = doc[i], doc[i + 1]
        if not (short.i + 1 < len(doc) and doc[short.i + 1].text == ")"):
            continue
        letters = short.text.replace(".", "")
        if not (2 <= len(letters) <= 8 and letters.isalpha() and letters[:1].isupper()):
            continue
        span = _long_form(doc, tok.i, "".join(c for c in letters if c.isupper()))
        if span is None:
            continue
        start, end = span
        inner = {id(m): m for i in range(start, end) if (m := table.at(i)) is not None}
        known = [m for m in inner.values() if m.kind == "name" and m.start <= start]
        abbr = table.at(short.i)
        if known:
            actor = known[0].actor
        elif abbr is not None and abbr.kind == "name":
            actor = abbr.actor
        elif all(m.kind in ("ner", "adjective") for m in inner.values()) and (
            abbr is None or abbr.kind == "ner"
        ):
            # an organisation no dictionary knows, of the country its adjective names
            # ("Liberian Peace Council (LPC)")
            label = " ".join(t.text for t in doc[start:end])
            countries = {m.actor.country for m in inner.values() if m.kind == "adjective"}
            actor = Actor(
                f"ner:{slugify(label)}",
                label,
                ActorType.ORGANIZATION,
                country=countries.pop() if len(countries) == 1 else None,
                resolved=False,
            )
        else:
            continue  # both partly known: leave them be
        for m in inner.values():
            table.remove(m)
        head = _head_of(doc[start:end])
        table.add(TokenMention(start, end, head, actor, "name"))
        if abbr is not None:
            table.remove(abbr)
        defined[short.text] = TokenMention(short.i, short.i + 1, short.i, actor, "name")
        table.add(defined[short.text])
    for m in list(table.mentions):  # "... the LPC said": the abbreviation used again
        first = defined.get(doc[m.start : m.end].text)
        if first is not None and m.start != first.start and m.kind == "ner":
            table.remove(m)
            table.add(TokenMention(m.start, m.end, m.head, first.actor, "name"))


def _read_shared_places(table: ActorMentions, doc: Doc) -> None:
    """ "Tripoli" is Libya's capital, or Lebanon's second city in a story about Lebanon:
    a place name several states share goes to the one the document names most."""
    shared = _shared_place_names()
    if not shared or not _positions(doc, frozenset(k.split()[0] for k in shared)):
        return
    counts: Counter[str] = Counter()
    for m in table.mentions:
        if _norm_token(doc[m.start : m.end].text) not in shared and m.actor.country:
            counts[m.actor.country] += 1
    for k, m in enumerate(table.mentions):
        states = shared.get(_norm_token(doc[m.start : m.end].text))
        if not states or m.kind not in ("metonym", "name"):
            continue
        best = max(states, key=lambda c: (counts[c], -states.index(c)))
        state = table.index.by_country.get(best)
        if state is not None and state.actor_id != m.actor.actor_id:
            _replace_mention(table, k, TokenMention(m.start, m.end, m.head, state, m.kind))


def _positions(doc: Doc, words: frozenset[str]) -> list[int]:
    """Indices of the tokens of ``doc`` whose lower-case form is one of ``words``, found
    on the document's LOWER array (no Token object is made for the others)."""
    strings = doc.vocab.strings
    wanted = {strings[w] for w in words}
    lowers = doc.to_array("LOWER")
    return [i for i, h in enumerate(lowers.tolist()) if h in wanted]


def _add_supporters(table: ActorMentions, doc: Doc) -> None:
    """ "supporters of Morsi", "Morsi's supporters", "Morsi supporters", "pro-Morsi
    supporters": the supporters are a group of their own, not Morsi."""
    for i in _positions(doc, syntax_words("supporter_nouns")):
        tok = doc[i]
        if tok.i in table.by_token:
            continue
        backed: TokenMention | None = None
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                backed = next(
                    (m for o in c.children if o.dep_ == "pobj" if (m := table.resolve(o))), None
                )
            elif c.dep_ == "poss" or (c.dep_ in ("compound", "nmod", "amod") and c.i < tok.i):
                m = table.at(c.i)
                if m is not None and m.kind in ("name", "ner", "metonym", "pronoun"):
                    backed = m
                elif c.dep_ == "poss":
                    backed = table.resolve(c)
            if backed is not None:
                break
        if backed is None:  # "pro-Morsi supporters", "pro-Russian loyalists"
            for t in doc[max(2, tok.i - 4) : tok.i]:
                m = table.at(t.i)
                if m is not None and doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ == "pro":
                    backed = m
        elif backed.kind == "adjective":
            continue  # "Kurdish supporters" are Kurds
        if backed is None:
            continue
        actor = table.index.supporters_of(backed.actor)
        table.add(TokenMention(tok.i, tok.i + 1, tok.i, actor, "agent"))


def _add_led_groups(table: ActorMentions, doc: Doc) -> None:
    """ "the Saudi-led coalition", "a US-led alliance": a group no dictionary names stands
    for the actor that leads it."""
    for m in list(table.mentions):
        if m.kind not in ("adjective", "name", "metonym"):
            continue
        part = hyphen_participle(doc[m.end - 1], "leader_participles")
        if part is None:
            continue
        head = part.head
        if head.i <= part.i or head.i in table.by_token:
            continue
        if head.lemma_.lower() not in syntax_words("led_group_nouns"):
            continue  # "the US-led war against Iraq" is no actor
        if any(t.i in table.by_token for t in doc[part.i + 1 : head.i]):
            continue  # "US-led Iraqi forces": the forces are named on their own
        table.add(TokenMention(head.i, head.i + 1, head.i, m.actor, "agent"))


def _coordinated_modifiers(table: ActorMentions, head: Token, first: Actor) -> list[Actor]:
    """Other states in "Hungarian and Romanian officials": conjuncts of the modifier."""
    out: list[Actor] = []
    modifiers = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
    # "the ambassadors of France, Germany and Italy", "officials from Egypt and Jordan"
    modifiers += [
        pobj
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "in")
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    for child in modifiers:
        m = table.at(child.i)
        if m is None or m.actor != first:
            continue
        stack = [c for c in child.children if c.dep_ == "conj"]
        while stack:
            c = stack.pop(0)
            cm = table.at(c.i)
            if (
                cm is not None
                and cm.kind in ("adjective", "name", "metonym")
                and (cm.actor.country or cm.actor.code)
                and cm.actor != first
                and cm.actor not in out
            ):
                out.append(cm.actor)
            stack.extend(cc for cc in c.children if cc.dep_ == "conj")
    return out


def _commander(table: ActorMentions, head: Token) -> TokenMention | None:
    """The actor named by "under the command of X", "loyal to X", "led by X" after ``head``.

    Read from the words that follow the phrase, not from the parse, because the parser
    often attaches such modifiers to a verb further up.
    """
    phrases = [tuple(p) for p in _syntax()["command_phrases"]]
    doc = head.doc
    sent_end = head.sent.end
    i = head.i + 1
    if i < sent_end and doc[i].text == ",":
        i += 1
    if i >= sent_end:
        return None
    for first, second in phrases:
        if doc[i].lower_ != first:
            continue
        window = doc[i + 1 : min(i + 5, sent_end)]
        if not any(t.lower_ == second for t in window):
            continue
        for t in doc[i + 1 : min(i + 10, sent_end)]:
            m = table.at(t.i)
            if m is not None and m.kind in ("name", "ner"):
                return m
    return None


def _add_agent(table: ActorMentions, doc: Doc, start: int, end: int, sector: str) -> None:
    head = doc[end - 1]
    if any(i in table.by_token for i in range(start, end)):
        return
    facility = (
        head.dep_ in ("compound", "amod")
        and head.head.i == end
        and head.head.lemma_.lower() in syntax_words("facility_nouns")
        and table.at(head.head.i) is None
    )
    agent_word = head
    if facility:
        # "a government outpost", "an army base": the place stands for whom it is of
        head, end = head.head, end + 1
    elif (
        end - start > 1
        and head.lemma_.lower() in syntax_words("facility_nouns")
        and head.lemma_.lower() not in syntax_words("equipment_agent_heads")
    ):
        facility = True  # an agent phrase that names a facility itself: "a military base"
    # "Libyan Prime Minister Fayez al-Sarraj": the agent words are a title of a person
    if head.dep_ == "compound" and table.at(head.head.i) is not None:
        return
    if head.pos_ == "ADJ" and head.dep_ == "amod":
        return  # "terrorist activities", "military equipment": a kind of thing, not an actor
    if head.lower_ in syntax_words("quantity_nouns") and any(
        o.pos_ == "NOUN" and table.at(o.i) is None and not _agent_word(table, o)
        for c in head.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for o in c.children
        if o.dep_ == "pobj"
    ):
        return  # "attacked dozens of ships", "destroyed hundreds of homes": things
    equipment = head.lemma_.lower() in syntax_words("equipment_agent_heads")
    if equipment and not facility and head.dep_ not in ("nsubj", "nsubjpass"):
        return  # "Israeli tanks shelled" is the army; "supplied tanks to Kyiv" are things
    commander = _commander(table, head)
    if commander is not None and sector in ("MIL", "REB", "INS", "UAF", "OPP"):
        table.add(TokenMention(start, end, head.i, commander.actor, "agent"))
        return
    base: Actor | None = None
    # "Syria's main opposition group": the owner hangs off the phrase's last noun
    outer = head
    while outer.dep_ == "compound" and outer.head.pos_ == "NOUN" and outer.head.i > outer.i:
        outer = outer.head
    poss = next((c for c in (*head.children, *outer.children) if c.dep_ == "poss"), None)
    if head.lemma_.lower() in syntax_words("counterpart_nouns"):
        poss = None  # "his Russian counterpart" is not his side's
    if poss is not None:
        pm = table.resolve(poss)
        if pm is not None:
            if pm.actor.type in (ActorType.PERSON, ActorType.ARMED_GROUP) and sector in (
                "MIL",
                "REB",
                "INS",
                "UAF",
            ):
                # "his forces", "Haftar's forces": the forces are the commander's side
                table.add(TokenMention(start, end, head.i, pm.actor, "agent"))
                return
            base = pm.actor
    if base is None and head.dep_ == "appos":
        named = table.at(head.head.i)
        if named is not None and named.kind in ("name", "ner"):
            # "Hezbollah, the Iran-backed militia": the description is the named actor
            table.add(TokenMention(start, end, head.i, named.actor, "agent"))
            return
    if base is None and facility:
        base = _country_modifier(table, agent_word)  # "the US embassy compound in Baghdad"
    # "the multinational force", "foreign fighters": of no state the context or a place names
    stateless = sector in _STATELESS_SECTORS and any(
        c.dep_ == "amod" and c.lower_ in syntax_words("stateless_modifiers") for c in head.children
    )
    if base is None:
        base = _country_modifier(table, head, places=not stateless)
    if base is not None and (
        base.type in _SELF_STANDING or (base.type is ActorType.GOVERNMENT and sector == "GOV")
    ):
        # "European Community foreign ministers", "UN officials", "Hamas fighters",
        # "activists from the Fatah Party", "Somaliland officials": the organisation itself
        table.add(TokenMention(start, end, head.i, base, "agent"))
        return
    if base is not None and (base.country or base.code):
        actor = table.index.sector_actor(base, sector)
        others = _coordinated_modifiers(table, head, base)
        members = tuple(
            TokenMention(start, end, head.i, table.index.sector_actor(o, sector), "agent")
            for o in others
        )
        if members:
            members = (TokenMention(start, end, head.i, actor, "agent"), *members)
        table.add(TokenMention(start, end, head.i, actor, "agent", members))
        return
    if head.lemma_.lower() in syntax_words("counterpart_nouns"):
        return  # "urging the counterpart to sign": the other side, which no word names
    if stateless:
        table.add(
            TokenMention(start, end, head.i, table.index.unknown_sector_actor(sector), "agent")
        )
        return
    # bare "the government": the last government mentioned, else the document's focus
    det = next((c for c in head.children if c.dep_ == "det"), None)
    if det is not None and det.lower_ == "the":
        described = _described_before(table, head, start)
        if described is not None:
            # "the paramilitary Rapid Support Forces ... the paramilitaries", "Hezbollah, the
            # Iran-backed militia ... the militia": the actor introduced with the word
            table.add(TokenMention(start, end, head.i, described, "agent"))
            return
        # (or the armed group, army or police named before: "Boko Haram fighters stormed
        # Monguno. The militants torched homes")
        kinds = _ANAPHOR_TYPES.get(sector, ())
        prior = [
            m
            for m in table.mentions
            if m.start < start
            and m.actor.country is not None  # not another bare "troops"
            and (
                (m.kind == "agent" and m.actor.code and m.actor.code.endswith(sector))
                or (m.kind in ("agent", "name") and m.actor.type in kinds)
                # "Netanyahu's office said the cabinet would vote": a member's government
                or (
                    sector == "GOV"
                    and m.kind == "name"
                    and m.actor.type is ActorType.PERSON
                    and (m.actor.code or "").endswith("GOV")
                )
            )
        ]
        if prior:
            # the nearest before (the table lists mentions in the order they were found)
            last = max(prior, key=lambda m: m.start).actor
            if last.type is ActorType.PERSON:
                state = table.index.state_of(last)
                if state is not None:
                    last = table.index.sector_actor(state, "GOV")
            table.add(TokenMention(start, end, head.i, last, "agent"))
            return
        focus = _focus_state(table, start)
        if (
            focus is None
            and sector in ("GOV", "COP", "JUD", "LEG")
            and head.head.lemma_.lower() not in syntax_words("sending_verbs")
        ):
            # "The government relaxed the curfew in Khartoum": with no state named before,
            # a home authority is the one of the place it acts in (not where it sends
            # anyone: "the government sent troops to Mali")
            focus = _clause_place(table, head)
        if focus is not None and sector in ("GOV", "MIL", "COP", "JUD", "LEG", "SPY"):
            table.add(
                TokenMention(start, end, head.i, table.index.sector_actor(focus, sector), "agent")
            )
            return
    if (
        head.tag_ in ("NNS", "NNPS")
        or sector in ("REB", "INS", "UAF", "CVL", "REF", "OPP")
        # "the army and the rebels agreed to a truce" with no country in sight: an army
        or (det is not None and det.lower_ == "the")
        # "attacked a military base", "shot a police officer": one of them (but "a
        # peacekeeping force", "a unity government" are plans, not actors)
        or (
            det is not None
            and det.lower_ in ("a", "an")
            and head.lemma_.lower() not in syntax_words("collective_agent_heads")
        )
    ):
        placed = sector in _PLACE_SECTORS or facility  # "attacked an army base in Mali"
        # "an army base in the city of El Fasher": a facility's own place, else the clause's
        place = _place_of(table, [head]) if facility else None
        if place is None and placed:
            place = _clause_place(table, head)
        if place is None and sector in _PLACE_SECTORS:
            place = _domestic_authority(table, head)
        if place is None and sector in _HOME_SECTORS:
            # "protesters blocked a road in Nakuru; police dispersed them", "clashed with
            # police in Dakar": police and courts act at home, in the state their sentence
            # has named
            place = _focus_state(table, start, since=head.sent.start)
        if place is not None and placed:
            # "killed 20 people in Gaza": the people of the place
            actor = table.index.sector_actor(place, sector)
            table.add(TokenMention(start, end, head.i, actor, "agent"))
            return
        table.add(
            TokenMention(start, end, head.i, table.index.unknown_sector_actor(sector), "agent")
        )


def _described_before(table: ActorMentions, head: Token, before: int) -> Actor | None:
    """The named actor last introduced with the word ``head`` ("the paramilitary Rapid
    Support Forces", "Hezbollah, the Iran-backed militia", "the M23 rebel group"), or None."""
    words = {head.lemma_.lower(), head.lower_}
    for m in sorted(table.mentions, key=lambda x: -x.start):
        if m.start >= before or m.kind not in ("name", "ner"):
            continue
        if m.actor.type in (ActorType.STATE, ActorType.PERSON):
            continue
        if words & table.introduced_with(m):
            return m.actor
    return None


#: the kinds of named actor a bare "the troops", "the militants" can stand for
_ANAPHOR_TYPES: dict[str, tuple[ActorType, ...]] = {
    "MIL": (ActorType.MILITARY,),
    "REB": (ActorType.ARMED_GROUP,),
    "INS": (ActorType.ARMED_GROUP,),
    "UAF": (ActorType.ARMED_GROUP,),
    "COP": (ActorType.POLICE,),
}

# people and bodies that belong where they are (civilians, police, courts, the opposition,
# lawmakers): the place of the clause gives their country
_PLACE_SECTORS = frozenset(
    {
        "CVL",
        "PPL",
        "REF",
        "LAB",
        "EDU",
        "HLH",
        "MED",
        "BUS",
        "AGR",
        "COP",
        "OPP",
        "JUD",
        "LEG",
        "REL",
    }
    # rebels and gunmen no word gives a country are of where they fight ("rebels attacked
    # an army base in Mali", ACLED's "Unidentified Armed Group (Nigeria)")
    | {"REB", "INS", "UAF"}
)


#: sectors a stateless modifier makes no state's ("foreign fighters", "the multinational
#: force"), unlike offices ("the foreign ministers of Egypt and Jordan")
_STATELESS_SECTORS = frozenset({"MIL", "REB", "INS", "UAF", "SPY"})

#: sectors that act only at home: a sentence's state is theirs when no word says otherwise
_HOME_SECTORS = frozenset({"COP", "JUD"})


def _clause_place(table: ActorMentions, head: Token) -> Actor | None:
    """The state named by the place phrase of the clause ``head`` takes part in: "killed
    20 people in Gaza", "civilians were wounded in Aleppo", "prisoners rioted at a jail in
    Dili", "people blocked streets in Hong Kong"."""
    for _ in range(2):  # "hundreds of thousands of people": the quantity is the argument
        if head.dep_ == "pobj" and head.head.lower_ == "of":
            head = head.head.head
    # "dispersed students protesting in Kampala", "fired on civilians gathered in Mandalay":
    # where the phrase's own participle is
    own = [c for c in head.children if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN")]
    if head.dep_ == "pobj" and head.head.dep_ == "agent" and not own:
        # "kidnapped by gunmen in Cameroon's Northwest region": where the passive happened
        return _place_of(table, [head.head.head, head])
    if head.dep_ not in ("dobj", "obj", "nsubjpass", "nsubj"):
        return _place_of(table, own) if own and head.dep_ == "pobj" else None
    verb = head.head
    holders = [verb]
    if head.dep_ == "nsubj":  # where the subject acts: on the verb or on its object
        holders += [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        # "police cracked down on protesters in Minsk": or on what its preposition names
        holders += [
            o
            for c in verb.children
            if c.dep_ in ("prep", "prt") and c.lower_ in ("on", "against", "at")
            for o in c.children
            if o.dep_ == "pobj"
        ]
        # "police used tear gas to disperse students protesting in Kampala": or on the
        # people its purpose clause acts on, where their own participle is
        purposes = [
            c
            for c in verb.children
            if c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in c.children)
        ]
        acted_on = [o for p in purposes for o in p.children if o.dep_ in ("dobj", "obj")]
        holders += [*acted_on, *(p for p in purposes if acted_on)]
        holders += [c for o in acted_on for c in o.children if c.dep_ == "acl"]
    struck: list[Token] = []
    if verb.dep_ in ("advcl", "conj") and verb.tag_ == "VBG":
        holders.append(verb.head)  # "a bomb exploded in a market in Baghdad, killing 12"
        struck = [c for c in verb.head.children if c.dep_ in ("dobj", "obj")]
        holders += struck  # "stormed a mosque in Kano, killing 20 worshippers"
    found = _place_of(table, [*holders, *own])
    for o in struck if found is None else ():
        # "struck Kherson city with artillery, killing 2 civilians": the place struck
        m = table.at(o.i) or next(
            (x for c in o.children if c.dep_ == "compound" and (x := table.at(c.i))), None
        )
        if m is not None and _names_place(m):
            return table.index.state_of(m.actor)
    return found


def _names_place(m: TokenMention) -> bool:
    """Whether mention ``m`` names a place: a city or region (metonym) or a state's name,
    not a person or body ("at the request of the Pope")."""
    return m.kind == "metonym" or (m.kind == "name" and m.actor.type is ActorType.STATE)


def _place_of(table: ActorMentions, holders: list[Token]) -> Actor | None:
    """The state named by the first "in"/"at"/"outside"/"near"/"through" phrase of ``holders``
    (or the place inside a "from" phrase: "kidnapped pupils from a school in Kaduna")."""
    for h in holders:
        for c in h.children:
            if c.dep_ != "prep" or c.lower_ not in (
                "in",
                "at",
                "outside",
                "near",
                "through",
                "across",
                "inside",
                "from",
            ):
                continue
            for pobj in c.children:
                if pobj.dep_ != "pobj":
                    continue
                # "at a jail in Dili", "outside the US embassy in Jakarta", "in a car bomb
                # explosion in a residential sector of Beirut"
                places, frontier = [pobj], [pobj]
                if c.lower_ == "from":
                    places = []  # "troops from Chad" come from there, they are not in it
                for _ in range(2):
                    frontier = [
                        o
                        for p in frontier
                        for q in p.children
                        # "in an attack on a military post in northern Burkina Faso"
                        if q.dep_ == "prep" and q.lower_ in ("in", "of", "on")
                        for o in q.children
                        if o.dep_ == "pobj"
                    ]
                    places += frontier
                for place in places:
                    m = table.at(place.i)
                    if (m is None or m.kind == "ner") and not _agent_word(table, place):
                        # "East Timor's capital Dili" (not "the US embassy": the embassy is
                        # in Jakarta, not in the US); "in Mafa LGA (Borno)": a place no
                        # dictionary knows, told by the one beside it
                        m = next(
                            (
                                beside
                                for x in place.children
                                if x.dep_ in ("poss", "compound", "appos")
                                and (beside := table.at(x.i)) is not None
                                and beside.kind in ("name", "metonym")
                            ),
                            m,
                        )
                    if m is not None and _names_place(m):
                        return table.index.state_of(m.actor)
    return None


def _agent_word(table: ActorMentions, tok: Token) -> bool:
    """Whether ``tok`` is an agent noun of the index ("embassy", "army")."""
    return any(
        s.kind == "agent" for w in {tok.lower_, tok.lemma_.lower()} for s in table.index.lookup([w])
    )


#: sectors of a state that act at home only: the people they act on are the state's people
_DOMESTIC_SECTORS = ("COP", "JUD")


def _domestic_authority(table: ActorMentions, head: Token) -> Actor | None:
    """The state whose police or courts act on the people ``head`` names ("Kenyan police
    arrested dozens of protesters", "Liberian riot police used tear gas to disperse
    demonstrators"): police and courts act at home (an army need not)."""
    for _ in range(2):  # "dozens of protesters": the quantity is the argument
        if head.dep_ == "pobj" and head.head.lower_ == "of":
            head = head.head.head
    if head.dep_ == "nsubjpass":
        # "Two journalists were detained by Burundian police": the passive's agent
        for agent in (c for c in head.head.children if c.dep_ == "agent"):
            for pobj in (o for o in agent.children if o.dep_ == "pobj"):
                m = table.at(pobj.i)
                code = m.actor.code if m is not None else None
                if m is not None and code and code[3:6] in _DOMESTIC_SECTORS:
                    return table.index.state_of(m.actor)
        return None
    if head.dep_ not in ("dobj", "obj", "pobj"):
        return None
    verb = head.head.head if head.dep_ == "pobj" else head.head
    if head.dep_ == "pobj" and verb.dep_ in ("dobj", "obj") and verb.pos_ == "NOUN":
        verb = verb.head  # "used water cannon against protesters": the object's verb
    for _ in range(3):  # "used tear gas to disperse": the subject of the governing verb
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            m = table.at(subject.i)
            code = m.actor.code if m is not None else None
            if m is not None and code and code[3:6] in _DOMESTIC_SECTORS:
                return table.index.state_of(m.actor)
            return None
        if verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _focus_state(table: ActorMentions, before: int, since: int = 0) -> Actor | None:
    """The state mentioned most often from token ``since`` to token ``before`` (ties: the
    earliest)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in table.mentions:
        if m.start >= before or m.start < since:
            continue
        state = table.index.state_of(m.actor)
        if state is not None:
            counts[state.actor_id] += 1
            first.setdefault(state.actor_id, m.start)
    if not counts:
        return None
    best = max(counts, key=lambda a: (counts[a], -first[a]))
    return table.index.actors.get(best)


def _attach_titles(table: ActorMentions, doc: Doc) -> None:
    """Give unknown persons the country and sector of their title ("Libyan Prime Minister X")."""
    for k, m in enumerate(table.mentions):
        if m.kind == "name" and m.actor.type is ActorType.PERSON:
            # "U.N. mediator Diego Cordovez": an organisation's title says whom a known
            # person acts for here
            title_org = _organisation_title(table, doc, m)
            if title_org is not None:
                actor = replace(m.actor, code=title_org.code, affiliation=title_org.actor_id)
                _replace_mention(table, k, TokenMention(m.start, m.end, m.head, actor, "name"))
            continue
        if m.kind != "ner":
            continue
        if m.actor.type is not ActorType.PERSON:
            # "Kenzo Oshima, the Japanese envoy": a title beside a name makes it a person,
            # whatever the NER said
            state_a, sector_a = _appositive_title(table, doc, doc[m.head])
            if state_a is None:
                continue
            _set_affiliation(table, k, m, state_a, sector_a, ActorType.PERSON)
            continue
        state: Actor | None = None
        sector: str | None = None
        org: Actor | None = None
        for tok in doc[max(0, m.start - 6) : m.start]:
            if tok.head.i not in range(m.start, m.end) and tok.head.head.i not in range(
                m.start, m.end
            ):
                continue
            tm = table.at(tok.i)
            if tm is not None and tm.kind in ("adjective", "name", "metonym"):
                state = table.index.state_of(tm.actor)
                if tm.actor.type in (ActorType.IGO, ActorType.NGO) and tm.actor.code:
                    org = tm.actor  # "U.N. mediator Diego Cordovez"
            for surface in table.index.lookup([tok.text]):
                if surface.sector:
                    sector = surface.sector
        if state is None and org is not None:
            actor = replace(m.actor, code=org.code, affiliation=org.actor_id)
            _replace_mention(table, k, TokenMention(m.start, m.end, m.head, actor, "ner"))
            continue
        if state is None:
            state, sector = _appositive_title(table, doc, doc[m.head])
        if state is None:
            continue
        _set_affiliation(table, k, m, state, sector, m.actor.type)


def _drop_detached_titles(table: ActorMentions, doc: Doc) -> None:
    """ "Sudan's army chief Abdel Fattah al-Burhan" parsed as two subjects ("chief" and
    "Burhan"): the army is the person's title, not a second actor beside the person."""
    titles = syntax_words("leader_nouns") | syntax_words("title_nouns")
    persons = {m.start: m for m in table.mentions if m.actor.type is ActorType.PERSON}
    for m in list(table.mentions):
        if m.actor.type is ActorType.PERSON or m.end >= len(doc) - 1:
            continue
        title = doc[m.end]
        person = persons.get(m.end + 1)
        if (
            person is not None
            and title.lower_ in titles
            and title.dep_ not in ("compound", "amod", "nmod")
            and not person.start <= title.head.i < person.end
        ):
            table.mentions.remove(m)
            for i in range(m.start, m.end):
                table.by_token.pop(i, None)


def _organisation_title(table: ActorMentions, doc: Doc, m: TokenMention) -> Actor | None:
    """The IGO or NGO named in the title right before a person ("U.N. mediator X")."""
    for tok in doc[max(0, m.start - 6) : m.start]:
        if tok.head.i not in range(m.start, m.end) and tok.head.head.i not in range(m.start, m.end):
            continue
        tm = table.at(tok.i)
        if (
            tm is not None
            and tm.kind in ("name", "metonym")
            and tm.actor.type in (ActorType.IGO, ActorType.NGO)
            and tm.actor.code
        ):
            return tm.actor
    return None


def _replace_mention(table: ActorMentions, k: int, new: TokenMention) -> None:
    table.mentions[k] = new
    for i in range(new.start, new.end):
        table.by_token[i] = new


def _set_affiliation(
    table: ActorMentions,
    k: int,
    m: TokenMention,
    state: Actor,
    sector: str | None,
    atype: ActorType,
) -> None:
    actor = replace(
        m.actor,
        type=atype,
        country=state.country,
        code=f"{state.country}{sector or ''}",
        affiliation=f"{state.actor_id}_{sector.lower()}" if sector else state.actor_id,
    )
    _replace_mention(table, k, TokenMention(m.start, m.end, m.head, actor, "ner"))


def _appositive_title(
    table: ActorMentions, doc: Doc, root: Token
) -> tuple[Actor | None, str | None]:
    """The state and sector of a title set beside a name ("Qatar's emir, Sheikh Hamad",
    "Kenzo Oshima, the Japanese envoy")."""
    titles = [root.head] if root.dep_ == "appos" else []
    titles += [c for c in root.children if c.dep_ == "appos"]
    leaders = syntax_words("title_nouns")
    for title in titles:
        if title.pos_ not in ("NOUN", "PROPN"):
            continue
        sector: str | None = "GOV" if title.lemma_.lower() in leaders else None
        for surface in table.index.lookup([title.text]):
            if surface.sector:
                sector = surface.sector
        for c in title.children:
            if c.dep_ not in ("poss", "amod", "compound", "nmod"):
                continue
            tm = table.at(c.i)
            if tm is not None and tm.kind in ("adjective", "name", "metonym"):
                state = table.index.state_of(tm.actor)
                if state is not None:
                    return state, sector
    return None, None


def _add_descriptions(table: ActorMentions, doc: Doc) -> None:
    leader_nouns = syntax_words("leader_nouns")
    described = syntax_words("described_group_heads")
    states = syntax_words("described_state_heads")
    for tok in doc:
        if tok.i in table.by_token:
            continue
        # "the head of militant forces in Libya": the document's commander of such forces
        if tok.lemma_.lower() in leader_nouns and tok.pos_ == "NOUN":
            target = _description_referent(table, tok)
            if target is not None:
                table.add(TokenMention(tok.i, tok.i + 1, tok.i, target, "description"))
                continue
        # "the paramilitary group", "the militia": the group last named before
        if (
            tok.lemma_.lower() in described
            and tok.tag_ == "NN"
            and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
            and not any(c.dep_ in ("appos", "compound", "poss") for c in tok.children)
        ):
            group = _last_named_before(table, tok.i, _GROUP_TYPES, ("name", "ner"))
            if group is not None:
                table.add(TokenMention(tok.i, tok.i + 1, tok.i, group, "description"))
        # "the country", "the reclusive state": the state named last before
        elif (
            tok.lemma_.lower() in states
            and tok.tag_ == "NN"
            and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
            and not any(
                c.dep_ in ("appos", "poss")
                or (c.dep_ == "compound" and c.i in table.by_token)  # "the Hamas state"
                or (c.dep_ == "prep" and c.lower_ == "of")  # "the state of Palestine"
                for c in tok.children
            )
        ):
            state = _last_named_before(table, tok.i, (ActorType.STATE,), ("name", "metonym"))
            if state is not None:
                table.add(TokenMention(tok.i, tok.i + 1, tok.i, state, "description"))


_GROUP_TYPES = (ActorType.ARMED_GROUP, ActorType.OPPOSITION, ActorType.NGO)


def _last_named_before(
    table: ActorMentions, position: int, types: tuple[ActorType, ...], kinds: tuple[str, ...]
) -> Actor | None:
    """The actor of one of ``types`` named last before ``position``, a subject first
    ("Qatar mediated between Israel and Hamas. The Gulf state ..." is Qatar)."""
    named = [
        m
        for m in table.mentions
        if m.start < position and m.kind in kinds and m.actor.type in types
    ]
    subjects = [m for m in named if table.doc[m.head].dep_ in ("nsubj", "nsubjpass")]
    found = subjects or named
    return found[-1].actor if found else None


def _add_dyads(table: ActorMentions, doc: Doc) -> None:
    """Mark "both sides", "the two countries" ...: resolved later to the last dyad."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for p in syntax_words("dyad_phrases"):
        words = tuple(p.split())
        by_first.setdefault(words[0], []).append(words)
    lowers = [t.lower_ for t in doc]
    for i, word in enumerate(lowers):
        if i in table.by_token:
            continue
        for phrase in by_first.get(word, ()):
            n = len(phrase)
            if tuple(lowers[i : i + n]) == phrase:
                table.add(TokenMention(i, i + n, i + n - 1, _DYAD, "dyad"))
                break


_DYAD = Actor(actor_id="dyad", label="both sides", type=ActorType.GROUP, resolved=False)


def _description_referent(table: ActorMentions, tok: Token) -> Actor | None:
    """Resolve "the head/leader/commander of X" to a person of the document tied to X."""
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        return None
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    group = table.at(pobj.i)
    persons = [m.actor for m in table.mentions if m.actor.type is ActorType.PERSON]
    if group is not None and group.kind != "agent":
        found = [p for p in persons if p.affiliation == group.actor.actor_id]
        return found[0] if found else None
    # "militant forces in Libya": a person of that country who leads an armed force
    lemma = pobj.lemma_.lower()
    surfaces = table.index.lookup([pobj.text]) or table.index.lookup([lemma])
    sector = next((s.sector for s in surfaces if s.sector), None)
    if sector not in ("MIL", "REB", "INS", "UAF"):
        return None
    state = _country_modifier(table, pobj)
    for p in persons:
        aff = table.index.actors.get(p.affiliation or "")
        if state is not None and p.country != state.country:
            continue
        if aff is not None and aff.type in (ActorType.ARMED_GROUP, ActorType.MILITARY):
            return p
        if p.code and p.code.endswith(("MIL", "REB")):
            return p
    return None
