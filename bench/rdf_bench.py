"""RDF export at scale: kg's writer vs rdflib's serializer vs pyoxigraph's, on ICEWS14 events.

Every ICEWS14 quad (subject, CAMEO event name, object, date) becomes a kg ``Event`` (the
CAMEO name mapped to a kg relation with ``kg.lexicon``; quads of unmodelled codes such as
"Make statement" are skipped), one synthetic sentence per quad, one document per day. kg's
model gives ~59 triples per event, so 17,000 events make ~1.0M triples.

Each measurement runs in a fresh subprocess, so its peak RSS (``ru_maxrss``) is its own:

* ``kg``: what ``kg.rdf.export_rdf`` does, per format, in four processes: *build*
  (events -> the triples, in the form that format's writer reads: terms already
  rendered, no rdflib graph) then *write* (sorted text -> file), timed apart (Turtle;
  N-Triples); and ``export_rdf`` itself, events -> file (atomic: temp file, fsync,
  rename), timed whole (Turtle; N-Triples: these give kg's peak RSS);
* ``kg-rdflib``: ``to_rdf`` (an rdflib graph) then ``write_rdf`` (kg's writer on it);
* ``kg-spool``: ``kg.rdf_stream.export_turtle``, the Turtle ``kg build`` writes (the same
  bytes, in bounded memory: sorted runs of pre-rendered subject blocks, merged), timed
  whole;
* ``rdflib``: ``to_rdf`` then rdflib's own ``Graph.serialize`` (Turtle, N-Triples), at a
  smaller size, and at full size under a time limit (its Turtle writer is superlinear);
* ``pyoxigraph``: the same triples in a pyoxigraph ``Store`` (*build*: ``bulk_load`` of
  kg's N-Triples) then ``Store.dump`` (*write*), and ``pyoxigraph.serialize`` of a list of
  triples; it also checks that kg's Turtle and N-Triples hold the same triples.

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
import filecmp
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


BASE = "https://w3id.org/kg/"


def _write(path: Path, chunks: Any) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for chunk in chunks:
            handle.write(chunk)


def _build(events: list[Event], backend: Any) -> Any:
    from kg.rdf import _populate

    _populate(backend, events, (), base=BASE, model_name=None, run_id=None)
    return backend


def child_kg_ttl(events: list[Event], out: Path) -> dict[str, Any]:
    """kg's Turtle path in two timed steps: build, then write."""
    from kg.rdf import _merge_prefixes, _Terms, _turtle, _TurtleBackend
    from kg.vocab import InstanceNamespaces

    prefixes = _merge_prefixes(InstanceNamespaces.from_base(BASE).prefixes().items())
    res: dict[str, Any] = {}
    res["build_s"], res["build_cpu"], backend = _timed(
        lambda: _build(events, _TurtleBackend(_Terms(prefixes)))
    )
    res["triples"] = sum(
        1 if isinstance(o, str) else len(o) for p in backend.subjects.values() for o in p.values()
    )
    res["ttl_s"], res["ttl_cpu"], _ = _timed(
        lambda: _write(out / "kg.ttl", _turtle(backend.subjects, prefixes, backend.terms))
    )
    res["ttl_mb"] = _size(out / "kg.ttl")
    return res


def child_kg_nt(events: list[Event], out: Path) -> dict[str, Any]:
    """kg's N-Triples path in two timed steps: build, then write."""
    from kg.rdf import _NTriplesBackend

    res: dict[str, Any] = {}
    res["nt_build_s"], res["nt_build_cpu"], backend = _timed(
        lambda: _build(events, _NTriplesBackend())
    )
    res["nt_s"], res["nt_cpu"], _ = _timed(lambda: _write(out / "kg.nt", backend.chunks()))
    res["nt_mb"] = _size(out / "kg.nt")
    return res


def child_kg_spool(events: list[Event], out: Path) -> dict[str, Any]:
    """``kg.rdf_stream.export_turtle``: the Turtle ``kg build`` writes, in bounded memory."""
    from kg.rdf_stream import export_turtle

    res: dict[str, Any] = {}
    res["e2e_ttl_s"], res["e2e_ttl_cpu"], _ = _timed(
        lambda: export_turtle(events, out / "spool.ttl", base=BASE)
    )
    return res


