"""RDF export of extracted events: both views in one graph, SHACL-checked, deterministic.

The model (see ``kg/data/ontology.ttl`` and the design note ``RDF.md``):

* a **direct edge** ``act:egypt rel:backs act:khalifa_haftar`` for every asserted relation
  (not negated, modality ``asserted``), deduplicated -- what SPARQL paths use;
* a **node per event** ``ev:<event_id>`` (``sem:Event``, ``kg:Event``) linked to its edge by
  ``rdf:subject/rdf:predicate/rdf:object`` and carrying ``sem:Role`` nodes (source, target,
  other participants), date, negation, modality, confidence, PLOVER/CAMEO/QuadClass concepts,
  the rule, the trigger span, ``prov:wasDerivedFrom`` its NIF sentence span inside the
  ``nif:Context`` document, and ``prov:wasGeneratedBy`` the build (a ``prov:Activity`` that
  ``prov:used`` the model and the documents).

Negated or non-asserted events keep their event node but get no direct edge. Actors carry
the attributes :func:`kg.graph.build_graph` gives their nodes, so :func:`from_rdf` and
:func:`rdf_to_networkx` read a written graph back into the same events and the same networkx
graph. One deterministic output (sorted Turtle / N-Triples / TriG / N-Quads, JSON-LD through
rdflib) for rdflib graphs (:func:`serialize`, :func:`write_rdf`) and, without building an
rdflib graph, for events (:func:`serialize_events`, :func:`export_rdf`: Turtle and
N-Triples made with each term rendered once, while the triples are made: 8x (Turtle) to
14x (N-Triples) faster than through rdflib, a fifth of the memory, as fast as pyoxigraph
from events to file: ``bench/README_rdf.md``), with the same bytes either way.

>>> from kg.examples import toy_document, toy_events
>>> g = to_rdf(toy_events(), [toy_document()])
>>> from kg.vocab import InstanceNamespaces, REL
>>> ns = InstanceNamespaces.from_base()
>>> (ns.actor("egypt"), REL.backs, ns.actor("khalifa_haftar")) in g
True
>>> validate(g).conforms
True
"""

from __future__ import annotations

import abc
import datetime as dt
import functools
import hashlib
import json
import math
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeAlias, TypeVar
from typing import Literal as TypingLiteral
from urllib.parse import quote, unquote

import networkx as nx
import pyoxigraph as ox
import pyshacl
from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, BNode, Dataset, Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import SH
from rdflib.term import Node

from kg.datatypes import (
    Actor,
    ActorType,
    Document,
    Event,
    Mention,
    Modality,
    Provenance,
    QuadClass,
    RelationType,
)
from kg.graph import _actor_attrs, _merge_node
from kg.vocab import (
    CAMEO,
    DEFAULT_BASE,
    KG,
    NIF,
    PLOVER,
    QUAD,
    REL,
    SEM,
    WD,
    InstanceNamespaces,
    encode_id,
    vocabulary_prefixes,
)

__all__ = [
    "DEFAULT_BASE",
    "FORMATS",
    "ValidationReport",
    "export_rdf",
    "from_rdf",
    "load_ontology",
    "load_shapes",
    "rdf_to_networkx",
    "read_rdf",
    "serialize",
    "serialize_events",
    "to_dataset",
    "to_rdf",
    "validate",
    "write_rdf",
]

#: Output formats of :func:`write_rdf` / :func:`serialize` and their accepted aliases.
FORMATS: Mapping[str, str] = {
    "turtle": "turtle",
    "ttl": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "json-ld": "json-ld",
    "jsonld": "json-ld",
    "trig": "trig",
    "nquads": "nquads",
    "nq": "nquads",
    "n-quads": "nquads",
}

_SUFFIX_FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
}

_ACTOR_CLASSES: dict[ActorType, URIRef] = {
    ActorType.STATE: KG.State,
    ActorType.GOVERNMENT: KG.Government,
    ActorType.MILITARY: KG.Military,
    ActorType.POLICE: KG.Police,
    ActorType.ARMED_GROUP: KG.ArmedGroup,
    ActorType.OPPOSITION: KG.Opposition,
    ActorType.PERSON: KG.Person,
    ActorType.IGO: KG.IGO,
    ActorType.NGO: KG.NGO,
    ActorType.ORGANIZATION: KG.Organization,
    ActorType.GROUP: KG.Group,
}
_CLASS_TYPES = {cls: t.value for t, cls in _ACTOR_CLASSES.items()}

_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_SURROGATES = re.compile("[\ud800-\udfff]")


# --------------------------------------------------------------------------- data files


def _data_text(name: str) -> str:
    return resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")


@functools.cache
def _ontology_text() -> str:
    return _data_text("ontology.ttl")


@functools.cache
def _shapes_text() -> str:
    return _data_text("shapes.ttl")


def load_ontology() -> Graph:
    """The ``kg`` ontology (``kg/data/ontology.ttl``) as a fresh graph."""
    return Graph().parse(data=_ontology_text(), format="turtle")


def load_shapes() -> Graph:
    """The SHACL shapes (``kg/data/shapes.ttl``) as a fresh graph."""
    return Graph().parse(data=_shapes_text(), format="turtle")


# --------------------------------------------------------------------------- building


def _text(value: str) -> str:
    """``value`` with lone surrogates (undecodable input) replaced, so it can be encoded."""
    return _SURROGATES.sub("\ufffd", value)


def _decimal_text(value: float) -> str:
    if not math.isfinite(value):
        raise ValueError(f"confidence must be a finite number, got {value!r}")
    return format(Decimal(repr(float(value))), "f")


_IRI_SAFE = ":/?@!$&'()*+,;=%~"
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _external_iri(value: str) -> str | None:
    """An IRI for user-supplied ``value`` (a URL), unsafe characters percent-encoded.

    None when no valid IRI can be made of it (no scheme, a bad port, ...).
    """
    value = _text(value.strip())
    if not _ABSOLUTE_IRI.match(value):
        return None
    head, hash_sign, fragment = value.partition("#")
    text = quote(head, safe=_IRI_SAFE, errors="surrogatepass")
    if hash_sign:
        text += "#" + quote(fragment, safe=_IRI_SAFE, errors="surrogatepass")
    text = _BAD_PERCENT.sub("%25", text)
    try:
        ox.NamedNode(text)  # the strictest IRI check at hand (RFC 3987)
    except ValueError:
        return None
    return text


_T = TypeVar("_T")
_V = TypeVar("_V")


class _Backend(abc.ABC, Generic[_T]):
    """Makes RDF terms and collects triples for :class:`_Builder` (an rdflib graph, or plain
    triples for the writers)."""

    def __init__(self) -> None:
        self._iris: dict[str, _T] = {}

    def iri(self, value: str) -> _T:
        term = self._iris.get(value)
        if term is None:
            term = self._iris[value] = self.make_iri(value)
        return term

    @abc.abstractmethod
    def make_iri(self, value: str) -> _T:
        """Implemented by each backend."""

    @abc.abstractmethod
    def literal(self, lexical: str, datatype: str | None = None) -> _T:
        """Implemented by each backend."""

    @abc.abstractmethod
    def add(self, s: _T, p: _T, o: _T) -> None:
        """Implemented by each backend."""


class _RdflibBackend(_Backend[Node]):
    def __init__(self, graph: Graph) -> None:
        super().__init__()
        self.graph = graph

    def make_iri(self, value: str) -> Node:
        return URIRef(value)

    def literal(self, lexical: str, datatype: str | None = None) -> Node:
        if datatype is None:
            return RDFLiteral(lexical)
        return RDFLiteral(lexical, datatype=URIRef(datatype))

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.graph.add((s, p, o))


class _Lit(NamedTuple):
    """A literal as plain data (the writers' term type, with ``str`` IRIs and :class:`_Blank`)."""

    lexical: str
    language: str | None = None
    datatype: str | None = None


class _Blank(NamedTuple):
    id: str


