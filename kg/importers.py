"""Import coded event data (ICEWS, Phoenix/PETRARCH, PLOVER) as kg :class:`~kg.datatypes.Event`.

Events coded by other systems become the same records kg extracts from text, so the graph,
RDF and plot code apply unchanged (``kg import FILE --format icews --out DIR``).

Every event points back at its record: ``provenance.doc_id`` is ``"<file name>:<line>"``,
``provenance.sentence`` the line as read (for PLOVER, the record's ``text`` when it has one),
the source/target mentions and the trigger (the relation field) carry their character
offsets in it, and ``provenance.rule`` is ``"import:<format>"``.

Actors are resolved through kg's gazetteer (:meth:`kg.actors.ActorIndex.lookup_name`, actor
codes through its country and sector tables) where they can be; otherwise they get a stable
actor of their own:

* ``"Police_(Australia)"`` (ICEWS sector of a country) -> the police of Australia
  (``australia_cop``, the actor "Australian police" resolves to in text);
* a name the gazetteer does not know -> ``ner:<slug>`` (the id kg gives the same name found
  in text, so imported and extracted graphs merge), ``resolved=False``;
* a CAMEO actor code kg cannot place (``NGOHRI``) -> ``code:<code>``.

Relations: CAMEO event names and codes map through ``kg/data/cameo_relations.json``
(:meth:`kg.lexicon.RelationLexicon.relation_for_cameo`); PLOVER types through
:data:`PLOVER_RELATIONS`. Codes kg does not model as a dyadic relation (``010`` *make
statement*, PLOVER ``CRIME``) are counted in :attr:`ImportReport.unmapped`, never silently
dropped; malformed lines are listed in :attr:`ImportReport.errors`.

Supported inputs
----------------

``icews``
    Tab-separated. (1) ICEWS quads as redistributed for temporal knowledge-graph research:
    ``subject  relation  object  date  [split]`` with an optional header line, names with
    underscores for spaces and ``Sector_(Country)`` for sectors, the relation a CAMEO event
    name (``Make_an_appeal_or_request``) or code. (2) The ICEWS Dataverse event files, read
    by their header: ``Source Name``, ``Event Text`` / ``CAMEO Code``, ``Target Name``,
    ``Event Date`` (other columns are ignored).
``phoenix``
    Tab-separated. (1) The Phoenix event data files (OEDA phoenix_pipeline), 26 columns:
    ``EventID  Date(YYYYMMDD)  Year  Month  Day  SourceActorFull  SourceActorEntity
    SourceActorRole  SourceActorAttribute  TargetActorFull  TargetActorEntity
    TargetActorRole  TargetActorAttribute  EventCode  EventRootCode  QuadClass
    GoldsteinScore  Issues  Lat  Lon  LocationName  StateName  CountryCode  SentenceID
    URLs  NewsSources``; kg reads the date, the full source and target actor codes
    (``USAGOV``, ``IGOUNO``) and the CAMEO event code. (2) PETRARCH/PETRARCH2 raw output:
    ``date  source  target  code  [issues]  ids  [url]  source``. (3) Either with a header
    line naming the columns (``date``/``story_date``, ``source``/``SourceActorFull``,
    ``target``/``TargetActorFull``, ``code``/``EventCode``), e.g. the Cline Center
    historical Phoenix files.
``plover``
    JSON Lines (one record per line) or a JSON array of records, with the PLOVER
    specification's field names: ``date``, ``source`` and ``recipient`` (lists of actor
    objects ``{"code", "sector", "actor_text", "identifier_id" (Wikidata QID),
    "identifier_text"}`` or plain strings), ``event`` (a PLOVER type or a list of them),
    ``mode``, ``text``. ``actor``/``target``/``event_type`` and POLECAT-style
    ``attributes: {"actor": [...], "recipient": [...]}`` are read too. Compound actors give
    one event per source/recipient pair; a record with several sources and no recipient is
    reciprocal (``CONSULT`` -> ``meets``, ``ASSAULT`` -> ``fights`` between each pair).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = folder / "quads.tsv"
>>> _ = path.write_text("subject\\trelation\\tobject\\tdate\\n"
...     "Police_(Australia)\\tArrest,_detain,_or_charge_with_legal_action\\tCitizen_(Australia)"
...     "\\t2014-01-01\\n", encoding="utf-8")
>>> report = ImportReport()
>>> [(e.source.actor.actor_id, e.relation.name, e.target.actor.actor_id, e.provenance.doc_id)
...  for e in import_events(path, "icews", report=report)]
[('australia_cop', 'arrests', 'australia_cvl', 'quads.tsv:2')]
>>> report.events, report.unmapped
(1, Counter())
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from kg.actors import SECTORS, ActorIndex, slugify
from kg.api import BuildResult, BuildStats, write_outputs
from kg.datatypes import Actor, ActorType, Event, Mention, Provenance, RelationType
from kg.documents import parse_date
from kg.errors import InputError, KgError
from kg.lexicon import RelationLexicon, load_lexicon

__all__ = [
    "FORMATS",
    "PLOVER_RELATIONS",
    "ActorResolver",
    "ImportReport",
    "import_build",
    "import_events",
]

Format = Literal["icews", "phoenix", "plover"]
FORMATS: tuple[str, ...] = ("icews", "phoenix", "plover")

#: PLOVER event type -> kg relation (None: kg has no dyadic relation for it). ``ACCUSE`` is
#: the 0.7 name of ``DISAPPROVE``.
PLOVER_RELATIONS: Mapping[str, str | None] = {
    "AGREE": "agrees_with",
    "REQUEST": "requests",  # kg's type for CAMEO 02 appeals (dropped by PLOVER 0.7)
    "CONSULT": "meets",
    "SUPPORT": "backs",
    "COOPERATE": "cooperates_with",
    "AID": "aids",
    "CONCEDE": "concedes_to",
    "RETREAT": "withdraws_from",
    "INVESTIGATE": "investigates",
    "DEMAND": "demands",
    "DISAPPROVE": "condemns",
    "ACCUSE": "accuses",
    "REJECT": "rejects",
    "THREATEN": "threatens",
    "PROTEST": "protests_against",
    "MOBILIZE": "deploys_to",
    "SANCTION": "sanctions",
    "COERCE": "coerces",
    "ASSAULT": "attacks",
    "FIGHT": "fights",
    "CRIME": None,
}
#: (PLOVER type, word in its ``mode``) -> a more specific kg relation.
PLOVER_MODES: Mapping[tuple[str, str], str] = {
    ("CONSULT", "mediat"): "mediates",
    ("CONSULT", "negotiat"): "negotiates_with",
    ("COERCE", "arrest"): "arrests",
    ("SUPPORT", "prais"): "praises",
}
#: Reciprocal records (several sources, no recipient): the symmetric relation between them.
PLOVER_RECIPROCAL: Mapping[str, str] = {
    "CONSULT": "meets",
    "AGREE": "agrees_with",
    "COOPERATE": "cooperates_with",
    "ASSAULT": "fights",
    "FIGHT": "fights",
}

_ROOT_TYPES: Mapping[str, ActorType] = {
    "IGO": ActorType.IGO,
    "NGO": ActorType.NGO,
    "IMG": ActorType.ARMED_GROUP,
    "MNC": ActorType.ORGANIZATION,
}
_SECTOR_NAME = re.compile(r"^(?P<sector>.+?)\s*\((?P<country>[^()]+)\)$")
_SECTOR_PARTS = re.compile(r"\s*/\s*|\s+-\s+|[(),]")
_CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
_CAMEO_CODE = re.compile(r"^[0-9]{2,4}$")
_QID = re.compile(r"^Q[0-9]+$")
_HEADER_ALIASES: Mapping[str, tuple[str, ...]] = {
    "date": ("date", "storydate", "eventdate"),
    "source": ("sourceactorfull", "source", "sourcename", "subject", "sourcecode"),
    "target": ("targetactorfull", "target", "targetname", "object", "targetcode"),
    "relation": ("eventcode", "code", "cameocode", "relation", "eventtext"),
}


# --------------------------------------------------------------------------- report


@dataclass(slots=True)
class ImportReport:
    """What an import read, made and left out."""

    path: str = ""
    format: str = ""
    rows: int = 0  # records read (lines, not counting headers and blank lines)
    events: int = 0  # kg events made
    unmapped: Counter[str] = field(default_factory=Counter)  # code/type kg does not model
    unknown: Counter[str] = field(default_factory=Counter)  # relation labels not understood
    no_target: int = 0  # records with a source but no recipient to relate it to
    self_loops: int = 0  # events whose source and target resolve to the same actor
    actors: Counter[str] = field(default_factory=Counter)  # distinct names by how resolved
    errors: list[str] = field(default_factory=list)  # "file:line: reason" of bad records
    seconds: float = 0.0

    def summary(self) -> str:
        """A few readable lines for the terminal."""
        unmapped = ", ".join(f"{k} {v}" for k, v in self.unmapped.most_common(8))
        more = len(self.unmapped) - 8
        lines = [
            f"read       {self.rows} records ({self.format}) from {self.path}",
            f"events     {self.events}",
            f"not kg     {sum(self.unmapped.values())} records with a code kg does not model"
            + (f": {unmapped}" + (f" (+{more} more)" if more > 0 else "") if unmapped else ""),
        ]
        if self.unknown:
            unknown = ", ".join(f"{k!r} {v}" for k, v in self.unknown.most_common(8))
            lines.append(f"unknown    {sum(self.unknown.values())} relation labels: {unknown}")
        if self.no_target:
            lines.append(f"no target  {self.no_target} records")
        lines.append(f"self-loops {self.self_loops} events (source = target)")
        how = ", ".join(f"{k} {v}" for k, v in sorted(self.actors.items()))
        lines.append(f"actors     {how or '-'} (distinct names)")
        if self.errors:
            lines.append(
                f"errors     {len(self.errors)} malformed records, first: {self.errors[0]}"
            )
        lines.append(f"time       {self.seconds:.1f} s")
        return "\n".join(lines)


# --------------------------------------------------------------------------- actors


@functools.cache
def _blank_index() -> ActorIndex:
    """kg's gazetteer index over a blank English tokenizer (no model needed)."""
    import spacy

    return ActorIndex.default(spacy.blank("en").tokenizer)


