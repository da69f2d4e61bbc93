"""RDF export: model, stable IRIs, deterministic output, SHACL shapes, ontology sync."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import json
import random
import re
from pathlib import Path
from types import ModuleType

import networkx as nx
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import kg
from kg.api import BuildResult, Extractor
from kg.datatypes import Actor, ActorType, Document, Event, Mention, Modality, QuadClass
from kg.examples import toy_document, toy_events
from kg.graph import build_graph
from kg.lexicon import load_lexicon
from kg.rdf import (
    export_rdf,
    from_rdf,
    load_ontology,
    rdf_to_networkx,
    serialize,
    serialize_events,
    to_dataset,
    to_rdf,
    validate,
    write_rdf,
)
from kg.vocab import KG, NIF, REL, SEM, InstanceNamespaces

ROOT = Path(__file__).resolve().parents[1]
NS = InstanceNamespaces.from_base()
MODEL = "en_core_web_sm-3.8.0"


def _toy_graph() -> Graph:
    return to_rdf(toy_events(), [toy_document()], model_name=MODEL)


def _negated() -> Event:
    (event,) = [e for e in toy_events() if e.negated]
    return event


def _union(dataset: Dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def _parse(path: Path, fmt: str) -> Graph:
    if fmt in ("trig", "nquads"):
        dataset = Dataset()
        dataset.parse(path, format=fmt)
        return _union(dataset)
    return Graph().parse(path, format=fmt)


def _build_ontology_tool() -> ModuleType:
    path = ROOT / "tools" / "build_ontology.py"
    spec = importlib.util.spec_from_file_location("build_ontology", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- the model


def test_toy_graph_validates_against_the_shipped_shapes() -> None:
    report = validate(_toy_graph())
    assert report.conforms, str(report)
    assert report.violations == ()
    assert report.warnings == ()


def test_toy_graph_validates_with_rdfs_inference_over_the_ontology() -> None:
    assert validate(_toy_graph(), inference="rdfs").conforms


def test_egypt_backs_haftar_is_a_direct_edge() -> None:
    graph = _toy_graph()
    assert (NS.actor("egypt"), REL.backs, NS.actor("khalifa_haftar")) in graph
    assert (NS.actor("russia"), REL.backs, NS.actor("khalifa_haftar")) in graph
    assert (NS.actor("khalifa_haftar"), REL.attacks, NS.actor("libya_gov")) in graph


def test_negated_event_has_an_event_node_but_no_direct_edge() -> None:
    graph = _toy_graph()
    negated = _negated()
    e = NS.event(negated.event_id)
    assert (e, RDF.type, SEM.Event) in graph
    assert (e, RDF.type, KG.Event) in graph
    assert (e, KG.negated, Literal(True)) in graph
    assert (e, RDF.predicate, REL.agrees_with) in graph
    assert (NS.actor("khalifa_haftar"), REL.agrees_with, NS.actor("libya_gov")) not in graph
    assert list(graph.triples((None, REL.agrees_with, None))) == []


def test_non_asserted_modality_gets_no_direct_edge() -> None:
    planned = [dataclasses.replace(e, modality=Modality.PLANNED) for e in toy_events()]
    graph = to_rdf(planned, [toy_document()])
    assert not any(str(p).startswith(str(REL)) for _, p, _ in graph)
    assert len(set(graph.subjects(RDF.type, KG.Event))) == len(planned)
    assert validate(graph).conforms


def test_event_node_carries_roles_codes_date_and_provenance() -> None:
    graph = _toy_graph()
    egypt = next(e for e in toy_events() if e.source.actor.actor_id == "egypt")
    e = NS.event(egypt.event_id)
    assert graph.value(e, RDF.subject) == NS.actor("egypt")
    assert graph.value(e, RDF.object) == NS.actor("khalifa_haftar")
    assert graph.value(e, SEM.hasTimeStamp) == Literal(dt.date(2020, 1, 14))
    assert graph.value(e, KG.confidence) == Literal("0.9", datatype=XSD.decimal)
    assert graph.value(e, KG.modality) == KG.asserted
    assert graph.value(e, KG.ploverType) == URIRef("https://w3id.org/kg/plover/SUPPORT")
    assert graph.value(e, KG.cameoCode) == URIRef("https://w3id.org/kg/cameo/05")
    assert graph.value(e, KG.quadClass) == URIRef("https://w3id.org/kg/quad/verbal_cooperation")
    assert graph.value(e, KG.rule) == Literal("verb:passive_agent")
    sentence = graph.value(e, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    assert sentence == NS.span("toy.txt", egypt.provenance.start, egypt.provenance.end)
    assert str(sentence).endswith("#char=0,70")
    assert graph.value(sentence, NIF.anchorOf) == Literal(egypt.provenance.sentence)
    assert graph.value(sentence, NIF.referenceContext) == NS.doc("toy.txt")
    nni = XSD.nonNegativeInteger
    assert graph.value(sentence, NIF.beginIndex) == Literal("0", datatype=nni)
    assert graph.value(sentence, NIF.endIndex) == Literal("70", datatype=nni)


def test_mediator_events_list_the_other_party_as_participant() -> None:
    graph = _toy_graph()
    for event in (e for e in toy_events() if e.relation.name == "mediates"):
        roles = {
            graph.value(r, SEM.roleType): graph.value(r, RDF.value)
            for r in graph.objects(NS.event(event.event_id), SEM.hasActor)
        }
        assert roles[KG.source] == NS.actor("russia")
        assert {roles[KG.target], roles[KG.participant]} == {
            NS.actor("khalifa_haftar"),
            NS.actor("libya_gov"),
        }


def test_actors_are_typed_labelled_and_linked() -> None:
    graph = _toy_graph()
    haftar = NS.actor("khalifa_haftar")
    assert (haftar, RDF.type, KG.Person) in graph
    assert (haftar, RDF.type, SEM.Actor) in graph
    assert str(graph.value(haftar, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))) == (
        "Khalifa Haftar"
    )
    assert (haftar, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q1739453")) in graph
    assert (haftar, KG.affiliation, NS.actor("libyan_national_army")) in graph


def test_the_build_is_a_prov_activity_that_used_the_model() -> None:
    graph = _toy_graph()
    prov = "http://www.w3.org/ns/prov#"
    (run,) = set(graph.subjects(RDF.type, URIRef(prov + "Activity")))
    assert (run, URIRef(prov + "used"), NS.model(MODEL)) in graph
    generated = set(graph.subjects(URIRef(prov + "wasGeneratedBy"), run))
    assert generated == {NS.event(e.event_id) for e in toy_events()}


# --------------------------------------------------------------------------- stable IRIs


def test_iris_and_turtle_are_stable_across_builds_and_input_order() -> None:
    first, second = _toy_graph(), _toy_graph()
    assert isomorphic(first, second)
    assert serialize(first) == serialize(second)
    shuffled = toy_events()
    random.Random(7).shuffle(shuffled)
    third = to_rdf(shuffled, [toy_document()], model_name=MODEL)
    for fmt in ("turtle", "nt", "json-ld", "trig"):
        assert serialize(third, fmt) == serialize(first, fmt), fmt


def test_base_is_configurable_for_instances_only() -> None:
    graph = to_rdf(toy_events(), [toy_document()], base="https://example.org/news")
    ns = InstanceNamespaces.from_base("https://example.org/news")
    assert (ns.actor("egypt"), REL.backs, ns.actor("khalifa_haftar")) in graph
    assert not any(str(s).startswith("https://w3id.org/kg/actor/") for s in graph.subjects())
    assert validate(graph).conforms
    with pytest.raises(ValueError, match="base"):
        to_rdf(toy_events(), base="not an iri")


# --------------------------------------------------------------------------- ontology


def test_ontology_is_in_sync_with_relations_json() -> None:
    tool = _build_ontology_tool()
    committed = (ROOT / "kg" / "data" / "ontology.ttl").read_text(encoding="utf-8")
    assert tool.render(tool.load_relations()) == committed, (
        "kg/data/ontology.ttl is stale: run .venv/bin/python tools/build_ontology.py"
    )


def test_every_relation_is_a_labelled_property_and_symmetric_ones_are_declared() -> None:
    ontology = load_ontology()
    relations = json.loads((ROOT / "kg" / "data" / "relations.json").read_text("utf-8"))
    relations = relations["relations"]
    for r in relations:
        prop = REL[r["name"]]
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology
        assert str(ontology.value(prop, RDFS.comment)) == r["description"]
        assert ontology.value(prop, RDFS.label) is not None
    symmetric = {REL[r["name"]] for r in relations if r["symmetric"]}
    declared = set(ontology.subjects(RDF.type, OWL.SymmetricProperty))
    assert declared == symmetric
    assert len(symmetric) == 7


def test_every_kg_vocabulary_term_is_defined_in_the_ontology() -> None:
    ontology = load_ontology()
    subjects = set(ontology.subjects())
    missing = [n for n in KG.__annotations__ if URIRef(str(KG._NS) + n) not in subjects]
    assert missing == []


def test_concept_schemes_hold_plover_cameo_and_quadclass() -> None:
    ontology = load_ontology()
    skos = "http://www.w3.org/2004/02/skos/core#"
    in_scheme = URIRef(skos + "inScheme")
    cameo = set(ontology.subjects(in_scheme, KG.CameoScheme))
    assert len(cameo) == 20
    assert ontology.value(
        URIRef("https://w3id.org/kg/cameo/19"), URIRef(skos + "prefLabel")
    ) == Literal("Fight", lang="en")
    assert len(set(ontology.subjects(in_scheme, KG.QuadClassScheme))) == 4
    assert URIRef("https://w3id.org/kg/plover/SUPPORT") in set(
        ontology.subjects(in_scheme, KG.PloverScheme)
    )


# --------------------------------------------------------------------------- SPARQL / nx


def test_sparql_who_backs_haftar() -> None:
    rows = _toy_graph().query(
        "SELECT ?who WHERE { ?who rel:backs act:khalifa_haftar }",
        initNs={"rel": str(REL), "act": str(NS.actors)},
    )
    assert {str(row[0]).rsplit("/", 1)[1] for row in rows} == {"egypt", "russia"}  # type: ignore[index]


def test_sparql_joins_edge_and_evidence() -> None:
    rows = list(
        _toy_graph().query(
            """SELECT ?date ?text WHERE {
             act:egypt rel:backs ?who .
             ?e rdf:subject act:egypt ; rdf:predicate rel:backs ; rdf:object ?who ;
                sem:hasTimeStamp ?date ; prov:wasDerivedFrom ?s .
             ?s nif:anchorOf ?text }""",
            initNs={
                "rel": str(REL),
                "act": str(NS.actors),
                "sem": str(SEM._NS),
                "nif": str(NIF._NS),
                "prov": "http://www.w3.org/ns/prov#",
            },
        )
    )
    assert len(rows) == 1
    assert str(rows[0][0]) == "2020-01-14"  # type: ignore[index]
    assert "backed by Egypt" in str(rows[0][1])  # type: ignore[index]


def test_rdf_to_networkx_gives_back_the_graph_build_graph_makes() -> None:
    g = rdf_to_networkx(_toy_graph())
    expected = build_graph(toy_events())
    assert nx.utils.graphs_equal(g, expected)
    assert sorted(g.edges(keys=True)) == sorted(expected.edges(keys=True))
    data = g.edges["egypt", "khalifa_haftar", "backs"]
    assert data == expected.edges["egypt", "khalifa_haftar", "backs"]
    assert data["mentions"] == 1
    assert data["polarity"] == 1
    assert g.nodes["khalifa_haftar"]["label"] == "Khalifa Haftar"
    assert g.nodes["egypt"]["type"] == "state"
    assert g.has_edge("khalifa_haftar", "libya_gov", "agrees_with|negated")


# --------------------------------------------------------------------------- validation


def test_confidence_out_of_range_fails_with_a_readable_message() -> None:
    events = toy_events()
    broken = [dataclasses.replace(events[0], confidence=1.5), *events[1:]]
    report = validate(to_rdf(broken, [toy_document()]))
    assert not report.conforms
    assert len(report.violations) == 1
    (message,) = report.violations
    assert f"ev:{events[0].event_id}" in message
    assert "kg:confidence" in message
    assert "between 0 and 1" in message
    assert "1.5" in message


def test_missing_direct_edge_and_bad_offsets_are_reported() -> None:
    graph = _toy_graph()
    graph.remove((NS.actor("egypt"), REL.backs, NS.actor("khalifa_haftar")))
    span = NS.span("toy.txt", 0, 70)
    graph.set(
        (
            span,
            NIF.beginIndex,
            Literal(99, datatype=URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")),
        )
    )
    report = validate(graph)
    assert not report.conforms
    text = "\n".join(report.violations)
    assert "no direct edge" in text
    assert "begin offset is after its end offset" in text


def test_validate_reads_files(tmp_path: Path) -> None:
    for fmt, suffix in (("turtle", ".ttl"), ("trig", ".trig"), ("nt", ".nt")):
        path = tmp_path / f"toy{suffix}"
        write_rdf(_toy_graph(), path, format=fmt)
        assert validate(path).conforms


# --------------------------------------------------------------------------- writing


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld", "trig", "nquads"])
def test_every_format_parses_back_to_the_same_graph(tmp_path: Path, fmt: str) -> None:
    graph = _toy_graph()
    path = tmp_path / f"toy.{fmt}"
    write_rdf(graph, path, format=fmt)
    back = _parse(path, fmt)
    assert len(back) == len(graph)
    assert isomorphic(back, graph)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temp file left


def test_turtle_uses_prefixes_for_every_minted_namespace() -> None:
    text = serialize(_toy_graph())
    for prefix in ("act", "ev", "doc", "run", "rel", "kg", "sem", "prov", "nif", "cameo"):
        assert f"@prefix {prefix}: " in text
    assert "act:egypt" in text
    assert "rel:backs act:khalifa_haftar" in text


def test_nt_output_is_sorted() -> None:
    lines = serialize(_toy_graph(), "nt").splitlines()
    assert lines == sorted(lines)


def test_trig_has_one_named_graph_per_source_document() -> None:
    events = toy_events()
    other = [
        dataclasses.replace(e, provenance=dataclasses.replace(e.provenance, doc_id="b.txt"))
        for e in events[:2]
    ]
    docs = [toy_document(), Document("b.txt", toy_document().text, date=dt.date(2020, 2, 1))]
    dataset = to_dataset([*events, *other], docs)
    names = {
        g.identifier
        for g in dataset.graphs()
        if isinstance(g.identifier, URIRef) and str(g.identifier).startswith(str(NS.docs))
    }
    assert names == {NS.doc("toy.txt"), NS.doc("b.txt")}
    b_graph = dataset.graph(NS.doc("b.txt"))
    assert {NS.event(e.event_id) for e in other} == set(b_graph.subjects(RDF.type, KG.Event))
    # the edge is in both documents' graphs, so dropping one document keeps the other's
    edge = (NS.actor("egypt"), REL.backs, NS.actor("khalifa_haftar"))
    assert edge in b_graph
    assert edge in dataset.graph(NS.doc("toy.txt"))
    # the TriG text says the same and round-trips
    parsed = Dataset()
    parsed.parse(data=serialize(dataset, "trig"), format="trig")
    assert isomorphic(_union(parsed), _union(dataset))
    assert serialize(dataset, "trig") == serialize(to_rdf([*events, *other], docs), "trig")
    assert validate(dataset).conforms


def test_write_rdf_replaces_existing_files_and_rejects_unknown_formats(tmp_path: Path) -> None:
    path = tmp_path / "out" / "kg.ttl"
    write_rdf(Graph(), path)
    write_rdf(_toy_graph(), path)
    assert "act:egypt" in path.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="unknown RDF format"):
        write_rdf(_toy_graph(), tmp_path / "x.rdf", format="rdfxml")


# --------------------------------------------------------------------------- hostile input


_EVIL = 'x" ; a <http://evil.example/B> . <http://evil.example/s> <http://evil.example/p> "o'
_HOSTILE_IDS = [
    _EVIL,
    "with space and\nnewline\r\ttab",
    "<angle> {braces} |pipe| ^caret^ `tick` \\back\\",
    "خليفة حفتر",
    "哈夫塔尔",
    "..",
    "ner:%41 100% #frag ?q=1",
    "emoji 🇱🇾",
]


def _hostile_events() -> tuple[list[Event], list[Document]]:
    base = toy_events()
    events: list[Event] = []
    for i, actor_id in enumerate(_HOSTILE_IDS):
        label = f'{actor_id} """ \'\'\' . <http://evil.example/p> "injected"@en ; \\ \x00 \ud800'
        actor = Actor(actor_id, label, ActorType.ARMED_GROUP, "LBY", aliases=(label + " alias",))
        template = base[i % 2]
        prov = dataclasses.replace(
            template.provenance,
            doc_id=f"doc {actor_id}.txt",
            sentence=f'He said: "{label}" .\n> }} ]] ' + _EVIL,
            rule=_EVIL,
        )
        hostile = dataclasses.replace(template.source, actor=actor, text=label)
        events.append(dataclasses.replace(template, provenance=prov, source=hostile))
        events.append(
            dataclasses.replace(  # the hostile actor as a target, too
                template,
                provenance=prov,
                relation=base[2].relation,
                source=template.target,
                target=hostile,
            )
        )
    docs = [
        Document(
            e.provenance.doc_id,
            "",
            title=_EVIL,
            url='http://x.example/a b"<>{}',
            date=dt.date(2020, 1, 1),
        )
        for e in events
    ]
    return events, docs


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld", "trig"])
def test_hostile_ids_and_labels_round_trip_without_injecting_triples(
    tmp_path: Path,
    fmt: str,
) -> None:
    events, docs = _hostile_events()
    graph = to_rdf(events, docs, model_name='model "x" <y>', run_id='run "1"\n')
    path = tmp_path / f"hostile.{fmt}"
    write_rdf(graph, path, format=fmt)
    back = _parse(path, fmt)
    assert len(back) == len(graph)
    assert isomorphic(back, graph)
    iris = {t for triple in back for t in triple if isinstance(t, URIRef)}
    assert not any(str(i).startswith("http://evil.example") for i in iris)
    assert all(str(i).isascii() and " " not in str(i) and '"' not in str(i) for i in iris)
    for actor_id in _HOSTILE_IDS:
        iri = NS.actor(actor_id)
        assert (iri, RDF.type, SEM.Actor) in back
        ident = back.value(iri, URIRef("http://purl.org/dc/terms/identifier"))
        assert str(ident) == actor_id
    assert validate(graph).conforms


