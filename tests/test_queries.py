"""SPARQL: named queries agree with kg.graph on every engine; parameters cannot inject; the
``kg query`` and ``kg validate`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from typer.testing import CliRunner

import kg
from kg.api import BuildResult, Extractor
from kg.cli import app
from kg.examples import toy_document, toy_events
from kg.graph import BACKING_RELATIONS, backers, build_graph, enemies, mediators, relation_timeline
from kg.lexicon import load_lexicon
from kg.queries import QueryError, Source, named_queries, named_query, run_query
from kg.rdf import export_rdf, to_rdf
from kg.store import append, open_store

runner = CliRunner()


@pytest.fixture(scope="module")
def toy_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("toy") / "graph.ttl"
    return export_rdf(toy_events(), out, [toy_document()])


@pytest.fixture(scope="module")
def seed_build(extractor: Extractor, seeds_dir: Path) -> BuildResult:
    return kg.build(seeds_dir, extractor=extractor)


def _sources(events: list[kg.Event], folder: Path, rdflib: bool) -> list[Source]:
    """The same graph as a Turtle file, an N-Triples file, a store (and an rdflib graph:
    rdflib's SPARQL engine is slow, so only for small graphs)."""
    store = open_store(None)
    append(store, events)
    sources: list[Source] = [
        export_rdf(events, folder / "g.ttl"),
        export_rdf(events, folder / "g.nt"),
        store,
    ]
    return [to_rdf(events), *sources] if rdflib else sources


def _check_against_graph(events: list[kg.Event], folder: Path, rdflib: bool = False) -> None:
    g = build_graph(events)
    actors = sorted(g.nodes)
    for source in _sources(events, folder, rdflib):
        rows = run_query(source, named_query("backers"))
        assert {(r["actor"], r["backer"]) for r in rows} == {
            (a, b) for a in actors for b in backers(g, a)
        }
        rows = run_query(source, named_query("enemies"))
        assert {(r["actor"], r["enemy"]) for r in rows} == {
            (a, b) for a in actors for b in enemies(g, a)
        }
        rows = run_query(source, named_query("mediators"))
        assert {(r["mediator"], (r["actor"], r["other"])) for r in rows} == {
            (m, dyad) for m, dyads in mediators(g).items() for dyad in dyads
        }
        if isinstance(source, Graph):
            continue  # events_between on rdflib: see test_the_same_rows_from_rdflib_and_oxigraph
        for a, b in {tuple(sorted((u, v))) for u, v in g.edges()}:
            rows = run_query(source, named_query("events_between", actor=a, other=b))
            timeline = relation_timeline(g, a, b)
            assert [(r["event"], r["relation"], r["negated"]) for r in rows] == [
                (t["event_id"], t["relation"], t["negated"]) for t in timeline
            ]


def test_named_queries_agree_with_kg_graph_on_the_toy_graph(tmp_path: Path) -> None:
    _check_against_graph(toy_events(), tmp_path, rdflib=True)


def test_named_queries_agree_with_kg_graph_on_the_seeds(
    seed_build: BuildResult, tmp_path: Path
) -> None:
    assert backers(seed_build.graph, "khalifa_haftar")
    _check_against_graph(seed_build.events, tmp_path)


def test_backers_of_haftar(toy_file: Path) -> None:
    rows = run_query(toy_file, named_query("backers", actor="khalifa_haftar"))
    assert [(r["backer"], r["backer_label"], r["events"]) for r in rows] == [
        ("egypt", "Egypt", 1),
        ("russia", "Russia", 1),
    ]
    assert rows[0]["first"] == "2020-01-14"


def test_mediators_take_the_two_sides_in_either_order(toy_file: Path) -> None:
    one = run_query(toy_file, named_query("mediators", actor="libya_gov", other="khalifa_haftar"))
    two = run_query(toy_file, named_query("mediators", actor="khalifa_haftar", other="libya_gov"))
    assert one == two
    assert [r["mediator"] for r in one] == ["russia"]
    assert set(str(one[0]["how"]).split("|")) == {"cooperates with both", "mediates between"}


def test_events_between_show_dates_negation_and_sentences(toy_file: Path) -> None:
    rows = run_query(
        toy_file, named_query("events_between", actor="libya_gov", other="khalifa_haftar")
    )
    assert [(r["date"], r["relation"], r["negated"]) for r in rows] == [
        ("2020-01-13", "attacks", False),
        ("2020-01-14", "agrees_with", True),
    ]
    assert rows[1]["sentence"] == "Haftar left without signing the deal."
    assert rows[0]["confidence"] == pytest.approx(0.8)


def test_the_relation_lists_of_the_queries_follow_relations_json() -> None:
    relations = load_lexicon().relations
    conflict = {n for n, r in relations.items() if r.polarity < 0}
    cooperation = {n for n, r in relations.items() if r.polarity > 0}
    texts = {name: q.text for name, q in named_queries().items()}

    def listed(text: str, start: str) -> set[str]:
        block = text.split(start, 1)[1].split("}", 1)[0]
        return {w.removeprefix("rel:") for w in block.split() if w.startswith("rel:")}

    assert listed(texts["enemies"], "VALUES ?p {") == conflict
    assert listed(texts["mediators"], "VALUES ?conflict {") == conflict
    assert listed(texts["mediators"], "VALUES ?coop1 {") == cooperation
    assert listed(texts["mediators"], "VALUES ?coop2 {") == cooperation
    assert listed(texts["backers"], "VALUES ?p {") == set(BACKING_RELATIONS)


@pytest.mark.parametrize(
    "value",
    ['x" } ?s ?p ?o {', "x\\", "line\nbreak", "", 'a"b'],
)
def test_parameters_cannot_inject(value: str) -> None:
    with pytest.raises(ValueError, match="actor"):
        named_query("backers", actor=value)


def test_unknown_queries_and_parameters_are_refused() -> None:
    with pytest.raises(KeyError, match="no named query"):
        named_query("nope")
    with pytest.raises(ValueError, match="no parameter 'other'"):
        named_query("backers", other="x")


def test_odd_but_harmless_ids_are_bound_as_literals(toy_file: Path) -> None:
    text = named_query("backers", actor="ner:al qaeda {x} <y> 'z' خليفة")
    assert "VALUES ?actor { \"ner:al qaeda {x} <y> 'z' خليفة\" }" in text
    assert run_query(toy_file, text) == []


def test_ask_construct_and_errors(toy_file: Path) -> None:
    prefix = "PREFIX rel: <https://w3id.org/kg/rel/>\n"
    assert run_query(toy_file, prefix + "ASK { ?a rel:backs ?b }") == [{"ask": True}]
    rows = run_query(toy_file, prefix + "CONSTRUCT { ?a rel:backs ?b } WHERE { ?a rel:backs ?b }")
    assert len(rows) == 2
    graph = Graph().parse(toy_file)
    assert run_query(graph, prefix + "ASK { ?a rel:attacks ?b }") == [{"ask": True}]
    with pytest.raises(QueryError):
        run_query(toy_file, "SELECT WHERE {")
    with pytest.raises(QueryError):
        run_query(graph, "SELECT WHERE {")
    with pytest.raises(QueryError):
        run_query(toy_file.with_suffix(".xyz"), "ASK {}")


def test_the_same_rows_from_rdflib_and_oxigraph(toy_file: Path) -> None:
    sparql = named_query("events_between", actor="russia", other="khalifa_haftar")
    store = ox.Store()
    store.load(path=str(toy_file))
    from_ox = run_query(store, sparql)
    from_rdflib = run_query(Graph().parse(toy_file), sparql)
    assert from_ox == from_rdflib
    assert len(from_ox) == 2


# --------------------------------------------------------------------------- CLI


def test_cli_query_named_table(toy_file: Path) -> None:
    res = runner.invoke(
        app, ["query", str(toy_file), "--named", "backers", "--actor", "khalifa_haftar"]
    )
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].split() == [
        "actor",
        "backer",
        "backer_label",
        "relations",
        "events",
        "first",
        "last",
    ]
    assert lines[2].split()[:3] == ["khalifa_haftar", "egypt", "Egypt"]
    assert lines[-1] == "(2 rows)"


