"""kg.rdf_stream: the bounded-memory Turtle export gives export_rdf's bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.api import Extractor
from kg.datatypes import Document, Event
from kg.examples import toy_document, toy_events
from kg.rdf import export_rdf
from kg.rdf_stream import TurtleSpool, export_turtle


@pytest.fixture(scope="module")
def seed_events(extractor: Extractor, seeds_dir: Path) -> list[Event]:
    return list(kg.extract(seeds_dir, extractor=extractor))


@pytest.mark.parametrize("batch", [1, 3, 10_000])
def test_same_bytes_as_export_rdf(
    seed_events: list[Event], tmp_path: Path, batch: int
) -> None:
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