class ActorResolver:
    """Names and CAMEO actor codes -> kg actors, cached; counts how each was resolved."""

    def __init__(self, index: ActorIndex, counts: Counter[str] | None = None) -> None:
        self.index = index
        self.counts: Counter[str] = counts if counts is not None else Counter()
        self._names: dict[str, Actor] = {}
        self._codes: dict[str, Actor | None] = {}
        self._by_qid: dict[str, Actor] | None = None
        self._by_code: dict[str, list[Actor]] | None = None

    # -- names ("Police_(Australia)", "Barack_Obama")

    def name(self, raw: str) -> Actor:
        """The actor of an ICEWS-style name (underscores for spaces, ``Sector (Country)``)."""
        actor = self._names.get(raw)
        if actor is None:
            actor, how = self._resolve_name(" ".join(raw.replace("_", " ").split()))
            self._names[raw] = actor
            self.counts[how] += 1
        return actor

    def _resolve_name(self, name: str) -> tuple[Actor, str]:
        found = self.index.lookup_name(name)
        if found is not None:
            return found, "gazetteer"
        match = _SECTOR_NAME.match(name)
        if match:
            sector_text, country = match["sector"], match["country"]
            base = self._place(country)
            sector = self._sector(sector_text)
            if base is not None:
                return self._sector_of(base, sector, sector_text), "sector"
            base = _unknown(country)
            return self._sector_of(base, sector, sector_text), "created"
        return _unknown(name), "created"

    def _place(self, text: str) -> Actor | None:
        """A country (or other actor) named in ``Sector (Place)``; "Korea, South" style too."""
        for candidate in (text, " ".join(reversed([p.strip() for p in text.split(",", 1)]))):
            found = self.index.lookup_name(candidate)
            if found is not None:
                return found
        try:
            import pycountry

            country = pycountry.countries.lookup(text)
        except LookupError:
            return None
        return self.index.by_country.get(str(country.alpha_3))

    def _sector(self, text: str) -> str | None:
        """The CAMEO sector of an ICEWS sector name through kg's agent nouns, e.g. "Police"
        -> COP, "Military Personnel - Special" -> MIL, "Cabinet / Council of Ministers" -> GOV.
        """
        parts = [text, *(p for p in _SECTOR_PARTS.split(text) if p.strip())]
        for part in parts:
            words = part.lower().split()
            spans = [words[i:] for i in range(len(words))]  # head noun last: suffixes first
            spans += [words[:j] for j in range(len(words) - 1, 0, -1)]
            for span in spans:
                for surface in self.index.lookup(span):
                    if surface.kind == "agent" and surface.sector:
                        return surface.sector
        return None

    def _sector_of(self, base: Actor, sector: str | None, text: str) -> Actor:
        if sector is not None and base.type is ActorType.STATE:
            actor = self.index.sector_actor(base, sector)
            if sector not in SECTORS:  # "South Africa (ppl)": keep ICEWS's word for it
                actor = replace(actor, label=f"{base.label} ({text.lower()})")
            return actor
        if sector is not None:
            atype, sname = SECTORS.get(sector, (ActorType.ORGANIZATION, sector.lower()))
            suffix, label = sector.lower(), sname
        else:
            atype, suffix, label = ActorType.UNKNOWN, slugify(text), text.lower()
        return Actor(
            actor_id=f"{base.actor_id}_{suffix}",
            label=f"{base.label} ({label})",
            type=atype,
            country=base.country,
            code=f"{base.country}{sector}" if base.country and sector else None,
            affiliation=base.actor_id,
            resolved=base.resolved,
        )

    # -- CAMEO actor codes ("USAGOV", "IGOUNO")

    def code(self, raw: str, sector: str | None = None) -> Actor | None:
        """The actor of a CAMEO-style code (country or IGO/NGO/IMG/MNC root + sectors), or
        None when kg cannot place the code (see :meth:`code_actor`)."""
        code = (raw + (sector or "")).strip().upper()
        if code in self._codes:
            return self._codes[code]
        actor, how = self._resolve_code(code)
        self._codes[code] = actor
        self.counts[how] += 1
        return actor

    def code_actor(self, raw: str, sector: str | None = None) -> Actor:
        """Like :meth:`code`, but a code kg cannot place gets a stable ``code:`` actor."""
        actor = self.code(raw, sector)
        if actor is not None:
            return actor
        code = (raw + (sector or "")).strip().upper()
        return Actor(
            actor_id=f"code:{code.lower()}",
            label=code,
            type=_ROOT_TYPES.get(code[:3], ActorType.UNKNOWN),
            code=code,
            resolved=False,
        )

    def _resolve_code(self, code: str) -> tuple[Actor | None, str]:
        if not _CODE.match(code):
            return None, "unplaced code"
        state = self.index.by_country.get(code[:3])
        if state is not None:
            rest = [code[i : i + 3] for i in range(3, len(code), 3)]
            sector = next((s for s in rest if s in SECTORS), None)
            if sector is None:
                return state, "code"
            return self.index.sector_actor(state, sector), "code"
        exact = self._exact_code(code)
        if exact is not None:
            return exact, "code"
        return None, "unplaced code"

    def _exact_code(self, code: str) -> Actor | None:
        """The organisation a non-country code stands for: the only non-person actor with
        that code, or the one the others with that code belong to (``IGOUNO`` -> UN)."""
        if self._by_code is None:
            by_code: dict[str, list[Actor]] = {}
            for actor in self.index.actors.values():
                if actor.code and actor.type is not ActorType.PERSON:
                    by_code.setdefault(actor.code, []).append(actor)
            self._by_code = by_code
        candidates = self._by_code.get(code, [])
        if len(candidates) == 1:
            return candidates[0]
        ids = {a.actor_id for a in candidates}
        parents = Counter(a.affiliation for a in candidates if a.affiliation in ids)
        if parents:
            best, _ = max(parents.items(), key=lambda kv: (kv[1], kv[0] or ""))
            return self.index.actors.get(best or "")
        return None

    def wikidata(self, qid: str) -> Actor | None:
        """The gazetteer actor with Wikidata id ``qid``."""
        if self._by_qid is None:
            self._by_qid = {}
            for actor in self.index.actors.values():
                if actor.wikidata:
                    self._by_qid.setdefault(actor.wikidata, actor)
        return self._by_qid.get(qid)


