"""RDF vocabularies used by ``kg``: SEM, NIF, the ``kg`` ontology, and instance IRIs.

Vocabulary terms (classes, properties, concept schemes) live at fixed IRIs, the ones
declared in ``kg/data/ontology.ttl``; only *instance* IRIs (actors, events, documents,
runs, models) move with the configurable base. Instance IRIs are built from the stable
ids of ``kg.datatypes`` with every unsafe character percent-encoded, so any id (quotes,
spaces, angle brackets, newlines, non-Latin scripts) yields a valid IRI:

>>> ns = InstanceNamespaces.from_base()
>>> ns.actor("khalifa_haftar")
rdflib.term.URIRef('https://w3id.org/kg/actor/khalifa_haftar')
>>> ns.actor('evil" <id>')
rdflib.term.URIRef('https://w3id.org/kg/actor/evil%22%20%3Cid%3E')
>>> ns.span("toy.txt", 0, 70)
rdflib.term.URIRef('https://w3id.org/kg/doc/toy.txt#char=0,70')
>>> KG.Event
rdflib.term.URIRef('https://w3id.org/kg/ont#Event')
"""

# ruff: noqa: N815  (term names must match the vocabularies' camelCase IRIs)

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, Namespace, URIRef
from rdflib import namespace as _rdflib_namespace

__all__ = [
    "CAMEO",
    "DEFAULT_BASE",
    "KG",
    "KG_ONTOLOGY",
    "NIF",
    "PLOVER",
    "QUAD",
    "REL",
    "SEM",
    "WD",
    "InstanceNamespaces",
    "encode_id",
    "vocabulary_prefixes",
]

#: Default base of every IRI ``kg`` mints.
DEFAULT_BASE = "https://w3id.org/kg/"

#: The ontology document itself.
KG_ONTOLOGY = URIRef(DEFAULT_BASE + "ont")

#: One object property per relation of ``kg/data/relations.json`` (``rel:backs``, ...).
REL = Namespace(DEFAULT_BASE + "rel/")
#: SKOS concepts: PLOVER event types, CAMEO codes, QuadClasses.
PLOVER = Namespace(DEFAULT_BASE + "plover/")
CAMEO = Namespace(DEFAULT_BASE + "cameo/")
QUAD = Namespace(DEFAULT_BASE + "quad/")
#: Wikidata entities (``owl:sameAs wd:Q79``).
WD = Namespace("http://www.wikidata.org/entity/")


class SEM(_rdflib_namespace.DefinedNamespace):
    """Simple Event Model (van Hage et al. 2011), the terms ``kg`` uses."""

    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    _fail = True

    Event: URIRef
    Actor: URIRef
    Place: URIRef
    Time: URIRef
    Role: URIRef
    RoleType: URIRef
    EventType: URIRef
    ActorType: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTime: URIRef
    hasTimeStamp: URIRef
    hasBeginTimeStamp: URIRef
    hasEndTimeStamp: URIRef
    eventType: URIRef
    actorType: URIRef
    roleType: URIRef
    accordingTo: URIRef
    subEventOf: URIRef


