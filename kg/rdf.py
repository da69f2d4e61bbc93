"""RDF export of extracted events: both views in one graph, SHACL-checked, deterministic.

The model (see ``kg/data/ontology.ttl`` and the design note ``RDF.md``):

* a **direct edge** ``act:egypt rel:backs act:khalifa_haftar`` for every asserted relation
  (not negated, modality ``asserted``), deduplicated -- what SPARQL paths and
  :func:`rdf_to_networkx` use;
* a **node per event** ``ev:<event_id>`` (``sem:Event``, ``kg:Event``) linked to its edge by
  ``rdf:subject/rdf:predicate/rdf:object`` and carrying ``sem:Role`` nodes (source, target,
  other participants), date, negation, modality, confidence, PLOVER/CAMEO/QuadClass concepts,
  the rule, the trigger span, ``prov:wasDerivedFrom`` its NIF sentence span inside the
  ``nif:Context`` document, and ``prov:wasGeneratedBy`` the build (a ``prov:Activity`` that
  ``prov:used`` the model and the documents).

Negated or non-asserted events keep their event node but get no direct edge.

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

import functools
import hashlib
import json
import math
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any
from typing import Literal as TypingLiteral
from urllib.parse import quote, unquote

import networkx as nx
import pyshacl
from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, BNode, Dataset, Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import SH
from rdflib.term import Node

from kg.datatypes import Actor, ActorType, Document, Event, Mention, Modality
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
    "load_ontology",
    "load_shapes",
    "rdf_to_networkx",
    "serialize",
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


@functools.cache
def _relation_polarity() -> dict[str, int]:
    raw = json.loads(_data_text("relations.json"))
    return {str(r["name"]): int(r["polarity"]) for r in raw["relations"]}


# --------------------------------------------------------------------------- building


def _text(value: str) -> str:
    """``value`` with lone surrogates (undecodable input) replaced, so it can be encoded."""
    return _SURROGATES.sub("\ufffd", value)


def _string(value: str) -> RDFLiteral:
    return RDFLiteral(_text(value))


def _offset(value: int) -> RDFLiteral:
    return RDFLiteral(str(int(value)), datatype=XSD.nonNegativeInteger)


def _decimal(value: float) -> RDFLiteral:
    if not math.isfinite(value):
        raise ValueError(f"confidence must be a finite number, got {value!r}")
    return RDFLiteral(format(Decimal(repr(float(value))), "f"), datatype=XSD.decimal)


def _external_iri(value: str) -> URIRef | None:
    """An IRI for user-supplied ``value`` (a URL), unsafe characters percent-encoded."""
    value = _text(value.strip())
    if not _ABSOLUTE_IRI.match(value):
        return None
    return URIRef(quote(value, safe=":/?#[]@!$&'()*+,;=%~", errors="surrogatepass"))


def _bind(graph: Graph, ns: InstanceNamespaces) -> None:
    for prefix, namespace in {**vocabulary_prefixes(), **ns.prefixes()}.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def _run_id(events: list[Event], doc_ids: list[str], model_name: str | None) -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update((model_name or "").encode("utf-8", "surrogatepass"))
    for part in (*sorted(e.event_id for e in events), "|", *doc_ids):
        digest.update(b"\x00" + part.encode("utf-8", "surrogatepass"))
    return "build-" + digest.hexdigest()[:12]


@dataclass
class _Builder:
    ns: InstanceNamespaces
    graph: Graph
    actors: dict[str, Actor] = field(default_factory=dict)
    extra_labels: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    doc_ids: set[str] = field(default_factory=set)
    sentences: dict[tuple[str, int, int], URIRef] = field(default_factory=dict)

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.graph.add((s, p, o))

    def actor(self, actor: Actor) -> URIRef:
        known = self.actors.setdefault(actor.actor_id, actor)
        if known.label != actor.label:
            self.extra_labels[actor.actor_id].add(actor.label)
        return self.ns.actor(actor.actor_id)

    def span(self, doc_id: str, start: int, end: int, text: str, kind: URIRef) -> URIRef:
        iri = self.ns.span(doc_id, start, end)
        self.doc_ids.add(doc_id)
        for cls in (KG.Mention, NIF.OffsetBasedString, kind):
            self.add(iri, RDF.type, cls)
        self.add(iri, NIF.referenceContext, self.ns.doc(doc_id))
        self.add(iri, NIF.beginIndex, _offset(start))
        self.add(iri, NIF.endIndex, _offset(end))
        self.add(iri, NIF.anchorOf, _string(text))
        return iri

    def phrase(
        self, doc_id: str, mention: Mention, sentence: URIRef, bounds: tuple[int, int]
    ) -> URIRef:
        iri = self.span(doc_id, mention.start, mention.end, mention.text, NIF.Phrase)
        if bounds[0] <= mention.start and mention.end <= bounds[1]:
            self.add(iri, NIF.sentence, sentence)
        return iri

    def event(self, event: Event, run: URIRef) -> None:
        ns, prov = self.ns, event.provenance
        e = ns.event(event.event_id)
        s = self.actor(event.source.actor)
        o = self.actor(event.target.actor)
        p = REL[encode_id(event.relation.name)]
        if not event.negated and event.modality is Modality.ASSERTED:
            self.add(s, p, o)

        self.add(e, RDF.type, SEM.Event)
        self.add(e, RDF.type, KG.Event)
        self.add(e, DCTERMS.identifier, RDFLiteral(event.event_id))
        self.add(e, RDF.subject, s)
        self.add(e, RDF.predicate, p)
        self.add(e, RDF.object, o)

        sentence = self.span(prov.doc_id, prov.start, prov.end, prov.sentence, NIF.Sentence)
        bounds = (prov.start, prov.end)
        parties = [("source", KG.source, event.source), ("target", KG.target, event.target)]
        parties += [
            (f"participant-{i}", KG.participant, m)
            for i, m in enumerate(event.participants, start=1)
        ]
        for key, role_type, mention in parties:
            role = ns.role(event.event_id, key)
            self.add(e, SEM.hasActor, role)
            self.add(role, RDF.type, SEM.Role)
            self.add(role, RDF.value, self.actor(mention.actor))
            self.add(role, SEM.roleType, role_type)
            self.add(role, KG.mention, self.phrase(prov.doc_id, mention, sentence, bounds))

        if event.date is not None:
            self.add(e, SEM.hasTimeStamp, RDFLiteral(event.date, datatype=XSD.date))
        self.add(e, KG.negated, RDFLiteral(bool(event.negated)))
        self.add(e, KG.modality, KG[Modality(event.modality).value])
        self.add(e, KG.confidence, _decimal(event.confidence))
        self.add(e, KG.ploverType, PLOVER[encode_id(event.relation.plover)])
        self.add(e, KG.quadClass, QUAD[encode_id(event.relation.quad.value)])
        code = event.cameo_code
        cameo = CAMEO[encode_id(code)]
        self.add(e, KG.cameoCode, cameo)
        if len(code) > 2 and code.isascii() and code.isdigit():  # narrower than a root code
            self.add(cameo, RDF.type, SKOS.Concept)
            self.add(cameo, RDF.type, SEM.EventType)
            self.add(cameo, SKOS.notation, RDFLiteral(code))
            self.add(cameo, SKOS.inScheme, KG.CameoScheme)
            self.add(cameo, SKOS.broader, CAMEO[code[:2]])
        self.add(e, KG.rule, _string(prov.rule))
        trigger = Mention(prov.trigger, prov.trigger_start, prov.trigger_end, event.source.actor)
        self.add(e, KG.trigger, self.phrase(prov.doc_id, trigger, sentence, bounds))
        self.add(e, PROV.wasDerivedFrom, sentence)
        self.add(e, PROV.wasGeneratedBy, run)

    def actor_nodes(self) -> None:
        for actor_id, actor in self.actors.items():
            a = self.ns.actor(actor_id)
            self.add(a, RDF.type, SEM.Actor)
            if actor.type in _ACTOR_CLASSES:
                self.add(a, RDF.type, _ACTOR_CLASSES[actor.type])
            self.add(a, DCTERMS.identifier, _string(actor_id))
            label = actor.label or actor_id
            self.add(a, SKOS.prefLabel, _string(label))
            for alias in {*actor.aliases, *self.extra_labels.get(actor_id, ())}:
                if alias and alias != label:
                    self.add(a, SKOS.altLabel, _string(alias))
            if actor.country:
                self.add(a, KG.country, _string(actor.country))
            if actor.code:
                self.add(a, KG.actorCode, _string(actor.code))
            if actor.wikidata and _QID.match(actor.wikidata.strip()):
                self.add(a, OWL.sameAs, WD[actor.wikidata.strip()])
            if actor.affiliation:
                self.add(a, KG.affiliation, self.ns.actor(actor.affiliation))

    def document_node(self, doc_id: str, doc: Document | None) -> URIRef:
        d = self.ns.doc(doc_id)
        for cls in (KG.Document, NIF.Context, SDO.NewsArticle):
            self.add(d, RDF.type, cls)
        self.add(d, DCTERMS.identifier, _string(doc_id))
        if doc is None:
            return d
        if doc.date is not None:
            self.add(d, SDO.datePublished, RDFLiteral(doc.date, datatype=XSD.date))
        if doc.title:
            self.add(d, SDO.headline, _string(doc.title))
        if doc.url and (url := _external_iri(doc.url)) is not None:
            self.add(d, SDO.url, url)
            self.add(d, NIF.sourceUrl, url)
        return d


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
        Extracted events; events with the same ``event_id`` are written once.
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
    unique: dict[str, Event] = {}
    for event in events:
        unique.setdefault(event.event_id, event)
    ordered = [unique[k] for k in sorted(unique)]
    docs: dict[str, Document] = {}
    for doc in documents:
        docs.setdefault(doc.doc_id, doc)

    graph = Graph(bind_namespaces="core")
    _bind(graph, ns)
    builder = _Builder(ns, graph)
    all_doc_ids = sorted({*docs, *(e.provenance.doc_id for e in ordered)})
    run = ns.run(run_id if run_id is not None else _run_id(ordered, all_doc_ids, model_name))

    for event in ordered:
        builder.event(event, run)
    builder.actor_nodes()

    graph.add((run, RDF.type, PROV.Activity))
    graph.add((run, RDF.type, KG.Build))
    graph.add((run, RDFS.label, RDFLiteral(f"kg run {unquote(run[len(ns.runs) :])}")))
    if model_name:
        model = _external_iri(model_name) if _ABSOLUTE_IRI.match(model_name) else None
        model = model if model is not None else ns.model(model_name)
        graph.add((run, PROV.used, model))
        graph.add((model, RDF.type, PROV.Entity))
        graph.add((model, RDFS.label, _string(model_name)))
    for doc_id in sorted({*all_doc_ids, *builder.doc_ids}):
        graph.add((run, PROV.used, builder.document_node(doc_id, docs.get(doc_id))))
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
_BARE = {XSD.integer: re.compile(r"^[+-]?[0-9]+$"), XSD.boolean: re.compile(r"^(?:true|false)$")}
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


def _escape(text: str) -> str:
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


class _Terms:
    """Renders RDF terms as Turtle/N-Triples text, with prefixed names where safe."""

    def __init__(self, prefixes: Mapping[str, str] | None) -> None:
        self.prefixes = dict(prefixes or {})
        self._by_length = sorted(self.prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self._cache: dict[str, str] = {}
        self.used: set[str] = set()

    def iri(self, iri: str) -> str:
        cached = self._cache.get(iri)
        if cached is not None:
            return cached
        if _BAD_IRI.search(iri):
            raise ValueError(f"cannot write IRI {iri!r}: it contains characters IRIs forbid")
        text = f"<{iri}>"
        for prefix, namespace in self._by_length:
            if iri.startswith(namespace) and _PNAME_LOCAL.match(iri[len(namespace) :]):
                text = f"{prefix}:{iri[len(namespace) :]}"
                self.used.add(prefix)
                break
        self._cache[iri] = text
        return text

    def term(self, node: Node) -> str:
        if isinstance(node, URIRef):
            return self.iri(str(node))
        if isinstance(node, BNode):
            return "_:" + (re.sub(r"[^A-Za-z0-9_]", "_", str(node)) or "b")
        if isinstance(node, RDFLiteral):
            lexical = _escape(str(node))
            if node.language:
                if not _LANG.match(node.language):
                    raise ValueError(f"cannot write language tag {node.language!r}")
                return f"{lexical}@{node.language}"
            dtype = node.datatype
            if dtype is None or dtype == XSD.string:
                return lexical
            bare = _BARE.get(dtype)
            if self.prefixes and bare is not None and bare.match(str(node)):
                return str(node)
            return f"{lexical}^^{self.iri(str(dtype))}"
        raise TypeError(f"cannot write RDF term {node!r}")


def _prefixes(graph: Graph) -> dict[str, str]:
    """Prefixes for the writers: the graph's own bindings, then kg's vocabulary ones."""
    out: dict[str, str] = {}
    for prefix, namespace in graph.namespaces():
        if prefix and _PREFIX_NAME.match(prefix) and not _BAD_IRI.search(str(namespace)):
            out[prefix] = str(namespace)
    out.update(vocabulary_prefixes())
    seen: dict[str, str] = {}
    for prefix in sorted(out, key=lambda p: (p not in vocabulary_prefixes(), p)):
        seen.setdefault(out[prefix], prefix)  # one prefix per namespace, kg's first
    return {p: ns for ns, p in seen.items()}


_FIRST_PREDICATES: dict[Node, int] = {
    RDF.type: 0,
    RDF.subject: 1,
    RDF.predicate: 2,
    RDF.object: 3,
}
_DIGITS = re.compile(r"([0-9]+)")


def _natural(text: str) -> list[str]:
    """Sort key that orders ``#char=9,20`` before ``#char=10,20``."""
    return [f"{int(p):020d}" if p.isdigit() else p for p in _DIGITS.split(text)]