Plain: TypeAlias = "str | _Lit | _Blank"
#: Plain triples grouped by subject, then predicate; objects deduplicated in a dict.
Triples: TypeAlias = "dict[Plain, dict[str, dict[Plain, None]]]"


class _PlainBackend(_Backend[Plain]):
    """Collects triples as plain terms (IRIs are ``str``) for kg's writers: no rdflib graph,
    no per-triple objects beyond a tuple for each literal."""

    def __init__(self) -> None:
        super().__init__()
        self.subjects: Triples = {}
        # one tuple per distinct literal: most recur (dates, flags, offsets, rules), and the
        # writers look each literal up in their cache of rendered terms
        self._literals: dict[_Lit, _Lit] = {}

    def iri(self, value: str) -> Plain:
        return value

    def make_iri(self, value: str) -> Plain:
        return value

    def literal(self, lexical: str, datatype: str | None = None) -> Plain:
        lit = _Lit(lexical, None, datatype)
        return self._literals.setdefault(lit, lit)

    def add(self, s: Plain, p: Plain, o: Plain) -> None:
        if not isinstance(p, str) or isinstance(s, _Lit):
            raise TypeError(f"not a valid triple: {s!r} {p!r} {o!r}")
        predicates = self.subjects.get(s)
        if predicates is None:
            predicates = self.subjects[s] = {}
        objects = predicates.get(p)
        if objects is None:
            objects = predicates[p] = {}
        objects[o] = None


#: Triples of :class:`_TurtleBackend`: the objects of a subject's predicate as Turtle text,
#: the text itself when there is one (most), else a dict of texts.
TurtleTriples: TypeAlias = "dict[Plain, dict[str, str | dict[str, None]]]"


class _TurtleBackend(_Backend[Plain]):
    """Plain triples (as :class:`_PlainBackend`) for the Turtle export of events, with each
    object as its Turtle text, made by ``terms`` once per term while the triples are made,
    and a lone object (most) not wrapped in a dict: the writer
    (``_turtle_body(..., rendered=True)``) has no term to look up, no dict to walk for it."""

    def __init__(self, terms: _Terms) -> None:
        super().__init__()
        self.terms = terms
        self.subjects: TurtleTriples = {}
        self._text = terms._cache.__getitem__

    def iri(self, value: str) -> Plain:
        return value

    def make_iri(self, value: str) -> Plain:
        return value

    def literal(self, lexical: str, datatype: str | None = None) -> Plain:
        return _Lit(lexical, None, datatype)

    def add(self, s: Plain, p: Plain, o: Plain) -> None:
        if not isinstance(p, str) or isinstance(s, _Lit):
            raise TypeError(f"not a valid triple: {s!r} {p!r} {o!r}")
        # the check and look-up of _PlainBackend.add, written out: a helper shared by both
        # costs a call per triple (measured: kg build's Turtle 8 % slower at 1M triples)
        predicates = self.subjects.get(s)
        if predicates is None:
            predicates = self.subjects[s] = {}
        text = self._text(o)
        objects = predicates.get(p)
        if objects is None:
            predicates[p] = text
        elif isinstance(objects, str):
            if objects != text:
                predicates[p] = {objects: None, text: None}
        else:
            objects[text] = None


#: The vocabulary terms the builder writes, by short name (resolved once per backend).
_VOCAB: Mapping[str, str] = {
    "type": str(RDF.type),
    "subject": str(RDF.subject),
    "predicate": str(RDF.predicate),
    "object": str(RDF.object),
    "value": str(RDF.value),
    "label": str(RDFS.label),
    "identifier": str(DCTERMS.identifier),
    "prefLabel": str(SKOS.prefLabel),
    "altLabel": str(SKOS.altLabel),
    "hiddenLabel": str(SKOS.hiddenLabel),
    "notation": str(SKOS.notation),
    "inScheme": str(SKOS.inScheme),
    "broader": str(SKOS.broader),
    "Concept": str(SKOS.Concept),
    "sameAs": str(OWL.sameAs),
    "Activity": str(PROV.Activity),
    "Entity": str(PROV.Entity),
    "used": str(PROV.used),
    "wasDerivedFrom": str(PROV.wasDerivedFrom),
    "wasGeneratedBy": str(PROV.wasGeneratedBy),
    "NewsArticle": str(SDO.NewsArticle),
    "datePublished": str(SDO.datePublished),
    "headline": str(SDO.headline),
    "url": str(SDO.url),
    "SemEvent": str(SEM.Event),
    "SemActor": str(SEM.Actor),
    "Role": str(SEM.Role),
    "EventType": str(SEM.EventType),
    "hasActor": str(SEM.hasActor),
    "roleType": str(SEM.roleType),
    "hasTimeStamp": str(SEM.hasTimeStamp),
    "Context": str(NIF.Context),
    "OffsetBasedString": str(NIF.OffsetBasedString),
    "Sentence": str(NIF.Sentence),
    "Phrase": str(NIF.Phrase),
    "referenceContext": str(NIF.referenceContext),
    "beginIndex": str(NIF.beginIndex),
    "endIndex": str(NIF.endIndex),
    "anchorOf": str(NIF.anchorOf),
    "sentence": str(NIF.sentence),
    "sourceUrl": str(NIF.sourceUrl),
    "Event": str(KG.Event),
    "Mention": str(KG.Mention),
    "Document": str(KG.Document),
    "Build": str(KG.Build),
    "CameoScheme": str(KG.CameoScheme),
    "source": str(KG.source),
    "target": str(KG.target),
    "participant": str(KG.participant),
    "mention": str(KG.mention),
    "negated": str(KG.negated),
    "modality": str(KG.modality),
    "confidence": str(KG.confidence),
    "ploverType": str(KG.ploverType),
    "quadClass": str(KG.quadClass),
    "cameoCode": str(KG.cameoCode),
    "rule": str(KG.rule),
    "trigger": str(KG.trigger),
    "country": str(KG.country),
    "actorCode": str(KG.actorCode),
    "affiliation": str(KG.affiliation),
    "resolved": str(KG.resolved),
}
_BOOLEAN = str(XSD.boolean)
_DECIMAL = str(XSD.decimal)
_DATE = str(XSD.date)
_INTEGER = str(XSD.nonNegativeInteger)
_TYPES = frozenset(t.value for t in ActorType)


@functools.cache
def _concept(namespace: str, code: str) -> str:
    return namespace + encode_id(code)


