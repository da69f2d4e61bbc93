"""End to end on the seed article: the public API and the files a build writes."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib

import kg
from kg.api import BuildResult, Extractor
from kg.datatypes import Document
from kg.errors import InputError


@pytest.fixture(scope="module")
def seed_build(
    extractor: Extractor, seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[BuildResult, Path]:
    out = tmp_path_factory.mktemp("out")
    return kg.build(seeds_dir, out=out, extractor=extractor), out


def _asserted(result: BuildResult) -> set[tuple[str, str, str]]:
    return {
        (e.source.actor.actor_id, e.relation.name, e.target.actor.actor_id)
        for e in result.events
        if not e.negated
    }


def test_build_writes_the_four_outputs(seed_build: tuple[BuildResult, Path]) -> None:
    result, out = seed_build
    for name in ("triples.jsonl", "graph.ttl", "graph.graphml", "alliances.png"):
        assert (out / name).stat().st_size > 0, name
    lines = (out / "triples.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(result.events) > 10
    rec = json.loads(lines[0])
    for key in (
        "doc",
        "sentence",
        "start",
        "end",
        "source",
        "relation",
        "target",
        "negated",
        "modality",
        "date",
        "confidence",
        "plover",
        "cameo",
        "quad",
        "polarity",
    ):
        assert key in rec
    for key in ("id", "label", "text", "type", "country", "code"):
        assert key in rec["source"]
    g = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert len(g) > 100
    graph = nx.read_graphml(out / "graph.graphml")
    assert graph.number_of_nodes() == result.graph.number_of_nodes()
    assert (out / "alliances.png").read_bytes()[:4] == b"\x89PNG"


def test_sentence_spans_point_into_the_document(
    seed_build: tuple[BuildResult, Path], seeds_dir: Path
) -> None:
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
        if e.relation.name in ("agrees_with", "negotiates_with", "fights", "accuses"):
            # the mediators are no party to the deal, the talks or the fighting
            assert not {src, e.target.actor.actor_id} & {"russia", "turkey"}, e
    negated = [e for e in result.events if e.negated]
    assert any(
        e.source.actor.actor_id == "khalifa_haftar" and e.relation.name == "agrees_with"
        for e in negated
    )
    # furniture never becomes an actor
    labels = {d.get("label", "") for _, d in result.graph.nodes(data=True)}
    assert not any("Please" in lab or "favorites" in lab or "Script" in lab for lab in labels)


def test_extract_matches_build(
    extractor: Extractor, seeds_dir: Path, seed_build: tuple[BuildResult, Path]
) -> None:
    result, _ = seed_build
    events = list(kg.extract(seeds_dir, extractor=extractor))
    assert [e.event_id for e in events] == [e.event_id for e in result.events]


def test_summary_mentions_counts(seed_build: tuple[BuildResult, Path]) -> None:
    result, _ = seed_build
    text = result.stats.summary()
    assert "documents  1" in text
    assert "backs" in text


# --------------------------------------------------------------------------- incremental


DOCS_A = {
    "a1.txt": "Egypt condemned Turkey on Monday.",
    "a2.txt": "Russia backed Haftar. Qatar aided the Tripoli government.",
    "a3.txt": "Iran threatened Israel.",
}
DOCS_B = {
    "b1.txt": "Jordan backed Egypt.",
    "a2.txt": "Russia and Turkey mediated between Sarraj and Haftar.",  # changed
}
OUTPUTS = (
    "triples.jsonl",
    "graph.ttl",
    "graph.graphml",
    "alliances.png",
    "documents.jsonl",
    "state.json",
)


def _folder(root: Path, docs: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (root / name).write_text(text + "\n", encoding="utf-8")
    return root


def _files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_update_equals_a_full_rebuild(extractor: Extractor, tmp_path: Path) -> None:
    a = _folder(tmp_path / "a", DOCS_A)
    b = _folder(tmp_path / "b", DOCS_B)
    inc = tmp_path / "inc"
    first = kg.build(a, out=inc, extractor=extractor)
    assert (first.stats.parsed, first.stats.reused) == (3, 0)
    second = kg.build(b, out=inc, extractor=extractor, update=True)
    # a1 and a3 are kept from the first run without parsing; a2 is replaced; b1 added
    assert second.stats.parsed == 2
    assert second.stats.documents == 4
    assert [d.doc_id for d in second.documents] == ["a1.txt", "a2.txt", "a3.txt", "b1.txt"]
    texts = {e.provenance.sentence for e in second.events}
    assert "Russia backed Haftar." not in texts  # the old version of a2 is gone
    full = kg.build([a, b], out=tmp_path / "full", extractor=extractor)
    assert _files(inc) == _files(tmp_path / "full")
    assert nx.utils.graphs_equal(second.graph, full.graph)
    assert second.events == full.events
    # only the event files of the output's documents are kept
    assert len(list((inc / "events").rglob("*.jsonl"))) == 4


def test_rerun_reuses_unchanged_documents(extractor: Extractor, tmp_path: Path) -> None:
    a = _folder(tmp_path / "a", DOCS_A)
    out = tmp_path / "out"
    first = kg.build(a, out=out, extractor=extractor)
    before = _files(out)
    again = kg.build(a, out=out, extractor=extractor)
    assert (again.stats.parsed, again.stats.reused) == (0, 3)
    assert _files(out) == before
    assert again.events == first.events
    fresh = kg.build(a, out=out, extractor=extractor, fresh=True)
    assert fresh.stats.parsed == 3
    # without --update, documents no longer in the input leave the output
    (a / "a3.txt").unlink()
    fewer = kg.build(a, out=out, extractor=extractor)
    assert [d.doc_id for d in fewer.documents] == ["a1.txt", "a2.txt"]


def test_update_reextracts_stored_documents_when_kg_changes(
    extractor: Extractor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = _folder(tmp_path / "a", DOCS_A)
    b = _folder(tmp_path / "b", {"b1.txt": DOCS_B["b1.txt"]})
    out = tmp_path / "out"
    first = kg.build(a, out=out, extractor=extractor)
    # first.events reads the event files of `out`, which the re-extraction below replaces
    first_events = list(first.events)
    monkeypatch.setattr(extractor, "fingerprint", "another-version")
    second = kg.build(b, out=out, extractor=extractor, update=True)
    # the stored texts of a1..a3 are parsed again (their sources were not given)
    assert second.stats.parsed == 4
    assert second.events[: len(first_events)] == first_events
    with pytest.raises(kg.KgError, match="the events of this build are gone"):
        list(first.events)


def test_an_interrupted_build_resumes(extractor: Extractor, tmp_path: Path) -> None:
    a = _folder(tmp_path / "a", DOCS_A)
    out = tmp_path / "out"
    kg.build(a, out=out, extractor=extractor)  # a finished earlier build
    before = _files(out)
    (a / "a4.txt").write_text("Syria accused Turkey.\n", encoding="utf-8")
    (a / "a5.txt").write_text("Algeria mediated between the Libyan parties.\n", encoding="utf-8")
    seen: list[str] = []

    def stop_after_a4(document: Document) -> None:
        seen.append(document.doc_id)
        if document.doc_id == "a4.txt":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        kg.build(a, out=out, extractor=extractor, progress=stop_after_a4)
    assert _files(out) == before  # the old output is intact
    assert not [p for p in out.rglob("*") if ".tmp" in p.name]
    resumed = kg.build(a, out=out, extractor=extractor)
    assert (resumed.stats.parsed, resumed.stats.reused) == (1, 4)  # only a5 was left
    assert resumed.events == kg.build(a, extractor=extractor).events


def test_a_full_disk_leaves_the_old_output_intact(
    extractor: Extractor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    from kg.errors import OutputError

    a = _folder(tmp_path / "a", DOCS_A)
    out = tmp_path / "out"
    kg.build(a, out=out, extractor=extractor)
    before = _files(out)
    (a / "a4.txt").write_text("Syria accused Turkey.\n", encoding="utf-8")
    real_replace = os.replace

    def full_disk(src: str, dst: str) -> None:
        if str(dst).endswith("graph.graphml"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OutputError, match=r"No space left on device.*re-run"):
        kg.build(a, out=out, extractor=extractor)
    monkeypatch.setattr(os, "replace", real_replace)
    assert (out / "graph.graphml").read_bytes() == before["graph.graphml"]
    assert (out / "state.json").read_bytes() == before["state.json"]
    assert not [p for p in out.rglob("*") if ".tmp" in p.name]
    nx.read_graphml(out / "graph.graphml")
    rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    resumed = kg.build(a, out=out, extractor=extractor)
    assert resumed.stats.reused == 4
    assert resumed.stats.documents == 4


# --------------------------------------------------------------------------- bad input


def test_bad_inputs_are_counted_reported_and_the_batch_goes_on(
    extractor: Extractor, tmp_path: Path
) -> None:
    data = Path(__file__).resolve().parent / "data" / "ingest" / "bad"
    out = tmp_path / "out"
    seen: list[InputError] = []
    result = kg.build(data, out=out, extractor=extractor, on_issue=seen.append)
    assert result.stats.documents == 5
    assert len(result.stats.errors) == 13
    assert len(result.stats.warnings) == 1
    assert "errors     13 inputs skipped (see errors.jsonl)" in result.stats.summary()
    report = [json.loads(line) for line in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    assert len(report) == len(seen) == 14
    assert {"severity", "kind", "source", "line", "byte", "message"} <= set(report[0])
    with pytest.raises(InputError, match=r"blank\.txt"):
        kg.build(data, out=tmp_path / "strict", extractor=extractor, strict=True)


def test_documents_report_keeps_html_text_and_offsets(extractor: Extractor, tmp_path: Path) -> None:
    page = Path(__file__).resolve().parent / "data" / "ingest" / "good" / "seed.html"
    out = tmp_path / "out"
    result = kg.build(page, out=out, extractor=extractor)
    (rec,) = [json.loads(x) for x in (out / "documents.jsonl").read_text("utf-8").splitlines()]
    assert rec["format"] == "html"
    assert rec["events"] == len(result.events)
    html = page.read_text(encoding="utf-8")
    for e in result.events:  # every triple's sentence can be found in the page
        p = e.provenance
        assert rec["text"][p.start : p.end] == p.sentence
        for t0, s0, n in rec["offsets"]:
            if t0 <= p.trigger_start < t0 + n:
                k = s0 + p.trigger_start - t0
                assert html[k : k + len(p.trigger)] == p.trigger
                break
        else:
            raise AssertionError(f"trigger of {p} not mapped")


# --------------------------------------------------------------------------------------------
# large builds: events read back from the folder, bounded edges, worker processes


def test_events_of_a_build_with_out_are_read_back_from_it(
    seed_build: tuple[BuildResult, Path], extractor: Extractor, seeds_dir: Path, tmp_path: Path
) -> None:
    from kg.rdf import export_rdf
    from kg.state import StoredEvents

    result, out = seed_build
    assert isinstance(result.events, StoredEvents)
    plain = kg.build(seeds_dir, extractor=extractor)  # no folder: a list
    assert isinstance(plain.events, list)
    assert result.events == plain.events
    assert plain.events == list(result.events)
    n = len(plain.events)
    assert len(result.events) == n
    assert result.events[0] == plain.events[0]
    assert result.events[-1] == plain.events[-1]
    assert result.events[3:9:2] == plain.events[3:9:2]
    with pytest.raises(IndexError):
        result.events[n]
    assert not result.stored[0].events  # stored in the folder, not in the result
    assert nx.utils.graphs_equal(result.graph, plain.graph)
    # graph.ttl is written in bounded memory, with export_rdf's bytes
    expected = export_rdf(
        plain.events, tmp_path / "x.ttl", plain.documents, model_name=extractor.model_name
    )
    assert (out / "graph.ttl").read_bytes() == expected.read_bytes()


def test_edges_keep_a_bounded_provenance(extractor: Extractor, tmp_path: Path) -> None:
    docs = {f"r{i}.txt": "Russia backed Haftar. Egypt condemned Turkey." for i in range(4)}
    src = _folder(tmp_path / "src", docs)
    bounded = kg.build(src, out=tmp_path / "out", extractor=extractor, max_provenance=2)
    full = kg.build(src, extractor=extractor, max_provenance=None)
    edge = bounded.graph.edges["russia", "khalifa_haftar", "backs"]
    assert edge["mentions"] == 4
    assert full.graph.edges["russia", "khalifa_haftar", "backs"]["mentions"] == 4
    assert len(kg.graph.provenance(edge)) == 2
    assert len(bounded.events) == len(full.events) == 8  # every mention is still there
    graphml = kg.graph.read_graph(tmp_path / "out" / "graph.graphml")
    assert graphml.edges["russia", "khalifa_haftar", "backs"]["mentions"] == 4


def test_two_worker_processes_give_the_events_of_one(
    extractor: Extractor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.api import BuildStats

    texts = [
        *DOCS_A.values(),
        *DOCS_B.values(),
        "Egypt and Russia backed Haftar.",
        "Turkey deployed troops to Libya.",
        "Haftar attacked Tripoli on Monday.",
    ]
    docs = [Document(f"p{i}", text) for i, text in enumerate(texts)]
    stats_one, stats_two = BuildStats(), BuildStats()
    one = [(d.doc_id, evs) for d, evs in extractor.process(docs, stats=stats_one)]
    two = [
        (d.doc_id, evs)
        for d, evs in extractor.process(docs, n_process=2, batch_size=2, stats=stats_two)
    ]  # several chunks per worker
    assert two == one
    assert sum(len(evs) for _, evs in one) > 5
    assert (stats_two.documents, stats_two.sentences, stats_two.words) == (
        stats_one.documents,
        stats_one.sentences,
        stats_one.words,
    )
    # a build with two workers writes the same files
    a = _folder(tmp_path / "a", DOCS_A)
    kg.build(a, out=tmp_path / "one", extractor=extractor)
    kg.build(a, out=tmp_path / "two", extractor=extractor, n_process=2)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    # a document whose extraction fails in a worker is reported and yields no events
    real = Extractor.events

    def flaky(self: Extractor, doc: object, document: Document) -> list[kg.Event]:
        if document.doc_id == "p3":
            raise ValueError("boom")
        return real(self, doc, document)

    monkeypatch.setattr(Extractor, "events", flaky)  # the forked workers see it too
    failed: list[tuple[str, str]] = []
    got = [
        (d.doc_id, evs)
        for d, evs in extractor.process(
            docs, n_process=2, batch_size=2, on_error=lambda d, e: failed.append((d.doc_id, str(e)))
        )
    ]
    assert failed == [("p3", "boom")]
    assert got == [(i, [] if i == "p3" else evs) for i, evs in one]
    with pytest.raises(ValueError, match="boom"):
        list(extractor.process(docs, n_process=2))