def _unknown(name: str) -> Actor:
    """A stable actor for a name the gazetteer does not know (the id kg gives it in text)."""
    return Actor(actor_id=f"ner:{slugify(name)}", label=name, resolved=False)


# --------------------------------------------------------------------------- records


@dataclass(slots=True)
class _Context:
    path: Path
    fmt: str
    report: ImportReport
    resolver: ActorResolver
    lexicon: RelationLexicon
    confidence: float

    def where(self, line: int) -> str:
        return f"{self.path.name}:{line}"

    def error(self, line: int, message: str) -> None:
        self.report.errors.append(f"{self.path}:{line}: {message}")

    def cameo_relation(self, label: str) -> tuple[RelationType | None, str]:
        """(relation, CAMEO code) of a CAMEO code or ICEWS event name; counts misses."""
        text = label.strip()
        code = text if _CAMEO_CODE.match(text) else self.lexicon.cameo_code_for_name(text)
        if code is None:
            self.report.unknown[text] += 1
            return None, ""
        relation = self.lexicon.relation_for_cameo(code)
        if relation is None:
            self.report.unmapped[f"{code} {text}" if code != text else code] += 1
        return relation, code

    def event(
        self,
        line: int,
        sentence: str,
        source: tuple[str, Actor],
        relation: RelationType,
        target: tuple[str, Actor],
        trigger: str,
        *,
        date: dt.date | None,
        cameo: str = "",
        offsets: tuple[int, int, int] | None = None,
    ) -> Event:
        """One imported event; ``offsets`` are the starts of source, trigger and target in
        ``sentence`` (default: where their text first occurs in it)."""

        def start_of(text: str, index: int) -> int:
            if offsets is not None:
                return offsets[index]
            found = sentence.find(text) if text else -1
            return found if found >= 0 else 0

        def end_of(text: str, start: int) -> int:
            return start + len(text) if sentence[start : start + len(text)] == text else start

        s_start, t_start, o_start = (
            start_of(x, i) for i, x in enumerate((source[0], trigger, target[0]))
        )
        src = Mention(source[0], s_start, end_of(source[0], s_start), source[1])
        tgt = Mention(target[0], o_start, end_of(target[0], o_start), target[1])
        t_end = end_of(trigger, t_start)
        if src.actor.actor_id == tgt.actor.actor_id:
            self.report.self_loops += 1
        self.report.events += 1
        return Event(
            source=src,
            relation=relation,
            target=tgt,
            provenance=Provenance(
                doc_id=self.where(line),
                sentence=sentence,
                start=0,
                end=len(sentence),
                trigger=trigger,
                trigger_start=t_start,
                trigger_end=t_end,
                rule=f"import:{self.fmt}",
            ),
            date=date,
            date_precision="day" if date is not None else None,
            confidence=self.confidence,
            cameo=cameo,
        )

    def date(self, value: object, line: int) -> dt.date | None:
        try:
            return parse_date(value, where=self.where(line))
        except InputError as exc:
            self.error(line, str(exc).split(": ", 1)[-1])
            return None


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\r\n")
            if line.strip():
                yield number, line