def _turtle_body(
    triples: Iterable[tuple[Node, Node, Node]], terms: _Terms, indent: str = ""
) -> list[str]:
    by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][p].append(o)

    def subject_key(node: Node) -> tuple[int, list[str]]:
        return (0 if isinstance(node, URIRef) else 1, _natural(str(node)))

    def predicate_key(node: Node) -> tuple[int, str]:
        first = _FIRST_PREDICATES.get(node)
        return (first, "") if first is not None else (len(_FIRST_PREDICATES), terms.term(node))

    def object_key(node: Node) -> tuple[int, str]:
        kind = 0 if isinstance(node, URIRef) else 1 if isinstance(node, BNode) else 2
        return (kind, terms.term(node))

    blocks: list[str] = []
    for s in sorted(by_subject, key=subject_key):
        lines = [indent + terms.term(s)]
        preds = sorted(by_subject[s], key=predicate_key)
        for i, p in enumerate(preds):
            objs = [terms.term(o) for o in sorted(set(by_subject[s][p]), key=object_key)]
            verb = "a" if p == RDF.type else terms.term(p)
            joined = ", ".join(objs)
            if len(joined) + len(verb) + len(indent) > 90 and len(objs) > 1:
                joined = (",\n" + indent + " " * 8).join(objs)
            end = " ." if i == len(preds) - 1 else " ;"
            lines.append(f"{indent}    {verb} {joined}{end}")
        blocks.append("\n".join(lines))
    return blocks