class NIF(_rdflib_namespace.DefinedNamespace):
    """NLP Interchange Format 2.1 core, the terms ``kg`` uses."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    String: URIRef
    Context: URIRef
    Sentence: URIRef
    Phrase: URIRef
    Word: URIRef
    OffsetBasedString: URIRef
    RFC5147String: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    referenceContext: URIRef
    isString: URIRef
    sourceUrl: URIRef
    sentence: URIRef


class KG(_rdflib_namespace.DefinedNamespace):
    """Terms of the ``kg`` ontology (``kg/data/ontology.ttl``)."""

    _NS = Namespace(DEFAULT_BASE + "ont#")
    _fail = True

    # actor classes (subclasses of sem:Actor)
    State: URIRef
    Government: URIRef
    Military: URIRef
    Police: URIRef
    ArmedGroup: URIRef
    Opposition: URIRef
    Person: URIRef
    IGO: URIRef
    NGO: URIRef
    Organization: URIRef
    Group: URIRef
    # event, provenance and vocabulary classes
    Event: URIRef
    Mention: URIRef
    Document: URIRef
    Build: URIRef
    Modality: URIRef
    # concept schemes
    PloverScheme: URIRef
    CameoScheme: URIRef
    QuadClassScheme: URIRef
    ModalityScheme: URIRef
    RoleTypeScheme: URIRef
    # properties of events
    negated: URIRef
    modality: URIRef
    confidence: URIRef
    ploverType: URIRef
    cameoCode: URIRef
    quadClass: URIRef
    rule: URIRef
    trigger: URIRef
    mention: URIRef
    # properties of actors
    country: URIRef
    actorCode: URIRef
    affiliation: URIRef
    resolved: URIRef
    # properties of relation properties
    polarity: URIRef
    # role types (sem:RoleType individuals)
    source: URIRef
    target: URIRef
    participant: URIRef
    # modalities (kg:Modality individuals)
    asserted: URIRef
    attempted: URIRef
    planned: URIRef
    possible: URIRef
    conditional: URIRef
    requested: URIRef
    alleged: URIRef


def vocabulary_prefixes() -> dict[str, str]:
    """Prefix -> namespace of every vocabulary ``kg`` writes (instances excluded)."""
    return {
        "rdf": str(RDF),
        "rdfs": str(RDFS),
        "xsd": str(XSD),
        "owl": str(OWL),
        "skos": str(SKOS),
        "dct": str(DCTERMS),
        "prov": str(PROV),
        "schema": str(SDO),
        "sem": str(SEM._NS),
        "nif": str(NIF._NS),
        "wd": str(WD),
        "kg": str(KG._NS),
        "rel": str(REL),
        "plover": str(PLOVER),
        "cameo": str(CAMEO),
        "quad": str(QUAD),
    }


_DOT_SEGMENT = re.compile(r"^\.{1,2}$")
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]+\Z")


def encode_id(value: str) -> str:
    """Percent-encode ``value`` for use as one IRI path segment (injective, never empty).

    Everything but ASCII letters, digits and ``_.-~`` is encoded (UTF-8), so the result
    is a valid IRI segment and a valid URI segment.

    >>> encode_id("ner:al qaeda")
    'ner%3Aal%20qaeda'
    >>> encode_id("حفتر")
    '%D8%AD%D9%81%D8%AA%D8%B1'
    >>> encode_id("..")
    '%2E%2E'
    """
    if not value:
        raise ValueError("cannot mint an IRI from an empty id")
    if _UNRESERVED.match(value) and not _DOT_SEGMENT.match(value):
        return value  # fast path: nothing to encode (most ids)
    encoded = quote(value, safe="", errors="surrogatepass")
    if _DOT_SEGMENT.match(encoded):  # "." and ".." would be removed by IRI normalisation
        encoded = encoded.replace(".", "%2E")
    return encoded


@dataclass(frozen=True, slots=True)
class InstanceNamespaces:
    """Namespaces for the instances ``kg`` mints, all under one configurable ``base``."""

    base: str

    @classmethod
    def from_base(cls, base: str = DEFAULT_BASE) -> InstanceNamespaces:
        """Check ``base`` (an absolute http(s) IRI) and end it with ``/`` or ``#``."""
        if not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", base):
            raise ValueError(f"base must be an absolute http(s) IRI without spaces, got {base!r}")
        if not base.endswith(("/", "#")):
            base += "/"
        return cls(base)

    @property
    def actors(self) -> Namespace:
        return Namespace(self.base + "actor/")

    @property
    def events(self) -> Namespace:
        return Namespace(self.base + "event/")

    @property
    def docs(self) -> Namespace:
        return Namespace(self.base + "doc/")

    @property
    def runs(self) -> Namespace:
        return Namespace(self.base + "run/")

    @property
    def models(self) -> Namespace:
        return Namespace(self.base + "model/")

    def prefixes(self) -> dict[str, str]:
        """Prefix -> namespace for the instance namespaces (``act:``, ``ev:``, ...)."""
        return {
            "act": str(self.actors),
            "ev": str(self.events),
            "doc": str(self.docs),
            "run": str(self.runs),
            "model": str(self.models),
        }

    def actor(self, actor_id: str) -> URIRef:
        return URIRef(self.actors + encode_id(actor_id))

    def event(self, event_id: str) -> URIRef:
        return URIRef(self.events + encode_id(event_id))

    def role(self, event_id: str, role: str) -> URIRef:
        """The ``sem:Role`` node of one party of an event: ``ev:<id>-source``."""
        return URIRef(self.events + encode_id(event_id) + "-" + encode_id(role))

    def doc(self, doc_id: str) -> URIRef:
        return URIRef(self.docs + encode_id(doc_id))

    def span(self, doc_id: str, start: int, end: int) -> URIRef:
        """NIF RFC 5147 span IRI: ``<doc IRI>#char=start,end``."""
        return URIRef(f"{self.doc(doc_id)}#char={int(start)},{int(end)}")

    def run(self, run_id: str) -> URIRef:
        return URIRef(self.runs + encode_id(run_id))

    def model(self, name: str) -> URIRef:
        return URIRef(self.models + encode_id(name))
