"""Regenerate ``kg/data/ontology.ttl`` from ``kg/data/relations.json``.

The ontology is a committed data file (so it can be published and diffed); this script keeps
its relation properties in sync with the relation inventory. ``tests/test_rdf.py`` fails when
the committed file differs from what this script renders.

Usage::

    .venv/bin/python tools/build_ontology.py          # rewrite kg/data/ontology.ttl
    .venv/bin/python tools/build_ontology.py --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RELATIONS = ROOT / "kg" / "data" / "relations.json"
ONTOLOGY = ROOT / "kg" / "data" / "ontology.ttl"

VERSION = "0.1.0"

# CAMEO root codes (CAMEO codebook 1.1b3) and the QuadClass each falls in (GDELT convention).
CAMEO_ROOTS: tuple[tuple[str, str, str], ...] = (
    ("01", "Make public statement", "verbal_cooperation"),
    ("02", "Appeal", "verbal_cooperation"),
    ("03", "Express intent to cooperate", "verbal_cooperation"),
    ("04", "Consult", "verbal_cooperation"),
    ("05", "Engage in diplomatic cooperation", "verbal_cooperation"),
    ("06", "Engage in material cooperation", "material_cooperation"),
    ("07", "Provide aid", "material_cooperation"),
    ("08", "Yield", "material_cooperation"),
    ("09", "Investigate", "verbal_conflict"),
    ("10", "Demand", "verbal_conflict"),
    ("11", "Disapprove", "verbal_conflict"),
    ("12", "Reject", "verbal_conflict"),
    ("13", "Threaten", "verbal_conflict"),
    ("14", "Protest", "material_conflict"),
    ("15", "Exhibit force posture", "material_conflict"),
    ("16", "Reduce relations", "material_conflict"),
    ("17", "Coerce", "material_conflict"),
    ("18", "Assault", "material_conflict"),
    ("19", "Fight", "material_conflict"),
    ("20", "Use unconventional mass violence", "material_conflict"),
)

# PLOVER event types with a short definition (paraphrased from the PLOVER codebook).
PLOVER_TYPES: tuple[tuple[str, str], ...] = (
    ("AGREE", "Agree to, offer or promise cooperation; sign or settle."),
    ("CONSULT", "Meet, visit, negotiate or hold talks; mediate."),
    ("SUPPORT", "Express support for, endorse, praise or defend."),
    ("CONCEDE", "Yield: ease restrictions, release, accede to demands."),
    ("COOPERATE", "Cooperate materially or diplomatically; form an alliance."),
    ("AID", "Provide economic, military or humanitarian aid."),
    ("RETREAT", "Withdraw, pull out or de-escalate."),
    ("REQUEST", "Ask for something: appeal, request aid or cooperation."),
    ("ACCUSE", "Accuse, allege or blame."),
    ("DISAPPROVE", "Criticise, condemn or denounce."),
    ("REJECT", "Reject or refuse a proposal, demand or request."),
    ("DEMAND", "Demand something, more forcefully than a request."),
    ("THREATEN", "Threaten to act against the target."),
    ("INVESTIGATE", "Investigate the target."),
    ("PROTEST", "Demonstrate, rally, strike or protest."),
    ("SANCTION", "Impose sanctions or embargoes; reduce or break relations."),
    ("MOBILIZE", "Mobilise or deploy forces; raise alert."),
    ("COERCE", "Coerce: seize, expel, blockade, arrest or repress."),
    ("ASSAULT", "Use violence against persons or property outside battle."),
    ("FIGHT", "Fight with conventional military force; clash."),
)

QUAD_CLASSES: tuple[tuple[str, str, int, str], ...] = (
    ("verbal_cooperation", "Verbal cooperation", 1, "1"),
    ("material_cooperation", "Material cooperation", 1, "2"),
    ("verbal_conflict", "Verbal conflict", -1, "3"),
    ("material_conflict", "Material conflict", -1, "4"),
)

ACTOR_CLASSES: tuple[tuple[str, str, str, str], ...] = (
    ("State", "state", "state", "A sovereign state (country) acting as a whole."),
    (
        "Government",
        "government",
        "government",
        "A government, ministry or official acting for a state or territory.",
    ),
    ("Military", "military", "military", "Armed forces of a state."),
    ("Police", "police", "police", "Police or internal security forces."),
    (
        "ArmedGroup",
        "armed group",
        "armed_group",
        "A non-state armed group: rebels, militia, insurgents.",
    ),
    ("Opposition", "opposition", "opposition", "A political opposition party or movement."),
    ("Person", "person", "person", "An individual person."),
    (
        "IGO",
        "intergovernmental organization",
        "igo",
        "An intergovernmental organisation (UN, African Union, ...).",
    ),
    ("NGO", "non-governmental organization", "ngo", "A non-governmental organisation."),
    ("Organization", "organization", "organization", "Any other organisation."),
    ("Group", "social group", "group", "A social group: civilians, refugees, protesters, ..."),
)

MODALITIES: tuple[tuple[str, str], ...] = (
    ("asserted", "The event happened or is happening."),
    ("attempted", "The event was attempted (\u201ctrying to broker\u201d)."),
    ("planned", "The event is planned or promised (\u201cis set to\u201d, \u201cwill\u201d)."),
    ("possible", "The event may happen (\u201cmay\u201d, \u201ccould\u201d)."),
    ("conditional", "The event would happen under a condition (\u201cif ...\u201d)."),
    ("requested", "Someone asked for the event (\u201curged X to\u201d)."),
    ("alleged", "Someone accuses an actor of the event (\u201caccused X of killing\u201d)."),
)

ROLE_TYPES: tuple[tuple[str, str], ...] = (
    ("source", "The actor that performs the event (CAMEO Actor1)."),
    ("target", "The actor the event is directed at (CAMEO Actor2)."),
    ("participant", "Another party of the event, e.g. the second side a mediator stands between."),
)

PREFIXES: tuple[tuple[str, str], ...] = (
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("dct", "http://purl.org/dc/terms/"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("schema", "https://schema.org/"),
    ("sem", "http://semanticweb.cs.vu.nl/2009/11/sem/"),
    ("nif", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"),
    ("kg", "https://w3id.org/kg/ont#"),
    ("rel", "https://w3id.org/kg/rel/"),
    ("plover", "https://w3id.org/kg/plover/"),
    ("cameo", "https://w3id.org/kg/cameo/"),
    ("quad", "https://w3id.org/kg/quad/"),
)


def lit(text: str, lang: str | None = "en") -> str:
    """A Turtle string literal with every special character escaped."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"' + (f"@{lang}" if lang else "")


