"""Stores and endpoints: an on-disk Oxigraph store that builds append to, and a real Oxigraph
SPARQL server (the ``oxigraph`` package, a dev dependency) started on a free loopback port."""

from __future__ import annotations

import dataclasses
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import XSD, Graph, Literal
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import kg
from kg.api import BuildResult, Extractor
from kg.cli import app
from kg.datatypes import Actor
from kg.examples import toy_document, toy_events
from kg.queries import named_query, run_query
from kg.rdf import export_rdf, to_rdf
from kg.store import StoreError, append, open_store, publish, push, query_store, update_url

runner = CliRunner()


@pytest.fixture(scope="module")
def seed_build(extractor: Extractor, seeds_dir: Path) -> BuildResult:
    return kg.build(seeds_dir, extractor=extractor)


@pytest.fixture(scope="module")
def seed_file(seed_build: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seeds") / "graph.ttl"
    return export_rdf(seed_build.events, out, seed_build.documents, model_name="m")


# --------------------------------------------------------------------------- on-disk store


def test_a_store_accumulates_builds_and_answers_queries(tmp_path: Path, seed_file: Path) -> None:
    folder = tmp_path / "kgstore"
    store = open_store(folder)
    toy = append(store, toy_events(), [toy_document()])
    assert toy == len(to_rdf(toy_events(), [toy_document()]))
    assert append(store, toy_events(), [toy_document()]) == toy  # the same build twice: no change
    total = append(store, seed_file)
    assert total > toy
    rows = query_store(store, "backers", actor="khalifa_haftar")
    assert {"egypt", "russia"} <= {r["backer"] for r in rows}
    del store  # close it: the folder is locked while open
    again = run_query(folder, named_query("backers", actor="khalifa_haftar"))
    assert again == rows
    assert query_store(folder, "backers", actor="khalifa_haftar") == rows
    reopened = open_store(folder)
    assert len(reopened) == total


def test_a_bad_file_adds_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    append(store, toy_events())
    before = len(store)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://a.example/s> <http://a.example/p> <http://a.example/o> .\n<<<", "utf-8")
    with pytest.raises(StoreError):
        append(store, bad)
    assert len(store) == before
    with pytest.raises(StoreError, match="no such file"):
        append(store, tmp_path / "missing.ttl")
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("", "utf-8")
    with pytest.raises(StoreError, match="not a folder"):
        open_store(not_a_folder)


def test_cli_store_add_and_query_store(tmp_path: Path, seed_file: Path) -> None:
    folder = tmp_path / "kgstore"
    res = runner.invoke(app, ["store-add", str(seed_file), "--store", str(folder)])
    assert res.exit_code == 0, res.output
    assert "triples" in res.stdout
    res = runner.invoke(
        app,
        [
            "query",
            "--store",
            str(folder),
            "--named",
            "backers",
            "--actor",
            "khalifa_haftar",
            "--format",
            "csv",
        ],
    )
    assert res.exit_code == 0, res.output
    backers = {line.split(",")[1] for line in res.stdout.splitlines()[1:]}
    assert {"egypt", "russia"} <= backers
    res = runner.invoke(app, ["store-add", str(seed_file)])
    assert res.exit_code == 2


def test_publish_appends_the_build_output(tmp_path: Path, seed_file: Path) -> None:
    lines = publish(seed_file, store=tmp_path / "s")
    assert lines[0].startswith("store")
    assert len(open_store(tmp_path / "s")) == len(Graph().parse(seed_file))


# --------------------------------------------------------------------------- endpoint


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    assert Path(found).exists(), "oxigraph server missing: pip install oxigraph (a dev dependency)"
    return found


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph SPARQL server on a free loopback port, stopped after the tests."""
    binary = _oxigraph_binary()
    for _ in range(5):
        port = _free_port()
        folder = tmp_path_factory.mktemp("oxigraph")
        proc = subprocess.Popen(
            [binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/query"
        deadline = time.monotonic() + 30
        ready = False
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2) as response:
                    ready = response.status == 200
                break
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        if ready:
            try:
                yield url
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            return
        proc.kill()  # the port was taken meanwhile, or it did not start: try another
        proc.wait()
    pytest.fail("could not start the oxigraph server")


def _clear(url: str) -> None:
    request = urllib.request.Request(
        update_url(url),
        data=b"CLEAR ALL",
        method="POST",
        headers={"Content-Type": "application/sparql-update"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()


def test_update_url_is_guessed_from_the_query_url() -> None:
    assert update_url("http://h:7878/query") == "http://h:7878/update"
    assert update_url("http://h/ds/query/") == "http://h/ds/update"
    assert update_url("http://h/blazegraph/sparql") == "http://h/blazegraph/sparql"


def test_push_and_query_an_endpoint(endpoint: str, seed_file: Path) -> None:
    _clear(endpoint)
    sent = push(endpoint, seed_file, batch_size=500)
    assert sent == len(Graph().parse(seed_file))
    local = run_query(seed_file, named_query("mediators"))
    assert run_query(endpoint, named_query("mediators")) == local
    assert local
    backers = run_query(endpoint, named_query("backers", actor="khalifa_haftar"))
    assert backers == run_query(seed_file, named_query("backers", actor="khalifa_haftar"))


def test_hostile_literals_reach_the_endpoint_intact(endpoint: str) -> None:
    _clear(endpoint)
    events = toy_events()
    tricky = 'quote " backslash \\ \\u0022 \\n newline\n tab\t nul\x00 é 哈 🇱🇾 } . INSERT'
    actor = Actor('odd id \\u0041 "x" >', tricky, aliases=(tricky + " alias",))
    events[0] = dataclasses.replace(
        events[0], source=dataclasses.replace(events[0].source, actor=actor, text=tricky)
    )
    graph = to_rdf(events, [toy_document()])
    assert push(endpoint, graph, batch_size=50) == len(graph)
    rows = run_query(endpoint, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert len(rows) == len(graph)
    labels = run_query(
        endpoint,
        "SELECT ?l WHERE { ?a <http://purl.org/dc/terms/identifier> "
        "'odd id \\\\u0041 \"x\" >' ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }",
    )
    assert labels == [{"l": tricky}]
    assert isomorphic(_dump(endpoint), _as_oxigraph_stores_it(graph))


def _as_oxigraph_stores_it(graph: Graph) -> Graph:
    """Oxigraph 0.5 keeps integer values, not the derived type: a stored
    xsd:nonNegativeInteger reads back as xsd:integer (same value)."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.nonNegativeInteger:
            o = Literal(str(o), datatype=XSD.integer)
        out.add((s, p, o))
    return out


def _dump(url: str) -> Graph:
    """Everything the endpoint holds, as N-Triples parsed by rdflib (datatypes intact)."""
    request = urllib.request.Request(
        url,
        data=b"CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
        method="POST",
        headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return Graph().parse(data=response.read().decode("utf-8"), format="nt")


def test_cli_push_and_query_an_endpoint(endpoint: str, seed_file: Path) -> None:
    _clear(endpoint)
    res = runner.invoke(app, ["store-add", str(seed_file), "--endpoint", endpoint])
    assert res.exit_code == 0, res.output
    res = runner.invoke(
        app,
        [
            "query",
            "--endpoint",
            endpoint,
            "--named",
            "enemies",
            "--actor",
            "khalifa_haftar",
            "-f",
            "json",
        ],
    )
    assert res.exit_code == 0, res.output
    assert '"enemy"' in res.stdout
    res = runner.invoke(app, ["query", "--endpoint", endpoint, "SELECT WHERE {"])
    assert res.exit_code == 2
    assert "HTTP 400" in res.output