def _split(line: str) -> tuple[list[str], list[int]]:
    """The tab-separated cells of ``line`` and the offset where each starts."""
    cells = line.split("\t")
    starts, at = [], 0
    for cell in cells:
        starts.append(at)
        at += len(cell) + 1
    return cells, starts


def _lead(cells: Sequence[str], starts: Sequence[int], column: int) -> int:
    """Offset of the first non-blank character of cell ``column``."""
    cell = cells[column]
    return starts[column] + len(cell) - len(cell.lstrip())


def _norm_header(cell: str) -> str:
    return re.sub(r"[^a-z]", "", cell.lower())


def _header_columns(cells: Sequence[str]) -> dict[str, int] | None:
    """Column positions of a header line, or None when ``cells`` is not a header."""
    names = [_norm_header(c) for c in cells]
    columns: dict[str, int] = {}
    for key, aliases in _HEADER_ALIASES.items():
        for alias in aliases:
            if alias in names:
                columns[key] = names.index(alias)
                break
    if {"source", "target", "relation"} <= columns.keys():
        return columns
    return None


def _read_icews(ctx: _Context) -> Iterator[Event]:
    columns: dict[str, int] = {"source": 0, "relation": 1, "target": 2, "date": 3}
    first = True
    for number, line in _lines(ctx.path):
        cells, starts = _split(line)
        if first:
            first = False
            header = _header_columns(cells)
            if header is not None:
                # the Dataverse files name both the event text and the CAMEO code: use the code
                names = [_norm_header(c) for c in cells]
                if "cameocode" in names:
                    header["relation"] = names.index("cameocode")
                columns = header
                continue
        ctx.report.rows += 1
        try:
            subject, label, obj = (cells[columns[k]] for k in ("source", "relation", "target"))
        except IndexError:
            ctx.error(number, f"expected subject, relation, object, date; got {len(cells)} fields")
            continue
        if not subject.strip() or not obj.strip():
            ctx.error(number, "empty subject or object")
            continue
        relation, code = ctx.cameo_relation(label)
        if relation is None:
            continue
        position = columns.get("date", -1)
        date = ctx.date(cells[position], number) if 0 <= position < len(cells) else None
        yield ctx.event(
            number,
            line,
            (subject, ctx.resolver.name(subject)),
            relation,
            (obj, ctx.resolver.name(obj)),
            label,
            date=date,
            cameo=code,
            offsets=(
                starts[columns["source"]],
                starts[columns["relation"]],
                starts[columns["target"]],
            ),
        )


