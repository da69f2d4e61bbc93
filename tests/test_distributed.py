"""The Dask engine gives the same events and graph as a local build (kg.distributed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pytest
from distributed import Client, LocalCluster

from kg.api import BuildStats, Extractor, build
from kg.datatypes import Document, Event
from kg.distributed import DaskExtractor, extract_partition
from kg.graph import build_graph

if TYPE_CHECKING:
    from collections.abc import Iterator

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_74217fae9d44953a.txt"

TEXTS = [
    "Egypt, Russia, the United Arab Emirates and Jordan backed Haftar. "
    "Haftar attacked Tripoli in April.",
    "Russia and Turkey mediated between the Tripoli government and Haftar. "
    "Haftar left Moscow without signing the deal.",
    "Arnor accused Gondor of violating the truce. Gondor rejected the accusation.",
    "Turkey has deployed troops to Libya. The government sought help from ally Turkey.",
]


@pytest.fixture(scope="module")
def actor_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """User actors unknown to the shipped gazetteer: they must reach the workers."""
    path = tmp_path_factory.mktemp("actors") / "fictional.jsonl"
    rows = [
        {"id": "arnor", "label": "Arnor", "type": "state", "country": None, "names": ["Arnor"]},
        {"id": "gondor", "label": "Gondor", "type": "state", "country": None, "names": ["Gondor"]},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    seed = Document("seed.txt", SEED.read_text(encoding="utf-8"))
    return [seed, *(Document(f"d{i}", text) for i, text in enumerate(TEXTS))]


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


def _ids(events: list[Event]) -> list[str]:
    return [e.event_id for e in events]


def _edges(graph: nx.MultiDiGraph[str]) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(u, v, k): dict(d) for u, v, k, d in graph.edges(keys=True, data=True)}


def test_partition_runs_in_process(documents: list[Document], extractor: Extractor) -> None:
    result = extract_partition(documents[1:3])
    local = [list(evs) for _, evs in extractor.process(documents[1:3])]
    assert [list(evs) for evs in result.events] == local
    assert all(words > 0 for _, words, _ in result.counts)
    assert not result.failures
    assert result.model_name == extractor.model_name


def test_dask_build_equals_local_build(
    client: Client, documents: list[Document], actor_file: Path
) -> None:
    local_ex = Extractor(actors=[actor_file])
    local = [e for _, evs in local_ex.process(documents) for e in evs]
    assert {"arnor", "gondor"} <= {a.actor.actor_id for e in local for a in (e.source, e.target)}

    stats = BuildStats()
    dask_ex = DaskExtractor(scheduler=client, actors=[actor_file], partition_size=1)
    pairs = list(dask_ex.process(documents, stats=stats))
    remote = [e for _, evs in pairs for e in evs]

    assert [d.doc_id for d, _ in pairs] == [d.doc_id for d in documents]  # input order
    assert _ids(remote) == _ids(local)
    assert remote == local  # the same events, field for field
    g_local, g_remote = build_graph(local), build_graph(remote)
    assert nx.utils.graphs_equal(g_local, g_remote)
    assert _edges(g_local) == _edges(g_remote)
    assert stats.documents == len(documents)
    assert stats.words > 0
    assert dask_ex.model_name == local_ex.model_name

    # each worker took part and loaded its pipeline exactly once
    loaded = client.run(lambda: len(__import__("kg.distributed").distributed._EXTRACTORS))
    assert sorted(loaded.values()) == [1, 1]


def test_build_with_the_dask_extractor(client: Client, documents: list[Document]) -> None:
    """kg.build accepts the Dask extractor: same graph, same per-document counts."""
    local = build(documents, extractor=Extractor())
    with DaskExtractor(scheduler=client, partition_size=2) as dask_ex:
        remote = build(documents, extractor=dask_ex)
        assert dask_ex.fingerprint == Extractor().fingerprint
    assert _ids(remote.events) == _ids(local.events)
    assert _edges(remote.graph) == _edges(local.graph)
    assert nx.utils.graphs_equal(remote.graph, local.graph)
    for field in ("documents", "sentences", "words", "events", "actors"):
        assert getattr(remote.stats, field) == getattr(local.stats, field), field
    assert [(s.sentences, s.words) for s in remote.stored] == [
        (s.sentences, s.words) for s in local.stored
    ]
    assert client.status == "running"  # a client it was given is not closed


def test_dask_engine_is_reusable(client: Client, documents: list[Document]) -> None:
    """A second run on the same workers reuses their cached pipelines."""
    dask_ex = DaskExtractor(scheduler=client, partition_size=2)
    first = [e.event_id for _, evs in dask_ex.process(documents[:2]) for e in evs]
    again = [e.event_id for _, evs in dask_ex.process(documents[:2]) for e in evs]
    assert first
    assert first == again


def test_a_verb_dictionary_reaches_the_workers(client: Client, tmp_path: Path) -> None:
    verbs = tmp_path / "my.verbs"
    verbs.write_text("--- RESTORE [064] ---\nRESTORE\n- * TIES [064]\n", encoding="utf-8")
    docs = [Document("t", "Ethiopia restored diplomatic ties with Libya on Monday.")]
    local = Extractor(verbs=[verbs])
    want = [e for _, evs in local.process(docs) for e in evs]
    assert [e.cameo_code for e in want] == ["064"]  # the user's code, not kg's 050
    dask_ex = DaskExtractor(scheduler=client, verbs=[verbs])
    assert [e for _, evs in dask_ex.process(docs) for e in evs] == want
    assert dask_ex.fingerprint == local.fingerprint