def test_hostile_ids_give_distinct_iris() -> None:
    iris = {NS.actor(a) for a in _HOSTILE_IDS}
    assert len(iris) == len(_HOSTILE_IDS)
    assert NS.actor("a b") != NS.actor("a%20b")
    with pytest.raises(ValueError, match="empty id"):
        NS.actor("")


def test_hostile_ids_read_back_as_the_same_events() -> None:
    events, docs = _hostile_events()
    graph = read_rdf_text(serialize_events(events, docs, format="nt"), "nt")
    back = {e.event_id: e for e in from_rdf(graph)}
    assert set(back) == {e.event_id for e in events}
    for event in events:
        got = back[event.event_id]
        assert got.source.actor.actor_id == event.source.actor.actor_id
        assert got.target.actor.actor_id == event.target.actor.actor_id
        assert got.provenance.doc_id == event.provenance.doc_id
        assert got.provenance.rule == event.provenance.rule


# --------------------------------------------------------------------------- fast writer


def read_rdf_text(text: str, fmt: str) -> Graph:
    return Graph().parse(data=text, format=fmt)


@pytest.mark.parametrize("fmt", ["turtle", "nt", "trig", "nquads"])
def test_serialize_events_writes_the_bytes_serialize_writes(fmt: str) -> None:
    events, docs = _hostile_events()
    events += toy_events()
    expected = serialize(to_rdf(events, docs, model_name=MODEL), fmt)
    assert serialize_events(events, docs, format=fmt, model_name=MODEL) == expected


