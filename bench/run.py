"""kg benchmarks, each measured against a baseline in the same run.

    python bench/run.py                          # every section, default sizes
    python bench/run.py --docs 300 --sections throughput,jobs
    python bench/run.py --memory-sizes 2000,20000 --sections memory
    python bench/run.py --sections icews         # import ICEWS14: graph, alliance map, Turtle

Sections (see bench/README.md for the targets and the last results):

throughput  kg end to end (read JSONL, parse, extract, graph, RDF, Turtle) vs spaCy's bare
            ``nlp.pipe`` with the same model on the same texts: words/s ratio.
jobs        ``Extractor.process(n_process=2)`` vs ``n_process=1``, and spaCy's own
            ``nlp.pipe(n_process=2)`` vs 1 on the same texts (the physical limit).
dask        the Dask engine with a local cluster of 1 and of 2 single-threaded workers.
memory      peak RSS of ``kg.build`` with an output folder (what ``kg build`` runs: every
            output written), of streaming extraction (events written out as they come),
            and (mode ``list``, not run by default) of ``kg.build`` without an output
            folder (every event kept in a list, as asked), for each size, each in a fresh
            subprocess.
icews       ``kg import`` of ICEWS14 (90,730 records): import, graph, alliance map of the
            top actors, RDF export (Turtle: ``kg.rdf_stream.export_turtle`` as ``kg build``
            writes it, and ``kg.rdf.export_rdf``; N-Triples: ``export_rdf``); time and peak
            RSS of each step (a subprocess).

Peak RSS per step is the kernel's high-water mark (``VmHWM``), reset before each step by
writing 5 to ``/proc/self/clear_refs``.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import importlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

ROOT = HERE.parent
ICEWS14 = corpus.SHARED / "data" / "icews14" / "ICEWS14_named_full.tsv"
SECTIONS = ("throughput", "jobs", "dask", "memory", "icews")


# --------------------------------------------------------------------------- measuring


def _status(field_name: str) -> int:
    """A ``VmXXX`` value of /proc/self/status in MiB (0 when unavailable)."""
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return 0
    match = re.search(rf"^{field_name}:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) // 1024 if match else 0


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


@dataclass
class Step:
    """Wall time and peak RSS of one step."""

    name: str
    seconds: float = 0.0
    peak_mib: int = 0
    rss_after_mib: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


@contextlib.contextmanager
def step(name: str, steps: list[Step]) -> Iterator[Step]:
    s = Step(name)
    _reset_peak()
    t0 = time.perf_counter()
    try:
        yield s
    finally:
        s.seconds = time.perf_counter() - t0
        s.peak_mib = _status("VmHWM")
        s.rss_after_mib = _status("VmRSS")
        steps.append(s)
        print(f"  {name:<34} {s.seconds:8.2f} s  peak {s.peak_mib:6d} MiB", flush=True)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _words(texts: list[str]) -> int:
    """Words as kg counts them (tokens that are neither space nor punctuation)."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    return sum(
        sum(1 for t in doc if not (t.is_space or t.is_punct))
        for doc in tokenizer.pipe(texts, batch_size=256)
    )


def bare_spacy(model: str | None) -> Any:
    """The model kg uses, loaded by spaCy with nothing of kg's added."""
    import spacy

    from kg.pipeline import DEFAULT_MODELS

    for name in (model,) if model else DEFAULT_MODELS:
        try:
            return spacy.load(name)
        except OSError:
            try:
                return importlib.import_module(name).load()
            except ImportError:
                continue
    raise SystemExit(f"no spaCy model among {(model,) if model else DEFAULT_MODELS}")