def _prefix_lines(terms: _Terms) -> list[str]:
    return [f"@prefix {p}: <{terms.prefixes[p]}> ." for p in sorted(terms.used)]


def _turtle(triples: Iterable[tuple[Node, Node, Node]], prefixes: dict[str, str]) -> str:
    terms = _Terms(prefixes)
    body = _turtle_body(triples, terms)
    return "\n".join([*_prefix_lines(terms), "", "\n\n".join(body), ""])


def _trig(
    parts: Mapping[URIRef | None, Iterable[tuple[Node, Node, Node]]], prefixes: dict[str, str]
) -> str:
    terms = _Terms(prefixes)
    chunks: list[str] = []
    default = parts.get(None)
    if default:
        chunks.append("\n\n".join(_turtle_body(default, terms)))
    for name in sorted((n for n in parts if n is not None), key=str):
        body = _turtle_body(parts[name], terms, indent="    ")
        chunks.append(f"{terms.term(name)} {{\n" + "\n\n".join(body) + "\n}")
    return "\n".join([*_prefix_lines(terms), "", "\n\n".join(chunks), ""])


def _lines(parts: Mapping[URIRef | None, Iterable[tuple[Node, Node, Node]]]) -> str:
    terms = _Terms(None)
    out: list[str] = []
    for name, triples in parts.items():
        graph = "" if name is None else " " + terms.term(name)
        out.extend(
            f"{terms.term(s)} {terms.term(p)} {terms.term(o)}{graph} ." for s, p, o in triples
        )
    out.sort()
    return "".join(line + "\n" for line in out)


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
            terms.term(node)
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