def _phoenix_columns(cells: Sequence[str]) -> dict[str, int] | None:
    """Positional layout of a Phoenix (26 columns) or PETRARCH raw-output line."""
    if len(cells) >= 14 and re.fullmatch(r"\d{8}", cells[1].strip()):
        return {"date": 1, "source": 5, "target": 9, "relation": 13}
    if len(cells) >= 4 and re.fullmatch(r"\d{8}", cells[0].strip()):
        return {"date": 0, "source": 1, "target": 2, "relation": 3}
    return None


def _read_phoenix(ctx: _Context) -> Iterator[Event]:
    columns: dict[str, int] | None = None
    first = True
    for number, line in _lines(ctx.path):
        cells, starts = _split(line)
        if first:
            first = False
            header = _header_columns(cells)
            if header is not None:
                columns = header
                continue
        ctx.report.rows += 1
        layout = columns or _phoenix_columns(cells)
        if layout is None:
            ctx.error(
                number, "not a Phoenix (26 columns) or PETRARCH (date source target code) line"
            )
            continue
        try:
            source, target, code = (
                cells[layout[k]].strip() for k in ("source", "target", "relation")
            )
        except IndexError:
            ctx.error(number, f"too few fields ({len(cells)})")
            continue
        if not source or not target or source == "---" or target == "---":
            ctx.report.no_target += 1
            continue
        relation, cameo = ctx.cameo_relation(code)
        if relation is None:
            continue
        position = layout.get("date", -1)
        date = ctx.date(cells[position], number) if 0 <= position < len(cells) else None
        yield ctx.event(
            number,
            line,
            (source, ctx.resolver.code_actor(source)),
            relation,
            (target, ctx.resolver.code_actor(target)),
            code,
            date=date,
            cameo=cameo,
            offsets=(
                _lead(cells, starts, layout["source"]),
                _lead(cells, starts, layout["relation"]),
                _lead(cells, starts, layout["target"]),
            ),
        )


