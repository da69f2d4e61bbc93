"""SPARQL over ``kg`` graphs: one call for rdflib graphs, RDF files, Oxigraph stores and
SPARQL endpoints, plus named queries shipped as data (``kg/data/queries/*.rq``).

>>> from kg.examples import toy_document, toy_events
>>> from kg.rdf import to_rdf
>>> graph = to_rdf(toy_events(), [toy_document()])
>>> [row["backer"] for row in run_query(graph, named_query("backers", actor="khalifa_haftar"))]
['egypt', 'russia']

Named queries are plain SPARQL files whose parameters are ``VALUES ?name { UNDEF }`` lines:
unbound, a query answers for every actor; :func:`named_query` binds a parameter by replacing
its line with a string literal, after checking that the value cannot leave the literal (no
quote, backslash or control character), so no value can change the query.
"""

from __future__ import annotations

import functools
import json
import re
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeAlias

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import KgError

__all__ = [
    "NamedQuery",
    "QueryError",
    "Row",
    "Source",
    "Value",
    "endpoint_query",
    "named_queries",
    "named_query",
    "open_source",
    "run_query",
]

#: A result cell: IRIs and plain/date literals as ``str``, numbers and booleans as Python
#: values, blank nodes as ``"_:id"``, unbound as ``None``.
Value: TypeAlias = str | int | float | bool | None
Row: TypeAlias = dict[str, Value]
#: What :func:`run_query` accepts: an rdflib graph, a pyoxigraph store, an RDF file or a
#: store folder (path), or a SPARQL endpoint URL (``http(s)://...``).
Source: TypeAlias = "Graph | ox.Store | str | Path"

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = frozenset(
    _XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
)
_FLOATS = frozenset(_XSD + t for t in ("decimal", "double", "float"))
_BOOLEAN = _XSD + "boolean"
_UNSAFE_VALUE = re.compile(r'["\\\x00-\x1f\x7f]')
_PARAM = re.compile(r"^#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$")
_UNORDERED = re.compile(r"^#\s*unordered\s*:\s*(.*)$")
_RDF_SUFFIXES = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}


class QueryError(KgError):
    """A query that cannot run: bad SPARQL, an unreadable source, an endpoint error."""


