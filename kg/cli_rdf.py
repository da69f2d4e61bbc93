"""``kg`` commands registered on :data:`kg.cli.app` (imported at the end of kg/cli.py):
``kg validate``, ``kg query`` and ``kg store-add``."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from kg.cli import app

if TYPE_CHECKING:
    from kg.rdf import _Terms

__all__ = ["app"]

_CELL = 70  # widest cell of the aligned table; csv and json print everything


class ResultFormat(StrEnum):
    """How ``kg query`` prints rows."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def _error(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"kg: error: {message}", err=True)
    raise typer.Exit(code)


# --------------------------------------------------------------------------- validate


@app.command("validate")
def validate_cmd(
    file: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="An RDF file written by kg (.ttl, .nt, .trig, ...)."),
    ],
    inference: Annotated[
        str,
        typer.Option("--inference", help="none, or rdfs: entail types from kg's ontology first."),
    ] = "none",
    warnings: Annotated[
        bool, typer.Option("--warnings/--no-warnings", help="Also list warnings.")
    ] = True,
) -> None:
    """Check an RDF file against kg's SHACL shapes and say what is wrong, in plain words.

    Exit code 0 when it conforms, 1 when it does not, 2 when the file cannot be read.

    Example: kg validate out/graph.ttl
    """
    from kg.rdf import read_rdf, validate

    if inference not in ("none", "rdfs"):
        raise typer.BadParameter("use none or rdfs", param_hint="--inference")
    if not file.is_file():
        _error(f"{file}: no such file")
    try:
        graph = read_rdf(file)
    except Exception as exc:  # any parser error means the file is not readable RDF
        detail = " ".join(str(exc).split()) or type(exc).__name__
        _error(f"{file}: cannot read it as RDF: {detail}")
    report = validate(graph, inference="rdfs" if inference == "rdfs" else "none")
    n = len(report.violations)
    if report.conforms:
        typer.echo(f"{file}: conforms to kg's shapes ({len(graph)} triples)")
    else:
        typer.echo(f"{file}: does not conform: {n} violation{'s' if n != 1 else ''}")
        for line in report.violations:
            typer.echo(f"  - {line}")
    if warnings and report.warnings:
        typer.echo(f"{len(report.warnings)} warning(s):")
        for line in report.warnings:
            typer.echo(f"  ~ {line}")
    if not report.conforms:
        raise typer.Exit(1)


# --------------------------------------------------------------------------- query


def _short(value: object, terms: _Terms) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if isinstance(value, str) and "://" in text and " " not in text:
        with contextlib.suppress(ValueError):
            text = terms.iri(text)
        if text.startswith("<") and text.endswith(">"):
            text = text[1:-1]
    text = " ".join(text.split())
    return text if len(text) <= _CELL else text[: _CELL - 1] + "…"


