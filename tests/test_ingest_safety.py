"""Hostile input cannot break the outputs: names and ids full of quotes, angle brackets,
spaces, non-Latin scripts, line separators and RDF syntax give valid IRIs, valid Turtle,
valid GraphML and one JSON object per line -- and inject nothing."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import rdflib
from rdflib.compare import isomorphic

import kg
from kg.api import Extractor
from kg.rdf import DEFAULT_BASE, to_rdf

HOSTILE_IDS = [
    'x> <http://evil.org/s> <http://evil.org/p> "o" .',
    "a b/c?d#e",
    "..",
    "Хафтар\u2028.txt",
    '"""quoted"""',
    "tab\there",
]
TEXTS = [
    'The "Free <Army> of God" attacked Sirte. Russia condemned the "Free <Army> of God".',
    "Khalifa Haftar met with Fayez al-Sarraj.\u2028Egypt backed Haftar.\x85Jordan backed Haftar.",
    'Turkey accused the Brigade """ <x> . _:b0 <y> <z> . of violating the truce.',
    "حفتر attacked Tripoli. The Wagner Group\tbacked Haftar. R&D Forces attacked Misrata.",
]


def test_hostile_names_and_ids_give_valid_outputs(extractor: Extractor, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(
            json.dumps(
                {"id": i, "text": t, "title": i, "url": f"https://x.org/{i}"}, ensure_ascii=False
            )
            + "\n"
            for i, t in zip(HOSTILE_IDS, TEXTS * 2, strict=False)
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = kg.build(feed, out=out, extractor=extractor)
    assert result.stats.documents == len(HOSTILE_IDS)
    assert len(result.events) > 10
    assert any(not e.source.actor.resolved or not e.target.actor.resolved for e in result.events)

    # JSONL: one object per line, whatever splitter reads it
    text = (out / "triples.jsonl").read_text(encoding="utf-8")
    assert len(text.splitlines()) == len(result.events)
    rows = [json.loads(line) for line in text.splitlines()]
    assert {r["doc"] for r in rows} <= set(HOSTILE_IDS)

    # Turtle: parses, and holds exactly the triples kg made (nothing injected)
    parsed = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    expected = to_rdf(result.events, result.documents, model_name=extractor.model_name)
    assert len(parsed) == len(expected)
    assert isomorphic(parsed, expected)
    evil = rdflib.URIRef("http://evil.org/s")
    assert (evil, None, None) not in parsed
    for s, _, o in parsed:
        for node in (s, o):
            if isinstance(node, rdflib.URIRef) and str(node).startswith(DEFAULT_BASE):
                assert not set(str(node)) & set(' <>"{}|\\^`\n\t'), node
    docs = {str(o) for o in parsed.objects(None, rdflib.DCTERMS.identifier)}
    assert set(HOSTILE_IDS) <= docs

    # GraphML: readable, same actors
    g = nx.read_graphml(out / "graph.graphml")
    assert set(g.nodes) == set(result.graph.nodes)
