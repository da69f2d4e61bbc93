"""``kg stats``: a readable summary of an output folder written by ``kg build``.

It reads ``triples.jsonl`` (relations, actors, dates), ``graph.graphml`` (nodes and
edges), ``documents.jsonl`` (documents, publication dates, formats) and ``errors.jsonl``
(the inputs that were skipped or repaired), whichever of them exist.

>>> import tempfile, pathlib, kg
>>> from kg.examples import toy_events
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> with (out / "triples.jsonl").open("w") as fh:
...     _ = kg.write_jsonl(toy_events(), fh)
>>> s = summarize(out)
>>> s["relations"]["events"] > 0, s["actors"]["top"][0]["id"]
(True, 'khalifa_haftar')
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from kg.errors import KgError

__all__ = ["StatsError", "render", "summarize"]


class StatsError(KgError):
    """The folder is not an output of ``kg build``."""


def _jsonl(path: Path) -> tuple[list[dict[str, Any]], int]:
    """The objects of a JSONL file, and how many of its lines could not be read."""
    rows: list[dict[str, Any]] = []
    bad = 0
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError:
                bad += 1
                continue
            if isinstance(value, dict):
                rows.append(value)
            else:
                bad += 1
    return rows, bad


def _range(values: list[str]) -> list[str] | None:
    return [min(values), max(values)] if values else None


def summarize(folder: str | Path, *, top: int = 10) -> dict[str, Any]:
    """The numbers ``kg stats`` prints, as a JSON-ready dict.

    Raises
    ------
    StatsError
        When ``folder`` holds none of kg's outputs.
    """
    out = Path(folder)
    triples_path = out / "triples.jsonl"
    if not out.is_dir() or not (triples_path.exists() or (out / "documents.jsonl").exists()):
        raise StatsError(
            f"{out} is not an output folder of kg build (no triples.jsonl): "
            f"run `kg build INPUT --out {out}` first"
        )
    summary: dict[str, Any] = {"folder": str(out)}
    rows, bad = _jsonl(triples_path) if triples_path.exists() else ([], 0)
    mentions: Counter[str] = Counter()
    labels: dict[str, str] = {}
    as_source: Counter[str] = Counter()
    as_target: Counter[str] = Counter()
    for r in rows:
        for role, counter in (("source", as_source), ("target", as_target)):
            actor = r.get(role)
            if isinstance(actor, dict) and actor.get("id"):
                aid = str(actor["id"])
                mentions[aid] += 1
                counter[aid] += 1
                labels.setdefault(aid, str(actor.get("label") or aid))
    relations = Counter(str(r.get("relation")) for r in rows)
    quads = Counter(str(r.get("quad")) for r in rows if r.get("quad"))
    dates = sorted(str(r["date"]) for r in rows if isinstance(r.get("date"), str))
    summary["relations"] = {
        "events": len(rows),
        "negated": sum(1 for r in rows if r.get("negated") is True),
        "not_asserted": sum(1 for r in rows if r.get("modality") not in (None, "asserted")),
        "by_type": dict(sorted(relations.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_quad": dict(sorted(quads.items(), key=lambda kv: (-kv[1], kv[0]))),
        "unreadable_lines": bad,
    }
    summary["actors"] = {
        "count": len(mentions),
        "top": [
            {
                "id": aid,
                "label": labels[aid],
                "events": n,
                "as_source": as_source[aid],
                "as_target": as_target[aid],
            }
            for aid, n in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        ],
    }
    summary["event_dates"] = _range(dates)
    docs_path = out / "documents.jsonl"
    if docs_path.exists():
        docs, _ = _jsonl(docs_path)
        pub = [str(d["date"]) for d in docs if isinstance(d.get("date"), str)]
        summary["documents"] = {
            "count": len(docs),
            "with_events": sum(1 for d in docs if (d.get("events") or 0) > 0),
            "without_date": sum(1 for d in docs if not d.get("date")),
            "publication_dates": _range(pub),
            "formats": dict(Counter(str(d.get("format")) for d in docs).most_common()),
        }
    else:
        summary["documents"] = {"count": len({str(r.get("doc")) for r in rows})}
    graph_path = out / "graph.graphml"
    if graph_path.exists():
        import networkx as nx

        try:
            g = nx.read_graphml(graph_path)
            summary["graph"] = {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
        except Exception as exc:  # a damaged file is reported, not fatal
            summary["graph"] = {"error": f"unreadable graph.graphml: {exc}"}
    errors_path = out / "errors.jsonl"
    if errors_path.exists():
        issues, _ = _jsonl(errors_path)
        errors = [i for i in issues if i.get("severity") == "error"]
        warnings = [i for i in issues if i.get("severity") != "error"]
        summary["errors"] = {
            "errors": len(errors),
            "warnings": len(warnings),
            "by_kind": dict(Counter(str(i.get("kind")) for i in issues).most_common()),
            "files": [
                {
                    "source": i.get("source"),
                    "line": i.get("line"),
                    "kind": i.get("kind"),
                    "message": i.get("message"),
                }
                for i in errors[:top]
            ],
        }
    return summary


def _table(pairs: list[tuple[str, Any]]) -> list[str]:
    width = max((len(k) for k, _ in pairs), default=0)
    return [f"  {k:<{width}}  {v}" for k, v in pairs]


def render(summary: dict[str, Any]) -> str:
    """The summary as readable text."""
    lines = [f"kg output in {summary['folder']}"]
    docs = summary.get("documents", {})
    line = f"documents   {docs.get('count', 0)}"
    if "with_events" in docs:
        line += f" ({docs['with_events']} with events, {docs['without_date']} without a date)"
    lines.append(line)
    if docs.get("publication_dates"):
        a, b = docs["publication_dates"]
        lines.append(f"published   {a} .. {b}")
    if docs.get("formats"):
        lines.append("formats     " + ", ".join(f"{k} {v}" for k, v in docs["formats"].items()))
    rel = summary["relations"]
    lines.append(
        f"relations   {rel['events']} ({rel['negated']} negated, "
        f"{rel['not_asserted']} not asserted)"
    )
    if summary.get("event_dates"):
        a, b = summary["event_dates"]
        lines.append(f"event dates {a} .. {b}")
    else:
        lines.append("event dates - (no dated events: give --date or --crawl-date)")
    graph = summary.get("graph")
    if graph:
        lines.append(
            f"graph       {graph['nodes']} actors, {graph['edges']} edges"
            if "nodes" in graph
            else f"graph       {graph['error']}"
        )
    if rel["by_type"]:
        lines.append("by type")
        lines += _table(list(rel["by_type"].items()))
    if rel["by_quad"]:
        lines.append("by QuadClass")
        lines += _table(list(rel["by_quad"].items()))
    top = summary["actors"]["top"]
    if top:
        lines.append(f"top actors (of {summary['actors']['count']})")
        lines += _table(
            [
                (
                    f"{a['label']} [{a['id']}]",
                    f"{a['events']} ({a['as_source']} as source, {a['as_target']} as target)",
                )
                for a in top
            ]
        )
    errs = summary.get("errors")
    if errs is not None:
        lines.append(f"inputs with errors  {errs['errors']} skipped, {errs['warnings']} warnings")
        for f in errs["files"]:
            where = f"{f['source']}:{f['line']}" if f.get("line") is not None else f["source"]
            lines.append(f"  {where}: {f['message']}")
        if errs["errors"] > len(errs["files"]):
            lines.append(f"  ... see {summary['folder']}/errors.jsonl")
    if rel["unreadable_lines"]:
        lines.append(f"warning: {rel['unreadable_lines']} unreadable lines in triples.jsonl")
    return "\n".join(lines)