def _child_export(suffix: str) -> Callable[[list[Event], Path], dict[str, Any]]:
    def child(events: list[Event], out: Path) -> dict[str, Any]:
        """``export_rdf`` as ``kg build`` runs it: events -> file (atomic, fsync), one call."""
        from kg.rdf import export_rdf

        res: dict[str, Any] = {}
        res[f"e2e_{suffix}_s"], res[f"e2e_{suffix}_cpu"], _ = _timed(
            lambda: export_rdf(events, out / f"export.{suffix}", base=BASE)
        )
        return res

    return child


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
    "kg-ttl": child_kg_ttl,
    "kg-nt": child_kg_nt,
    "kg-export-ttl": _child_export("ttl"),
    "kg-export-nt": _child_export("nt"),
    "kg-spool": child_kg_spool,
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
    res: dict[str, Any]
    load_before = _load()
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
        res.setdefault("events", events or "all")
    else:
        if proc.returncode != 0:
            raise SystemExit(f"{name} failed with exit code {proc.returncode}")
        res = json.loads(stdout.splitlines()[-1])
    res["load_before"], res["load_after"] = load_before, _load()
    print(f"{name}: {json.dumps(res)}", file=sys.stderr, flush=True)
    return res


def run_kg(events: int, out: Path) -> dict[str, Any]:
    """kg's four children (Turtle, N-Triples; build + write, ``export_rdf``) as one run."""
    res: dict[str, Any] = {}
    loads = []
    for name in ("kg-ttl", "kg-nt", "kg-export-ttl", "kg-export-nt"):
        child = run_child(name, events, out, None)
        fmt = name.rsplit("-", 1)[1]
        child[f"peak_rss_{fmt}_mb" if "export" in name else f"split_rss_{fmt}_mb"] = child.pop(
            "peak_rss_mb"
        )
        loads += [child.pop("load_before"), child.pop("load_after")]
        res.update(child)
    res["load_before"], res["load_after"] = loads[0], loads[-1]
    # compared a block at a time: the children forked later would inherit a large RSS peak
    res["export_same_bytes"] = all(
        filecmp.cmp(out / f"export.{s}", out / f"kg.{s}", shallow=False) for s in ("ttl", "nt")
    )
    return res


def _load() -> str:
    """The 1-minute load average."""
    return f"{os.getloadavg()[0]:.1f}"


def _fmt(res: dict[str, Any], key: str) -> str:
    if key not in res:
        return f"> {res['timeout_s']:.0f} (timeout)" if "timeout_s" in res else "–"
    value = res[key]
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _pair(res: dict[str, Any], wall: str, cpu: str) -> str:
    if wall not in res:
        return f"> {res['timeout_s']:.0f} (killed)" if "timeout_s" in res else "–"
    return f"{_fmt(res, wall)} ({_fmt(res, cpu)})"


def _sum(res: dict[str, Any], *keys: str) -> float | None:
    return sum(res[k] for k in keys) if all(k in res for k in keys) else None


def _total(res: dict[str, Any], build: str, write: str) -> str:
    wall, cpu = _sum(res, f"{build}_s", f"{write}_s"), _sum(res, f"{build}_cpu", f"{write}_cpu")
    return "–" if wall is None or cpu is None else f"{wall:.2f} ({cpu:.2f})"