def _time(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


# --------------------------------------------------------------------------- sections


def section_throughput(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """(a) kg end to end vs spaCy's bare nlp.pipe."""
    import kg
    from kg.graph import build_graph
    from kg.rdf import export_rdf
    from kg.rdf_stream import export_turtle

    docs = corpus.articles(args.docs)
    texts = [d.text for d in docs]
    words = _words(texts)
    path = corpus.write_jsonl(docs, work / "corpus.jsonl")
    nlp = bare_spacy(args.model)
    ex = kg.Extractor(model=args.model)
    # warm both (first-batch costs: vectors, caches)
    list(nlp.pipe(texts[:4]))
    list(ex.process(docs[:4]))

    runs: list[dict[str, float]] = []
    for r in range(args.repeat):
        print(f"  run {r + 1}/{args.repeat} (load {_load()})", flush=True)
        t_spacy, _ = _time(lambda: [None for _ in nlp.pipe(texts, batch_size=args.batch_size)])
        t0 = time.perf_counter()
        result = kg.build(path, extractor=ex)
        t_build = time.perf_counter() - t0
        # the Turtle as `kg build` writes it (events -> sorted Turtle, bounded memory)
        t_ttl, _ = _time(
            lambda r=result: export_turtle(
                r.events, work / "graph.ttl", r.documents, model_name=ex.model_name
            )
        )
        t_rdf = 0.0
        t_graph, _ = _time(lambda r=result: build_graph(r.events))
        # count the triples outside the timed region (one N-Triples line each)
        export_rdf(result.events, work / "graph.nt", result.documents, model_name=ex.model_name)
        with (work / "graph.nt").open(encoding="utf-8") as fh:
            n_triples = sum(1 for _ in fh)
        runs.append(
            {
                "spacy_s": t_spacy,
                "kg_s": t_build + t_rdf + t_ttl,
                "kg_build_s": t_build,
                "kg_graph_s": t_graph,
                "kg_rdf_s": t_rdf,
                "kg_turtle_s": t_ttl,
                "events": float(len(result.events)),
                "rdf_triples": float(n_triples),
            }
        )
        print(
            f"  spaCy {t_spacy:.1f} s | kg {t_build:.1f} s build (graph {t_graph:.2f}) "
            f"+ {t_ttl:.1f} s RDF/Turtle",
            flush=True,
        )
    best_spacy = min(r["spacy_s"] for r in runs)
    best = min(runs, key=lambda r: r["kg_s"])
    kg_wps = words / best["kg_s"]
    kg_parse_wps = words / best["kg_build_s"]
    spacy_wps = words / best_spacy
    return {
        "documents": len(docs),
        "words": words,
        "spacy_words_per_s": spacy_wps,
        "spacy_docs_per_s": len(docs) / best_spacy,
        "kg_words_per_s": kg_wps,
        "kg_docs_per_s": len(docs) / best["kg_s"],
        "kg_events_per_s": best["events"] / best["kg_s"],
        "kg_rdf_triples_per_s": best["rdf_triples"] / best["kg_s"],
        "kg_build_only_words_per_s": kg_parse_wps,
        "ratio_end_to_end": kg_wps / spacy_wps,
        "ratio_build_only": kg_parse_wps / spacy_wps,
        "events": int(best["events"]),
        "rdf_triples": int(best["rdf_triples"]),
        "runs": runs,
    }


def section_jobs(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """(b) --jobs 2 vs --jobs 1, and spaCy's own n_process scaling."""
    import kg

    docs = corpus.articles(args.docs)
    texts = [d.text for d in docs]
    words = _words(texts)
    nlp = bare_spacy(args.model)
    ex = kg.Extractor(model=args.model)
    list(nlp.pipe(texts[:4]))
    list(ex.process(docs[:4]))
    out: dict[str, Any] = {"documents": len(docs), "words": words}
    for n in (1, 2):
        print(f"  n_process={n} (load {_load()})", flush=True)
        t_spacy, _ = _time(
            lambda n=n: [None for _ in nlp.pipe(texts, batch_size=args.batch_size, n_process=n)]
        )
        t_kg, events = _time(
            lambda n=n: sum(
                len(evs) for _, evs in ex.process(docs, batch_size=args.batch_size, n_process=n)
            )
        )
        print(f"  spaCy {t_spacy:.1f} s | kg {t_kg:.1f} s ({events} events)", flush=True)
        out[f"spacy_{n}_s"] = t_spacy
        out[f"kg_{n}_s"] = t_kg
        out[f"spacy_{n}_words_per_s"] = words / t_spacy
        out[f"kg_{n}_words_per_s"] = words / t_kg
        out[f"kg_{n}_events"] = events
    out["kg_speedup"] = out["kg_1_s"] / out["kg_2_s"]
    out["spacy_speedup"] = out["spacy_1_s"] / out["spacy_2_s"]
    return out


def section_dask(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """The Dask engine: local clusters of 1 and 2 single-threaded workers."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        return {"skipped": "dask[distributed] is not installed (pip install 'kg[dask]')"}
    from kg.distributed import DaskExtractor, preload

    docs = corpus.articles(args.docs)
    words = _words([d.text for d in docs])
    out: dict[str, Any] = {"documents": len(docs), "words": words}
    for n in (1, 2):
        t_start, pair = _time(
            lambda n=n: (
                cluster := LocalCluster(
                    n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0"
                ),
                Client(cluster),
            )
        )
        cluster, client = pair
        try:
            t_load, _ = _time(lambda c=client: preload(c, args.model))
            dex = DaskExtractor(scheduler=client, model=args.model, partition_size=args.partition)
            print(f"  {n} worker(s) (load {_load()})", flush=True)
            t_run, events = _time(lambda d=dex: sum(len(evs) for _, evs in d.process(docs)))
        finally:
            client.close()
            cluster.close()
        print(
            f"  start {t_start:.1f} s, model load {t_load:.1f} s, run {t_run:.1f} s "
            f"({events} events)",
            flush=True,
        )
        out[f"workers_{n}_s"] = t_run
        out[f"workers_{n}_startup_s"] = t_start + t_load
        out[f"workers_{n}_words_per_s"] = words / t_run
        out[f"workers_{n}_docs_per_s"] = len(docs) / t_run
        out[f"workers_{n}_events"] = events
    out["speedup"] = out["workers_1_s"] / out["workers_2_s"]
    return out


def child_memory(size: int, mode: str, model: str | None, work: Path) -> dict[str, Any]:
    """Run in a fresh process: one build (or streaming extraction) of ``size`` documents."""
    import kg
    from kg.interchange import write_jsonl

    path = corpus.write_jsonl(corpus.iter_articles(size), work / f"corpus-{size}.jsonl")
    ex = kg.Extractor(model=model)
    base = _status("VmRSS")
    _reset_peak()
    t0 = time.perf_counter()
    if mode in ("build", "list"):
        out = work / f"out-{size}" if mode == "build" else None
        result = kg.build(path, out=out, extractor=ex)
        events = len(result.events)
        words = result.stats.words
    else:
        stats = kg.BuildStats()
        with (work / f"triples-{size}.jsonl").open("w", encoding="utf-8") as handle:
            events = write_jsonl(
                (e for _, evs in ex.process(kg.read_documents(path), stats=stats) for e in evs),
                handle,
            )
        words = stats.words
    seconds = time.perf_counter() - t0
    return {
        "size": size,
        "mode": mode,
        "seconds": seconds,
        "words": words,
        "events": events,
        "words_per_s": words / seconds,
        "rss_before_mib": base,
        "peak_mib": _status("VmHWM"),
    }


def _child(args: list[str]) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    sys.stdout.write(proc.stderr if "--verbose" in args else "")
    last = proc.stdout.strip().splitlines()[-1]
    value: dict[str, Any] = json.loads(last)
    return value


def section_memory(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """(c) peak RSS at two sizes, each in a subprocess."""
    sizes = [int(s) for s in args.memory_sizes.split(",")]
    out: dict[str, Any] = {"sizes": sizes, "runs": []}
    for mode in args.memory_modes.split(","):
        for size in sizes:
            print(f"  {mode} {size} documents (load {_load()})", flush=True)
            cmd = ["--child-memory", str(size), "--mode", mode, "--work", str(work)]
            if args.model:
                cmd += ["--model", args.model]
            run = _child(cmd)
            print(
                f"    {run['seconds']:.0f} s, {run['events']} events, "
                f"peak {run['peak_mib']} MiB (before {run['rss_before_mib']} MiB)",
                flush=True,
            )
            out["runs"].append(run)
        peaks = [r["peak_mib"] for r in out["runs"] if r["mode"] == mode]
        out[f"{mode}_ratio"] = peaks[-1] / peaks[0]
    return out


def child_icews(top: int, work: Path, turtle: bool) -> dict[str, Any]:
    """Run in a fresh process: ICEWS14 import -> graph -> alliance map -> RDF -> Turtle."""
    import matplotlib as mpl

    mpl.use("Agg")
    import matplotlib.pyplot as plt

    from kg.graph import build_graph
    from kg.importers import ImportReport, _blank_index, import_events
    from kg.plot import draw_alliances, save_figure
    from kg.rdf import export_rdf
    from kg.rdf_stream import export_turtle

    steps: list[Step] = []
    with step("gazetteer index (blank tokenizer)", steps):
        _blank_index()
    report = ImportReport()
    with step("import", steps) as s:
        events = list(import_events(ICEWS14, "icews", report=report))
        s.extra = {"records": report.rows, "events": len(events)}
    with step("build graph", steps) as s:
        graph = build_graph(events)
        s.extra = {"actors": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    with step(f"alliance map (top {top}) + PNG", steps):
        ax = draw_alliances(graph, top=top, title=f"ICEWS14: top {top} actors")
        save_figure(ax, work / "icews14_alliances.png")
        plt.close("all")
    if turtle:  # kg's RDF export (no rdflib graph): events -> sorted text -> file
        # what kg build writes (bounded memory: spilled runs, merged), then kg.rdf's
        # in-memory export of the same bytes, then N-Triples
        with step("RDF, Turtle (rdf_stream.export_turtle)", steps) as s:
            export_turtle(events, work / "icews14-stream.ttl", model_name="kg-import-icews")
            s.extra = {"bytes": (work / "icews14-stream.ttl").stat().st_size}
        with step("RDF, Turtle (export_rdf)", steps) as s:
            export_rdf(events, work / "icews14.ttl", model_name="kg-import-icews")
        same = filecmp.cmp(work / "icews14.ttl", work / "icews14-stream.ttl", shallow=False)
        s.extra = {"bytes": (work / "icews14.ttl").stat().st_size, "same bytes": same}
        with step("RDF, N-Triples (export_rdf)", steps) as s:
            export_rdf(events, work / "icews14.nt", model_name="kg-import-icews")
        with (work / "icews14.nt").open("rb") as fh:  # a line per triple (not timed)
            triples = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
        s.extra = {"triples": triples, "bytes": (work / "icews14.nt").stat().st_size}
    return {
        "records": report.rows,
        "events": report.events,
        "unmapped": sum(report.unmapped.values()),
        "actors_by_resolution": dict(report.actors),
        "steps": [s.__dict__ for s in steps],
        "png": str(work / "icews14_alliances.png"),
    }


def section_icews(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    cmd = ["--child-icews", "--top", str(args.top), "--work", str(work)]
    if args.no_turtle:
        cmd.append("--no-turtle")
    result = _child(cmd)
    for s in result["steps"]:
        print(f"  {s['name']:<34} {s['seconds']:8.2f} s  peak {s['peak_mib']:6d} MiB  {s['extra']}")
    return result


# --------------------------------------------------------------------------- report


def machine() -> dict[str, Any]:
    import spacy

    try:
        mem = int(re.findall(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[0])
        mem_gib = round(mem / 1024 / 1024, 1)
    except (OSError, IndexError):
        mem_gib = 0.0
    cpu = ""
    with contextlib.suppress(OSError):
        found = re.findall(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
        cpu = found[0] if found else ""
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": mem_gib,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "platform": platform.platform(),
    }


def render(results: dict[str, Any]) -> str:
    """The results as the Markdown table of bench/README.md."""
    rows: list[tuple[str, str, str, str]] = []
    t = results.get("throughput")
    if t:
        rows.append(
            (
                "(a) end to end vs bare spaCy",
                f"kg {t['kg_words_per_s']:.0f} w/s ({t['kg_docs_per_s']:.2f} docs/s, "
                f"{t['kg_events_per_s']:.1f} events/s, {t['kg_rdf_triples_per_s']:.0f} RDF "
                f"triples/s); spaCy {t['spacy_words_per_s']:.0f} w/s",
                f"{t['ratio_end_to_end']:.2f} (build without RDF: {t['ratio_build_only']:.2f})",
                ">= 0.80",
            )
        )
    j = results.get("jobs")
    if j:
        rows.append(
            (
                "(b) --jobs 2 vs --jobs 1",
                f"kg {j['kg_1_words_per_s']:.0f} -> {j['kg_2_words_per_s']:.0f} w/s; "
                f"spaCy {j['spacy_1_words_per_s']:.0f} -> {j['spacy_2_words_per_s']:.0f} w/s",
                f"kg {j['kg_speedup']:.2f}x, spaCy {j['spacy_speedup']:.2f}x",
                ">= 1.7x",
            )
        )
    d = results.get("dask")
    if d and "skipped" not in d:
        rows.append(
            (
                "Dask, 2 workers vs 1",
                f"{d['workers_1_words_per_s']:.0f} -> {d['workers_2_words_per_s']:.0f} w/s "
                f"(start-up {d['workers_1_startup_s']:.0f} / {d['workers_2_startup_s']:.0f} s)",
                f"{d['speedup']:.2f}x",
                "-",
            )
        )
    m = results.get("memory")
    if m:
        sizes = m["sizes"]
        for mode in ("build", "stream", "list"):
            runs = [r for r in m["runs"] if r["mode"] == mode]
            if len(runs) >= 2:
                peaks = " / ".join(f"{r['peak_mib']} MiB" for r in runs)
                rows.append(
                    (
                        f"(c) peak RSS {mode}, {sizes[0]} vs {sizes[-1]} docs",
                        peaks + f" ({runs[-1]['words_per_s']:.0f} w/s)",
                        f"{m[f'{mode}_ratio']:.2f}",
                        "<= 1.3",
                    )
                )
    lines = ["| measure | measured | ratio | target |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d_} |" for a, b, c, d_ in rows]
    i = results.get("icews")
    if i:
        lines += ["", "| ICEWS14 step | time | peak RSS | |", "|---|---|---|---|"]
        for s in i["steps"]:
            extra = ", ".join(f"{k} {v}" for k, v in s["extra"].items())
            lines.append(f"| {s['name']} | {s['seconds']:.1f} s | {s['peak_mib']} MiB | {extra} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200, help="Articles for (a), (b), dask.")
    parser.add_argument("--repeat", type=int, default=1, help="Runs of (a); the best counts.")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--partition", type=int, default=16, help="Dask: articles per task.")
    parser.add_argument("--memory-sizes", default="2000,20000")
    parser.add_argument("--memory-modes", default="build,stream")
    parser.add_argument("--top", type=int, default=30, help="ICEWS: actors on the map.")
    parser.add_argument("--no-turtle", action="store_true", help="ICEWS: skip RDF/Turtle.")
    parser.add_argument("--sections", default=",".join(SECTIONS))
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", type=Path, default=ROOT / "out" / "bench.json")
    parser.add_argument("--work", type=Path, default=None, help="Scratch folder.")
    parser.add_argument("--child-memory", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="build", help=argparse.SUPPRESS)
    parser.add_argument("--child-icews", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child_memory is not None or args.child_icews:
        work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
        if args.child_memory is not None:
            value = child_memory(args.child_memory, args.mode, args.model, work)
        else:
            value = child_icews(args.top, work, not args.no_turtle)
        print(json.dumps(value))
        return 0

    chosen = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = set(chosen) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections {sorted(unknown)}; valid: {', '.join(SECTIONS)}")
    info = machine()
    print(f"machine: {info}", flush=True)
    results: dict[str, Any] = {"machine": info, "load_before": _load()}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        funcs = {
            "throughput": section_throughput,
            "jobs": section_jobs,
            "dask": section_dask,
            "memory": section_memory,
            "icews": section_icews,
        }
        for name in SECTIONS:
            if name in chosen:
                print(f"[{name}]", flush=True)
                t0 = time.perf_counter()
                results[name] = funcs[name](args, work)
                results[name]["section_seconds"] = time.perf_counter() - t0
                results[name]["load_after"] = _load()
    results["load_after"] = _load()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    print()
    print(render(results))
    print(f"\n(results: {args.json})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