def serialize(graph: Graph, format: str = "turtle") -> str:
    """``graph`` as deterministic (sorted) text: turtle, nt, json-ld, trig or nquads.

    For ``trig``/``nquads`` a plain :func:`to_rdf` graph is split into one named graph per
    source document (as :func:`to_dataset` does); a Dataset keeps its own graphs.
    """
    fmt = FORMATS.get(format.lower())
    if fmt is None:
        raise ValueError(f"unknown RDF format {format!r}; use one of {sorted(set(FORMATS))}")
    prefixes = _prefixes(graph)
    if fmt == "turtle":
        return _turtle(_parts(graph, quads=False)[None], prefixes)
    if fmt == "trig":
        return _trig(_parts(graph, quads=True), prefixes)
    if fmt == "nt":
        return _lines(_parts(graph, quads=False))
    if fmt == "nquads":
        return _lines(_parts(graph, quads=True))
    union = graph
    if isinstance(graph, Dataset):
        union = Graph()
        for triple in _parts(graph, quads=False)[None]:
            union.add(triple)
    return _jsonld(union, prefixes)


def write_rdf(graph: Graph, path: str | os.PathLike[str], *, format: str = "turtle") -> None:
    """Write ``graph`` to ``path`` atomically (temp file + ``os.replace``), sorted.

    ``format``: ``turtle`` (default), ``nt``, ``json-ld``, ``trig`` (one named graph per
    source document) or ``nquads``.
    """
    text = serialize(graph, format)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
            return terms.term(node)
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