def test_n_triples_lines_are_in_sorted_order() -> None:
    events, docs = _hostile_events()
    for fmt in ("nt", "nquads"):
        lines = serialize(to_rdf([*events, *toy_events()], docs), fmt).splitlines()
        assert lines == sorted(lines)
        assert len(lines) == len(set(lines))


def test_export_rdf_writes_atomically_what_write_rdf_writes(tmp_path: Path) -> None:
    docs = [toy_document()]
    first = export_rdf(toy_events(), tmp_path / "a" / "g.ttl", docs, model_name=MODEL)
    second = write_rdf(_toy_graph(), tmp_path / "b.ttl")
    assert first.read_bytes() == second.read_bytes()
    nt = export_rdf(toy_events(), tmp_path / "a" / "g.nt", docs, model_name=MODEL)
    assert nt.read_text(encoding="utf-8") == serialize(_toy_graph(), "nt")
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["g.nt", "g.ttl"]


def _many_events(n: int = 60) -> list[Event]:
    """Toy events copied into documents of growing length (offsets of 1 to 4 digits, so
    spans must sort by number), with the hostile ones among them."""
    base = toy_events()
    events, _ = _hostile_events()
    for i in range(n):
        e = base[i % len(base)]
        shift = (i * 97) % 2000
        prov = dataclasses.replace(
            e.provenance,
            doc_id=f"doc-{i % 7}.txt",
            start=e.provenance.start + shift,
            end=e.provenance.end + shift,
            trigger_start=e.provenance.trigger_start + shift,
            trigger_end=e.provenance.trigger_end + shift,
        )
        source = dataclasses.replace(
            e.source, start=e.source.start + shift, end=e.source.end + shift
        )
        target = dataclasses.replace(
            e.target, start=e.target.start + shift, end=e.target.end + shift
        )
        events.append(dataclasses.replace(e, provenance=prov, source=source, target=target))
    return events