def report(runs: list[tuple[str, dict[str, Any]]]) -> str:
    """One row per run and format: build, write, both, ``export_rdf`` (kg), peak RSS."""
    rows = [
        "| run | format | events | triples | build s (cpu) | write s (cpu) | build + write s "
        "(cpu) | events → file, one call s (cpu) | peak RSS MB | load avg |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for label, r in runs:
        load = f"{r.get('load_before', '')} → {r.get('load_after', '')}"
        for fmt, write in (("Turtle", "ttl"), ("N-Triples", "nt")):
            if fmt == "N-Triples" and not any(k in r for k in ("nt_s", "e2e_nt_s")):
                continue
            build = "nt_build" if fmt == "N-Triples" and "nt_build_s" in r else "build"
            head = (
                f"| {label} | {fmt} | {r.get('events', '')} | {r.get('triples', '')} "
                if fmt == "Turtle"
                else "| | N-Triples | | "
            )
            e2e = _pair(r, f"e2e_{write}_s", f"e2e_{write}_cpu") if f"e2e_{write}_s" in r else "–"
            peak = r.get(
                f"peak_rss_{write}_mb", r.get("peak_rss_mb", "–") if fmt == "Turtle" else ""
            )
            rss = (peak, load if fmt == "Turtle" else "")
            rows.append(
                f"{head}| {_pair(r, f'{build}_s', f'{build}_cpu')} | "
                f"{_pair(r, f'{write}_s', f'{write}_cpu')} | {_total(r, build, write)} | {e2e} "
                f"| {rss[0]} | {rss[1]} |"
            )
        if "list_ttl_s" in r:
            rows.append(
                f"| {label.replace('`Store.dump`', '`serialize(list)`')} | Turtle / N-Triples | | "
                f"| | {_pair(r, 'list_ttl_s', 'list_ttl_cpu')} / "
                f"{_pair(r, 'list_nt_s', 'list_nt_cpu')} | | | | |"
            )
    return "\n".join(rows)


def summary(kg: dict[str, Any], ox: dict[str, Any], spool: dict[str, Any]) -> str:
    """kg / pyoxigraph: writing only, and from events to a file."""
    lines = []
    for fmt, w, b in (("Turtle", "ttl", "build"), ("N-Triples", "nt", "nt_build")):
        write = (kg[f"{w}_s"] / ox[f"{w}_s"], kg[f"{w}_cpu"] / ox[f"{w}_cpu"])
        ox_total = (ox["build_s"] + ox[f"{w}_s"], ox["build_cpu"] + ox[f"{w}_cpu"])
        total = (
            (kg[f"{b}_s"] + kg[f"{w}_s"]) / ox_total[0],
            (kg[f"{b}_cpu"] + kg[f"{w}_cpu"]) / ox_total[1],
        )
        e2e = (kg[f"e2e_{w}_s"] / ox_total[0], kg[f"e2e_{w}_cpu"] / ox_total[1])
        lines.append(
            f"* {fmt}, kg / pyoxigraph: writing (kg write / `Store.dump`) **{write[0]:.2f}x** "
            f"wall, {write[1]:.2f}x CPU; events → file (kg build + write / `bulk_load` + "
            f"`dump`) **{total[0]:.2f}x** wall, {total[1]:.2f}x CPU; `export_rdf` (with "
            f"fsync) / `bulk_load` + `dump`: {e2e[0]:.2f}x wall, {e2e[1]:.2f}x CPU."
        )
    ox_ttl = (ox["build_s"] + ox["ttl_s"], ox["build_cpu"] + ox["ttl_cpu"])
    lines.append(
        f"* Turtle as `kg build` writes it (`kg.rdf_stream.export_turtle`, bounded memory) / "
        f"`bulk_load` + `dump`: **{spool['e2e_ttl_s'] / ox_ttl[0]:.2f}x** wall, "
        f"{spool['e2e_ttl_cpu'] / ox_ttl[1]:.2f}x CPU; same bytes as `export_rdf`: "
        f"{spool['same_bytes']}."
    )
    lines.append(
        f"* kg's Turtle and N-Triples hold the same triples: {ox['kg_files_agree']}; "
        f"`export_rdf` wrote the same bytes as build + write: {kg['export_same_bytes']}. "
        "kg's peak RSS: of the `export_rdf` process of that format."
    )
    return "\n".join(lines)


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
        kg = run_kg(args.events, out)
        runs.append(("kg (`export_rdf` path)", kg))
        spool = run_child("kg-spool", args.events, out, None)
        spool["same_bytes"] = filecmp.cmp(out / "spool.ttl", out / "kg.ttl", shallow=False)
        spool["triples"] = kg["triples"]
        runs.append(("kg `rdf_stream.export_turtle` (`kg build`)", spool))
        ox = run_child("pyoxigraph", kg["events"], out, None)
        runs.append(("pyoxigraph `Store.dump`", ox))
        if not args.skip_rdflib:
            rdflib_path = run_child("kg-rdflib", args.events, out, None)
            runs.append(("kg `to_rdf` + `write_rdf`", rdflib_path))
            full = run_child("rdflib", args.events, out, args.rdflib_timeout)
            runs.append(("rdflib `serialize`", full))
            small = run_child("rdflib", args.rdflib_events, out, None)
            runs.append((f"rdflib `serialize` ({args.rdflib_events} events)", small))
            small_kg = run_kg(args.rdflib_events, out)
            runs.append((f"kg ({args.rdflib_events} events)", small_kg))
        machine = (
            f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cpus"
        )
        text = f"{machine}\n\n{report(runs)}\n\n{summary(kg, ox, spool)}\n"
        print(text)
        if args.markdown:
            args.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
