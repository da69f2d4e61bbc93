"""Frozen, typed records passed between the stages of ``kg``.

Data flows one way::

    Document -> (spaCy Doc) -> Mention(Actor) -> Event(RelationType, Provenance) -> graph / RDF

Nothing here has logic beyond small derived properties; every stage takes and returns
these types, so a stage can be tested (and replaced) on its own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Actor",
    "ActorType",
    "CodePeriod",
    "Document",
    "Event",
    "GazetteerEntry",
    "Mention",
    "Modality",
    "Provenance",
    "QuadClass",
    "RelationIntent",
    "RelationType",
]


class ActorType(StrEnum):
    """What kind of actor a node is (the ``type`` field of the interchange format)."""

    STATE = "state"
    GOVERNMENT = "government"
    MILITARY = "military"
    POLICE = "police"
    ARMED_GROUP = "armed_group"
    OPPOSITION = "opposition"
    PERSON = "person"
    IGO = "igo"
    NGO = "ngo"
    ORGANIZATION = "organization"
    GROUP = "group"  # a social group: civilians, refugees, protesters, ...
    UNKNOWN = "unknown"


class QuadClass(StrEnum):
    """The four CAMEO/PLOVER QuadClasses."""

    VERBAL_COOPERATION = "verbal_cooperation"
    MATERIAL_COOPERATION = "material_cooperation"
    VERBAL_CONFLICT = "verbal_conflict"
    MATERIAL_CONFLICT = "material_conflict"


class Modality(StrEnum):
    """How the text commits to an event.

    ``asserted`` events happened (or are happening); the others did not (yet).
    """

    ASSERTED = "asserted"
    ATTEMPTED = "attempted"  # "trying to broker", "attempts to ... failed"
    PLANNED = "planned"  # "is set to hold", "pledged to continue", "will"
    POSSIBLE = "possible"  # "may", "could", "might"
    CONDITIONAL = "conditional"  # "if ..."
    REQUESTED = "requested"  # "urged X to ...", "called on X to ..."
    ALLEGED = "alleged"  # "accused X of killing civilians", "allegedly"


@dataclass(frozen=True, slots=True)
class Document:
    """One input text with its metadata.

    ``doc_id`` is stable: the file name for text files, the ``id`` field for JSONL records.
    """

    doc_id: str
    text: str
    source: str = ""  # where it was read from: a path, or "path:line" for JSONL records
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: a node of the graph.

    ``actor_id`` is stable across runs and documents (gazetteer id, or a slug of the name
    for actors found only by NER, prefixed ``ner:``).
    """

    actor_id: str
    label: str
    type: ActorType = ActorType.UNKNOWN
    country: str | None = None  # ISO 3166-1 alpha-3
    code: str | None = None  # CAMEO-style actor code: country + sector, e.g. "LBYMIL"
    wikidata: str | None = None  # QID, e.g. "Q159"
    affiliation: str | None = None  # actor_id of the government/group/state it belongs to
    aliases: tuple[str, ...] = ()
    resolved: bool = True  # False when the actor is known only from NER, not from a dictionary


@dataclass(frozen=True, slots=True)
class CodePeriod:
    """An actor code valid for a time: PETRARCH's ``[SDNREB 19830516-20050109]``.

    ``start`` and ``end`` are inclusive; ``None`` leaves that side open.

    >>> import datetime as dt
    >>> p = CodePeriod("SDNREB", dt.date(1983, 5, 16), dt.date(2005, 1, 9))
    >>> p.covers(dt.date(2003, 10, 1)), p.covers(dt.date(2011, 1, 1))
    (True, False)
    """

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` falls inside the period."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One actor of the gazetteer with the surface forms that refer to it.

    ``names`` name the actor outright ("Khalifa Haftar", "Haftar"). ``adjectives`` are
    demonyms used as modifiers ("Libyan" in "the Libyan government"). ``metonyms`` are
    places that stand for the actor only when they act ("Moscow said", "the Kremlin").
    """

    actor: Actor
    names: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    source: str = ""  # where the entry came from (pycountry, phoenix, curated, user file)
    # codes that hold for a time (the first period covering a date wins; outside all of
    # them the actor's own code holds): "SPLM" was a rebel group, then a governing party
    periods: tuple[CodePeriod, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document that refers to an actor."""

    text: str  # as written
    start: int  # character offsets in the document text
    end: int
    actor: Actor
    # the actor's code and country on the event's date, when a dated dictionary entry
    # gives other ones than ``actor.code``/``actor.country`` (see GazetteerEntry.periods)
    code: str | None = None
    country: str | None = None

    @property
    def actor_code(self) -> str | None:
        """The actor's code as of this mention's event."""
        return self.code or self.actor.code

    @property
    def actor_country(self) -> str | None:
        """The actor's country as of this mention's event."""
        return self.country or self.actor.country


@dataclass(frozen=True, slots=True)
class RelationIntent:
    """How CAMEO/PLOVER code a *planned* event of a material relation ("pledged to send aid"
    is CAMEO 033, verbal cooperation; "threatened to attack" is 138, verbal conflict)."""

    cameo: str
    plover: str
    quad: QuadClass


@dataclass(frozen=True, slots=True)
class RelationType:
    """One relation of the inventory (``kg/data/relations.json``)."""

    name: str  # e.g. "backs"
    plover: str  # PLOVER event type, e.g. "SUPPORT"
    cameo: str  # CAMEO root code, e.g. "05"
    quad: QuadClass
    polarity: int  # +1 cooperation, -1 conflict
    symmetric: bool = False
    description: str = ""
    alignment: float = 0.0  # weight in the signed alliance graph (+1 sides with, -1 against)
    intent: RelationIntent | None = None


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an event was read: the sentence, its span, and the rule that fired."""

    doc_id: str
    sentence: str
    start: int  # sentence span in the document text
    end: int
    trigger: str  # the word(s) that express the relation, e.g. "backed"
    trigger_start: int
    trigger_end: int
    rule: str  # which extraction rule produced the event, e.g. "verb:passive_agent"


@dataclass(frozen=True, slots=True)
class Event:
    """One extracted relation mention: ``source`` -relation-> ``target``.

    ``participants`` holds other parties (the two sides a mediator stands between).
    ``cameo`` is the most specific CAMEO code known for the trigger (defaults to the
    relation's root code).
    """

    source: Mention
    relation: RelationType
    target: Mention
    provenance: Provenance
    negated: bool = False
    modality: Modality = Modality.ASSERTED
    date: dt.date | None = None
    confidence: float = 0.5
    cameo: str = ""
    participants: tuple[Mention, ...] = field(default=())
    date_precision: str | None = None  # "day", "month", "year", or "document" (the doc date)
    plover: str = ""  # the event's own PLOVER type when it differs from the relation's
    quad: QuadClass | None = None  # the event's own QuadClass when it differs (intents)

    @property
    def event_id(self) -> str:
        """A stable id: the same mention in the same document always gets the same id."""
        key = "|".join(
            (
                self.provenance.doc_id,
                str(self.provenance.trigger_start),
                self.source.actor.actor_id,
                self.relation.name,
                self.target.actor.actor_id,
            )
        )
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    @property
    def plover_type(self) -> str:
        """The PLOVER type to report: the event's own (an intent), else the relation's."""
        return self.plover or self.relation.plover

    @property
    def quad_class(self) -> QuadClass:
        """The QuadClass to report: the event's own (an intent), else the relation's."""
        return self.quad or self.relation.quad

    @property
    def cameo_code(self) -> str:
        """The CAMEO code to report: the trigger's own code, else the relation's root."""
        return self.cameo or self.relation.cameo