@pytest.mark.parametrize("fmt", ["turtle", "nt"])
def test_fast_exports_parse_to_the_graph_in_sorted_deterministic_order(fmt: str) -> None:
    events = _many_events()
    graph = to_rdf(events, model_name=MODEL)
    text = serialize_events(events, format=fmt, model_name=MODEL)
    assert text == serialize(graph, fmt)  # the plain-triple writers, on rdflib's triples
    back = read_rdf_text(text, fmt)
    assert len(back) == len(graph)
    assert isomorphic(back, graph)
    shuffled = list(events)
    random.Random(3).shuffle(shuffled)
    assert serialize_events(shuffled, format=fmt, model_name=MODEL) == text
    if fmt == "nt":
        lines = text.splitlines()
        assert lines == sorted(lines)
        assert len(lines) == len(set(lines)) == len(graph)
    else:  # spans of a document in the order of their offsets, numerically
        doc = re.escape(str(NS.doc("doc-0.txt")))
        spans = re.findall(rf"^<{doc}#char=([0-9]+),([0-9]+)>", text, re.MULTILINE)
        assert len(spans) > 10
        assert [tuple(map(int, s)) for s in spans] == sorted(tuple(map(int, s)) for s in spans)


def test_subjects_sort_by_the_subject_key_fast() -> None:
    from kg.rdf import _Blank, _Lit, _sorted_subjects, _subject_key

    doc = "https://x.example/doc/a"
    subjects: list[str | _Lit | _Blank] = [
        doc,
        f"{doc}b",
        f"{doc}#chars",
        *(f"{doc}#char={rest}" for rest in ("", ",", "5", "5,", "5,6x", "00", "a,b", "%20")),
        *(f"{doc}#char={a},{b}" for a in (0, 7, 9, 10, 99, 100, 1000) for b in (a, a + 3, a + 90)),
        f"{doc}#char=007,9",
        f"{doc}#char=7,09",
        f"{doc}#char=1,2#char=3,4",
        f"{doc}b#char=1,2",
        _Blank("b1"),
        _Blank("a"),
    ]
    rng = random.Random(5)
    for _ in range(50):
        rng.shuffle(subjects)
        assert _sorted_subjects(subjects) == sorted(subjects, key=_subject_key)