@dataclass
class _Builder(Generic[_T]):
    """Writes the triples of events, actors, documents and the build through a backend."""

    ns: InstanceNamespaces
    b: _Backend[_T]
    nodes: nx.MultiDiGraph[str] = field(default_factory=nx.MultiDiGraph)
    labels: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    used: set[str] = field(default_factory=set)
    doc_ids: set[str] = field(default_factory=set)
    spans: set[str] = field(default_factory=set)
    codes: set[str] = field(default_factory=set)
    v: dict[str, _T] = field(default_factory=dict)
    _actor_iris: dict[str, _T] = field(default_factory=dict)
    _doc_iris: dict[str, str] = field(default_factory=dict)
    _events: str = ""

    def __post_init__(self) -> None:
        self.v = {name: self.b.iri(iri) for name, iri in _VOCAB.items()}
        self._events = str(self.ns.events)

    def string(self, value: str) -> _T:
        return self.b.literal(_text(value))

    def merge(self, actor: Actor) -> None:
        """Fold one occurrence of ``actor`` into its node, with :func:`kg.graph.build_graph`'s
        rules (so :func:`rdf_to_networkx` gives back the same node attributes)."""
        _merge_node(self.nodes, actor.actor_id, _actor_attrs(actor))
        self.labels[actor.actor_id].add(actor.label)

    def actor(self, actor_id: str) -> _T:
        term = self._actor_iris.get(actor_id)
        if term is None:
            term = self._actor_iris[actor_id] = self.b.iri(str(self.ns.actor(actor_id)))
            self.used.add(actor_id)
        return term

    def doc_iri(self, doc_id: str) -> str:
        iri = self._doc_iris.get(doc_id)
        if iri is None:
            iri = self._doc_iris[doc_id] = str(self.ns.doc(doc_id))
        return iri

    def span(self, doc_id: str, start: int, end: int, text: str, kind: str) -> _T:
        b, v = self.b, self.v
        iri = f"{self.doc_iri(doc_id)}#char={int(start)},{int(end)}"
        term = b.iri(iri)
        if iri in self.spans:
            b.add(term, v["type"], v[kind])
            return term
        self.spans.add(iri)
        self.doc_ids.add(doc_id)
        add, type_ = b.add, v["type"]
        add(term, type_, v["Mention"])
        add(term, type_, v["OffsetBasedString"])
        add(term, type_, v[kind])
        add(term, v["referenceContext"], b.iri(self.doc_iri(doc_id)))
        add(term, v["beginIndex"], b.literal(str(int(start)), _INTEGER))
        add(term, v["endIndex"], b.literal(str(int(end)), _INTEGER))
        add(term, v["anchorOf"], self.string(text))
        return term

    def phrase(
        self, doc_id: str, start: int, end: int, text: str, sentence: _T, bounds: tuple[int, int]
    ) -> _T:
        term = self.span(doc_id, start, end, text, "Phrase")
        if bounds[0] <= start and end <= bounds[1]:
            self.b.add(term, self.v["sentence"], sentence)
        return term

    def event(self, event: Event, run: _T) -> None:
        prov, b, v = event.provenance, self.b, self.v
        add, iri, literal, type_ = b.add, b.iri, b.literal, v["type"]
        event_id = event.event_id
        local = encode_id(event_id)
        e = iri(self._events + local)
        s = self.actor(event.source.actor.actor_id)
        o = self.actor(event.target.actor.actor_id)
        p = iri(_concept(str(REL), event.relation.name))
        if not event.negated and event.modality is Modality.ASSERTED:
            add(s, p, o)

        add(e, type_, v["SemEvent"])
        add(e, type_, v["Event"])
        add(e, v["identifier"], literal(event_id))
        add(e, v["subject"], s)
        add(e, v["predicate"], p)
        add(e, v["object"], o)

        sentence = self.span(prov.doc_id, prov.start, prov.end, prov.sentence, "Sentence")
        bounds = (prov.start, prov.end)
        parties = [("source", "source", event.source), ("target", "target", event.target)]
        parties += [
            (f"participant-{i}", "participant", m)
            for i, m in enumerate(event.participants, start=1)
        ]
        for key, role_type, mention in parties:
            role = iri(f"{self._events}{local}-{key}")
            add(e, v["hasActor"], role)
            add(role, type_, v["Role"])
            add(role, v["value"], self.actor(mention.actor.actor_id))
            add(role, v["roleType"], v[role_type])
            phrase = self.phrase(
                prov.doc_id, mention.start, mention.end, mention.text, sentence, bounds
            )
            add(role, v["mention"], phrase)
            # a dated dictionary code that held on the event's date (GazetteerEntry.periods)
            if mention.code is not None:
                add(role, v["actorCode"], self.string(mention.code))
            if mention.country is not None:
                add(role, v["country"], self.string(mention.country))

        if event.date is not None:
            add(e, v["hasTimeStamp"], literal(event.date.isoformat(), _DATE))
        add(e, v["negated"], literal("true" if event.negated else "false", _BOOLEAN))
        add(e, v["modality"], iri(_concept(str(KG._NS), Modality(event.modality).value)))
        add(e, v["confidence"], literal(_decimal_text(event.confidence), _DECIMAL))
        add(e, v["ploverType"], iri(_concept(str(PLOVER), event.plover_type)))
        add(e, v["quadClass"], iri(_concept(str(QUAD), QuadClass(event.quad_class).value)))
        code = event.cameo_code
        cameo = iri(_concept(str(CAMEO), code))
        add(e, v["cameoCode"], cameo)
        if len(code) > 2 and code.isascii() and code.isdigit() and code not in self.codes:
            self.codes.add(code)  # a code narrower than a root code: declare it
            add(cameo, type_, v["Concept"])
            add(cameo, type_, v["EventType"])
            add(cameo, v["notation"], literal(code))
            add(cameo, v["inScheme"], v["CameoScheme"])
            add(cameo, v["broader"], iri(_concept(str(CAMEO), code[:2])))
        add(e, v["rule"], self.string(prov.rule))
        trigger = self.phrase(
            prov.doc_id, prov.trigger_start, prov.trigger_end, prov.trigger, sentence, bounds
        )
        add(e, v["trigger"], trigger)
        add(e, v["wasDerivedFrom"], sentence)
        add(e, v["wasGeneratedBy"], run)

    def actor_nodes(self) -> None:
        b, v = self.b, self.v
        add, type_ = b.add, v["type"]
        for actor_id in sorted(self.used):
            data = self.nodes.nodes[actor_id]
            a = self.actor(actor_id)
            add(a, type_, v["SemActor"])
            if data["type"] in _TYPES and (cls := _ACTOR_CLASSES.get(ActorType(data["type"]))):
                add(a, type_, b.iri(str(cls)))
            add(a, v["identifier"], self.string(actor_id))
            label = str(data["label"]) or actor_id
            add(a, v["prefLabel"], self.string(label))
            aliases = {x for x in str(data["aliases"]).split("|") if x and x != label}
            for alias in sorted(aliases):
                add(a, v["altLabel"], self.string(alias))
            for other in sorted(self.labels.get(actor_id, set()) - {label, ""} - aliases):
                add(a, v["hiddenLabel"], self.string(other))
            if data["country"]:
                add(a, v["country"], self.string(str(data["country"])))
            if data["code"]:
                add(a, v["actorCode"], self.string(str(data["code"])))
            qid = str(data["wikidata"]).strip()
            if qid and _QID.match(qid):
                add(a, v["sameAs"], b.iri(str(WD[qid])))
            if data["affiliation"]:
                add(a, v["affiliation"], b.iri(str(self.ns.actor(str(data["affiliation"])))))
            if not data["resolved"]:
                add(a, v["resolved"], b.literal("false", _BOOLEAN))

    def document_node(self, doc_id: str, doc: Document | None) -> _T:
        b, v = self.b, self.v
        d = b.iri(self.doc_iri(doc_id))
        for cls in ("Document", "Context", "NewsArticle"):
            b.add(d, v["type"], v[cls])
        b.add(d, v["identifier"], self.string(doc_id))
        if doc is None:
            return d
        if doc.date is not None:
            b.add(d, v["datePublished"], b.literal(doc.date.isoformat(), _DATE))
        if doc.title:
            b.add(d, v["headline"], self.string(doc.title))
        if doc.url and (url := _external_iri(doc.url)) is not None:
            b.add(d, v["url"], b.iri(url))
            b.add(d, v["sourceUrl"], b.iri(url))
        return d


def _populate(
    backend: _Backend[_T],
    events: Iterable[Event],
    documents: Iterable[Document],
    *,
    base: str,
    model_name: str | None,
    run_id: str | None,
) -> None:
    ns = InstanceNamespaces.from_base(base)
    builder = _Builder(ns, backend)
    unique: dict[str, Event] = {}
    for event in events:  # input order: node attributes merge as in build_graph
        builder.merge(event.source.actor)
        builder.merge(event.target.actor)
        for m in event.participants:
            builder.merge(m.actor)
        unique.setdefault(event.event_id, event)
    ordered = [unique[k] for k in sorted(unique)]
    docs: dict[str, Document] = {}
    for doc in documents:
        docs.setdefault(doc.doc_id, doc)

    all_doc_ids = sorted({*docs, *(e.provenance.doc_id for e in ordered)})
    run_iri = str(
        ns.run(run_id if run_id is not None else _run_id(ordered, all_doc_ids, model_name))
    )
    run = backend.iri(run_iri)
    for event in ordered:
        builder.event(event, run)
    builder.actor_nodes()

    v, add = builder.v, backend.add
    add(run, v["type"], v["Activity"])
    add(run, v["type"], v["Build"])
    add(run, v["label"], backend.literal(f"kg run {unquote(run_iri[len(ns.runs) :])}"))
    if model_name:
        iri = _external_iri(model_name) if _ABSOLUTE_IRI.match(model_name) else None
        model = backend.iri(iri if iri is not None else str(ns.model(model_name)))
        add(run, v["used"], model)
        add(model, v["type"], v["Entity"])
        add(model, v["label"], builder.string(model_name))
    for doc_id in sorted({*all_doc_ids, *builder.doc_ids}):
        add(run, v["used"], builder.document_node(doc_id, docs.get(doc_id)))