# --------------------------------------------------------------------------- PLOVER


def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _plover_records(path: Path) -> Iterator[tuple[int, str, Any]]:
    """(line or record number, raw text, parsed record) of a JSONL file or a JSON array."""
    text = path.read_text(encoding="utf-8-sig")
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(path, exc.lineno, f"not valid JSON: {exc.msg}") from exc
        for index, record in enumerate(records, start=1):
            yield index, json.dumps(record, ensure_ascii=False), record
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                yield number, line, json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, line, exc


def _plover_actor(ctx: _Context, raw: Any) -> tuple[str, Actor] | None:
    """(text as written, actor) of a PLOVER actor object or string."""
    resolver = ctx.resolver
    if isinstance(raw, str):
        text = raw.strip()
        if not text:
            return None
        if _CODE.match(text):
            return text, resolver.code_actor(text)
        return text, resolver.name(text)
    if not isinstance(raw, Mapping):
        return None
    text = str(
        raw.get("actor_text")
        or raw.get("text")
        or raw.get("name")
        or raw.get("identifier_text")
        or raw.get("identifer_text")
        or ""
    ).strip()
    canonical = str(raw.get("identifier_text") or raw.get("identifer_text") or "").strip()
    qid = str(raw.get("identifier_id") or raw.get("identifer_id") or raw.get("wikidata") or "")
    qid = qid.rstrip("/").rsplit("/", 1)[-1]
    code = str(raw.get("code") or "").strip().upper()
    sector = str(raw.get("sector") or "").strip().upper()
    actor: Actor | None = resolver.wikidata(qid) if _QID.match(qid) else None
    if actor is None and code:
        actor = resolver.code(code, sector[:3] if sector else None)
    for name in (canonical, text):
        if actor is None and name:
            actor = resolver.index.lookup_name(name)
    if actor is None and (canonical or text):
        actor = resolver.name(canonical or text)
    if actor is None and code:
        actor = resolver.code_actor(code, sector[:3] if sector else None)
    if actor is None:
        return None
    return text or canonical or code, actor