def test_turtle_text_ranks_objects_as_their_terms_do() -> None:
    from kg.rdf import _Blank, _Lit, _merge_prefixes, _object_rank, _Terms, _text_rank

    terms = _Terms(_merge_prefixes(NS.prefixes().items()))
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for term in (
        str(NS.actor("egypt")),
        "http://unprefixed.example/x",
        str(RDF.type),
        f"{NS.events}true",
        _Blank("b0"),
        _Lit("true", None, xsd + "boolean"),
        _Lit("false", None, xsd + "boolean"),
        _Lit("-12", None, xsd + "integer"),
        _Lit("+3", None, xsd + "integer"),
        _Lit("12", None, xsd + "nonNegativeInteger"),
        _Lit("2020-01-01", None, xsd + "date"),
        _Lit("plain"),
        _Lit("hallo", "de"),
    ):
        assert _text_rank(terms.term(term)) == _object_rank(term), term


def test_n_triples_backend_checks_terms() -> None:
    from kg.rdf import _NTriplesBackend

    backend = _NTriplesBackend()
    with pytest.raises(ValueError, match="cannot write IRI"):
        backend.iri("http://x.example/a b")
    with pytest.raises(TypeError, match="not a valid triple"):
        backend.add(backend.literal("x"), backend.iri("http://x.example/p"), backend.literal("y"))
    s, p = backend.iri("http://x.example/s"), backend.iri("http://x.example/p")
    backend.add(s, p, backend.literal('a "b"\n', str(XSD.string)))
    backend.add(s, p, backend.literal('a "b"\n'))  # the same literal: one line
    backend.add(s, p, backend.literal("1", str(XSD.integer)))
    head = "<http://x.example/s> <http://x.example/p> "
    assert "".join(backend.chunks()) == (
        f'{head}"1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n{head}"a \\"b\\"\\n" .\n'
    )


