"""End to end on the seed article: the public API and the files a build writes."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib

import kg
from kg.api import BuildResult, Extractor


@pytest.fixture(scope="module")
def seed_build(extractor: Extractor, seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory
               ) -> tuple[BuildResult, Path]:
    out = tmp_path_factory.mktemp("out")
    return kg.build(seeds_dir, out=out, extractor=extractor), out


def _asserted(result: BuildResult) -> set[tuple[str, str, str]]:
    return {(e.source.actor.actor_id, e.relation.name, e.target.actor.actor_id)
            for e in result.events if not e.negated}


def test_build_writes_the_four_outputs(seed_build: tuple[BuildResult, Path]) -> None:
    result, out = seed_build
    for name in ("triples.jsonl", "graph.ttl", "graph.graphml", "alliances.png"):
        assert (out / name).stat().st_size > 0, name
    lines = (out / "triples.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(result.events) > 10
    rec = json.loads(lines[0])
    for key in ("doc", "sentence", "start", "end", "source", "relation", "target", "negated",
                "modality", "date", "confidence", "plover", "cameo", "quad", "polarity"):
        assert key in rec
    for key in ("id", "label", "text", "type", "country", "code"):
        assert key in rec["source"]
    g = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert len(g) > 100
    graph = nx.read_graphml(out / "graph.graphml")
    assert graph.number_of_nodes() == result.graph.number_of_nodes()
    assert (out / "alliances.png").read_bytes()[:4] == b"\x89PNG"


def test_sentence_spans_point_into_the_document(seed_build: tuple[BuildResult, Path],
                                                seeds_dir: Path) -> None:
    result, _ = seed_build
    text = next(seeds_dir.glob("*.txt")).read_text(encoding="utf-8")
    for e in result.events:
        p = e.provenance
        assert text[p.start : p.end] == p.sentence
        assert text[e.source.start : e.source.end] == e.source.text
        assert text[p.trigger_start : p.trigger_end] == p.trigger


def test_seed_backers_mediators_and_attack(seed_build: tuple[BuildResult, Path]) -> None:
    result, _ = seed_build
    got = _asserted(result)
    for backer in ("egypt", "russia", "united_arab_emirates", "jordan"):
        assert (backer, "backs", "khalifa_haftar") in got
    for mediator in ("russia", "turkey"):
        assert (mediator, "mediates", "khalifa_haftar") in got
    assert ("khalifa_haftar", "attacks", "libya_government") in got
    assert ("turkey", "deploys_to", "libya") in got
    assert ("libya_government", "requests", "turkey") in got


def test_seed_nothing_false(seed_build: tuple[BuildResult, Path]) -> None:
    result, _ = seed_build
    backers = {"egypt", "united_arab_emirates", "jordan"}
    for e in result.events:
        src = e.source.actor.actor_id
        if e.relation.polarity < 0 and not e.negated:
            # no backer shown attacking, no mediator as a party to the fighting
            assert src not in backers | {"russia", "turkey"} or e.relation.name == "deploys_to", e
    negated = [e for e in result.events if e.negated]
    assert any(e.source.actor.actor_id == "khalifa_haftar" and e.relation.name == "agrees_with"
               for e in negated)
    # furniture never becomes an actor
    labels = {d.get("label", "") for _, d in result.graph.nodes(data=True)}
    assert not any("Please" in lab or "favorites" in lab or "Script" in lab for lab in labels)


def test_extract_matches_build(extractor: Extractor, seeds_dir: Path,
                               seed_build: tuple[BuildResult, Path]) -> None:
    result, _ = seed_build
    events = list(kg.extract(seeds_dir, extractor=extractor))
    assert [e.event_id for e in events] == [e.event_id for e in result.events]


def test_summary_mentions_counts(seed_build: tuple[BuildResult, Path]) -> None:
    result, _ = seed_build
    text = result.stats.summary()
    assert "documents  1" in text
    assert "backs" in text