# --------------------------------------------------------------------------- networkx


def _local(iri: str, namespace: str) -> str:
    return unquote(iri[len(namespace) :]) if iri.startswith(namespace) else iri


def rdf_to_networkx(graph: Graph) -> nx.MultiDiGraph[str]:
    """The direct edges of a ``kg`` graph as a MultiDiGraph keyed by relation name.

    Nodes are actor ids (``dct:identifier``, else the IRI) with ``label``, ``type``,
    ``country``, ``wikidata`` and ``iri``; edges carry ``relation``, ``polarity`` (from the
    relation inventory), ``weight`` (number of asserted events behind the edge) and
    ``events`` (their IRIs, ``;``-joined so GraphML can store them).
    """
    support: dict[tuple[Node | None, Node | None, Node | None], list[str]] = defaultdict(list)
    for e in graph.subjects(RDF.type, KG.Event):
        key = (
            graph.value(e, RDF.subject),
            graph.value(e, RDF.predicate),
            graph.value(e, RDF.object),
        )
        if (
            graph.value(e, KG.negated) == RDFLiteral(False)
            and graph.value(e, KG.modality) == KG.asserted
        ):
            support[key].append(str(e))

    def node_id(iri: Node) -> str:
        ident = graph.value(iri, DCTERMS.identifier)
        return str(ident) if ident is not None else str(iri)

    out: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    polarity = _relation_polarity()
    rel_ns = str(REL)
    for s, p, o in sorted(graph.triples((None, None, None)), key=lambda t: tuple(map(str, t))):
        if not (isinstance(p, URIRef) and str(p).startswith(rel_ns)):
            continue
        if not (isinstance(s, URIRef) and isinstance(o, URIRef)):
            continue
        for iri in (s, o):
            nid = node_id(iri)
            if nid in out:
                continue
            types = [
                _CLASS_TYPES[t]
                for t in graph.objects(iri, RDF.type)
                if isinstance(t, URIRef) and t in _CLASS_TYPES
            ]
            same = [str(x) for x in graph.objects(iri, OWL.sameAs) if str(x).startswith(str(WD))]
            out.add_node(
                nid,
                iri=str(iri),
                label=str(graph.value(iri, SKOS.prefLabel) or nid),
                type=sorted(types)[0] if types else ActorType.UNKNOWN.value,
                country=str(graph.value(iri, KG.country) or ""),
                wikidata=_local(sorted(same)[0], str(WD)) if same else "",
            )
        relation = _local(str(p), rel_ns)
        events = sorted(support.get((s, p, o), []))
        out.add_edge(
            node_id(s),
            node_id(o),
            key=relation,
            relation=relation,
            polarity=polarity.get(relation, 0),
            weight=len(events),
            events=";".join(events),
        )
    return out