# --------------------------------------------------------------------------- round trip


def test_nodes_merge_over_occurrences_like_build_graph() -> None:
    base = toy_events()
    first = Actor("ner:haftar", "Haftar", ActorType.UNKNOWN, resolved=False)
    later = Actor(
        "ner:haftar",
        "Khalifa Haftar",
        ActorType.PERSON,
        "LBY",
        "LBYMIL",
        "Q1739453",
        aliases=("Hifter", "Haftar"),
    )
    events = [
        dataclasses.replace(base[0], target=dataclasses.replace(base[0].target, actor=first)),
        dataclasses.replace(base[1], target=dataclasses.replace(base[1].target, actor=later)),
    ]
    graph = to_rdf(events)
    node = NS.actor("ner:haftar")
    expected = build_graph(events)
    assert nx.utils.graphs_equal(rdf_to_networkx(graph), expected)
    assert expected.nodes["ner:haftar"]["resolved"] is True  # upgraded by the resolved record
    assert (node, KG.resolved, None) not in graph
    assert graph.value(node, SKOS.prefLabel) == Literal("Khalifa Haftar")
    assert set(graph.objects(node, SKOS.altLabel)) == {Literal("Hifter"), Literal("Haftar")}
    assert (node, SKOS.hiddenLabel, None) not in graph
    assert (node, RDF.type, KG.Person) in graph
    only_first = to_rdf(events[:1])
    assert only_first.value(node, KG.resolved) == Literal(False)
    assert nx.utils.graphs_equal(rdf_to_networkx(only_first), build_graph(events[:1]))
    assert validate(graph).conforms