def _table(rows: Sequence[Mapping[str, object]], columns: list[str]) -> str:
    from kg.rdf import _Terms
    from kg.vocab import InstanceNamespaces, vocabulary_prefixes

    terms = _Terms({**vocabulary_prefixes(), **InstanceNamespaces.from_base().prefixes()})
    cells = [[_short(row.get(c), terms) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _csv(rows: Sequence[Mapping[str, object]], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [
                ""
                if (v := row.get(c)) is None
                else ("true" if v else "false")
                if isinstance(v, bool)
                else str(v)
                for c in columns
            ]
        )
    return buffer.getvalue().rstrip("\n")


def _list_named() -> str:
    from kg.queries import named_queries

    lines = []
    for name, query in named_queries().items():
        lines.append(f"{name}: {query.description}")
        for param, what in query.params.items():
            lines.append(
                f"    --{param if param in ('actor', 'other') else 'param ' + param}  {what}"
            )
    return "\n".join(lines)


def _parse_params(values: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values or []:
        name, eq, value = item.partition("=")
        if not eq or not name:
            raise typer.BadParameter(f"{item!r}: use NAME=VALUE", param_hint="--param")
        out[name.strip()] = value
    return out


@app.command("query")
def query_cmd(
    args: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[GRAPH] [SPARQL]",
            help="An RDF file (.ttl, .nt, ...) and a SPARQL query ('-': read it from stdin). "
            "With --store or --endpoint, only the query.",
            show_default=False,
        ),
    ] = None,
    store: Annotated[
        Path | None, typer.Option("--store", help="Query this store folder (kg store-add).")
    ] = None,
    endpoint: Annotated[
        str | None, typer.Option("--endpoint", help="Query this SPARQL endpoint URL.")
    ] = None,
    named: Annotated[
        str | None,
        typer.Option("--named", "-n", help="Run a named query (see --list) instead of SPARQL."),
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Named queries: the actor id.")
    ] = None,
    other: Annotated[
        str | None, typer.Option("--other", help="Named queries: the second actor id.")
    ] = None,
    params: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="Named queries: another parameter, NAME=VALUE."),
    ] = None,
    query_file: Annotated[
        Path | None, typer.Option("--query-file", help="Read the SPARQL query from this file.")
    ] = None,
    fmt: Annotated[
        ResultFormat, typer.Option("--format", "-f", help="table, csv or json.")
    ] = ResultFormat.TABLE,
    list_named: Annotated[
        bool, typer.Option("--list", help="List the named queries and their parameters.")
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=1, help="Endpoint timeout in seconds.")
    ] = 60.0,
) -> None:
    """Run SPARQL on a graph file, a store or an endpoint; print a table, CSV or JSON.

    Example: kg query out/graph.ttl "SELECT ?who WHERE { ?who rel:backs act:khalifa_haftar }"

    Example: kg query out/graph.ttl --named backers --actor khalifa_haftar

    Example: kg query --store kgstore/ --named mediators --actor libya_government
    --other khalifa_haftar --format csv

    Prefixes rdf: rdfs: xsd: owl: skos: dct: prov: schema: sem: nif: wd: kg: rel: plover:
    cameo: quad: act: ev: doc: run: model: are declared for you.
    """
    from kg.errors import KgError
    from kg.queries import named_query, run_query

    if list_named:
        typer.echo(_list_named())
        return
    rest = list(args or [])
    if store is not None and endpoint is not None:
        raise typer.BadParameter("give --store or --endpoint, not both", param_hint="--store")
    graph: Path | None = None
    if store is None and endpoint is None:
        if not rest:
            raise typer.BadParameter("give a GRAPH file, --store DIR or --endpoint URL")
        graph = Path(rest.pop(0))
        if not graph.exists():
            _error(f"{graph}: no such file")
    elif store is not None and not store.is_dir():
        _error(f"{store}: no such store folder")
    if len(rest) > 1:
        raise typer.BadParameter(f"unexpected argument {rest[1]!r} (quote the query)")
    bound = {**_parse_params(params)}
    if actor is not None:
        bound["actor"] = actor
    if other is not None:
        bound["other"] = other
    given = [x for x in (named is not None, query_file is not None, bool(rest)) if x]
    if len(given) != 1:
        raise typer.BadParameter("give exactly one of: a SPARQL query, --named or --query-file")
    if bound and named is None:
        raise typer.BadParameter("--actor, --other and --param go with --named")
    if named is not None:
        try:
            sparql = named_query(named, **bound)
        except KeyError as exc:
            raise typer.BadParameter(str(exc.args[0]), param_hint="--named") from None
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    elif query_file is not None:
        if not query_file.is_file():
            _error(f"{query_file}: no such file")
        sparql = query_file.read_text(encoding="utf-8")
    else:
        sparql = sys.stdin.read() if rest[0] == "-" else rest[0]
    sparql = _with_prefixes(sparql)
    source = endpoint if endpoint is not None else store if store is not None else graph
    assert source is not None
    try:
        rows = run_query(source, sparql, timeout=timeout)
    except KgError as exc:
        _error(str(exc))
    columns = list(dict.fromkeys(c for row in rows for c in row)) if rows else []
    if fmt is ResultFormat.JSON:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif fmt is ResultFormat.CSV:
        typer.echo(_csv(rows, columns))
    else:
        typer.echo(_table(rows, columns))


def _with_prefixes(sparql: str) -> str:
    """``sparql`` with kg's prefixes declared first (a query's own declarations win)."""
    from kg.vocab import InstanceNamespaces, vocabulary_prefixes

    prefixes = {**vocabulary_prefixes(), **InstanceNamespaces.from_base().prefixes()}
    head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes.items()))
    return head + sparql


# --------------------------------------------------------------------------- store-add


@app.command("store-add")
def store_add_cmd(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help="RDF files written by kg build (graph.ttl)."),
    ],
    store: Annotated[
        Path | None, typer.Option("--store", help="Append to this store folder (created).")
    ] = None,
    endpoint: Annotated[
        str | None, typer.Option("--endpoint", help="Push to this SPARQL endpoint (query URL).")
    ] = None,
    update: Annotated[
        str | None,
        typer.Option("--update-url", help="The endpoint's update URL (default: guessed)."),
    ] = None,
) -> None:
    """Append kg graphs to an on-disk SPARQL store, or push them to a SPARQL endpoint.

    Example: kg store-add out/graph.ttl --store kgstore/

    Example: kg store-add out/graph.ttl --endpoint http://localhost:7878/query
    """
    from kg.errors import KgError
    from kg.store import append, open_store, push

    if (store is None) == (endpoint is None):
        raise typer.BadParameter("give --store DIR or --endpoint URL", param_hint="--store")
    for file in files:
        if not file.is_file():
            _error(f"{file}: no such file")
    try:
        if store is not None:
            opened = open_store(store)
            total = 0
            for file in files:
                total = append(opened, file)
                typer.echo(f"added {file}")
            typer.echo(f"store {store}: {total} triples")
        else:
            assert endpoint is not None
            for file in files:
                sent = push(endpoint, file, update=update)
                typer.echo(f"pushed {file}: {sent} triples")
    except KgError as exc:
        _error(str(exc))
