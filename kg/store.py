"""Where ``kg`` graphs accumulate: an on-disk Oxigraph store, or a SPARQL 1.1 endpoint.

A store is a folder holding an embedded Oxigraph (RocksDB) database. Every build appended
to it adds its triples (RDF merge: events, actors and documents keep their IRIs, so the same
event read twice is stored once), and SPARQL queries run on the whole history::

    store = open_store("kgstore/")
    append(store, events)                  # or an rdflib Graph, or a .ttl/.nt file
    run_query(store, named_query("backers", actor="khalifa_haftar"))

An endpoint is any SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB, ...): :func:`push` sends
the triples as ``INSERT DATA`` updates in batches, :func:`kg.queries.run_query` queries it.

>>> from kg.examples import toy_events
>>> store = open_store(None)  # in memory
>>> append(store, toy_events())
331
>>> [r["backer"] for r in query_store(store, "backers", actor="khalifa_haftar")]
['egypt', 'russia']
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.datatypes import Document, Event
from kg.errors import KgError
from kg.queries import _RDF_SUFFIXES, Row, named_query, run_query
from kg.rdf import DEFAULT_BASE, serialize, serialize_events
from kg.vocab import InstanceNamespaces

__all__ = [
    "StoreError",
    "append",
    "open_store",
    "publish",
    "push",
    "query_store",
    "update_url",
]

Data = Graph | Iterable[Event] | str | os.PathLike[str]


class StoreError(KgError):
    """A store that cannot be opened or written, or an endpoint that refuses an update."""


def open_store(path: str | os.PathLike[str] | None) -> ox.Store:
    """The Oxigraph store in folder ``path`` (created if missing); ``None``: in memory.

    Only one process may have a store folder open for writing at a time.
    """
    if path is None:
        return ox.Store()
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder}: not a folder (a store is a folder)")
    try:
        return ox.Store(str(folder))
    except OSError as exc:
        raise StoreError(f"{folder}: cannot open the store ({exc})") from None


def _rdf_file(data: str | os.PathLike[str]) -> tuple[Path, ox.RdfFormat]:
    path = Path(data)
    if not path.is_file():
        raise StoreError(f"{path}: no such file")
    fmt = _RDF_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise StoreError(f"{path}: cannot tell the RDF format from the suffix {path.suffix!r}")
    return path, fmt


def _ntriples(
    data: Data,
    documents: Iterable[Document],
    *,
    base: str,
    model_name: str | None,
) -> bytes:
    """``data`` as N-Triples."""
    if isinstance(data, Graph):
        return serialize(data, "nt").encode("utf-8")
    if isinstance(data, str | os.PathLike):
        path, fmt = _rdf_file(data)
        try:
            triples = (ox.Triple(q.subject, q.predicate, q.object) for q in _quads(path, fmt))
            text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{path}: {exc}") from None
        assert text is not None
        return text
    return serialize_events(data, documents, format="nt", base=base, model_name=model_name).encode(
        "utf-8"
    )


def _quads(path: Path, fmt: ox.RdfFormat) -> Iterator[ox.Quad]:
    for item in ox.parse(path=str(path), format=fmt):
        if isinstance(item, ox.Quad):
            yield item
        else:
            yield ox.Quad(item.subject, item.predicate, item.object)


def append(
    store: ox.Store,
    data: Data,
    documents: Iterable[Document] = (),
    *,
    base: str = DEFAULT_BASE,
    model_name: str | None = None,
) -> int:
    """Add ``data`` to ``store`` in one transaction and return the store's triple count.

    ``data``: events (written as :func:`kg.rdf.to_rdf` would), an rdflib graph, or the path
    of an RDF file (``.ttl``, ``.nt``, ``.nq``, ``.trig``; e.g. the ``graph.ttl`` of
    ``kg build``; quads keep their graph, which queries see as one).
    """
    InstanceNamespaces.from_base(base)  # a bad base fails before anything is written
    try:
        if isinstance(data, str | os.PathLike):
            path, fmt = _rdf_file(data)
            store.load(path=str(path), format=fmt)
        else:
            payload = _ntriples(data, documents, base=base, model_name=model_name)
            store.load(payload, ox.RdfFormat.N_TRIPLES)
    except (OSError, SyntaxError, ValueError) as exc:
        raise StoreError(f"cannot add to the store: {exc}") from None
    store.flush()
    return len(store)


def query_store(store: ox.Store | str | os.PathLike[str], name: str, **params: str) -> list[Row]:
    """Run named query ``name`` (see :func:`kg.queries.named_query`) on a store or its folder."""
    source = store if isinstance(store, ox.Store) else Path(store)
    return run_query(source, named_query(name, **params))


# --------------------------------------------------------------------------- endpoints


def update_url(query_url: str) -> str:
    """The update URL that goes with a query URL: ``.../query`` -> ``.../update`` (Oxigraph,
    Fuseki), otherwise the same URL (Blazegraph, Virtuoso, GraphDB take both on one URL)."""
    head, slash, last = query_url.rstrip("/").rpartition("/")
    if slash and last in ("query", "sparql-query"):
        return f"{head}/update"
    return query_url


def _batches(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for line in lines:
        if line:
            batch.append(line)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def push(
    endpoint: str,
    data: Data,
    documents: Iterable[Document] = (),
    *,
    update: str | None = None,
    base: str = DEFAULT_BASE,
    model_name: str | None = None,
    batch_size: int = 5_000,
    timeout: float = 120.0,
) -> int:
    """Send ``data`` to a SPARQL 1.1 endpoint as ``INSERT DATA`` updates of ``batch_size``
    triples; return the number of triples sent.

    ``endpoint`` is the query URL; the updates go to ``update`` (default:
    :func:`update_url`). Each batch is a separate request: a failed push can simply be
    repeated, since inserting a triple twice stores it once.
    """
    payload = _ntriples(data, documents, base=base, model_name=model_name)
    target = update or update_url(endpoint)
    sent = 0
    for batch in _batches(payload.decode("utf-8").split("\n"), batch_size):
        body = "INSERT DATA {\n" + "\n".join(batch) + "\n}\n"
        request = urllib.request.Request(
            target,
            data=body.encode("utf-8"),
            method="POST",
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip()[:500]
            raise StoreError(
                f"{target}: HTTP {exc.code} after {sent} triples: {detail or exc.reason}"
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"{target}: {exc} (after {sent} triples)") from None
        sent += len(batch)
    return sent


def publish(
    rdf_file: str | os.PathLike[str],
    *,
    store: str | os.PathLike[str] | None = None,
    endpoint: str | None = None,
) -> list[str]:
    """Append an RDF file (``kg build``'s ``graph.ttl``) to a store folder and/or push it to
    an endpoint; return one line per target for the terminal."""
    lines: list[str] = []
    if store is not None:
        opened = open_store(store)
        try:
            total = append(opened, rdf_file)
        finally:
            del opened  # release the folder lock now
        lines.append(f"store      {store} ({total} triples)")
    if endpoint is not None:
        sent = push(endpoint, rdf_file)
        lines.append(f"endpoint   {endpoint} ({sent} triples sent)")
    return lines