# --------------------------------------------------------------------------- named queries


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query of ``kg/data/queries/<name>.rq``: its text, description and parameters."""

    name: str
    description: str
    params: Mapping[str, str]  # parameter -> what it is
    unordered: tuple[str, ...]  # parameters whose values may be given in either order
    text: str


def _parse_named(name: str, text: str) -> NamedQuery:
    description: list[str] = []
    params: dict[str, str] = {}
    unordered: tuple[str, ...] = ()
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if m := _PARAM.match(line):
            params[m[1]] = m[2].strip()
        elif m := _UNORDERED.match(line):
            unordered = tuple(m[1].split())
        elif not params and line.strip("# "):
            description.append(line.lstrip("#").strip())
    for param in params:
        if f"VALUES ?{param} {{ UNDEF }}" not in text:
            raise ValueError(f"{name}.rq declares {param} but has no 'VALUES ?{param} {{ UNDEF }}'")
    return NamedQuery(name, " ".join(description), params, unordered, text)


@functools.cache
def named_queries() -> dict[str, NamedQuery]:
    """The named queries shipped with ``kg``, by name (the ``.rq`` file name)."""
    folder = resources.files("kg").joinpath("data", "queries")
    out: dict[str, NamedQuery] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[: -len(".rq")]
            out[name] = _parse_named(name, entry.read_text(encoding="utf-8"))
    return out


def _literal(param: str, value: str) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{param} must be a non-empty string, got {value!r}")
    if _UNSAFE_VALUE.search(value):
        raise ValueError(
            f"{param}={value!r}: quotes, backslashes and control characters are not allowed"
        )
    return f'"{value}"'


def named_query(name: str, **params: str) -> str:
    """The SPARQL text of named query ``name`` with ``params`` bound (actor ids).

    Parameters left out stay unbound: the query then answers for every value. Raises
    ``KeyError`` for an unknown query and ``ValueError`` for an unknown parameter or a value
    that is not a plain string.

    >>> print(named_query("backers", actor="khalifa_haftar").split("WHERE {")[1].split("\\n")[1])
      VALUES ?actor { "khalifa_haftar" }
    >>> named_query("backers", actor='x" } ?s ?p ?o {')
    Traceback (most recent call last):
    ...
    ValueError: actor='x" } ?s ?p ?o {': quotes, backslashes and control characters are not allowed
    """
    queries = named_queries()
    if name not in queries:
        raise KeyError(f"no named query {name!r}; known: {', '.join(sorted(queries))}")
    query = queries[name]
    unknown = sorted(set(params) - set(query.params))
    if unknown:
        known = ", ".join(query.params) or "none"
        raise ValueError(f"{name} takes no parameter {unknown[0]!r} (parameters: {known})")
    values = {p: _literal(p, v) for p, v in params.items() if v is not None}
    pair = [p for p in query.unordered if p in values]
    if len(pair) == len(query.unordered) > 1:  # either order: bind them sorted
        for p, v in zip(pair, sorted(values[p] for p in pair), strict=True):
            values[p] = v
    text = query.text
    for param, literal in values.items():
        text = text.replace(f"VALUES ?{param} {{ UNDEF }}", f"VALUES ?{param} {{ {literal} }}")
    return text


# --------------------------------------------------------------------------- values


def _typed(lexical: str, datatype: str | None) -> Value:
    try:
        if datatype == _BOOLEAN:
            return lexical.strip() in ("true", "1")
        if datatype in _INTEGERS:
            return int(lexical)
        if datatype in _FLOATS:
            return float(lexical)
    except ValueError:
        return lexical
    return lexical


def _from_rdflib(node: Node | None) -> Value:
    if node is None:
        return None
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, RDFLiteral):
        return _typed(str(node), str(node.datatype) if node.datatype is not None else None)
    return str(node)


def _from_ox(term: Any) -> Value:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return _typed(term.value, term.datatype.value)
    return str(term)


def _from_json(cell: Mapping[str, Any] | None) -> Value:
    if cell is None:
        return None
    kind, value = cell.get("type"), str(cell.get("value", ""))
    if kind == "uri":
        return value
    if kind == "bnode":
        return f"_:{value}"
    return _typed(value, cell.get("datatype"))


# --------------------------------------------------------------------------- running


def _rdflib_rows(result: Result) -> list[Row]:
    if result.type == "ASK":
        return [{"ask": bool(result.askAnswer)}]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        return [
            {"subject": _from_rdflib(s), "predicate": _from_rdflib(p), "object": _from_rdflib(o)}
            for s, p, o in result.graph
        ]
    names = [str(v) for v in result.vars or []]
    rows: list[Row] = []
    for row in result:
        assert isinstance(row, tuple)
        rows.append({n: _from_rdflib(cell) for n, cell in zip(names, row, strict=True)})
    return rows


def _ox_rows(result: Any) -> list[Row]:
    if isinstance(result, ox.QueryBoolean):
        return [{"ask": bool(result)}]
    if isinstance(result, ox.QueryTriples) or not hasattr(result, "variables"):
        return [
            {
                "subject": _from_ox(t.subject),
                "predicate": _from_ox(t.predicate),
                "object": _from_ox(t.object),
            }
            for t in result
        ]
    names = [v.value for v in result.variables]
    return [{n: _from_ox(solution[n]) for n in names} for solution in result]


def endpoint_query(url: str, sparql: str, *, timeout: float = 60.0) -> list[Row]:
    """Run ``sparql`` on the SPARQL 1.1 endpoint ``url`` (HTTP POST, JSON results)."""
    request = urllib.request.Request(
        url,
        data=sparql.encode("utf-8"),
        method="POST",
        headers={
            "Content-Type": "application/sparql-query; charset=utf-8",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            if "n-triples" in response.headers.get("Content-Type", ""):  # CONSTRUCT, DESCRIBE
                return _ox_rows(ox.parse(body, ox.RdfFormat.N_TRIPLES))
            data = json.loads(body.decode("utf-8"))
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip()
        raise QueryError(f"{url}: HTTP {exc.code}: {detail or exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise QueryError(f"{url}: {exc}") from None
    if "boolean" in data:
        return [{"ask": bool(data["boolean"])}]
    names = [str(v) for v in data.get("head", {}).get("vars", [])]
    bindings: Sequence[Mapping[str, Any]] = data.get("results", {}).get("bindings", [])
    return [{n: _from_json(b.get(n)) for n in names} for b in bindings]


def open_source(path: str | Path) -> ox.Store:
    """An Oxigraph store for ``path``: an RDF file (loaded into memory) or a store folder
    (opened read-only)."""
    target = Path(path)
    if target.is_dir():
        try:
            return ox.Store.read_only(str(target))
        except OSError as exc:
            raise QueryError(f"{target}: not an Oxigraph store ({exc})") from None
    fmt = _RDF_SUFFIXES.get(target.suffix.lower())
    if fmt is None:
        raise QueryError(f"{target}: cannot tell the RDF format from the suffix {target.suffix!r}")
    store = ox.Store()
    try:
        store.bulk_load(path=str(target), format=fmt)
    except (OSError, SyntaxError, ValueError) as exc:
        raise QueryError(f"{target}: {exc}") from None
    return store


def run_query(source: Source, sparql: str, *, timeout: float = 60.0) -> list[Row]:
    """Run a SPARQL query and return its rows as dicts (column -> :data:`Value`).

    ``source``: an rdflib ``Graph`` (rdflib's engine), a pyoxigraph ``Store``, a path to an
    RDF file (``.ttl``, ``.nt``, ``.trig``, ...; loaded into an in-memory Oxigraph store) or
    to a store folder (see :mod:`kg.store`), or a SPARQL endpoint URL. ``ASK`` gives
    ``[{"ask": bool}]``; ``CONSTRUCT``/``DESCRIBE`` one row per triple. Named graphs of
    quad files and stores are queried as one (union default graph).

    Raises :class:`QueryError` (a :class:`~kg.errors.KgError`) on bad SPARQL, an unreadable
    source or an endpoint error.
    """
    if isinstance(source, str) and re.match(r"^https?://", source):
        return endpoint_query(source, sparql, timeout=timeout)
    if isinstance(source, Graph):
        try:
            return _rdflib_rows(source.query(sparql))
        except Exception as exc:  # rdflib raises pyparsing errors, ValueError, ...
            raise QueryError(f"query failed: {exc}") from None
    store = source if isinstance(source, ox.Store) else open_source(source)
    try:
        result = store.query(sparql, use_default_graph_as_union=True)
        return _ox_rows(result)
    except (SyntaxError, OSError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from None