def test_cli_query_sparql_with_kg_prefixes_as_csv_and_json(toy_file: Path) -> None:
    sparql = "SELECT ?who WHERE { ?who rel:backs act:khalifa_haftar } ORDER BY ?who"
    res = runner.invoke(app, ["query", str(toy_file), sparql, "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines() == [
        "who",
        "https://w3id.org/kg/actor/egypt",
        "https://w3id.org/kg/actor/russia",
    ]
    res = runner.invoke(app, ["query", str(toy_file), sparql, "-f", "json"])
    assert json.loads(res.stdout) == [
        {"who": "https://w3id.org/kg/actor/egypt"},
        {"who": "https://w3id.org/kg/actor/russia"},
    ]
    res = runner.invoke(app, ["query", str(toy_file), sparql])
    assert "act:egypt" in res.stdout


def test_cli_query_usage_errors(toy_file: Path, tmp_path: Path) -> None:
    cases = [
        ["query", str(tmp_path / "missing.ttl"), "ASK {}"],
        ["query", str(toy_file)],
        ["query", str(toy_file), "--named", "nope"],
        ["query", str(toy_file), "--named", "backers", "--actor", 'x"'],
        ["query", str(toy_file), "SELECT WHERE {"],
        ["query", str(toy_file), "ASK {}", "--actor", "x"],
        ["query", "--store", str(tmp_path / "nostore"), "ASK {}"],
    ]
    for args in cases:
        res = runner.invoke(app, args)
        assert res.exit_code == 2, (args, res.output)


def test_cli_query_lists_named_queries() -> None:
    res = runner.invoke(app, ["query", "--list"])
    assert res.exit_code == 0
    for name in ("backers", "enemies", "mediators", "events_between"):
        assert f"{name}:" in res.stdout


def test_cli_validate_conforming_broken_and_unreadable(toy_file: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["validate", str(toy_file)])
    assert res.exit_code == 0, res.output
    assert "conforms" in res.stdout
    text = toy_file.read_text(encoding="utf-8")
    broken = tmp_path / "broken.ttl"
    broken.write_text(text.replace('"0.9"^^xsd:decimal', '"1.5"^^xsd:decimal'), encoding="utf-8")
    res = runner.invoke(app, ["validate", str(broken)])
    assert res.exit_code == 1, res.output
    assert "does not conform: 1 violation" in res.stdout
    assert "confidence" in res.stdout
    assert "between 0 and 1" in res.stdout
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is < not turtle", encoding="utf-8")
    for path in (garbage, tmp_path / "missing.ttl", tmp_path / "x.unknown"):
        if path.name == "x.unknown":
            path.write_text("", encoding="utf-8")
        res = runner.invoke(app, ["validate", str(path)])
        assert res.exit_code == 2, res.output
        assert "kg: error:" in res.output