def _bind(graph: Graph, ns: InstanceNamespaces) -> None:
    for prefix, namespace in {**vocabulary_prefixes(), **ns.prefixes()}.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def _run_id(events: list[Event], doc_ids: list[str], model_name: str | None) -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update((model_name or "").encode("utf-8", "surrogatepass"))
    for part in (*sorted(e.event_id for e in events), "|", *doc_ids):
        digest.update(b"\x00" + part.encode("utf-8", "surrogatepass"))
    return "build-" + digest.hexdigest()[:12]


def to_rdf(
    events: Iterable[Event],
    documents: Iterable[Document] = (),
    *,
    base: str = DEFAULT_BASE,
    model_name: str | None = None,
    run_id: str | None = None,
) -> Graph:
    """Both views of ``events`` in one rdflib graph (see the module docstring).

    Parameters
    ----------
    events
        Extracted events; events with the same ``event_id`` are written once. Actor
        attributes are merged over all occurrences in input order, with the rules of
        :func:`kg.graph.build_graph`, so :func:`rdf_to_networkx` gives back its graph.
    documents
        Source documents, for their date, title and URL (``schema:NewsArticle``). Documents
        that events cite but that are not given get a bare ``nif:Context`` node.
    base
        Base of the instance IRIs (``<base>actor/``, ``event/``, ``doc/``, ``run/``,
        ``model/``); vocabulary IRIs are fixed (``https://w3id.org/kg/ont#`` ...).
    model_name
        The NLP model the build used (``prov:used``): an IRI, or a name such as
        ``en_core_web_sm-3.8.0`` minted under ``<base>model/``.
    run_id
        Id of the build (``<base>run/<run_id>``). Default: a hash of the model name, event
        ids and document ids, so the same input gives the same IRI in every build.

    Raises
    ------
    ValueError
        On an empty actor or document id, a non-finite confidence or a bad ``base``.
    """
    ns = InstanceNamespaces.from_base(base)
    graph = Graph(bind_namespaces="core")
    _bind(graph, ns)
    _populate(
        _RdflibBackend(graph),
        events,
        documents,
        base=base,
        model_name=model_name,
        run_id=run_id,
    )
    return graph


def _event_docs(graph: Graph) -> dict[URIRef, URIRef]:
    """Event node -> the document its first mention is in."""
    out: dict[URIRef, URIRef] = {}
    for e in graph.subjects(RDF.type, KG.Event):
        contexts = sorted(
            c
            for m in graph.objects(e, PROV.wasDerivedFrom)
            for c in graph.objects(m, NIF.referenceContext)
            if isinstance(c, URIRef)
        )
        if isinstance(e, URIRef) and contexts:
            out[e] = contexts[0]
    return out


def _partition(graph: Graph) -> dict[URIRef | None, set[tuple[Node, Node, Node]]]:
    """Split a :func:`to_rdf` graph into one graph per source document plus a default graph.

    A document's graph holds its node, its mention spans, the events read from it (with their
    roles) and the direct edges those events assert; actors, the build and anything else go
    to the default graph (key ``None``).
    """
    owner: dict[Node, URIRef] = {}
    edges: dict[tuple[Node, Node, Node], set[URIRef]] = defaultdict(set)
    for e, d in _event_docs(graph).items():
        owner[e] = d
        owner[d] = d
        for role in graph.objects(e, SEM.hasActor):
            owner[role] = d
        s, p, o = (
            graph.value(e, RDF.subject),
            graph.value(e, RDF.predicate),
            graph.value(e, RDF.object),
        )
        if s is not None and p is not None and o is not None and (s, p, o) in graph:
            edges[(s, p, o)].add(d)
    for m in graph.subjects(RDF.type, KG.Mention):
        ctx = graph.value(m, NIF.referenceContext)
        if isinstance(ctx, URIRef):
            owner[m] = ctx
            owner[ctx] = ctx
    parts: dict[URIRef | None, set[tuple[Node, Node, Node]]] = defaultdict(set)
    for triple in graph:
        if triple in edges:
            for d in edges[triple]:
                parts[d].add(triple)
        else:
            parts[owner.get(triple[0])].add(triple)
    return dict(parts)


def to_dataset(
    events: Iterable[Event],
    documents: Iterable[Document] = (),
    *,
    base: str = DEFAULT_BASE,
    model_name: str | None = None,
    run_id: str | None = None,
) -> Dataset:
    """:func:`to_rdf` as an rdflib Dataset with one named graph per source document.

    The graph name is the document IRI; actors and the build are in the default graph.
    """
    graph = to_rdf(events, documents, base=base, model_name=model_name, run_id=run_id)
    dataset = Dataset()
    for prefix, namespace in graph.namespaces():
        dataset.bind(prefix, namespace, override=True, replace=True)
    for name, triples in sorted(_partition(graph).items(), key=lambda kv: str(kv[0] or "")):
        target = dataset.graph(name) if name is not None else dataset.default_graph
        for triple in triples:
            target.add(triple)
    return dataset


# --------------------------------------------------------------------------- writing


_PNAME_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")
_PREFIX_NAME = re.compile(r"^[A-Za-z](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANG = re.compile(r"^[A-Za-z]+(?:-[A-Za-z0-9]+)*$")
_BARE = {
    str(XSD.integer): re.compile(r"^[+-]?[0-9]+$"),
    str(XSD.boolean): re.compile(r"^(?:true|false)$"),
}
_XSD_STRING = str(XSD.string)
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_NEEDS_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f\ud800-\udfff]')


def _escape(text: str) -> str:
    if not _NEEDS_ESCAPE.search(text):
        return '"' + text + '"'
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            out.append("\\uFFFD")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _plain(node: Node) -> Plain:
    """An rdflib term as a plain term (see :class:`_PlainBackend`)."""
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, BNode):
        return _Blank(str(node))
    if isinstance(node, RDFLiteral):
        dtype = node.datatype
        return _Lit(str(node), node.language, str(dtype) if dtype is not None else None)
    raise TypeError(f"cannot write RDF term {node!r}")


def _collect(triples: Iterable[tuple[Node, Node, Node]]) -> Triples:
    """rdflib triples as plain triples, grouped by subject and predicate."""
    backend = _PlainBackend()
    cache: dict[Node, Plain] = {}
    add, get = backend.add, cache.get
    for s, p, o in triples:
        ps, pp, po = get(s), get(p), get(o)
        if ps is None:
            ps = cache[s] = _plain(s)
        if pp is None:
            pp = cache[p] = _plain(p)
        if po is None:
            po = cache[o] = _plain(o)
        add(ps, pp, po)
    return backend.subjects


class _Rendered(dict[Plain, _V]):
    """Term -> its text; a missing term is rendered (once) by ``render``.

    A dict, so a term already rendered costs one look-up, no Python call.
    """

    def __init__(self, render: Callable[[Plain], _V]) -> None:
        super().__init__()
        self.render = render

    def __missing__(self, term: Plain) -> _V:
        text = self[term] = self.render(term)
        return text


