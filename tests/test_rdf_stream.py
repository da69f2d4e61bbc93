"""kg.rdf_stream: the bounded-memory Turtle export gives export_rdf's bytes."""

from __future__ import annotations

import io
import random
from dataclasses import replace
from pathlib import Path

import pytest

import kg
from kg import rdf_stream
from kg.api import Extractor
from kg.datatypes import Actor, ActorType, Document, Event, Mention, Provenance
from kg.examples import toy_document, toy_events
from kg.rdf import _Lit, _Terms, _turtle_body, _TurtleBackend, export_rdf
from kg.rdf_stream import TurtleSpool, export_turtle

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def seed_events(extractor: Extractor, seeds_dir: Path) -> list[Event]:
    return list(kg.extract(seeds_dir, extractor=extractor))


@pytest.mark.parametrize("batch", [1, 3, 10_000])
def test_same_bytes_as_export_rdf(seed_events: list[Event], tmp_path: Path, batch: int) -> None:
    events = [*toy_events(), *seed_events]
    docs = [toy_document(), Document("other.txt", "", title="T", url="https://example.org/a b")]
    kw = {"base": "https://example.org/kg/", "model_name": "en_core_web_sm-3.8.0"}
    expected = export_rdf(events, tmp_path / "a.ttl", docs, **kw).read_bytes()
    got = export_turtle(events, tmp_path / "b.ttl", docs, batch_events=batch, **kw)
    assert got.read_bytes() == expected
    assert not [p for p in tmp_path.iterdir() if p.name not in ("a.ttl", "b.ttl")]


def test_repeated_events_and_a_given_run_id(tmp_path: Path) -> None:
    events = toy_events()
    expected = export_rdf(events + events[:2], tmp_path / "a.ttl", run_id="r1").read_bytes()
    spool = TurtleSpool(run_id="r1", batch_events=2, folder=tmp_path)
    spool.add(events)
    spool.add(events[:2])  # the same ids again: written once
    assert spool.write(tmp_path / "b.ttl").read_bytes() == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl", "b.ttl"]  # runs removed


def test_no_events(tmp_path: Path) -> None:
    expected = export_rdf([], tmp_path / "a.ttl", [toy_document()], model_name="m")
    got = export_turtle([], tmp_path / "b.ttl", [toy_document()], model_name="m")
    assert got.read_bytes() == expected.read_bytes()


# -- the paths of the writer: one batch from memory, several merged from spilled runs


def _odd_events() -> tuple[list[Event], list[Document]]:
    """Events whose terms are hard to write: quotes, line breaks, commas and " ;" inside
    literals, unicode line separators, an emoji, long labels; one source actor with many
    long-named targets (its direct edges wrap once the runs are merged), several events
    per sentence (its spans are made again in every batch it falls in).

    Each document has one text, so equal offsets in it mean equal text (as in any input
    of kg: a span's text is taken from the first event that names it).
    """
    toy = toy_events()
    template = toy[0]
    rel = template.relation
    boss = Actor("ner:boss", 'The "Boss", a; b ;\nc', ActorType.PERSON, aliases=("B\u2028x",))
    texts = [
        'He said "no, never ;\nagain"\tand left\x85.',
        "Ünïcödé — emoji 🚀, quotes ' \" and a backslash \\ end.",
        "Plain sentence, with commas, and more, and more, and more, and more text.",
    ]
    events: list[Event] = []
    for i in range(30):
        text = texts[i % 4 % len(texts)]
        doc = f"odd doc {i % 4}, #char=1,2"  # commas and a fake span in the document id
        target = Actor(f"a_rather_long_actor_identifier_number_{i:03d}", f'Target {i}, "t"')
        events.append(
            replace(
                template,
                source=Mention(text[:5], 0, 5, boss),
                target=Mention(text[6:10], 6, 10, target),
                relation=rel,
                provenance=Provenance(doc, text, 0, len(text), text[2:4], 2, 4, f"rule, {i}"),
                participants=(),
            )
        )
    docs = [
        Document(
            "odd doc 0, #char=1,2", "", title='A "title"\nwith a break', url="https://e.org/a,b c"
        ),
        Document("odd doc 1, #char=1,2", "", title="Ünï, 🚀 ;"),
    ]
    return [*toy, *events, *toy[:3]], [toy_document(), *docs]


@pytest.mark.parametrize("batch", [1, 2, 7, 10_000])
def test_odd_terms_same_bytes(tmp_path: Path, batch: int) -> None:
    events, docs = _odd_events()
    kw = {"model_name": "https://example.org/models/x,y"}
    expected = export_rdf(events, tmp_path / "a.ttl", docs, **kw).read_bytes()
    got = export_turtle(events, tmp_path / "b.ttl", docs, batch_events=batch, **kw)
    assert got.read_bytes() == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl", "b.ttl"]