def test_other_labels_of_an_actor_are_hidden_labels() -> None:
    base = toy_events()
    renamed = dataclasses.replace(base[0].source.actor, label="Arab Republic of Egypt", aliases=())
    events = [
        *base,
        dataclasses.replace(
            base[0],
            source=dataclasses.replace(base[0].source, actor=renamed),
            provenance=dataclasses.replace(base[0].provenance, trigger_start=1),
        ),
    ]
    graph = to_rdf(events)
    egypt = NS.actor("egypt")
    assert graph.value(egypt, SKOS.prefLabel) == Literal("Egypt")
    assert set(graph.objects(egypt, SKOS.hiddenLabel)) == {Literal("Arab Republic of Egypt")}
    assert nx.utils.graphs_equal(rdf_to_networkx(graph), build_graph(events))


def test_an_event_s_own_plover_type_and_quadclass_round_trip() -> None:
    base = toy_events()[2]  # Haftar attacks
    threat = dataclasses.replace(
        base,
        modality=Modality.PLANNED,
        plover="THREATEN",
        quad=QuadClass.VERBAL_CONFLICT,
        cameo="138",
    )
    graph = to_rdf([threat])
    e = NS.event(threat.event_id)
    assert graph.value(e, KG.ploverType) == URIRef("https://w3id.org/kg/plover/THREATEN")
    assert graph.value(e, KG.quadClass) == URIRef("https://w3id.org/kg/quad/verbal_conflict")
    (back,) = from_rdf(graph)
    assert (back.plover, back.quad, back.cameo) == ("THREATEN", QuadClass.VERBAL_CONFLICT, "138")
    assert back.relation.name == threat.relation.name