def _block(subject: str, pairs: list[tuple[str, str]]) -> str:
    lines = [subject]
    for i, (pred, obj) in enumerate(pairs):
        end = " ." if i == len(pairs) - 1 else " ;"
        lines.append(f"    {pred} {obj}{end}")
    return "\n".join(lines)


def load_relations(path: Path = RELATIONS) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    relations: list[dict[str, Any]] = data["relations"]
    return relations


def render(relations: list[dict[str, Any]]) -> str:
    """The full ontology as Turtle text (deterministic)."""
    plover = dict(PLOVER_TYPES)
    for r in relations:
        plover.setdefault(r["plover"], f"PLOVER event type {r['plover']}.")
    quads = {q[0] for q in QUAD_CLASSES}
    cameos = {c[0] for c in CAMEO_ROOTS}
    for r in relations:
        if r["quad"] not in quads:
            raise ValueError(f"relation {r['name']!r}: unknown QuadClass {r['quad']!r}")
        if r["cameo"] not in cameos:
            raise ValueError(f"relation {r['name']!r}: {r['cameo']!r} is not a CAMEO root code")

    parts: list[str] = [
        "# kg ontology: actors, events, provenance and the relation inventory of kg.",
        "# GENERATED by tools/build_ontology.py from kg/data/relations.json -- do not edit;",
        "# change the script or relations.json and re-run it.",
        "",
    ]
    parts += [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES]
    parts.append("")

    blocks: list[str] = []
    blocks.append(
        _block(
            "<https://w3id.org/kg/ont>",
            [
                ("a", "owl:Ontology"),
                ("dct:title", lit("kg: conflict-event knowledge graph ontology")),
                (
                    "rdfs:comment",
                    lit(
                        "Actors, actor-relation-actor events extracted from conflict news, and their "
                        "provenance. Every asserted relation is a direct edge (act:A rel:R act:B); every "
                        "extracted mention is a kg:Event node (sem:Event) linked to its edge with "
                        "rdf:subject/rdf:predicate/rdf:object and derived from a NIF sentence span."
                    ),
                ),
                ("owl:versionInfo", lit(VERSION, None)),
                ("dct:license", "<https://opensource.org/licenses/MIT>"),
                ("rdfs:seeAlso", "<http://semanticweb.cs.vu.nl/2009/11/sem/>"),
            ],
        )
    )

    parts.append("\n\n".join(blocks))
    parts.append("")
    parts.append("# ---- external classes used by kg " + "-" * 50)
    parts.append("")
    ext = [
        ("sem:Actor", "actor"),
        ("sem:Event", "event"),
        ("sem:Role", "role"),
        ("sem:RoleType", "role type"),
        ("sem:EventType", "event type"),
        ("nif:Context", "context"),
        ("nif:OffsetBasedString", "offset-based string"),
        ("prov:Activity", "activity"),
        ("prov:Entity", "entity"),
    ]
    parts.append("\n".join(f"{c} a owl:Class ; rdfs:label {lit(label)} ." for c, label in ext))
    parts.append("")

    parts.append("# ---- actor classes " + "-" * 64)
    parts.append("")
    blocks = []
    for name, label, value, comment in ACTOR_CLASSES:
        blocks.append(
            _block(
                f"kg:{name}",
                [
                    ("a", "owl:Class"),
                    ("rdfs:subClassOf", "sem:Actor"),
                    ("rdfs:label", lit(label)),
                    ("rdfs:comment", lit(comment)),
                    ("skos:notation", lit(value, None)),
                    ("rdfs:isDefinedBy", "<https://w3id.org/kg/ont>"),
                ],
            )
        )
    parts.append("\n\n".join(blocks))
    parts.append("")

    parts.append("# ---- events, mentions, documents, builds " + "-" * 43)
    parts.append("")
    classes = [
        (
            "Event",
            "event",
            ["sem:Event"],
            "One extracted relation mention: source -relation-> target, with its roles, date, "
            "modality, confidence, codes and provenance.",
        ),
        (
            "Mention",
            "mention",
            ["nif:OffsetBasedString"],
            "A span of a document (NIF, character offsets) from which an event, trigger or "
            "actor reference was read.",
        ),
        (
            "Document",
            "document",
            ["nif:Context", "prov:Entity"],
            "A source document (news article) whose text the offsets of its mentions refer to.",
        ),
        (
            "Build",
            "build",
            ["prov:Activity"],
            "One run of kg that extracted events from documents using an NLP model.",
        ),
        (
            "Modality",
            "modality",
            ["skos:Concept"],
            "How the text commits to an event: asserted, attempted, planned, possible, "
            "conditional, requested or alleged.",
        ),
    ]
    blocks = []
    for name, label, supers, comment in classes:
        blocks.append(
            _block(
                f"kg:{name}",
                [
                    ("a", "owl:Class"),
                    *[("rdfs:subClassOf", s) for s in supers],
                    ("rdfs:label", lit(label)),
                    ("rdfs:comment", lit(comment)),
                    ("rdfs:isDefinedBy", "<https://w3id.org/kg/ont>"),
                ],
            )
        )
    parts.append("\n\n".join(blocks))
    parts.append("")

    parts.append("# ---- properties " + "-" * 67)
    parts.append("")
    props: list[tuple[str, str, list[tuple[str, str]], str, str]] = [
        (
            "negated",
            "owl:DatatypeProperty",
            [("rdfs:domain", "kg:Event"), ("rdfs:range", "xsd:boolean")],
            "negated",
            "True when the text says the event did not happen; negated events have no direct edge.",
        ),
        (
            "modality",
            "owl:ObjectProperty",
            [("rdfs:domain", "kg:Event"), ("rdfs:range", "kg:Modality")],
            "modality",
            "How the text commits to the event; only asserted, non-negated events "
            "have a direct edge.",
        ),
        (
            "confidence",
            "owl:DatatypeProperty",
            [("rdfs:domain", "kg:Event"), ("rdfs:range", "xsd:decimal")],
            "confidence",
            "Extractor confidence in [0, 1].",
        ),
        (
            "ploverType",
            "owl:ObjectProperty",
            [("rdfs:subPropertyOf", "sem:eventType"), ("rdfs:range", "skos:Concept")],
            "PLOVER event type",
            "The PLOVER event type (kg:PloverScheme) of an event or relation.",
        ),
        (
            "cameoCode",
            "owl:ObjectProperty",
            [("rdfs:subPropertyOf", "sem:eventType"), ("rdfs:range", "skos:Concept")],
            "CAMEO code",
            "The CAMEO code (kg:CameoScheme) of an event or relation; events may "
            "carry a code more specific than the root, skos:broader its root.",
        ),
        (
            "quadClass",
            "owl:ObjectProperty",
            [("rdfs:range", "skos:Concept")],
            "QuadClass",
            "The CAMEO/PLOVER QuadClass (kg:QuadClassScheme) of an event, relation or CAMEO code.",
        ),
        (
            "rule",
            "owl:DatatypeProperty",
            [("rdfs:domain", "kg:Event"), ("rdfs:range", "xsd:string")],
            "extraction rule",
            "The extraction rule that produced the event, e.g. verb:passive_agent.",
        ),
        (
            "trigger",
            "owl:ObjectProperty",
            [("rdfs:domain", "kg:Event"), ("rdfs:range", "kg:Mention")],
            "trigger",
            "The span of the word(s) that express the relation.",
        ),
        (
            "mention",
            "owl:ObjectProperty",
            [("rdfs:domain", "sem:Role"), ("rdfs:range", "kg:Mention")],
            "mention",
            "The span that names the actor playing this role.",
        ),
        (
            "country",
            "owl:DatatypeProperty",
            [("rdfs:range", "xsd:string")],
            "country",
            "ISO 3166-1 alpha-3 code of the actor's country (on a sem:Role: the country a dated "
            "dictionary entry gives the actor on the event's date).",
        ),
        (
            "actorCode",
            "owl:DatatypeProperty",
            [("rdfs:range", "xsd:string")],
            "actor code",
            "CAMEO-style actor code: country + sector, e.g. LBYMIL (on a sem:Role: the code a "
            "dated dictionary entry gives the actor on the event's date).",
        ),
        (
            "affiliation",
            "owl:ObjectProperty",
            [("rdfs:domain", "sem:Actor")],
            "affiliation",
            "The actor (government, group or state) this actor belongs to; it "
            "need not be described in the same graph.",
        ),
        (
            "resolved",
            "owl:DatatypeProperty",
            [("rdfs:domain", "sem:Actor"), ("rdfs:range", "xsd:boolean")],
            "resolved",
            "False for an actor known only from named-entity recognition or another "
            "fallback, not from the gazetteer; absent means true.",
        ),
        (
            "polarity",
            "owl:AnnotationProperty",
            [("rdfs:range", "xsd:integer")],
            "polarity",
            "+1 for cooperation, -1 for conflict.",
        ),
    ]
    blocks = []
    for name, kind, axioms, label, comment in props:
        blocks.append(
            _block(
                f"kg:{name}",
                [
                    ("a", kind),
                    *axioms,
                    ("rdfs:label", lit(label)),
                    ("rdfs:comment", lit(comment)),
                    ("rdfs:isDefinedBy", "<https://w3id.org/kg/ont>"),
                ],
            )
        )
    parts.append("\n\n".join(blocks))
    parts.append("")

    parts.append("# ---- relations (one object property per entry of relations.json) " + "-" * 17)
    parts.append("")
    blocks = []
    for r in sorted(relations, key=lambda r: str(r["name"])):
        kinds = (
            "owl:ObjectProperty, owl:SymmetricProperty"
            if r["symmetric"]
            else ("owl:ObjectProperty")
        )
        blocks.append(
            _block(
                f"rel:{r['name']}",
                [
                    ("a", kinds),
                    ("rdfs:label", lit(str(r["name"]).replace("_", " "))),
                    ("rdfs:comment", lit(str(r.get("description", "")))),
                    ("rdfs:domain", "sem:Actor"),
                    ("rdfs:range", "sem:Actor"),
                    ("kg:ploverType", f"plover:{r['plover']}"),
                    ("kg:cameoCode", f"cameo:{r['cameo']}"),
                    ("kg:quadClass", f"quad:{r['quad']}"),
                    ("kg:polarity", str(int(r["polarity"]))),
                    ("rdfs:isDefinedBy", "<https://w3id.org/kg/ont>"),
                ],
            )
        )
    parts.append("\n\n".join(blocks))
    parts.append("")

    parts.append("# ---- role types and modalities " + "-" * 52)
    parts.append("")
    blocks = [
        _block(
            "kg:RoleTypeScheme",
            [
                ("a", "skos:ConceptScheme"),
                ("skos:prefLabel", lit("kg role types")),
                *[("skos:hasTopConcept", f"kg:{n}") for n, _ in ROLE_TYPES],
            ],
        )
    ]
    for name, definition in ROLE_TYPES:
        blocks.append(
            _block(
                f"kg:{name}",
                [
                    ("a", "sem:RoleType, skos:Concept"),
                    ("skos:prefLabel", lit(name)),
                    ("skos:definition", lit(definition)),
                    ("skos:inScheme", "kg:RoleTypeScheme"),
                    ("skos:topConceptOf", "kg:RoleTypeScheme"),
                ],
            )
        )
    blocks.append(
        _block(
            "kg:ModalityScheme",
            [
                ("a", "skos:ConceptScheme"),
                ("skos:prefLabel", lit("kg modalities")),
                *[("skos:hasTopConcept", f"kg:{n}") for n, _ in MODALITIES],
            ],
        )
    )
    for name, definition in MODALITIES:
        blocks.append(
            _block(
                f"kg:{name}",
                [
                    ("a", "kg:Modality, skos:Concept"),
                    ("skos:prefLabel", lit(name)),
                    ("skos:definition", lit(definition)),
                    ("skos:notation", lit(name, None)),
                    ("skos:inScheme", "kg:ModalityScheme"),
                    ("skos:topConceptOf", "kg:ModalityScheme"),
                ],
            )
        )
    parts.append("\n\n".join(blocks))
    parts.append("")

    parts.append("# ---- QuadClasses " + "-" * 66)
    parts.append("")
    blocks = [
        _block(
            "kg:QuadClassScheme",
            [
                ("a", "skos:ConceptScheme"),
                ("skos:prefLabel", lit("CAMEO/PLOVER QuadClasses")),
                *[("skos:hasTopConcept", f"quad:{q[0]}") for q in QUAD_CLASSES],
            ],
        )
    ]
    for value, label, polarity, number in QUAD_CLASSES:
        blocks.append(
            _block(
                f"quad:{value}",
                [
                    ("a", "skos:Concept"),
                    ("skos:prefLabel", lit(label)),
                    (
                        "skos:notation",
                        lit(value, None),
                    ),
                    ("skos:altLabel", lit(f"QuadClass {number}")),
                    ("kg:polarity", str(polarity)),
                    ("skos:inScheme", "kg:QuadClassScheme"),
                    ("skos:topConceptOf", "kg:QuadClassScheme"),
                ],
            )
        )
    parts.append("\n\n".join(blocks))
    parts.append("")

    parts.append("# ---- PLOVER event types " + "-" * 59)
    parts.append("")
    blocks = [
        _block(
            "kg:PloverScheme",
            [
                ("a", "skos:ConceptScheme"),
                ("skos:prefLabel", lit("PLOVER event types")),
                ("rdfs:seeAlso", "<https://github.com/openeventdata/PLOVER>"),
                *[("skos:hasTopConcept", f"plover:{p}") for p in sorted(plover)],
            ],
        )
    ]
    for code in sorted(plover):
        blocks.append(
            _block(
                f"plover:{code}",
                [
                    ("a", "sem:EventType, skos:Concept"),
                    ("skos:prefLabel", lit(code.capitalize())),
                    ("skos:notation", lit(code, None)),
                    ("skos:definition", lit(plover[code])),
                    ("skos:inScheme", "kg:PloverScheme"),
                    ("skos:topConceptOf", "kg:PloverScheme"),
                ],
            )
        )
    parts.append("\n\n".join(blocks))
    parts.append("")

    parts.append("# ---- CAMEO root codes " + "-" * 61)
    parts.append("")
    blocks = [
        _block(
            "kg:CameoScheme",
            [
                ("a", "skos:ConceptScheme"),
                ("skos:prefLabel", lit("CAMEO event codes")),
                (
                    "rdfs:comment",
                    lit(
                        "The 20 CAMEO root codes; kg adds narrower codes (e.g. 051) "
                        "to its data graphs as skos:broader their root."
                    ),
                ),
                *[("skos:hasTopConcept", f"cameo:{c[0]}") for c in CAMEO_ROOTS],
            ],
        )
    ]
    for code, name, quad in CAMEO_ROOTS:
        blocks.append(
            _block(
                f"cameo:{code}",
                [
                    ("a", "sem:EventType, skos:Concept"),
                    ("skos:prefLabel", lit(name)),
                    ("skos:notation", lit(code, None)),
                    ("kg:quadClass", f"quad:{quad}"),
                    ("skos:inScheme", "kg:CameoScheme"),
                    ("skos:topConceptOf", "kg:CameoScheme"),
                ],
            )
        )
    parts.append("\n\n".join(blocks))
    parts.append("")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if ontology.ttl is stale")
    parser.add_argument("--relations", type=Path, default=RELATIONS)
    parser.add_argument("--output", type=Path, default=ONTOLOGY)
    args = parser.parse_args(argv)
    text = render(load_relations(args.relations))
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; run tools/build_ontology.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