def test_subjects_spanning_runs_are_merged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events, docs = _odd_events()
    merged: list[str] = []
    block = rdf_stream._Remerge.block

    def spy(self: rdf_stream._Remerge, bodies: list[str]) -> str:
        text = block(self, bodies)
        merged.append(text)
        return text

    monkeypatch.setattr(rdf_stream._Remerge, "block", spy)
    expected = export_rdf(events, tmp_path / "a.ttl", docs).read_text(encoding="utf-8")
    spool = TurtleSpool(batch_events=5, folder=tmp_path)
    spool.add(events)
    assert len(spool._runs) == 7  # 36 distinct events: 7 runs of 5 spilled, 1 held
    got = spool.write(tmp_path / "b.ttl", docs).read_text(encoding="utf-8")
    assert got == expected
    boss = next(b for b in merged if b.startswith("<https://w3id.org/kg/actor/ner%3Aboss>"))
    assert ",\n        " in boss  # its 30 targets, from several runs, wrapped as one list
    assert any(b.startswith("<https://w3id.org/kg/doc/odd") and "#char=0," in b for b in merged)


def test_one_batch_is_written_from_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("spilled")

    monkeypatch.setattr(TurtleSpool, "_spill", fail)
    events, docs = _odd_events()
    expected = export_rdf(events, tmp_path / "a.ttl", docs, run_id="r 1").read_bytes()
    got = export_turtle(events, tmp_path / "b.ttl", docs, run_id="r 1")
    assert got.read_bytes() == expected


@pytest.mark.parametrize("seed", range(6))
def test_spilled_lines_merge_into_the_writers_blocks(tmp_path: Path, seed: int) -> None:
    """Triples split at random over runs (the build's IRI among other objects too) give
    the blocks kg.rdf's writer makes of all of them, and the same prefixes."""
    rng = random.Random(seed)
    base = "https://w3id.org/kg/"
    run_iri = base + "run/the-build"
    iris = [
        *(f"{base}actor/a{i}" for i in range(20)),
        *(f"{base}doc/d#char={rng.randint(0, 99)},{rng.randint(100, 999)}" for i in range(20)),
        f"{base}doc/d#char=",
        f"{base}doc/d#char=x",
        "https://example.org/x,y",
        "urn:x:" + "long" * 20,
    ]
    predicates = [RDF + "type", RDF + "object", RDF + "value", "https://example.org/p,q"]
    literals = [
        _Lit('a "b", c ;\nd'),
        _Lit("5", None, XSD + "integer"),
        _Lit("true", None, XSD + "boolean"),
        _Lit("ü🚀\u2028"),
        *(_Lit("x" * n) for n in range(30, 46)),  # two of them: wrapped or not
    ]
    triples = {
        (rng.choice(iris), rng.choice(predicates), rng.choice([*iris, *literals, "PH"]))
        for _ in range(150)
    }
    spool = TurtleSpool(folder=tmp_path)
    builders = [spool._builder() for _ in range(3)]
    whole = _TurtleBackend(_Terms(spool._prefixes))
    for s, p, o in triples:
        builder = rng.choice(builders)
        builder.b.add(s, p, rdf_stream._PLACEHOLDER if o == "PH" else o)
        whole.add(s, p, run_iri if o == "PH" else o)
    for builder in builders:
        spool._spill(builder)
    out = io.StringIO()
    spool._merge(out, whole.terms.iri(run_iri))
    expected = "\n\n".join(_turtle_body(whole.subjects, whole.terms, rendered=True)) + "\n"
    assert out.getvalue() == expected
    assert spool._used | {"run"} == whole.terms.used
    spool.close()
    assert list(tmp_path.iterdir()) == []


def test_spilled_line_is_the_writers_block() -> None:
    """Each spilled line is kg.rdf's block of its subject (objects wrapped at 90 characters
    exactly as the writer wraps them)."""
    terms = _Terms(TurtleSpool()._prefixes)
    backend = _TurtleBackend(terms)
    for n in range(30, 48):
        s = f"https://w3id.org/kg/actor/a{n}"
        backend.add(s, RDF + "value", _Lit("x" * n))
        backend.add(s, RDF + "value", _Lit("y" * 38))
        backend.add(s, RDF + "type", f"https://w3id.org/kg/ont#C{n}")
    lines = list(rdf_stream._spill_lines(backend.subjects, terms))
    blocks = list(_turtle_body(backend.subjects, terms, rendered=True))
    got = [
        line.split("\x00", 1)[1][:-1].replace("\x02", "\n").replace("\x03", ",") for line in lines
    ]
    assert got == blocks
    assert sum(",\n" in b for b in blocks) == 10  # n = 38..47 wrap, 30..37 do not