class _Terms:
    """Renders RDF terms as Turtle/N-Triples text, with prefixed names where safe.

    Each term is rendered once: ``_cache`` holds the text of every term seen so far.
    """

    def __init__(self, prefixes: Mapping[str, str] | None) -> None:
        self.prefixes = dict(prefixes or {})
        self._by_length = sorted(self.prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self._cache: _Rendered[str] = _Rendered(self._render)
        self.used: set[str] = set()
        # A local name never holds "/" or "#": when every namespace ends in one, the only
        # candidate namespaces of an IRI end at its last "/" or "#" (a dict look-up each).
        self._by_namespace: dict[str, str] | None = None
        if self.prefixes and all(ns.endswith(("/", "#")) for ns in self.prefixes.values()):
            self._by_namespace = {ns: p for p, ns in self._by_length[::-1]}

    def iri(self, iri: str) -> str:
        return self._cache[iri]

    def term(self, term: Plain) -> str:
        return self._cache[term]

    def node(self, node: Node) -> str:
        return self.term(_plain(node))

    def _render(self, term: Plain) -> str:
        if isinstance(term, str):
            return self._iri(term)
        if isinstance(term, _Lit):
            return self.literal(term)
        return "_:" + (re.sub(r"[^A-Za-z0-9_]", "_", term.id) or "b")

    def _iri(self, iri: str) -> str:
        if _BAD_IRI.search(iri):
            raise ValueError(f"cannot write IRI {iri!r}: it contains characters IRIs forbid")
        if self._by_namespace is not None:
            cut = max(iri.rfind("/"), iri.rfind("#")) + 1
            prefix = self._by_namespace.get(iri[:cut]) if cut else None
            if prefix is not None and _PNAME_LOCAL.match(iri[cut:]):
                self.used.add(prefix)
                return f"{prefix}:{iri[cut:]}"
        else:
            for prefix, namespace in self._by_length:
                if iri.startswith(namespace) and _PNAME_LOCAL.match(iri[len(namespace) :]):
                    self.used.add(prefix)
                    return f"{prefix}:{iri[len(namespace) :]}"
        return f"<{iri}>"

    def literal(self, lit: _Lit) -> str:
        lexical = _escape(lit.lexical)
        if lit.language:
            if not _LANG.match(lit.language):
                raise ValueError(f"cannot write language tag {lit.language!r}")
            return f"{lexical}@{lit.language}"
        dtype = lit.datatype
        if dtype is None or dtype == _XSD_STRING:
            return lexical
        bare = _BARE.get(dtype)
        if self.prefixes and bare is not None and bare.match(lit.lexical):
            return lit.lexical
        return f"{lexical}^^{self.iri(dtype)}"


def _prefixes(graph: Graph) -> dict[str, str]:
    """Prefixes for the writers: the graph's own bindings, then kg's vocabulary ones."""
    return _merge_prefixes((p, str(ns)) for p, ns in graph.namespaces())


def _merge_prefixes(bound: Iterable[tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for prefix, namespace in bound:
        if prefix and _PREFIX_NAME.match(prefix) and not _BAD_IRI.search(namespace):
            out[prefix] = namespace
    out.update(vocabulary_prefixes())
    seen: dict[str, str] = {}
    for prefix in sorted(out, key=lambda p: (p not in vocabulary_prefixes(), p)):
        seen.setdefault(out[prefix], prefix)  # one prefix per namespace, kg's first
    return {p: ns for ns, p in seen.items()}


_FIRST_PREDICATES: dict[str, int] = {
    str(RDF.type): 0,
    str(RDF.subject): 1,
    str(RDF.predicate): 2,
    str(RDF.object): 3,
}
_RDF_TYPE = str(RDF.type)


def _subject_key(node: Plain) -> tuple[int, str, int, int]:
    """Subjects by IRI (blank nodes last); NIF spans ``...#char=9,20`` in numeric order."""
    if isinstance(node, str):
        i = node.find("#char=")
        if i >= 0:
            start, _, end = node[i + 6 :].partition(",")
            if start.isdigit() and end.isdigit():
                return (0, node[: i + 6], int(start), int(end))
        return (0, node, -1, -1)
    return (1, node.id if isinstance(node, _Blank) else node.lexical, -1, -1)


def _span_key(iri: str) -> str:
    """A string that sorts as :func:`_subject_key` does, for an IRI subject.

    A span ``<doc>#char=9,20`` becomes ``<doc>#char=\\x00`` and both offsets, each after
    a character for its number of digits (so they compare as numbers); ``\\x00`` (never in
    an IRI) sorts the span before any other IRI that starts with ``<doc>#char=``.
    """
    i = iri.find("#char=")
    if i < 0:
        return iri
    start, _, end = iri[i + 6 :].partition(",")
    if not (start.isdigit() and end.isdigit()):
        return iri
    a, b = str(int(start)), str(int(end))
    return f"{iri[: i + 6]}\x00{chr(64 + len(a))}{a},{chr(64 + len(b))}{b}"


def _sorted_subjects(subjects: Iterable[Plain]) -> list[Plain]:
    """``sorted(subjects, key=_subject_key)``, with a string key per IRI (faster)."""
    iris: list[str] = []
    others: list[Plain] = []
    for s in subjects:
        if isinstance(s, str):
            iris.append(s)
        else:
            others.append(s)
    keys = dict(zip(iris, iris, strict=True))
    keys.update((s, _span_key(s)) for s in iris if "#char=" in s)
    iris.sort(key=keys.__getitem__)
    others.sort(key=_subject_key)
    return [*iris, *others]


def _object_rank(node: Plain) -> int:
    """Objects of one predicate: IRIs, then blank nodes, then literals."""
    return 0 if isinstance(node, str) else 1 if isinstance(node, _Blank) else 2


def _text_rank(text: str) -> int:
    """:func:`_object_rank` of a term from its Turtle text."""
    if text[0] == "<" or (text[0].isalpha() and text not in ("true", "false")):
        return 0  # an IRI or a prefixed name (prefixes start with a letter)
    return 1 if text.startswith("_:") else 2  # a literal: quoted, a bare number or boolean


def _turtle_body(
    subjects: Triples | TurtleTriples, terms: _Terms, indent: str = "", *, rendered: bool = False
) -> Iterator[str]:
    """One Turtle block per subject: sorted subjects, ``rdf:type`` first, sorted objects.

    Each term is rendered once (``terms`` caches it); the order of a subject's predicates
    and their verbs are worked out once per predicate set (they recur: every event node has
    the same predicates). ``rendered``: the triples of a :class:`_TurtleBackend` (objects
    are Turtle text made by ``terms``).
    """
    rest = len(_FIRST_PREDICATES)
    iri, get = terms.iri, terms._cache.__getitem__
    text_of: Callable[[Any], str] = str if rendered else get  # str(text) is text itself

    def object_key(o: Plain) -> tuple[int, str]:
        if rendered and isinstance(o, str):
            return _text_rank(o), o
        return _object_rank(o), get(o)

    ranked = _Rendered(object_key).__getitem__  # sort key of an object of several
    pad, wrap = indent + "    ", ",\n" + indent + " " * 8
    # predicate set -> its predicates in order, each with its verb text (" ;\n    p ", but
    # "\n    p " for the first, which follows the subject) and its width before objects
    orders: dict[tuple[str, ...], list[tuple[str, str, int]]] = {}
    for s in _sorted_subjects(subjects):
        predicates = subjects[s]
        seen = tuple(predicates)
        order = orders.get(seen)
        if order is None:
            keys = []
            for p in seen:
                rank = _FIRST_PREDICATES.get(p, rest)
                verb = "a" if p == _RDF_TYPE else iri(p)
                keys.append((rank, "" if rank < rest else verb, p, verb))
            keys.sort()
            order = orders[seen] = [
                (p, f"{' ;' if i else ''}\n{pad}{verb} ", len(pad) + len(verb) - 4)
                for i, (_, _, p, verb) in enumerate(keys)
            ]
        block = [indent, get(s)]
        append = block.append
        for p, verb, width in order:
            objects = predicates[p]
            append(verb)
            if isinstance(objects, str):  # rendered: a lone object
                append(objects)
                continue
            if len(objects) == 1:
                for o in objects:
                    append(text_of(o))
                continue
            objs = [text for _, text in sorted(map(ranked, objects))]
            joined = ", ".join(objs)
            append(wrap.join(objs) if len(joined) + width > 90 else joined)
        append(" .")
        yield "".join(block)


#: Subject blocks (Turtle) or lines (N-Triples) joined into one chunk of text: ~1 MB, as
#: writing many small chunks is faster than a few large ones (they stay in the CPU cache).
_CHUNK_BLOCKS = 1_000
_CHUNK_LINES = 5_000


def _prefix_lines(terms: _Terms) -> list[str]:
    return [f"@prefix {p}: <{terms.prefixes[p]}> ." for p in sorted(terms.used)]


def _turtle(
    subjects: Triples | TurtleTriples, prefixes: Mapping[str, str], terms: _Terms | None = None
) -> Iterator[str]:
    """Turtle text in chunks; the prefix lines (only those used) come first.

    ``terms``: the triples are those of a :class:`_TurtleBackend` with these terms.
    """
    rendered = terms is not None
    terms = terms if terms is not None else _Terms(prefixes)
    blocks = list(_turtle_body(subjects, terms, rendered=rendered))
    yield "\n".join([*_prefix_lines(terms), "", ""])  # the prefixes in use, then the blocks
    for start in range(0, len(blocks), _CHUNK_BLOCKS):
        yield ("\n\n" if start else "") + "\n\n".join(blocks[start : start + _CHUNK_BLOCKS])
    yield "\n"


def _trig(parts: Mapping[str | None, Triples], prefixes: Mapping[str, str]) -> Iterator[str]:
    terms = _Terms(prefixes)
    chunks: list[str] = []
    default = parts.get(None)
    if default:
        chunks.append("\n\n".join(_turtle_body(default, terms)))
    for name in sorted(n for n in parts if n is not None):
        body = _turtle_body(parts[name], terms, indent="    ")
        chunks.append(f"{terms.iri(name)} {{\n" + "\n\n".join(body) + "\n}")
    yield "\n".join([*_prefix_lines(terms), "", "\n\n".join(chunks), ""])


def _lines(parts: Mapping[str | None, Triples]) -> Iterator[str]:
    """N-Triples / N-Quads: every line sorted.

    Lines are produced in order rather than sorted: by subject, predicate, object (and
    graph), each compared as rendered. That is the order of the whole lines, because a
    rendered term is never a prefix of another one followed by a character below " ".
    Each term is rendered once.
    """
    terms = _Terms(None)
    iri, get = terms.iri, terms._cache.__getitem__
    # rendered subject -> its predicates, per graph
    by_subject: dict[str, list[tuple[str, dict[str, dict[Plain, None]]]]] = {}
    single: dict[str, dict[str, dict[Plain, None]]] = {}
    if len(parts) == 1 and None in parts:  # N-Triples: no per-subject lists to allocate
        subjects = parts[None]
        single = dict(zip(map(get, subjects), subjects.values(), strict=True))
        if len(single) < len(subjects):  # two blank nodes render alike: merge below
            single = {}
    if not single:
        for name, subjects in parts.items():
            tail = (f" {iri(name)}" if name is not None else "") + " .\n"
            for subject, predicates in zip(map(get, subjects), subjects.values(), strict=True):
                by_subject.setdefault(subject, []).append((tail, predicates))
    orders: dict[tuple[str, ...], list[tuple[str, str]]] = {}  # predicates, sorted, rendered
    chunk: list[str] = []
    append = chunk.append
    for subject in sorted(single or by_subject):
        groups = by_subject[subject] if not single else [(" .\n", single[subject])]
        start = len(chunk)
        for tail, predicates in groups:
            seen = tuple(predicates)
            order = orders.get(seen)
            if order is None:
                order = orders[seen] = sorted((f" {iri(p)} ", p) for p in seen)
            for verb, p in order:
                objects = predicates[p]
                if len(objects) == 1:
                    for o in objects:
                        append(f"{subject}{verb}{get(o)}{tail}")
                else:
                    for text in sorted(map(get, objects)):
                        append(f"{subject}{verb}{text}{tail}")
        if len(groups) > 1:  # one subject in several named graphs: merge
            chunk[start:] = sorted(chunk[start:])
        if len(chunk) >= _CHUNK_LINES:
            yield "".join(chunk)
            chunk.clear()
    yield "".join(chunk)


class _NTriplesBackend(_Backend[str]):
    """N-Triples straight from the builder: each term is its N-Triples text from the start,
    and each triple the rest of its line after the subject, kept per subject.

    What :func:`_lines` writes of the same triples, but the writer only sorts and joins
    lines (:meth:`chunks`): no term is looked up or rendered, no line assembled, per triple.
    """

    def __init__(self) -> None:
        super().__init__()
        #: subject -> "predicate object .\n" of each of its triples
        self.subjects: dict[str, dict[str, None]] = {}
        self._datatypes: dict[str | None, str] = {None: "", _XSD_STRING: ""}

    def iri(self, value: str) -> str:
        return self.make_iri(value)

    def make_iri(self, value: str) -> str:
        if _BAD_IRI.search(value):
            raise ValueError(f"cannot write IRI {value!r}: it contains characters IRIs forbid")
        return f"<{value}>"

    def literal(self, lexical: str, datatype: str | None = None) -> str:
        suffix = self._datatypes.get(datatype)
        if suffix is None:
            suffix = self._datatypes[datatype] = "^^" + self.make_iri(str(datatype))
        return _escape(lexical) + suffix

    def add(self, s: str, p: str, o: str) -> None:
        if p[:1] != "<" or s[:1] == '"':
            raise TypeError(f"not a valid triple: {s} {p} {o}")
        rest = self.subjects.get(s)
        if rest is None:
            rest = self.subjects[s] = {}
        rest[f"{p} {o} .\n"] = None

    def chunks(self) -> Iterator[str]:
        """The N-Triples text, sorted: subjects in order, each with its lines in order.

        The same bytes as :func:`_lines` of the same triples (sorting whole lines is
        sorting by predicate, then object: see there).
        """
        chunk: list[str] = []
        lines = 0
        for s in sorted(self.subjects):
            rest = sorted(self.subjects[s])
            head = s + " "
            chunk.append(head + head.join(rest))
            lines += len(rest)
            if lines >= _CHUNK_LINES:
                yield "".join(chunk)
                chunk.clear()
                lines = 0
        yield "".join(chunk)


def _sort_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _sort_json(v)) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _jsonld(graph: Graph, prefixes: dict[str, str]) -> str:
    terms = _Terms(prefixes)
    for s, p, o in graph:  # find the prefixes in use
        for node in (s, p, o):
            terms.node(node)
    context = {p: terms.prefixes[p] for p in sorted(terms.used)}
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    return json.dumps(_sort_json(data), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _parts(graph: Graph, quads: bool) -> dict[URIRef | None, set[tuple[Node, Node, Node]]]:
    if isinstance(graph, Dataset):
        if not quads:
            return {None: {(s, p, o) for s, p, o, _ in graph.quads((None, None, None, None))}}
        parts: dict[URIRef | None, set[tuple[Node, Node, Node]]] = defaultdict(set)
        for s, p, o, ctx in graph.quads((None, None, None, None)):
            name = ctx.identifier if isinstance(ctx, Graph) else ctx
            key = None if name in (None, DATASET_DEFAULT_GRAPH_ID) else name
            parts[key if isinstance(key, URIRef) or key is None else URIRef(str(key))].add(
                (s, p, o)
            )
        return dict(parts)
    if quads:
        return _partition(graph)
    return {None: set(graph)}


def _collect_parts(graph: Graph, quads: bool) -> dict[str | None, Triples]:
    if not quads and not isinstance(graph, Dataset):
        return {None: _collect(graph)}
    return {
        (str(name) if name is not None else None): _collect(triples)
        for name, triples in _parts(graph, quads).items()
    }


def _format(format: str) -> str:
    fmt = FORMATS.get(format.lower())
    if fmt is None:
        raise ValueError(f"unknown RDF format {format!r}; use one of {sorted(set(FORMATS))}")
    return fmt


def _chunks(graph: Graph, fmt: str) -> Iterator[str]:
    prefixes = _prefixes(graph)
    if fmt == "turtle":
        return _turtle(_collect_parts(graph, quads=False)[None], prefixes)
    if fmt == "trig":
        return _trig(_collect_parts(graph, quads=True), prefixes)
    if fmt == "nt":
        return _lines(_collect_parts(graph, quads=False))
    if fmt == "nquads":
        return _lines(_collect_parts(graph, quads=True))
    union = graph
    if isinstance(graph, Dataset):
        union = Graph()
        for triple in _parts(graph, quads=False)[None]:
            union.add(triple)
    return iter([_jsonld(union, prefixes)])


def serialize(graph: Graph, format: str = "turtle") -> str:
    """``graph`` as deterministic (sorted) text: turtle, nt, json-ld, trig or nquads.

    For ``trig``/``nquads`` a plain :func:`to_rdf` graph is split into one named graph per
    source document (as :func:`to_dataset` does); a Dataset keeps its own graphs.
    """
    return "".join(_chunks(graph, _format(format)))


def _atomic(path: str | os.PathLike[str], chunks: Iterable[str]) -> Path:
    """Write ``chunks`` (UTF-8) to a temp file beside ``path``, then move it into place."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_rdf(graph: Graph, path: str | os.PathLike[str], *, format: str = "turtle") -> Path:
    """Write ``graph`` to ``path`` atomically (temp file + ``os.replace``), sorted.

    ``format``: ``turtle`` (default), ``nt``, ``json-ld``, ``trig`` (one named graph per
    source document) or ``nquads``.
    """
    return _atomic(path, _chunks(graph, _format(format)))


def _event_chunks(
    events: Iterable[Event],
    documents: Iterable[Document],
    fmt: str,
    *,
    base: str,
    model_name: str | None,
    run_id: str | None,
) -> Iterator[str]:
    if fmt not in ("turtle", "nt"):
        graph = to_rdf(events, documents, base=base, model_name=model_name, run_id=run_id)
        return _chunks(graph, fmt)
    if fmt == "nt":
        lines = _NTriplesBackend()
        _populate(lines, events, documents, base=base, model_name=model_name, run_id=run_id)
        return lines.chunks()
    prefixes = _merge_prefixes(InstanceNamespaces.from_base(base).prefixes().items())
    terms = _Terms(prefixes)
    backend = _TurtleBackend(terms)
    _populate(backend, events, documents, base=base, model_name=model_name, run_id=run_id)
    return _turtle(backend.subjects, prefixes, terms)


def serialize_events(
    events: Iterable[Event],
    documents: Iterable[Document] = (),
    *,
    format: str = "turtle",
    base: str = DEFAULT_BASE,
    model_name: str | None = None,
    run_id: str | None = None,
) -> str:
    """``serialize(to_rdf(events, ...), format)`` -- the same text -- without the rdflib graph.

    Turtle and N-Triples are written without an rdflib graph, each term rendered once
    (:class:`_TurtleBackend`, :class:`_NTriplesBackend`): 8-14x faster and a fifth of the
    memory of building the rdflib graph first (see ``bench/README_rdf.md``). Other formats
    go through :func:`to_rdf`.

    >>> from kg.examples import toy_document, toy_events
    >>> text = serialize_events(toy_events(), [toy_document()])
    >>> text == serialize(to_rdf(toy_events(), [toy_document()]))
    True
    """
    chunks = _event_chunks(
        events,
        documents,
        _format(format),
        base=base,
        model_name=model_name,
        run_id=run_id,
    )
    return "".join(chunks)


def export_rdf(
    events: Iterable[Event],
    path: str | os.PathLike[str],
    documents: Iterable[Document] = (),
    *,
    format: str | None = None,
    base: str = DEFAULT_BASE,
    model_name: str | None = None,
    run_id: str | None = None,
) -> Path:
    """Write :func:`serialize_events` to ``path`` atomically: the RDF export of ``kg build``.

    ``format`` defaults to the one of the suffix (``.ttl``, ``.nt``, ``.trig``, ``.nq``,
    ``.jsonld``), else Turtle.

    Same bytes as ``write_rdf(to_rdf(events, documents, ...), path, format=format)``, in a
    fraction of the time and memory for large inputs.
    """
    if format is None:
        format = _SUFFIX_FORMATS.get(Path(path).suffix.lower(), "turtle")
    chunks = _event_chunks(
        events,
        documents,
        _format(format),
        base=base,
        model_name=model_name,
        run_id=run_id,
    )
    return _atomic(path, chunks)


# --------------------------------------------------------------------------- validation


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Outcome of :func:`validate`: ``conforms`` is False iff there are violations.

    Each entry reads ``focus node: path: message (value: ...)``.
    """

    conforms: bool
    violations: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def __str__(self) -> str:
        head = "conforms" if self.conforms else f"{len(self.violations)} violation(s)"
        lines = [head, *(f"  - {v}" for v in self.violations)]
        lines += [f"  ~ warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def read_rdf(path: str | os.PathLike[str]) -> Graph:
    """Parse an RDF file into one rdflib graph (format from the suffix; quads are merged).

    Raises ``ValueError`` for an unknown suffix, and the parser's error for bad syntax.
    """
    return _read(Path(path))


def _read(path: Path) -> Graph:
    fmt = _SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: cannot tell the RDF format from the suffix {path.suffix!r}")
    if fmt in ("trig", "nquads"):
        dataset = Dataset()
        dataset.parse(path, format=fmt)
        graph = Graph()
        for prefix, namespace in dataset.namespaces():
            graph.bind(prefix, namespace)
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    return Graph().parse(path, format=fmt)


def validate(
    graph_or_path: Graph | str | os.PathLike[str],
    *,
    inference: TypingLiteral["none", "rdfs"] = "none",
) -> ValidationReport:
    """Check a graph (or an RDF file) against ``kg/data/shapes.ttl`` with pyshacl.

    ``inference="rdfs"`` first applies RDFS entailment with the ``kg`` ontology; the graphs
    :func:`to_rdf` writes state every type explicitly, so ``"none"`` suffices for them.
    """
    if isinstance(graph_or_path, Graph):
        graph = graph_or_path
        if isinstance(graph_or_path, Dataset):
            graph = Graph()
            for s, p, o, _ in graph_or_path.quads((None, None, None, None)):
                graph.add((s, p, o))
    else:
        graph = _read(Path(graph_or_path))
    _, results, _ = pyshacl.validate(
        graph,
        shacl_graph=load_shapes(),
        ont_graph=load_ontology() if inference != "none" else None,
        inference=inference,
        allow_warnings=True,
        allow_infos=True,
    )
    terms = _Terms(_prefixes(graph))

    def show(node: Node | None) -> str:
        if node is None:
            return ""
        try:
            return terms.node(node)
        except (ValueError, TypeError):
            return repr(str(node))

    violations: list[str] = []
    warnings: list[str] = []
    for result in set(results.subjects(RDF.type, SH.ValidationResult)):
        focus = results.value(result, SH.focusNode)
        parts = [show(focus)]
        path = results.value(result, SH.resultPath)
        if path is not None:
            parts.append(show(path) if not isinstance(path, BNode) else "(complex path)")
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        parts.append("; ".join(messages) or "constraint failed")
        text = ": ".join(parts)
        value = results.value(result, SH.value)
        if value is not None and value != focus:
            text += f" (value: {show(value)})"
        severity = results.value(result, SH.resultSeverity)
        (violations if severity in (None, SH.Violation) else warnings).append(text)
    return ValidationReport(not violations, tuple(sorted(violations)), tuple(sorted(warnings)))


# --------------------------------------------------------------------------- reading back


def _local(iri: str, namespace: str) -> str:
    return unquote(iri[len(namespace) :]) if iri.startswith(namespace) else iri


def _as_graph(source: Graph | str | os.PathLike[str]) -> Graph:
    if not isinstance(source, Graph):
        return _read(Path(source))
    if isinstance(source, Dataset):
        graph = Graph()
        for triple in _parts(source, quads=False)[None]:
            graph.add(triple)
        return graph
    return source


class _Reader:
    """Reads the event nodes of a ``kg`` graph back into :class:`~kg.datatypes.Event` records."""

    def __init__(self, graph: Graph, relations: Mapping[str, RelationType]) -> None:
        self.g = graph
        self.relations = relations
        self.actors: dict[Node, Actor] = {}

    def one(self, s: Node, p: URIRef, what: str) -> Node:
        value = self.g.value(s, p)
        if value is None:
            raise ValueError(f"{s}: no {what} ({p})")
        return value

    def identifier(self, node: Node, fallback: str) -> str:
        ident = self.g.value(node, DCTERMS.identifier)
        return str(ident) if ident is not None else fallback

    def actor(self, iri: Node) -> Actor:
        known = self.actors.get(iri)
        if known is not None:
            return known
        g = self.g
        text = str(iri)
        actor_id = self.identifier(iri, unquote(text.rsplit("/", 1)[-1]))
        encoded = encode_id(actor_id)
        namespace = text[: -len(encoded)] if text.endswith(encoded) else ""
        types = sorted(
            _CLASS_TYPES[t]
            for t in g.objects(iri, RDF.type)
            if isinstance(t, URIRef) and t in _CLASS_TYPES
        )
        same = sorted(str(x) for x in g.objects(iri, OWL.sameAs) if str(x).startswith(str(WD)))
        affiliation = g.value(iri, KG.affiliation)
        affiliation_id: str | None = None
        if affiliation is not None:
            fallback = _local(str(affiliation), namespace) if namespace else str(affiliation)
            affiliation_id = self.identifier(affiliation, fallback)
        country, code = g.value(iri, KG.country), g.value(iri, KG.actorCode)
        resolved = g.value(iri, KG.resolved)
        actor = Actor(
            actor_id=actor_id,
            label=str(g.value(iri, SKOS.prefLabel) or actor_id),
            type=ActorType(types[0]) if types else ActorType.UNKNOWN,
            country=str(country) if country is not None else None,
            code=str(code) if code is not None else None,
            wikidata=_local(same[0], str(WD)) if same else None,
            affiliation=affiliation_id,
            aliases=tuple(sorted(str(x) for x in g.objects(iri, SKOS.altLabel))),
            resolved=resolved is None or str(resolved) not in ("false", "0"),
        )
        self.actors[iri] = actor
        return actor

    def span(self, span: Node) -> tuple[str, int, int]:
        text = self.g.value(span, NIF.anchorOf)
        begin = self.one(span, NIF.beginIndex, "begin offset")
        end = self.one(span, NIF.endIndex, "end offset")
        return (str(text) if text is not None else "", int(str(begin)), int(str(end)))

    def event(self, e: Node) -> Event:
        g = self.g
        relation_iri = str(self.one(e, RDF.predicate, "relation"))
        name = _local(relation_iri, str(REL))
        relation = self.relations.get(name)
        if relation is None:
            raise ValueError(f"{e}: unknown relation {relation_iri}")
        source = target = None
        participants: list[tuple[int, str, Mention]] = []
        for role in g.objects(e, SEM.hasActor):
            actor = self.actor(self.one(role, RDF.value, "actor"))
            span = g.value(role, KG.mention)
            text, start, end = self.span(span) if span is not None else (actor.label, 0, 0)
            code, country = g.value(role, KG.actorCode), g.value(role, KG.country)
            mention = Mention(
                text,
                start,
                end,
                actor,
                code=str(code) if code is not None else None,
                country=str(country) if country is not None else None,
            )
            kind = g.value(role, SEM.roleType)
            if kind == KG.source:
                source = mention
            elif kind == KG.target:
                target = mention
            else:
                number = re.search(r"-participant-([0-9]+)$", str(role))
                participants.append((int(number[1]) if number else 0, str(role), mention))
        if source is None or target is None:
            raise ValueError(f"{e}: an event needs a source and a target role")
        sentence = self.one(e, PROV.wasDerivedFrom, "sentence")
        doc = self.one(sentence, NIF.referenceContext, "document")
        doc_id = self.identifier(doc, unquote(str(doc).rsplit("/", 1)[-1]))
        sentence_text, start, end = self.span(sentence)
        trigger = g.value(e, KG.trigger)
        trigger_text, trigger_start, trigger_end = (
            self.span(trigger) if trigger is not None else ("", start, start)
        )
        date = g.value(e, SEM.hasTimeStamp)
        plover = _local(str(g.value(e, KG.ploverType) or ""), str(PLOVER))
        quad = _local(str(g.value(e, KG.quadClass) or ""), str(QUAD))
        modality = _local(str(self.one(e, KG.modality, "modality")), str(KG._NS))
        return Event(
            source=source,
            relation=relation,
            target=target,
            provenance=Provenance(
                doc_id=doc_id,
                sentence=sentence_text,
                start=start,
                end=end,
                trigger=trigger_text,
                trigger_start=trigger_start,
                trigger_end=trigger_end,
                rule=str(g.value(e, KG.rule) or ""),
            ),
            negated=str(self.one(e, KG.negated, "negation flag")) in ("true", "1"),
            modality=Modality(modality),
            date=dt.date.fromisoformat(str(date)) if date is not None else None,
            confidence=float(str(self.one(e, KG.confidence, "confidence"))),
            cameo=_local(str(g.value(e, KG.cameoCode) or ""), str(CAMEO)),
            participants=tuple(m for *_, m in sorted(participants, key=lambda t: t[:2])),
            plover=plover if plover and plover != relation.plover else "",
            quad=QuadClass(quad) if quad and quad != relation.quad.value else None,
        )


def from_rdf(
    source: Graph | str | os.PathLike[str],
    *,
    relations: Mapping[str, RelationType] | None = None,
) -> list[Event]:
    """The events of a graph written by :func:`to_rdf` / :func:`export_rdf` (or its file).

    Every ``kg:Event`` node becomes an :class:`~kg.datatypes.Event` again (sorted by event
    id): actors with their merged attributes, mentions, sentence, trigger, date, negation,
    modality, confidence and codes. ``relations`` is the relation inventory (default:
    ``kg/data/relations.json``). Not stored in RDF, hence not restored: ``date_precision``.

    >>> from kg.examples import toy_events
    >>> events = from_rdf(to_rdf(toy_events()))
    >>> sorted(e.event_id for e in events) == sorted(e.event_id for e in toy_events())
    True
    """
    graph = _as_graph(source)
    if relations is None:
        from kg.lexicon import load_lexicon

        relations = load_lexicon().relations
    reader = _Reader(graph, relations)
    nodes = sorted(set(graph.subjects(RDF.type, KG.Event)), key=str)
    return [reader.event(e) for e in nodes]


def rdf_to_networkx(
    source: Graph | str | os.PathLike[str],
    *,
    relations: Mapping[str, RelationType] | None = None,
) -> nx.MultiDiGraph[str]:
    """The graph :func:`kg.graph.build_graph` makes of the events a ``kg`` graph holds.

    ``rdf_to_networkx(to_rdf(events))`` equals ``build_graph(events)``: same nodes and node
    attributes, same edge keys, same edge attributes (provenance included), also after a
    round trip through a Turtle or N-Triples file.

    >>> from kg.examples import toy_events
    >>> from kg.graph import build_graph
    >>> nx.utils.graphs_equal(rdf_to_networkx(to_rdf(toy_events())), build_graph(toy_events()))
    True
    """
    from kg.graph import build_graph

    return build_graph(from_rdf(source, relations=relations))