def _plover_relations(
    ctx: _Context, record: Mapping[str, Any], reciprocal: bool
) -> list[tuple[str, RelationType, str]]:
    """(type as written, relation, CAMEO code) for each event type of ``record``."""
    mode = " ".join(str(m) for m in _as_list(record.get("mode"))).lower()
    out: list[tuple[str, RelationType, str]] = []
    for raw in _as_list(record.get("event", record.get("event_type"))):
        label = str(raw).strip()
        if _CAMEO_CODE.match(label):
            relation, code = ctx.cameo_relation(label)
            if relation is not None:
                out.append((label, relation, code))
            continue
        ptype = label.upper()
        if ptype not in PLOVER_RELATIONS:
            ctx.report.unknown[label] += 1
            continue
        name = PLOVER_RELATIONS[ptype]
        for (kind, word), special in PLOVER_MODES.items():
            if kind == ptype and word in mode:
                name = special
        if reciprocal and ptype in PLOVER_RECIPROCAL:
            name = PLOVER_RECIPROCAL[ptype]
        if name is None:
            ctx.report.unmapped[ptype] += 1
            continue
        out.append((label, ctx.lexicon.relation(name), ""))
    return out


def _read_plover(ctx: _Context) -> Iterator[Event]:
    for number, line, record in _plover_records(ctx.path):
        ctx.report.rows += 1
        if isinstance(record, json.JSONDecodeError):
            ctx.error(number, f"not valid JSON: {record.msg}")
            continue
        if not isinstance(record, Mapping):
            ctx.error(number, "a PLOVER record must be a JSON object")
            continue
        attributes = record.get("attributes")
        attrs: Mapping[str, Any] = attributes if isinstance(attributes, Mapping) else {}
        sources_raw = _as_list(record.get("source", record.get("actor", attrs.get("actor"))))
        targets_raw = _as_list(
            record.get("recipient", record.get("target", attrs.get("recipient")))
        )
        sources = [a for a in (_plover_actor(ctx, r) for r in sources_raw) if a is not None]
        targets = [a for a in (_plover_actor(ctx, r) for r in targets_raw) if a is not None]
        reciprocal = not targets and len(sources) >= 2
        relations = _plover_relations(ctx, record, reciprocal)
        if not relations:
            continue
        if not sources or (not targets and not reciprocal):
            ctx.report.no_target += 1
            continue
        sentence = str(record.get("text") or line)
        date = ctx.date(record.get("date"), number)
        for label, relation, code in relations:
            if targets:
                pairs = [(s, t) for s in sources for t in targets]
            elif relation.symmetric:
                pairs = [(s, t) for i, s in enumerate(sources) for t in sources[i + 1 :]]
            else:
                pairs = [(s, t) for s in sources for t in sources if s is not t]
            for source, target in pairs:
                yield ctx.event(
                    number, sentence, source, relation, target, label, date=date, cameo=code
                )