@pytest.mark.parametrize("suffix", [".ttl", ".nt"])
def test_toy_events_round_trip_through_a_file(tmp_path: Path, suffix: str) -> None:
    events = toy_events()
    path = export_rdf(events, tmp_path / f"g{suffix}", [toy_document()], model_name=MODEL)
    back = from_rdf(path)
    assert [_strip(e) for e in back] == sorted(
        (_strip(e) for e in events), key=lambda e: e.event_id
    )
    assert nx.utils.graphs_equal(rdf_to_networkx(path), build_graph(events))


def _strip(event: Event) -> Event:
    """``event`` without what RDF does not keep: date precision, the alias order."""

    def actor(m: Mention) -> Mention:
        a = m.actor
        return dataclasses.replace(
            m, actor=dataclasses.replace(a, aliases=tuple(sorted(a.aliases)))
        )

    return dataclasses.replace(
        event,
        relation=load_lexicon().relation(event.relation.name),
        date_precision=None,
        source=actor(event.source),
        target=actor(event.target),
        participants=tuple(actor(m) for m in event.participants),
        cameo=event.cameo_code,
    )


@pytest.fixture(scope="module")
def seed_build(extractor: Extractor, seeds_dir: Path) -> BuildResult:
    return kg.build(seeds_dir, extractor=extractor)


def test_a_real_build_of_the_seeds_round_trips_into_the_same_networkx_graph(
    seed_build: BuildResult, tmp_path: Path
) -> None:
    result = seed_build
    assert result.graph.number_of_edges() > 10
    path = export_rdf(result.events, tmp_path / "graph.ttl", result.documents, model_name=MODEL)
    back = rdf_to_networkx(path)
    assert nx.utils.graphs_equal(back, result.graph)
    assert {n: back.nodes[n] for n in back} == {n: result.graph.nodes[n] for n in result.graph}
    edges = {(u, v, k): d for u, v, k, d in result.graph.edges(keys=True, data=True)}
    assert {(u, v, k): d for u, v, k, d in back.edges(keys=True, data=True)} == edges
    events = from_rdf(path)
    assert len(events) == len({e.event_id for e in result.events})
    assert validate(path).conforms


def test_a_dated_actor_code_is_kept_on_the_role(tmp_path: Path) -> None:
    # the code a dated dictionary entry gives the source on the event's date (not the
    # actor's own code) is written on its role, validates, and is read back
    event = toy_events()[0]
    dated = dataclasses.replace(
        event, source=dataclasses.replace(event.source, code="LBYREB", country="LBY")
    )
    graph = to_rdf([dated], [toy_document()], model_name=MODEL)
    role = URIRef(f"{NS.event(dated.event_id)}-source")
    assert graph.value(role, KG.actorCode) == Literal("LBYREB")
    assert graph.value(role, KG.country) == Literal("LBY")
    target_role = URIRef(f"{NS.event(dated.event_id)}-target")
    assert graph.value(target_role, KG.actorCode) is None  # the actor's own code holds
    assert validate(graph).conforms
    (back,) = from_rdf(graph)
    assert (back.source.code, back.source.country) == ("LBYREB", "LBY")
    assert back.target.code is None
