"""RDF export at scale: kg's writer vs rdflib's serializer vs pyoxigraph's, on ICEWS14 events.

Every ICEWS14 quad (subject, CAMEO event name, object, date) becomes a kg ``Event`` (the
CAMEO name mapped to a kg relation with ``kg.lexicon``; quads of unmodelled codes such as
"Make statement" are skipped), one synthetic sentence per quad, one document per day. kg's
model gives ~59 triples per event, so 17,000 events make ~1.0M triples.

Each measurement runs in a fresh subprocess, so its peak RSS (``ru_maxrss``) is its own:

* ``kg``: ``kg.rdf`` from events -- build the plain triples, write Turtle, write N-Triples
  (what ``export_rdf`` does; no rdflib graph);
* ``kg-rdflib``: ``to_rdf`` (an rdflib graph) then ``write_rdf`` (kg's writer on it);
* ``rdflib``: ``to_rdf`` then rdflib's own ``Graph.serialize`` (Turtle, N-Triples), at a
  smaller size, and at full size under a time limit (its Turtle writer is superlinear);
* ``pyoxigraph``: the same triples in a pyoxigraph ``Store`` (``bulk_load`` of kg's
  N-Triples, not timed as writing) then ``Store.dump`` and ``pyoxigraph.serialize`` of a
  list of triples; it also checks that kg's Turtle and N-Triples hold the same triples.

Usage::

    .venv/bin/python bench/rdf_bench.py                       # 17,000 events (~1M triples)
    .venv/bin/python bench/rdf_bench.py --events 0 --rdflib-timeout 60   # all 72k events
    .venv/bin/python bench/rdf_bench.py --markdown bench/README_rdf.md

Seconds are wall time; CPU seconds are given too (the machine may be shared).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ICEWS = ROOT.parent / "shared" / "data" / "icews14" / "ICEWS14_named_full.tsv"
sys.path.insert(0, str(ROOT))

from kg.datatypes import Actor, Event, Mention, Provenance  # noqa: E402
from kg.lexicon import load_lexicon  # noqa: E402


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "x"


def icews_events(path: Path = ICEWS, limit: int = 0) -> list[Event]:
    """ICEWS14 quads as kg events (``limit`` 0: all that map to a kg relation)."""
    lexicon = load_lexicon()
    events: list[Event] = []
    offsets: dict[str, int] = {}
    actors: dict[str, Actor] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            code = lexicon.cameo_code_for_name(row["relation"])
            relation = lexicon.relation_for_cameo(code) if code else None
            if relation is None or code is None:
                continue
            s, o = row["subject"].replace("_", " "), row["object"].replace("_", " ")
            verb = row["relation"].replace("_", " ").lower()
            text = f"{s} {verb} {o}."
            doc = f"icews14-{row['date']}"
            start = offsets.get(doc, 0)
            offsets[doc] = start + len(text) + 1
            a = actors.setdefault(s, Actor(_slug(s), s))
            b = actors.setdefault(o, Actor(_slug(o), o))
            trigger = start + len(s) + 1
            prov = Provenance(
                doc, text, start, start + len(text), verb, trigger, trigger + len(verb), "icews"
            )
            events.append(
                Event(
                    Mention(s, start, start + len(s), a),
                    relation,
                    Mention(o, start + len(text) - 1 - len(o), start + len(text) - 1, b),
                    prov,
                    date=dt.date.fromisoformat(row["date"]),
                    confidence=1.0,
                    cameo=code,
                )
            )
            if limit and len(events) >= limit:
                break
    return events


# --------------------------------------------------------------------------- children


def _timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, value


def _size(path: Path) -> float:
    return round(path.stat().st_size / 2**20, 1)


def child_kg(events: list[Event], out: Path) -> dict[str, Any]:
    from kg.rdf import _lines, _merge_prefixes, _PlainBackend, _populate, _turtle
    from kg.vocab import InstanceNamespaces

    backend = _PlainBackend()
    wall, cpu, _ = _timed(
        lambda: _populate(
            backend, events, (), base="https://w3id.org/kg/", model_name=None, run_id=None
        )
    )
    res: dict[str, Any] = {"build_s": wall, "build_cpu": cpu}
    res["triples"] = sum(len(o) for p in backend.subjects.values() for o in p.values())
    prefixes = _merge_prefixes(InstanceNamespaces.from_base().prefixes().items())

    def write(path: Path, chunks: Any) -> None:
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            for chunk in chunks:
                handle.write(chunk)

    ttl, nt = out / "kg.ttl", out / "kg.nt"
    res["ttl_s"], res["ttl_cpu"], _ = _timed(
        lambda: write(ttl, _turtle(backend.subjects, prefixes))
    )
    res["nt_s"], res["nt_cpu"], _ = _timed(lambda: write(nt, _lines({None: backend.subjects})))
    res["ttl_mb"], res["nt_mb"] = _size(ttl), _size(nt)
    return res


def child_kg_rdflib(events: list[Event], out: Path) -> dict[str, Any]:
    from kg.rdf import to_rdf, write_rdf

    wall, cpu, graph = _timed(lambda: to_rdf(events))
    res: dict[str, Any] = {"build_s": wall, "build_cpu": cpu, "triples": len(graph)}
    res["ttl_s"], res["ttl_cpu"], _ = _timed(lambda: write_rdf(graph, out / "kgr.ttl"))
    res["nt_s"], res["nt_cpu"], _ = _timed(lambda: write_rdf(graph, out / "kgr.nt", format="nt"))
    return res


def child_rdflib(events: list[Event], out: Path) -> dict[str, Any]:
    from kg.rdf import to_rdf

    wall, cpu, graph = _timed(lambda: to_rdf(events))
    res: dict[str, Any] = {"build_s": wall, "build_cpu": cpu, "triples": len(graph)}
    res["nt_s"], res["nt_cpu"], _ = _timed(
        lambda: graph.serialize(out / "rdflib.nt", format="nt", encoding="utf-8")
    )
    print(json.dumps(res), flush=True)  # N-Triples is done even if Turtle times out
    res["ttl_s"], res["ttl_cpu"], _ = _timed(
        lambda: graph.serialize(out / "rdflib.ttl", format="turtle", encoding="utf-8")
    )
    return res


def child_pyoxigraph(events: list[Event], out: Path) -> dict[str, Any]:
    import pyoxigraph as ox

    from kg.rdf import _merge_prefixes
    from kg.vocab import InstanceNamespaces

    del events
    nt, ttl = out / "kg.nt", out / "kg.ttl"
    store = ox.Store()
    wall, cpu, _ = _timed(lambda: store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES))
    res: dict[str, Any] = {"build_s": wall, "build_cpu": cpu, "triples": len(store)}
    prefixes = _merge_prefixes(InstanceNamespaces.from_base().prefixes().items())
    graph = ox.DefaultGraph()
    res["ttl_s"], res["ttl_cpu"], _ = _timed(
        lambda: store.dump(
            str(out / "ox.ttl"), ox.RdfFormat.TURTLE, from_graph=graph, prefixes=prefixes
        )
    )
    res["nt_s"], res["nt_cpu"], _ = _timed(
        lambda: store.dump(str(out / "ox.nt"), ox.RdfFormat.N_TRIPLES, from_graph=graph)
    )
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store]
    res["list_ttl_s"], res["list_ttl_cpu"], _ = _timed(
        lambda: ox.serialize(triples, str(out / "oxl.ttl"), ox.RdfFormat.TURTLE, prefixes=prefixes)
    )
    res["list_nt_s"], res["list_nt_cpu"], _ = _timed(
        lambda: ox.serialize(triples, str(out / "oxl.nt"), ox.RdfFormat.N_TRIPLES)
    )
    # kg's Turtle holds exactly the triples of kg's N-Triples
    from_ttl = ox.Store()
    from_ttl.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    res["kg_files_agree"] = len(from_ttl) == len(store) and all(
        q in store for q in from_ttl.quads_for_pattern(None, None, None)
    )
    return res


CHILDREN: dict[str, Callable[[list[Event], Path], dict[str, Any]]] = {
    "kg": child_kg,
    "kg-rdflib": child_kg_rdflib,
    "rdflib": child_rdflib,
    "pyoxigraph": child_pyoxigraph,
}


def _child_main(name: str, events: int, out: Path) -> None:
    loaded = icews_events(limit=events) if name != "pyoxigraph" else []
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    res = CHILDREN[name](loaded, out)
    res["events"] = len(loaded) if loaded else events
    res["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    res["input_rss_mb"] = round(base_rss / 1024)
    print(json.dumps(res), flush=True)


# --------------------------------------------------------------------------- parent


def run_child(name: str, events: int, out: Path, timeout: float | None) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", name, "--events", str(events), "--out", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    try:
        stdout, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, _ = proc.communicate()
        results = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
        res = results[-1] if results else {}
        res["timeout_s"] = timeout
        return res
    if proc.returncode != 0:
        raise SystemExit(f"{name} failed with exit code {proc.returncode}")
    result: dict[str, Any] = json.loads(stdout.splitlines()[-1])
    return result


def _fmt(res: dict[str, Any], key: str) -> str:
    if key not in res:
        return f"> {res['timeout_s']:.0f} (timeout)" if "timeout_s" in res else "–"
    value = res[key]
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def report(runs: list[tuple[str, dict[str, Any]]]) -> str:
    head = (
        "| run | events | triples | build s (cpu) | write Turtle s (cpu) | write N-Triples s "
        "(cpu) | peak RSS MB |\n|---|---:|---:|---:|---:|---:|---:|"
    )
    rows = [head]
    for label, r in runs:
        build = f"{_fmt(r, 'build_s')} ({_fmt(r, 'build_cpu')})"
        ttl = f"{_fmt(r, 'ttl_s')} ({_fmt(r, 'ttl_cpu')})"
        nt = f"{_fmt(r, 'nt_s')} ({_fmt(r, 'nt_cpu')})"
        rows.append(
            f"| {label} | {r.get('events', '')} | {r.get('triples', '')} | {build} | {ttl} | "
            f"{nt} | {r.get('peak_rss_mb', '–')} |"
        )
        if "list_ttl_s" in r:
            rows.append(
                f"| {label}: `serialize(list)` | | | | {_fmt(r, 'list_ttl_s')} "
                f"({_fmt(r, 'list_ttl_cpu')}) | {_fmt(r, 'list_nt_s')} ({_fmt(r, 'list_nt_cpu')})"
                " | |"
            )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=17_000, help="0: all mapped quads")
    parser.add_argument("--rdflib-events", type=int, default=3_400)
    parser.add_argument("--rdflib-timeout", type=float, default=300.0)
    parser.add_argument("--markdown", type=Path, help="also write the tables here")
    parser.add_argument("--skip-rdflib", action="store_true", help="kg and pyoxigraph only")
    parser.add_argument("--child", choices=sorted(CHILDREN))
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.child:
        _child_main(args.child, args.events, args.out)
        return
    with tempfile.TemporaryDirectory(prefix="rdf_bench_") as tmp:
        out = Path(tmp)
        runs: list[tuple[str, dict[str, Any]]] = []
        kg = run_child("kg", args.events, out, None)
        runs.append(("kg (`export_rdf` path)", kg))
        ox = run_child("pyoxigraph", kg["events"], out, None)
        runs.append(("pyoxigraph `Store.dump`", ox))
        if not args.skip_rdflib:
            rdflib_path = run_child("kg-rdflib", args.events, out, None)
            runs.append(("kg `to_rdf` + `write_rdf`", rdflib_path))
            full = run_child("rdflib", args.events, out, args.rdflib_timeout)
            runs.append(("rdflib `serialize`", full))
            small = run_child("rdflib", args.rdflib_events, out, None)
            runs.append((f"rdflib `serialize` ({args.rdflib_events} events)", small))
            small_kg = run_child("kg", args.rdflib_events, out, None)
            runs.append((f"kg ({args.rdflib_events} events)", small_kg))
        ratio_ttl = kg["ttl_s"] / ox["ttl_s"]
        ratio_nt = kg["nt_s"] / ox["nt_s"]
        cpu_ttl = kg["ttl_cpu"] / ox["ttl_cpu"]
        cpu_nt = kg["nt_cpu"] / ox["nt_cpu"]
        e2e = (kg["build_s"] + kg["ttl_s"]) / ox["ttl_s"]
        summary = (
            f"kg / pyoxigraph (`Store.dump`), writing: Turtle {ratio_ttl:.2f}x wall, "
            f"{cpu_ttl:.2f}x cpu; N-Triples {ratio_nt:.2f}x wall, {cpu_nt:.2f}x cpu. "
            f"kg from events to Turtle file (build + write) / pyoxigraph dump: {e2e:.2f}x. "
            f"kg's Turtle and N-Triples hold the same triples: {ox['kg_files_agree']}."
        )
        machine = (
            f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cpus"
        )
        text = f"{machine}\n\n{report(runs)}\n\n{summary}\n"
        print(text)
        if args.markdown:
            args.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