_READERS: Mapping[str, Callable[[_Context], Iterator[Event]]] = {
    "icews": _read_icews,
    "phoenix": _read_phoenix,
    "plover": _read_plover,
}


# --------------------------------------------------------------------------- entry points


def import_events(
    path: str | Path,
    format: str,
    *,
    report: ImportReport | None = None,
    actors: Sequence[str | Path] = (),
    index: ActorIndex | None = None,
    confidence: float = 1.0,
) -> Iterator[Event]:
    """Read coded events from ``path`` (see the module docstring for the formats).

    Parameters
    ----------
    path
        The file to read.
    format
        ``"icews"``, ``"phoenix"`` or ``"plover"``.
    report
        Filled in while the iterator runs: counts, codes kg does not model, bad lines.
    actors
        Extra actor files (kg JSONL or PETRARCH ``.actors``), as for ``kg build --actors``.
    index
        The gazetteer index to resolve names with; default kg's, over a blank tokenizer.
    confidence
        The confidence given to every imported event (coded records are taken as read).

    Raises
    ------
    InputError
        When the file is missing or (for a JSON array) not valid JSON. Malformed lines do
        not raise: they are listed in ``report.errors``.
    """
    if format not in _READERS:
        raise KgError(f"unknown import format {format!r}; valid: {', '.join(FORMATS)}")
    file = Path(path)
    if not file.is_file():
        raise InputError(file, None, "file not found")
    report = report if report is not None else ImportReport()
    report.path, report.format = str(file), format
    base = index if index is not None else _blank_index()
    if actors:
        from kg.gazetteer_data import read_user_dictionaries

        user = read_user_dictionaries(actors)
        base = base.with_entries(user.entries, user.agents)
    ctx = _Context(
        path=file,
        fmt=format,
        report=report,
        resolver=ActorResolver(base, report.actors),
        lexicon=load_lexicon(),
        confidence=confidence,
    )
    t0 = time.perf_counter()
    try:
        yield from _READERS[format](ctx)
    except UnicodeDecodeError as exc:
        raise InputError(file, None, f"not UTF-8 text (byte {exc.start}): {exc.reason}") from exc
    finally:
        report.seconds += time.perf_counter() - t0


def import_build(
    path: str | Path,
    format: str,
    *,
    out: str | Path | None = None,
    actors: Sequence[str | Path] = (),
    confidence: float = 1.0,
    base_iri: str | None = None,
) -> tuple[BuildResult, ImportReport]:
    """Import ``path``, build the graph and (with ``out``) write kg's four outputs.

    Returns ``(kg.api.BuildResult, ImportReport)``; ``out`` receives ``triples.jsonl``,
    ``graph.ttl``, ``graph.graphml`` and ``alliances.png`` exactly as ``kg build`` writes
    them.
    """
    from kg.graph import build_graph

    t0 = time.perf_counter()
    report = ImportReport()
    events = list(import_events(path, format, report=report, actors=actors, confidence=confidence))
    graph = build_graph(events)
    stats = BuildStats(
        documents=report.rows,
        sentences=report.rows,
        events=len(events),
        negated=sum(e.negated for e in events),
        relations=Counter(e.relation.name for e in events),
        actors=graph.number_of_nodes(),
        errors=list(report.errors),
    )
    result = BuildResult(events=events, graph=graph, documents=[], stats=stats)
    if out is not None:
        result.outputs = write_outputs(
            result, out, model_name=f"kg-import-{format}", base_iri=base_iri
        )
    stats.seconds = time.perf_counter() - t0
    return result, report
